"""Issue 12, items 2 to 4, walked in a browser in English and French with axe-core:
nothing typed is lost when a document is attached or removed (proposal and opportunity
draft), the irreversible steps ask for confirmation first, and the vendor reviews
everything before submitting and is told what happens next."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from opportunities.models import Addendum, Opportunity, OpportunityStatus, Proposal
from procurement_portal.dates import long_datetime_in
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft
from tests.vendors.factories import PDF, make_vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/forms")  # noqa: S108 - looked at by hand, not kept

TEXT = {
    "en": {
        "attach": "Attach",
        "save_review": "Save and review before submitting",
        "price": "$7,300.00",
        "declaration": "the information in it is true and complete",
        "declaration_error": "Tick the declaration to submit.",
        "submit": "Submit the proposal",
        "next": "What happens next",
        "withdraw": "Withdraw the proposal",
        "permanent": "This cannot be undone.",
        "publish": "Publish now",
        "post": "Post the addendum",
        "change": "Change what I entered",
        "cancel": "Cancel the opportunity",
        "review_publish": "Save and review for publishing",
    },
    "fr": {
        "attach": "Joindre",
        "save_review": "Enregistrer et vérifier avant la soumission",
        "price": "7\u00a0300,00\u00a0$",
        "declaration": "les renseignements qu’elle contient sont exacts et complets",
        "declaration_error": "Cochez la déclaration pour soumettre la proposition.",
        "submit": "Soumettre la proposition",
        "next": "La suite",
        "withdraw": "Retirer la proposition",
        "permanent": "Cette action est irréversible.",
        "publish": "Publier maintenant",
        "post": "Publier la modification",
        "change": "Modifier ce que j’ai saisi",
        "cancel": "Annuler l’occasion",
        "review_publish": "Enregistrer et vérifier avant la publication",
    },
}


def _url(live_server, name, language, **kwargs):
    with translation.override(language):
        return f"{live_server.url}{reverse(name, kwargs=kwargs)}"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_vendor_keeps_what_was_typed_reviews_submits_and_withdraws(
    live_server, browser, sign_in, assert_accessible, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path / "media"
    words = TEXT[language]
    for name in ["plan.pdf", "annex.pdf"]:
        (tmp_path / name).write_bytes(PDF)
    opportunity = published()
    criteria = list(opportunity.criteria.filter(is_price=False))
    owner = make_vendor(legal_name="Lumen Works Ltd.", operating_name="Lumen Works")
    user = owner.members.get().user
    page = browser.new_context().new_page()
    sign_in(page, user, language)
    page.goto(_url(live_server, "proposal_edit", language, pk=opportunity.pk))

    # Type the price and the answers, then attach a document: nothing typed is lost.
    page.locator("#id_price").fill("7200")
    for criterion in criteria:
        page.locator(f"#id_c_{criterion.pk}").fill(f"Lumen Works: three steps ({criterion.pk}).")
    page.locator("#id_file").set_input_files(str(tmp_path / "plan.pdf"))
    page.get_by_role("button", name=words["attach"], exact=True).click()
    expect(page).to_have_url(re.compile(r"#documents$"))
    expect(page.locator("#id_price")).to_have_value(_amount("7200.00", language))
    for criterion in criteria:
        expect(page.locator(f"#id_c_{criterion.pk}")).to_have_value(
            f"Lumen Works: three steps ({criterion.pk})."
        )
    expect(page.locator(".document-list")).to_contain_text("plan.pdf")
    proposal = Proposal.objects.get()
    assert proposal.price == Decimal("7200")  # saved, not only shown
    _shot(page, f"proposal-form-{language}")
    assert_accessible(page)

    # Change the price, then remove the document: the new price is kept and saved.
    page.locator("#id_price").fill("7300")
    page.locator(".document-list button").click()
    expect(page.locator(".document-list")).to_have_count(0)
    expect(page.locator("#id_price")).to_have_value(_amount("7300.00", language))
    proposal.refresh_from_db()
    assert proposal.price == Decimal("7300") and not proposal.attachments.exists()

    # A document chosen before "Save and review" is attached too.
    page.locator("#id_file").set_input_files(str(tmp_path / "annex.pdf"))
    page.get_by_role("button", name=words["save_review"]).click()
    expect(page).to_have_url(re.compile(r"/(submit|soumettre)/$"))
    main = page.locator("main")
    expect(main).to_contain_text(words["price"])
    for criterion in criteria:
        expect(main).to_contain_text(f"Lumen Works: three steps ({criterion.pk}).")
    expect(main).to_contain_text("annex.pdf")
    expect(page.locator(".message--warning")).to_contain_text("Lumen Works")
    expect(main).to_contain_text(words["declaration"])
    _shot(page, f"proposal-review-{language}")
    assert_accessible(page)

    # The declaration is required, then the receipt says what happens next and when.
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.locator(".error-summary")).to_contain_text(words["declaration_error"])
    page.locator("#id_declaration").check()
    page.get_by_role("button", name=words["submit"]).click()
    expect(page).to_have_url(re.compile(r"/R\d+-\d+-1/$"))
    with translation.override(language):
        closes = long_datetime_in(opportunity.closes_at, opportunity.time_zone)
    expect(page.locator("#next-title")).to_have_text(words["next"])
    expect(main).to_contain_text(closes)
    _shot(page, f"proposal-receipt-{language}")
    assert_accessible(page)

    # Withdrawing asks first, then withdraws.
    page.goto(_url(live_server, "proposal_edit", language, pk=opportunity.pk))
    page.get_by_role("link", name=words["withdraw"]).click()
    expect(main).to_contain_text(words["permanent"])
    assert Proposal.objects.get().status == "submitted"
    _shot(page, f"proposal-withdraw-confirm-{language}")
    assert_accessible(page)
    page.locator("button[name=confirm]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Proposal.objects.get().status == "withdrawn"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_buyer_keeps_the_draft_and_confirms_publish_addendum_and_cancel(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path / "media"
    words = TEXT[language]
    (tmp_path / "terms.pdf").write_bytes(PDF)
    buyer = make_user(Role.BUYER, department=department)
    opportunity = ready_draft(owner=buyer)
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)

    # The draft: a typed title survives attaching a document.
    page.goto(_url(live_server, "opportunity_edit", language, pk=opportunity.pk))
    page.locator("#id_title_en").fill("Typed just before attaching")
    page.locator("#id_file").set_input_files(str(tmp_path / "terms.pdf"))
    page.get_by_role("button", name=words["attach"], exact=True).click()
    expect(page.locator("#id_title_en")).to_have_value("Typed just before attaching")
    expect(page.locator(".document-list")).to_contain_text("terms.pdf")
    assert Opportunity.objects.get(pk=opportunity.pk).title_en == "Typed just before attaching"
    _shot(page, f"opportunity-draft-{language}")
    assert_accessible(page)

    # Publishing asks first: what happens, who is told, what cannot be undone.
    page.get_by_role("button", name=words["review_publish"]).click()
    expect(page.locator("main")).to_contain_text(words["permanent"])
    _shot(page, f"publish-confirm-{language}")
    assert_accessible(page)
    page.get_by_role("button", name=words["publish"]).click()
    expect(page).to_have_url(re.compile(rf"/{opportunity.pk}/$"))
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.PUBLISHED

    # An addendum: the confirmation shows the text; "Change" brings the form back filled.
    page.goto(_url(live_server, "addendum_create", language, pk=opportunity.pk))
    page.locator("#id_text_en").fill("The closing time moves by a week.")
    page.locator("#id_text_fr").fill("L’heure de clôture est reportée d’une semaine.")
    page.get_by_role("button", name=words["post"]).click()
    expect(page.locator(".confirmation__summary")).to_contain_text("reportée d’une semaine")
    _shot(page, f"addendum-confirm-{language}")
    assert_accessible(page)
    assert not Addendum.objects.exists()
    page.get_by_role("button", name=words["change"]).click()
    expect(page.locator("#id_text_en")).to_have_value("The closing time moves by a week.")
    page.get_by_role("button", name=words["post"]).click()
    page.locator("button[name=confirm]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Addendum.objects.get().text_en == "The closing time moves by a week."

    # Cancelling asks first, with the public reason shown.
    other = published(owner=buyer)
    page.goto(_url(live_server, "opportunity_cancel", language, pk=other.pk))
    page.locator("#id_reason").fill("The budget was withdrawn.")
    page.locator("#id_reason_fr").fill("Le budget a été retiré.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".confirmation__summary")).to_contain_text("Le budget a été retiré.")
    _shot(page, f"cancel-confirm-{language}")
    assert_accessible(page)
    assert Opportunity.objects.get(pk=other.pk).status == OpportunityStatus.PUBLISHED
    page.locator("button[name=confirm]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Opportunity.objects.get(pk=other.pk).status == OpportunityStatus.CANCELLED


def _amount(value: str, language: str) -> str:
    """An amount as the price field shows it back: in the reader's notation."""
    return value.replace(".", ",") if language == "fr" else value
