"""Issue 3's journey in a browser, the buyer working in French."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opportunities.models import Opportunity
from opportunities.services.lifecycle import earliest_closing
from procurement_portal.models import Category, Role
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_find_ask_answer(live_server, browser, sign_in, assert_accessible, department):
    buyer = make_user(Role.BUYER, department=department)
    vendor = make_user(Role.VENDOR_MEMBER, email="curious@distinctive-vendor.ca")
    closes = timezone.localtime(earliest_closing() + timedelta(days=3))

    # The buyer drafts in French.
    buyer_page = browser.new_context().new_page()
    sign_in(buyer_page, buyer, "fr")
    buyer_page.goto(f"{live_server.url}/fr/occasions/nouvelle/")
    assert_accessible(buyer_page)
    form = {
        "title_en": "Pergola repair at a visitor centre",
        "title_fr": "Réparation d’une pergola au centre d’accueil",
        "summary_en": "Repair and stain a wooden pergola.",
        "summary_fr": "Réparer et teindre une pergola en bois.",
        "description_en": "Replace two beams and stain the whole structure.",
        "description_fr": "Remplacer deux poutres et teindre toute la structure.",
        "max_budget": "6400.00",
        "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
    }
    for name, value in form.items():
        buyer_page.locator(f"[name={name}]").fill(value)
    buyer_page.locator("[name=category]").select_option(
        str(Category.objects.get(slug="goods-equipment").pk)
    )
    buyer_page.locator("main form button[type=submit]").click()
    expect(buyer_page).to_have_url(re.compile(r"/fr/occasions/\d+/modifier/$"))
    opportunity = Opportunity.objects.get(title_en=form["title_en"])

    for index, (name, weight, price) in enumerate(
        [("Approche", "60", False), ("Expérience", "20", False), ("Prix", "20", True)]
    ):
        buyer_page.locator(f"[name=criteria-{index}-name_en]").fill(name)
        buyer_page.locator(f"[name=criteria-{index}-name_fr]").fill(name)
        buyer_page.locator(f"[name=criteria-{index}-weight]").fill(weight)
        if price:
            buyer_page.locator(f"[name=criteria-{index}-is_price]").check()
    assert_accessible(buyer_page)
    buyer_page.locator("button[name=publish]").click()
    expect(buyer_page).to_have_url(re.compile(r"/fr/occasions/\d+/publier/$"))
    assert_accessible(buyer_page)
    buyer_page.locator("main form button[type=submit]").click()
    expect(buyer_page).to_have_url(re.compile(rf"/fr/occasions/{opportunity.pk}/$"))
    expect(buyer_page.locator("h1")).to_have_text(form["title_fr"])

    # A visitor finds it by a French word and by an English word.
    visitor = browser.new_context().new_page()
    for language, word in [("fr", "pergola"), ("fr", "poutres"), ("en", "repair")]:
        visitor.goto(
            f"{live_server.url}/{language}/"
            f"{'occasions' if language == 'fr' else 'opportunities'}/?q={word}"
        )
        link = visitor.locator(".result__title a").first
        expect(link).to_have_attribute(
            "href",
            f"/{language}/{'occasions' if language == 'fr' else 'opportunities'}/{opportunity.pk}/",
        )
    assert_accessible(visitor)

    # A vendor asks a question.
    vendor_page = browser.new_context().new_page()
    sign_in(vendor_page, vendor, "en")
    vendor_page.goto(f"{live_server.url}/en/opportunities/{opportunity.pk}/")
    assert_accessible(vendor_page)
    vendor_page.locator("#id_text").fill("May we work on a weekend?")
    vendor_page.locator("form[action$='/ask/'] button[type=submit]").click()
    expect(vendor_page.locator(".message--success")).to_be_visible()

    # The buyer answers from the questions page.
    buyer_page.goto(f"{live_server.url}/fr/occasions/{opportunity.pk}/questions/")
    assert_accessible(buyer_page)
    buyer_page.locator("main a.button").first.click()
    # The question comes in the vendor's words; the buyer publishes it in French too.
    buyer_page.locator("#id_question_en").fill("May we work on a weekend?")
    buyer_page.locator("#id_question_fr").fill("Pouvons-nous travailler la fin de semaine?")
    buyer_page.locator("#id_answer_en").fill("Yes, on Saturdays.")
    buyer_page.locator("#id_answer_fr").fill("Oui, le samedi.")
    assert_accessible(buyer_page)
    buyer_page.locator("main form button[type=submit]").click()

    # The answer is public, without who asked.
    visitor.goto(f"{live_server.url}/fr/occasions/{opportunity.pk}/")
    expect(visitor.locator(".qa")).to_contain_text("Oui, le samedi.")
    expect(visitor.locator(".qa")).to_contain_text("Pouvons-nous travailler la fin de semaine?")
    body = visitor.content()
    assert "distinctive-vendor" not in body and vendor.full_name not in body
    assert_accessible(visitor)
