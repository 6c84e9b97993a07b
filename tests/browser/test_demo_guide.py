"""The demo in a real browser: on the seeded demo data, the guide signs in as each role with
one click and every "thing to try" opens its populated stage, in English and in French.
Screenshots go to test-results/demo/ for a look."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from payments.demo_journey import journey_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "demo"

# What each role must find on its stages (seeded text, not just a page that answers).
EXPECTED = {
    "vendor": ["Accessible PDF remediation of ten forms"],
    # The question list, the market's answers, and the complete glossary contract waiting
    # for the buyer's assessment (issues 16 and 17).
    "buyer": [
        "Accessibility audit of an online grant application",
        "Plain-language review",
        "Revision of a bilingual glossary",
    ],
    "evaluator": ["Facilitation of two user-research workshops in Moncton"],
    "card_holder": ["Data dictionary for the procurement records"],
    "officer": ["Laurentides"],
}


@pytest.fixture
def demo(settings, transactional_db):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _walk(page, base, role_key, language, assert_accessible, only=None):
    """Open each thing to try of a role's section; return the text of every page."""
    section = page.locator(f"#role-{role_key}")
    links = section.locator("ol li")
    targets = []
    for index in range(links.count()):
        item = links.nth(index)
        note = item.locator(".muted")
        if note.count() and only and note.inner_text().strip("() ") != only:
            continue
        targets.append(item.locator("a").get_attribute("href"))
    assert 3 <= len(targets) <= 6, (role_key, targets)  # the visitor has six (issue 17)
    texts = []
    for number, href in enumerate(targets):
        if href.endswith(".csv"):  # a download: fetched with the page's cookies
            response = page.request.get(f"{base}{href}")
            assert response.status == 200 and response.body(), (role_key, href)
            continue
        response = page.goto(f"{base}{href}")
        assert response.status == 200, (role_key, href, response.status)
        main = page.locator("main")
        expect(main.locator("h1")).to_be_visible()
        texts.append(main.inner_text())
        page.screenshot(path=str(SHOTS / f"{language}-{role_key}-{number}.png"), full_page=True)
    return texts


def test_each_role_signs_in_from_the_guide_and_finds_its_stage(
    live_server, page, demo, assert_accessible
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    for language in ["en", "fr"]:
        page.goto(f"{base}/{language}/")
        banner = page.locator(".demo-banner")
        banner.get_by_role(
            "link", name="Demo guide" if language == "en" else "Guide de la démonstration"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Demo guide" if language == "en" else "Guide de la démonstration"
        )
        assert_accessible(page)
        page.screenshot(path=str(SHOTS / f"{language}-guide.png"), full_page=True)
        guide = page.url

        _walk(page, base, "visitor", language, assert_accessible)
        page.goto(guide)
        walked = set()
        for index in range(page.locator("section.demo-role").count()):
            page.goto(guide)
            section = page.locator("section.demo-role").nth(index)
            role_key = section.get_attribute("id").removeprefix("role-")
            buttons = section.locator("form.demo-sign-in")
            if not buttons.count():
                continue
            email = buttons.first.locator("input[name=email]").get_attribute("value")
            buttons.first.locator("button").click()
            page.wait_for_load_state()
            assert "/accounts/" not in page.url and "2fa" not in page.url, page.url
            page.goto(guide)
            texts = _walk(page, base, role_key, language, assert_accessible, only=email)
            for expected in EXPECTED.get(role_key, []) if language == "en" else []:
                assert any(expected in text for text in texts), (role_key, expected)
            walked.add(role_key)
            page.context.clear_cookies()
        assert walked == {
            "vendor",
            "buyer",
            "evaluator",
            "card_holder",
            "officer",
            "finance",
            "site_admin",
        }

    # The opportunity that closes during the demo is open, with its bids sealed.
    closing = journey_opportunity("closing")
    page.goto(f"{base}/en/opportunities/{closing.pk}/")
    expect(page.locator("main")).to_contain_text(closing.title_en)
