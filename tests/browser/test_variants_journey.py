"""Issue 16, item 4, walked in a browser in English and French with axe-core: the buyer
accepts variants in the draft, the opportunity page says so, and a vendor submits a base
proposal and then a variant of it, each with its own receipt."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from opportunities.models import Proposal
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft
from tests.vendors.factories import make_vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/stages")  # noqa: S108 - looked at by hand, not kept

TEXT = {
    "en": {
        "variants_field": "Variants allowed per vendor",
        "save": "Save the draft",
        "accepted": "Variants are accepted",
        "variants": "Variants",
        "variant_1": "Variant 1",
        "variant_title": "Variant 1 of your proposal",
        "save_review": "Save and review before submitting",
        "review": "Review and submit variant 1 of your proposal",
        "submit": "Submit the proposal",
        "base_first": "Submit your base proposal before its variants.",
        "submitted": "Submitted",
    },
    "fr": {
        "variants_field": "Variantes permises par fournisseur",
        "save": "Enregistrer l’ébauche",
        "accepted": "Les variantes sont acceptées",
        "variants": "Variantes",
        "variant_1": "Variante 1",
        "variant_title": "Variante 1 de votre proposition",
        "save_review": "Enregistrer et vérifier avant la soumission",
        "review": "Vérifier et soumettre la variante 1 de votre proposition",
        "submit": "Soumettre la proposition",
        "base_first": "Soumettez votre proposition de base avant ses variantes.",
        "submitted": "Soumise",
    },
}


def _url(live_server, name, language, **kwargs):
    with translation.override(language):
        return f"{live_server.url}{reverse(name, kwargs=kwargs)}"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _write_and_submit(page, criteria, words, text):
    page.locator("#id_price").fill("7000")
    for criterion in criteria:
        page.locator(f"#id_c_{criterion.pk}").fill(text)
    page.get_by_role("button", name=words["save_review"]).click()
    expect(page).to_have_url(re.compile(r"/(submit|soumettre)/$"))
    page.locator("#id_declaration").check()
    page.get_by_role("button", name=words["submit"]).click()
    expect(page).to_have_url(re.compile(r"/R\d+-\d+-1/$"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_buyer_accepts_variants_and_a_vendor_submits_a_base_and_a_variant(
    live_server, browser, sign_in, assert_accessible, language
):
    words = TEXT[language]
    # The buyer sets the number of variants in the draft.
    draft = ready_draft()
    buyer = draft.owner
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(_url(live_server, "opportunity_edit", language, pk=draft.pk))
    page.get_by_label(words["variants_field"]).fill("2")
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.locator(".message--success").first).to_be_visible()
    draft.refresh_from_db()
    assert draft.variants_allowed == 2
    page.context.close()

    opportunity = published(owner=make_user(Role.BUYER), variants_allowed=2)
    criteria = list(opportunity.criteria.filter(is_price=False))
    user = make_vendor(legal_name="Variantia Conseil Inc.").members.get().user
    page = browser.new_context().new_page()
    sign_in(page, user, language)
    page.goto(_url(live_server, "opportunity_detail", language, pk=opportunity.pk))
    expect(page.locator("#variants")).to_contain_text(words["accepted"])

    # The base proposal first; its page lists the variants the opportunity accepts.
    page.goto(_url(live_server, "proposal_edit", language, pk=opportunity.pk))
    _write_and_submit(page, criteria, words, "On-site sessions in three steps.")
    page.goto(_url(live_server, "proposal_edit", language, pk=opportunity.pk))
    variants = page.locator("#variants-title")
    expect(variants).to_have_text(words["variants"])
    _shot(page, f"variants-base-{language}")
    assert_accessible(page)

    # Then variant 1: another way, submitted with a receipt of its own.
    page.get_by_role("link", name=words["variant_1"], exact=True).click()
    expect(page.locator("h1")).to_have_text(words["variant_title"])
    page.locator("#id_price").fill("6500")
    for criterion in criteria:
        page.locator(f"#id_c_{criterion.pk}").fill("A self-paced online course.")
    page.get_by_role("button", name=words["save_review"]).click()
    expect(page.locator("h1")).to_have_text(words["review"])
    _shot(page, f"variants-review-{language}")
    assert_accessible(page)
    page.locator("#id_declaration").check()
    page.get_by_role("button", name=words["submit"]).click()
    expect(page).to_have_url(re.compile(r"/R\d+-\d+-1/$"))
    expect(page.locator("main")).to_contain_text(words["variant_1"])
    _shot(page, f"variants-receipt-{language}")
    assert_accessible(page)
    base, variant = Proposal.objects.order_by("variant_number")
    assert (base.status, variant.status, variant.variant_number) == ("submitted", "submitted", 1)
    assert variant.last_receipt.number != base.last_receipt.number

    # The base's page shows the variant as submitted.
    page.goto(_url(live_server, "proposal_edit", language, pk=opportunity.pk))
    expect(page.locator("section[aria-labelledby=variants-title]")).to_contain_text(
        words["submitted"]
    )
