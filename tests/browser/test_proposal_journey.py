"""A vendor prepares, submits and gets a receipt; the buyer sees a count, never content."""

import re

import pytest
from playwright.sync_api import expect

from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vendor_submits_and_gets_a_receipt(
    live_server, browser, sign_in, assert_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buyer = make_user(Role.BUYER)
    opportunity = published(owner=buyer)
    vendor = make_vendor(legal_name="Lumen Works Ltd.", operating_name="Lumen Works")
    owner = vendor.members.get().user
    page = browser.new_context().new_page()
    sign_in(page, owner, "fr")
    page.goto(f"{live_server.url}/fr/occasions/{opportunity.pk}/proposition/")
    assert_accessible(page)
    page.locator("#id_price").fill("7200")
    for criterion in opportunity.criteria.filter(is_price=False):
        page.locator(f"#id_c_{criterion.pk}").fill(
            "Lumen Works propose une démarche en trois étapes, testée avec des usagers."
        )
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(
        re.compile(
            rf"/fr/occasions/{opportunity.pk}/proposition/"
            r"soumettre/$"
        )
    )
    expect(page.locator(".message--warning")).to_contain_text("Lumen Works")  # anonymity
    assert_accessible(page)
    page.locator("#id_declaration").check()  # the declaration the vendor makes (issue 12)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/accuses-de-reception/R\d+-\d+-1/$"))
    expect(page.locator(".fingerprint")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    assert_accessible(page)

    buyer_page = browser.new_context().new_page()
    sign_in(buyer_page, buyer, "en")
    buyer_page.goto(f"{live_server.url}/en/opportunities/{opportunity.pk}/")
    expect(buyer_page.get_by_text("1 proposal received")).to_be_visible()
    assert "trois étapes" not in buyer_page.content()
