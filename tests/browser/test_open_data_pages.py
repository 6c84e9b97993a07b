"""The public dashboard, the open-data page and an award notice, in English and French,
with axe-core on each page."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.open_data.factories import full_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_transparency_pages_in_both_languages(
    live_server, page, assert_accessible, department, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    opportunity, *_ = full_journey(department)
    for language, slugs, heading in [
        ("en", ("dashboard", "open-data", "awards"), "How the pilot is doing"),
        (
            "fr",
            ("tableau-de-bord", "donnees-ouvertes", "attributions"),
            "Où en est le projet pilote",
        ),
    ]:
        dashboard, open_data, awards = slugs
        page.goto(f"{live_server.url}/{language}/{dashboard}/")
        expect(page.locator("h1")).to_have_text(heading)
        images = page.locator("main figure img")
        # Four charts of the pilot's measures and the departments' concentration (issue 17).
        expect(images).to_have_count(5)
        for index in range(5):  # every chart loads as an image (CSP allows it)
            assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
        page.locator("main details").first.click()
        assert_accessible(page)
        page.locator("#id_period").select_option("all")
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(
            f"{live_server.url}/{language}/{dashboard}/?department=&period=all"
        )
        page.goto(f"{live_server.url}/{language}/{open_data}/")
        assert_accessible(page)
        page.goto(f"{live_server.url}/{language}/{awards}/{opportunity.pk}/")
        expect(page.locator("main")).to_contain_text(
            opportunity.title_en if language == "en" else opportunity.title_fr
        )
        assert_accessible(page)
