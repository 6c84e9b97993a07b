"""Issue 17, item 3, through the pages in English and French: the buyer assesses the
vendor's performance on a complete contract (with the confirmation step), the vendor reads
it and answers once, a public servant sees the history on the directory profile and a
visitor does not. axe-core on every page."""

import os

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from opportunities.models import OpportunityStatus
from payments.models import PerformanceAssessment
from procurement_portal.models import Role
from tests.factories import make_user
from tests.payments.factories import quick_contract

SHOTS = os.environ.get("PORTAL_SHOTS", "")  # a folder to keep screenshots in, if set


def shot(page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "assess": "Assess the vendor’s performance",
        "continue": "Continue",
        "record": "Record the assessment",
        "exceeded": "Exceeded expectations",
        "answer": "Answer the assessment",
        "send": "Send the response",
        "history": "Performance on past contracts",
    },
    "fr": {
        "assess": "Évaluer le rendement du fournisseur",
        "continue": "Continuer",
        "record": "Consigner l’évaluation",
        "exceeded": "A dépassé les attentes",
        "answer": "Répondre à l’évaluation",
        "send": "Envoyer la réponse",
        "history": "Rendement lors des contrats antérieurs",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_assess_answer_and_see_the_history(
    live_server, browser, sign_in, assert_accessible, department, language
):
    words = WORDS[language]
    contract, buyer = quick_contract(department, status=OpportunityStatus.COMPLETE)
    vendor_user = contract.vendor.members.get().user
    with translation.override(language):
        contract_url = live_server.url + reverse("contract_detail", kwargs={"pk": contract.pk})
        profile_url = live_server.url + reverse("vendor_detail", kwargs={"pk": contract.vendor_id})

    # The buyer finds the prompt on the complete contract and records the assessment.
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(contract_url)
    assert_accessible(page)
    page.get_by_role("link", name=words["assess"]).click()
    assert_accessible(page)
    page.locator("input[name='on_time'][value='2']").check()
    page.locator("input[name='quality'][value='4']").check()
    page.locator("input[name='communication'][value='3']").check()
    page.locator("#id_comments").fill("Clear reports; the second milestone was a week late.")
    shot(page, f"performance-{language}-1-form.png")
    page.get_by_role("button", name=words["continue"]).click()
    expect(page.locator("main")).to_contain_text(words["exceeded"])
    assert_accessible(page)
    assert not PerformanceAssessment.objects.exists()  # nothing recorded before confirming
    page.get_by_role("button", name=words["record"]).click()
    expect(page.locator("main")).to_contain_text("the second milestone was a week late")
    shot(page, f"performance-{language}-2-recorded.png")
    assert PerformanceAssessment.objects.get().quality == 4

    # The vendor reads it on the contract page and answers once.
    vendor = browser.new_context().new_page()
    sign_in(vendor, vendor_user, language)
    vendor.goto(contract_url)
    expect(vendor.locator("main")).to_contain_text(words["exceeded"])
    vendor.get_by_role("link", name=words["answer"]).click()
    assert_accessible(vendor)
    vendor.locator("#id_response").fill("The data for the second milestone came late.")
    vendor.get_by_role("button", name=words["continue"]).click()
    vendor.get_by_role("button", name=words["send"]).click()
    expect(vendor.locator("main")).to_contain_text("The data for the second milestone came late.")
    expect(vendor.get_by_role("link", name=words["answer"])).to_have_count(0)
    shot(vendor, f"performance-{language}-3-answered.png")

    # A public servant of another role sees the history on the directory profile.
    servant = browser.new_context().new_page()
    sign_in(servant, make_user(Role.CARD_HOLDER, department=department), language)
    servant.goto(profile_url)
    expect(servant.locator("main")).to_contain_text(words["history"])
    expect(servant.locator("main")).to_contain_text("The data for the second milestone came late.")
    assert_accessible(servant)
    shot(servant, f"performance-{language}-4-profile.png")

    # A visitor sees the public profile only.
    visitor = browser.new_context().new_page()
    visitor.goto(profile_url)
    expect(visitor.locator("main")).not_to_contain_text(words["history"])
    expect(visitor.locator("main")).not_to_contain_text("second milestone")
