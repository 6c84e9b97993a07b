"""Issue 17, item 1, through the pages in English and French: the buyer adds a
responsible-procurement criterion computed from the registry; the vendor sees what would
count on the opportunity and in the review step; once bids close the evaluator sees the
points, read-only, and never the claims. axe-core on every page."""

import os
import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from opportunities.models import Opportunity
from opportunities.services.lifecycle import opportunity_close
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import Role
from tests.evaluations.test_registry_criteria import add_cert
from tests.factories import make_user
from tests.opportunities.factories import past_deadline, ready_draft
from tests.vendors.factories import make_vendor

SHOTS = os.environ.get("PORTAL_SHOTS", "")  # a folder to keep screenshots in, if set


def shot(page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"counts": "What would count for you", "points": "5/10 points"},
    "fr": {"counts": "Ce qui compterait pour vous", "points": "5/10 points"},
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_registry_criterion_from_the_form_to_the_evaluator(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path
    words = WORDS[language]
    buyer = make_user(Role.BUYER, department=department)
    draft = ready_draft(owner=buyer, department=department)
    with translation.override(language):
        edit_url = live_server.url + reverse("opportunity_edit", kwargs={"pk": draft.pk})
        detail_url = live_server.url + reverse("opportunity_detail", kwargs={"pk": draft.pk})
        review_url = live_server.url + reverse("proposal_submit", kwargs={"pk": draft.pk})

    # The buyer gives 10 of Experience's weight to a registry criterion and publishes.
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(edit_url)
    page.locator("[name=criteria-1-weight]").fill("20")
    page.locator("[name=criteria-3-name_en]").fill("Responsible procurement")
    page.locator("[name=criteria-3-name_fr]").fill("Approvisionnement responsable")
    page.locator("[name=criteria-3-weight]").fill("10")
    page.locator("[name=criteria-3-kind]").select_option("registry")
    page.locator("[name=criteria-3-points_eco]").fill("5")
    page.locator("[name=criteria-3-points_diversity]").fill("5")
    assert_accessible(page)
    page.locator("button[name=publish]").click()
    expect(page).to_have_url(re.compile(r"/\d+/(publish|publier)/$"))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{draft.pk}/$"))
    opportunity = Opportunity.objects.get(pk=draft.pk)
    criterion = opportunity.criteria.registry().get()
    assert criterion.registry_points == {"eco": 5, "diversity": 5}

    # A vendor with a verified B Corp and a self-declared Indigenous certification sees
    # what would count, on the opportunity and in the review step.
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    vendor = make_vendor()
    owner = vendor.members.get().user
    add_cert(vendor, owner, "b-corp", verify_by=officer, file_name="bcorp-proof-7731.pdf")
    add_cert(vendor, owner, "ccab-cib")
    vendor_page = browser.new_context().new_page()
    sign_in(vendor_page, owner, language)
    vendor_page.goto(detail_url)
    section = vendor_page.locator("section[aria-labelledby=what-counts]")
    expect(section).to_contain_text(words["counts"])
    expect(section).to_contain_text(words["points"])
    assert_accessible(vendor_page)
    shot(vendor_page, f"registry-{language}-1-opportunity.png")
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=5000,
        answers={c.pk: "A careful plan." for c in opportunity.criteria.panel_scored()},
    )
    vendor_page.goto(review_url)
    expect(vendor_page.locator("section[aria-labelledby=what-counts]")).to_contain_text(
        words["points"]
    )
    assert_accessible(vendor_page)
    shot(vendor_page, f"registry-{language}-2-review.png")
    proposal_submit(proposal=proposal, actor=owner)

    # Bids close; the evaluator sees the points, read-only, and none of the claims.
    evaluator = make_user(Role.EVALUATOR, department=department)
    second = make_user(Role.EVALUATOR, department=department)
    panel_add(opportunity=opportunity, actor=buyer, user=evaluator, is_chair=True)
    panel_add(opportunity=opportunity, actor=buyer, user=second)
    past_deadline(opportunity)
    opportunity_close(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)
    label = proposal.pseudonym.label
    with translation.override(language):
        score_url = live_server.url + reverse(
            "evaluation_proposal", kwargs={"pk": opportunity.pk, "label": label}
        )
    panel_page = browser.new_context().new_page()
    sign_in(panel_page, evaluator, language)
    panel_page.goto(score_url)
    expect(panel_page.locator("main")).to_contain_text(words["points"])
    expect(panel_page.locator(f"[name=s_{criterion.pk}]")).to_have_count(0)  # not scored
    secrets_ = ["B Corp", "B Lab", "bcorp-proof", "Certified Indigenous", "autochtone certifiée"]
    for secret in secrets_:
        expect(panel_page.locator("main")).not_to_contain_text(secret)
    shot(panel_page, f"registry-{language}-3-evaluator.png")
