"""Issue 17, items 2 and 4 through the pages, in English and French: a vendor keeps its
catalogue and visitors find it in the directory; a buyer chooses the clauses against
lock-in and publishes; the dashboard shows each department's most-used vendors."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from opportunities.models import ContractClause
from procurement_portal.models import Category, Role
from tests.factories import make_user
from tests.opportunities.factories import ready_draft
from tests.vendors.factories import make_vendor
from vendors.models import CatalogueItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Screenshots to look at (not compared): PORTAL_SCREENSHOTS, else the temporary directory.
SHOTS = Path(os.environ.get("PORTAL_SCREENSHOTS", Path(tempfile.gettempdir()) / "shots"))


@pytest.fixture(autouse=True)
def _shots_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)


def test_a_vendor_keeps_its_catalogue_and_visitors_find_it(
    live_server, browser, sign_in, assert_accessible
):
    vendor = make_vendor(legal_name="Plain Words Inc.", operating_name="")
    page = browser.new_context().new_page()
    sign_in(page, vendor.members.get().user, "en")

    # Add a service in English; a backwards price range is refused at the field.
    page.goto(f"{live_server.url}/en/my-business/")
    page.get_by_role("link", name="Add a product or service").click()
    expect(page).to_have_url(re.compile(r"/en/my-business/catalogue/new/$"))
    assert_accessible(page)
    page.locator("input[name=kind][value=service]").check()
    for name, value in {
        "name_en": "Plain-language rewrite",
        "name_fr": "Réécriture en langage clair",
        "description_en": "We rewrite one letter or form in plain language.",
        "description_fr": "Nous réécrivons une lettre ou un formulaire en langage clair.",
        "price_min": "1,500",
        "price_max": "900",
    }.items():
        page.locator(f"[name={name}]").fill(value)
    translation = Category.objects.get(slug="services-translation")
    page.locator("[name=category]").select_option(str(translation.pk))
    page.locator("input[name=languages][value=fr]").check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#id_price_max_error")).to_contain_text("cannot be lower")
    assert_accessible(page)
    page.locator("[name=price_max]").fill("2,500")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/en/my-business/#catalogue$"))
    expect(page.locator("#catalogue + p + table")).to_contain_text("$1,500.00 to $2,500.00")
    page.screenshot(path=f"{SHOTS}/my-business-catalogue-en.png", full_page=True)

    # Change it in French: the amount reads the French way.
    page.goto(f"{live_server.url}/fr/mon-entreprise/")
    page.get_by_role("link", name=re.compile("Réécriture en langage clair")).click()
    expect(page.locator("[name=price_min]")).to_have_value("1500,00")
    page.locator("[name=price_max]").fill("3 000,00")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".message--success")).to_contain_text("Catalogue enregistré")
    assert CatalogueItem.objects.get().price_max == 3000
    assert_accessible(page)

    # A visitor searches the directory by what vendors sell, in both languages.
    visitor = browser.new_context().new_page()
    make_vendor(legal_name="Other Co.", operating_name="")
    visitor.goto(f"{live_server.url}/fr/fournisseurs/")
    visitor.locator("[name=item_q]").fill("langage clair")
    visitor.locator("[name=item_language]").select_option("fr")
    visitor.locator("[name=max_price]").fill("2 000")
    visitor.locator("main form[role=search] button[type=submit]").click()
    results = visitor.locator(".result")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Réécriture en langage clair")
    expect(results.first).to_contain_text("1\u00a0500,00\u00a0$ à 3\u00a0000,00\u00a0$")
    assert_accessible(visitor)
    visitor.screenshot(path=f"{SHOTS}/directory-fr.png", full_page=True)
    visitor.locator("[name=max_price]").fill("1000")
    visitor.locator("main form[role=search] button[type=submit]").click()
    expect(visitor.locator(".empty-state")).to_be_visible()
    visitor.goto(f"{live_server.url}/en/vendors/?item_kind=service&max_price=1%2C500")
    expect(visitor.locator(".result")).to_have_count(1)
    visitor.locator(".result a", has_text="Plain-language rewrite").click()
    expect(visitor.locator(f"#item-{CatalogueItem.objects.get().pk}")).to_contain_text(
        "Languages of service: French"
    )
    assert_accessible(visitor)
    visitor.screenshot(path=f"{SHOTS}/profile-en.png", full_page=True)

    # The vendor removes it, after a confirmation (in French).
    page.goto(f"{live_server.url}/fr/mon-entreprise/")
    page.get_by_role("link", name=re.compile("Réécriture en langage clair")).click()
    page.get_by_role("link", name="Retirer du catalogue").click()
    expect(page.locator("h1")).to_contain_text("Retirer «\u00a0Réécriture en langage clair\u00a0»")
    assert_accessible(page)
    page.locator("button[name=confirm]").click()
    expect(page.locator(".message--success")).to_contain_text("retiré du catalogue")
    assert not CatalogueItem.objects.exists()


def test_the_buyer_chooses_the_clauses_and_the_dashboard_shows_concentration(
    live_server, browser, sign_in, assert_accessible, department
):
    buyer = make_user(Role.BUYER, department=department)
    draft = ready_draft(owner=buyer, department=department)
    gpl = ContractClause.objects.current().get(kind="open_source", option="gpl-3-0")
    vendor_owns = ContractClause.objects.current().get(
        kind="intellectual_property", option="vendor-owns-licence"
    )
    page = browser.new_context().new_page()
    sign_in(page, buyer, "fr")
    page.goto(f"{live_server.url}/fr/occasions/{draft.pk}/modifier/")
    # The defaults are preselected.
    expect(page.locator("input[name=licence_clause]:checked")).to_have_count(1)
    mit = ContractClause.objects.current().get(kind="open_source", option="mit")
    expect(page.locator(f"input[name=licence_clause][value='{mit.pk}']")).to_be_checked()
    expect(page.locator("main form")).to_contain_text("Licence MIT — Le code source est publié")
    page.locator(f"input[name=licence_clause][value='{gpl.pk}']").check()
    page.locator(f"input[name=ip_clause][value='{vendor_owns.pk}']").check()
    assert_accessible(page)
    page.locator("button[name=publish]").click()
    expect(page).to_have_url(re.compile(r"/fr/occasions/\d+/publier/$"))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/fr/occasions/{draft.pk}/$"))
    clauses = page.locator("#clauses + p + dl")
    expect(clauses).to_contain_text("Licence publique générale GNU 3.0")
    expect(clauses).to_contain_text("Le fournisseur est propriétaire du travail")
    expect(clauses).to_contain_text("L’État est propriétaire des données")  # the default
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/opportunity-clauses-fr.png", full_page=True)
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/en/opportunities/{draft.pk}/")
    expect(visitor.locator("#clauses + p + dl")).to_contain_text("GNU General Public License 3.0")
    assert_accessible(visitor)

    # The dashboard: the department's most-used vendors and its repeat awards.
    from tests.payments.factories import quick_contract

    regular = make_vendor()
    quick_contract(department, vendor=regular, price="6000")
    quick_contract(department, vendor=regular, price="3000")
    quick_contract(department, price="1000")
    from django.core.cache import cache

    cache.clear()
    from django.urls import reverse
    from django.utils import translation

    for language, words in [
        ("en", ["90%", "100%", "$10,000.00"]),
        ("fr", ["90\u00a0%", "10\u00a0000,00\u00a0$"]),
    ]:
        with translation.override(language):
            path = reverse("dashboard")
        visitor.goto(f"{live_server.url}{path}?period=all")
        table = visitor.locator("#concentration-title ~ table")
        row = table.locator("tbody tr").first
        for word in words:
            expect(row).to_contain_text(word)
        expect(row.locator("td").last).to_have_text("1")  # one repeat award
        assert_accessible(visitor)
        visitor.screenshot(path=f"{SHOTS}/dashboard-{language}.png", full_page=True)
