"""Issue 12 item 11, small things people notice, in English and French: the footer's
"Service status" is a page; the home page's "For everyone" card leads to awards and open
data; wide tables (audit log, ranking) scroll inside themselves at 320 CSS px."""

import os

import pytest
from playwright.sync_api import expect

from procurement_portal.models import Role
from tests.evaluations.factories import locked
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PORTAL_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


WORDS = {
    "en": ("Service status", "Awarded contracts", "Open data", "Working"),
    "fr": ("État du service", "Contrats attribués", "Données ouvertes", "Fonctionne"),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_footer_status_page_and_the_cards_links(live_server, page, assert_accessible, language):
    status, awarded, open_data, working = WORDS[language]
    page.goto(f"{live_server.url}/{language}/")
    card = page.locator("main .card").nth(2)
    expect(card.get_by_role("link", name=awarded)).to_be_visible()
    card.get_by_role("link", name=open_data).click()
    expect(page.locator("h1")).to_be_visible()
    assert "/open-data/" in page.url or "/donnees-ouvertes/" in page.url
    page.goto(f"{live_server.url}/{language}/")
    card.get_by_role("link", name=awarded).click()
    expect(page.locator("#id_status")).to_have_value("awarded")

    # The footer's link is in the GC Design System footer (a web component).
    link = page.locator("gcds-footer").get_by_role("link", name=status)
    response_url = link.get_attribute("href")
    assert response_url and "healthz" not in response_url
    link.click()
    expect(page.locator("h1")).to_have_text(status)
    assert "application/json" not in (page.evaluate("document.contentType") or "")
    expect(page.locator("main table")).to_contain_text(working)
    if language == "fr":  # every part named in French too
        expect(page.locator("main table")).not_to_contain_text("Records")
        expect(page.locator("main table")).to_contain_text("Dossiers")
    assert_accessible(page)
    _shot(page, f"{language}-service-status.png")


WIDEST = """() => {
  const all = [];
  const walk = (root) => root.querySelectorAll('*').forEach((el) => {
    all.push(el); if (el.shadowRoot) walk(el.shadowRoot); });
  walk(document);
  return all
  .filter((el) => el.getBoundingClientRect().right > 321 && !el.closest('.table-scroll table'))
  .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))
  .slice(0, 15); }"""


def _fits_320(page):
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDEST)
    assert width <= 320, f"the page scrolls sideways at 320 px ({width}px): {wide}"
    region = page.locator(".table-scroll").first
    inner = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner[0] > inner[1], "the table should scroll inside its own region"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_wide_tables_scroll_inside_themselves_at_320_px(
    live_server, browser, sign_in, department, assert_accessible, language, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    opportunity, _buyer, evaluators, _owners, _members = locked(department, [9, 5])
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    context = browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    sign_in(page, officer, language)
    page.goto(f"{live_server.url}/{language}/{'audit' if language == 'en' else 'journal-audit'}/")
    _fits_320(page)
    assert_accessible(page)
    _shot(page, f"{language}-audit-320.png")
    context.clear_cookies()
    sign_in(page, evaluators[0], language)
    ranking = "ranking" if language == "en" else "classement"
    page.goto(f"{live_server.url}/{language}/evaluations/{opportunity.pk}/{ranking}/")
    expect(page.locator(".table-scroll table")).to_be_attached()
    _fits_320(page)
    assert_accessible(page)
    _shot(page, f"{language}-ranking-320.png")
