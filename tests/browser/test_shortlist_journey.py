"""Issue 16, item 5, walked in a browser in English and French with axe-core: the buyer
sets a shortlist, its weight and a demonstration criterion in the draft; the opportunity
page explains the two stages; the chair shortlists (with the confirmation step), schedules a
demonstration, records its scores and sees the combined ranking."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from evaluations.models import Demonstration
from evaluations.services.shortlist import demonstration_score
from tests.evaluations.factories import locked
from tests.opportunities.factories import published, ready_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/short")  # noqa: S108 - looked at by hand, not kept

TEXT = {
    "en": {
        "shortlist_field": "Proposals shortlisted for a demonstration",
        "weight_field": "Weight of the demonstration (%)",
        "save": "Save the draft",
        "two_stages": "Two stages.",
        "shortlist": "Shortlist the top proposals",
        "confirm_title": "Shortlist the top 2 proposals?",
        "shortlisted": "2 proposals are shortlisted.",
        "demonstration": "Demonstration",
        "schedule": "Schedule and email the vendor",
        "scheduled": "Demonstration scheduled.",
        "record": "Record the demonstration scores",
        "recorded": "Demonstration scores recorded.",
        "final": "Final score",
    },
    "fr": {
        "shortlist_field": "Propositions présélectionnées pour une démonstration",
        "weight_field": "Pondération de la démonstration (%)",
        "save": "Enregistrer l’ébauche",
        "two_stages": "Deux étapes.",
        "shortlist": "Présélectionner les meilleures propositions",
        "confirm_title": "Présélectionner les 2 meilleures propositions?",
        "shortlisted": "2 propositions sont présélectionnées.",
        "demonstration": "Démonstration",
        "schedule": "Planifier et envoyer un courriel au fournisseur",
        "scheduled": "Démonstration planifiée.",
        "record": "Consigner les notes de démonstration",
        "recorded": "Notes de démonstration consignées.",
        "final": "Note finale",
    },
}


def _url(live_server, name, language, **kwargs):
    with translation.override(language):
        return f"{live_server.url}{reverse(name, kwargs=kwargs)}"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_buyer_sets_a_shortlist_and_the_chair_runs_the_demonstration_stage(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path
    words = TEXT[language]
    # The buyer: two shortlisted, the demonstration weighs 40%, on one criterion of its own.
    draft = ready_draft(department=department)
    page = browser.new_context().new_page()
    sign_in(page, draft.owner, language)
    page.goto(_url(live_server, "opportunity_edit", language, pk=draft.pk))
    page.get_by_label(words["shortlist_field"]).fill("2")
    page.get_by_label(words["weight_field"]).fill("40")
    page.locator("#id_criteria-3-name_en").fill("Live demonstration")
    page.locator("#id_criteria-3-name_fr").fill("Démonstration en direct")
    page.locator("#id_criteria-3-weight").fill("100")
    page.locator("#id_criteria-3-stage").select_option("2")
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.locator(".message--success").first).to_be_visible()
    draft.refresh_from_db()
    assert (draft.shortlist_size, draft.demonstration_weight) == (2, 40)
    assert [c.name_en for c in draft.criteria.demonstration()] == ["Live demonstration"]
    _shot(page, f"shortlist-draft-{language}")
    page.context.close()

    # The public page says how the two stages combine.
    opportunity = published(department=department, shortlist_size=2, demonstration_weight=40)
    page = browser.new_context().new_page()
    page.goto(_url(live_server, "opportunity_detail", language, pk=opportunity.pk))
    expect(page.locator("#shortlist")).to_contain_text(words["two_stages"])
    _shot(page, f"shortlist-opportunity-{language}")
    assert_accessible(page)
    page.context.close()

    # The chair of a locked two-stage evaluation shortlists, through the confirmation.
    opportunity, buyer, evaluators, owners, members = locked(
        department, [6, 9, 4], shortlist_size=2, demonstration_weight=40
    )
    for owner, name in zip(owners, ["Gamma Conseil", "Beta Design", "Alpha Audit"], strict=True):
        vendor = owner.vendor_membership.vendor
        vendor.legal_name = vendor.operating_name = name
        vendor.save(update_fields=["legal_name", "operating_name"])
    page = browser.new_context().new_page()
    sign_in(page, evaluators[0], language)
    page.goto(_url(live_server, "evaluation_ranking", language, pk=opportunity.pk))
    page.get_by_role("button", name=words["shortlist"]).click()
    expect(page.locator("h1")).to_have_text(words["confirm_title"])
    _shot(page, f"shortlist-confirm-{language}")
    assert_accessible(page)
    page.get_by_role("button", name=words["shortlist"]).click()
    expect(page.locator(".message--success").first).to_contain_text(words["shortlisted"])
    expect(page.locator("main")).to_contain_text("Beta Design")
    assert "Alpha Audit" not in page.content()  # not shortlisted: never named
    _shot(page, f"shortlist-ranking-{language}")
    assert_accessible(page)

    # A demonstration: scheduled (the vendor is emailed), then scored by consensus.
    first, second = Demonstration.objects.order_by("written_rank")
    page.locator(f"a[href$='/{first.proposal.pseudonym.label}/demonstration/']").click()
    page.locator("#id_when-starts_at").fill("2030-01-15T14:30")
    page.locator("#id_when-place").fill("https://meet.example/demo")
    page.locator("#id_when-notes").fill("30 min")
    page.get_by_role("button", name=words["schedule"]).click()
    expect(page.locator(".message--success").first).to_contain_text(words["scheduled"])
    criterion = opportunity.criteria.demonstration().first()
    for c in opportunity.criteria.demonstration():
        page.locator(f"#id_score-s_{c.pk}").fill("8")
        page.locator(f"#id_score-r_{c.pk}").fill("Clear and complete.")
    page.get_by_role("button", name=words["record"]).click()
    expect(page.locator(".message--success").first).to_contain_text(words["recorded"])
    expect(page.locator("main")).to_contain_text("Clear and complete.")
    _shot(page, f"shortlist-demonstration-{language}")
    assert_accessible(page)
    assert criterion is not None

    # The second by the service; the ranking now shows the combined scores.
    demonstration_score(
        member=members[0],
        actor=evaluators[0],
        proposal=second.proposal,
        scores={c.pk: (5, "Fine.") for c in opportunity.criteria.demonstration()},
    )
    page.goto(_url(live_server, "evaluation_ranking", language, pk=opportunity.pk))
    expect(page.locator("thead")).to_contain_text(words["final"])
    _shot(page, f"shortlist-final-{language}")
    assert_accessible(page)
