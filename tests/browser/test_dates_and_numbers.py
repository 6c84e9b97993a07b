"""Issue 12 item 8, in a browser, in English and French: every `<time datetime>` on the main
pages is a valid HTML date-time (no microseconds), times show the zone in the reader's
language, and amounts are read in the reader's notation ("6 900,50" / "6,900.50")."""

import os
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from opportunities.services.addenda import addendum_post
from procurement_portal.models import Role
from tests.factories import make_user
from tests.open_data.factories import full_journey
from tests.opportunities.factories import published
from tests.portal.test_dates_and_numbers import valid_time_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PORTAL_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_time_elements_and_zones_on_the_main_pages(
    live_server, browser, sign_in, department, settings, tmp_path, assert_accessible
):
    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, owners, payment = full_journey(department)
    open_one = published(owner=buyer)
    addendum_post(
        opportunity=open_one, actor=buyer, text_en="The deadline stays.", text_fr="La date reste."
    )
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    receipt = owners[0].vendor_membership.vendor.proposals.get().receipts.first()
    page = browser.new_context().new_page()
    sign_in(page, officer, "en")
    zones = {"en": ("EST", "EDT"), "fr": ("HNE", "HAE")}
    for language, paths in {
        "en": [
            f"/en/opportunities/{open_one.pk}/",
            "/en/opportunities/",
            "/en/audit/",
            f"/en/opportunities/{opportunity.pk}/",
        ],
        "fr": [
            f"/fr/occasions/{open_one.pk}/",
            "/fr/occasions/",
            "/fr/journal-audit/",
            f"/fr/occasions/{opportunity.pk}/",
        ],
    }.items():
        seen = 0
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert page.title(), path
            for element in page.locator("time").all():
                value = element.get_attribute("datetime") or ""
                assert valid_time_value(value), (path, value)
                text = element.inner_text()
                assert "." not in text.replace("a.m.", "").replace("p.m.", ""), (path, text)
                if "T" in value:  # a moment, not a day: the zone in the reader's language
                    assert text.endswith(zones[language]), (path, text)
                seen += 1
        assert seen >= 4, seen  # closing times, the addendum, the audit log
        page.goto(f"{live_server.url}{paths[2]}")
        assert_accessible(page)
        _shot(page, f"{language}-audit.png")
    page.context.clear_cookies()
    sign_in(page, owners[0], "fr")
    page.goto(f"{live_server.url}/fr/accuses-de-reception/{receipt.number}/")
    value = page.locator("main time").first.get_attribute("datetime")
    assert valid_time_value(value), value


@pytest.mark.parametrize(
    ("language", "path", "typed"),
    [
        ("fr", "/fr/occasions/", "6 900,50"),
        ("fr", "/fr/occasions/", "6900,50"),  # once read as 690050
        ("fr", "/fr/occasions/", "6\u202f900,50"),
        ("en", "/en/opportunities/", "6,900.50"),
    ],
)
def test_amounts_in_the_readers_notation(live_server, page, department, language, path, typed):
    cheap = published(department=department, max_budget=Decimal("6000.00"), title_en="Cheap one")
    published(owner=cheap.owner, max_budget=Decimal("8500.00"), title_en="Dear one")
    page.goto(f"{live_server.url}{path}")
    page.locator("#id_budget_max").fill(typed)
    page.locator("main form[role=search] button[type=submit]").click()
    found = "1 occasion trouvée" if language == "fr" else "1 opportunity found"
    expect(page.locator("main [role=status]")).to_have_text(found)
    expect(page.locator("#id_budget_max")).to_have_value(typed)  # as typed, not rewritten
    # A value that could be read two ways is refused at its field, not guessed.
    page.locator("#id_budget_max").fill("6.900" if language == "fr" else "6.900,50")
    page.locator("main form[role=search] button[type=submit]").click()
    message = page.locator("#id_budget_max_error")
    expect(message).to_contain_text("6\u00a0900,50" if language == "fr" else "6,900.50")
    if language == "fr":
        _shot(page, "fr-budget-refused.png")
