"""Issue 12, item 5, walked as evaluators and the buyer, in English and French: declaring a
conflict (the buyer is told, no bidder named, a replacement is named and emailed), what the
scoring page says about each criterion, whose scores the consensus page shows, and no page
calling proposals anonymous once identities are revealed. axe-core on every page."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.award import evaluation_reveal
from opportunities.models import Criterion
from procurement_portal.models import Role
from tests.evaluations.factories import locked, opened
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/eval")  # noqa: S108 - looked at by hand, not kept
TEXT = {
    "en": {
        "declare": "I have a conflict of interest: leave the panel",
        "left": "You declared a conflict of interest and left the panel.",
        "declared": "declared a conflict of interest and left the panel",
        "add": "Add to the panel",
        "named": "You are on the evaluation panel",
        "weight": "Weight",
        "minimum": "Minimum score",
        "guidance": "Scoring guidance",
        "yours": "Your scores",
        "evaluator": "Evaluator 1",
    },
    "fr": {
        "declare": "J’ai un conflit d’intérêts\u00a0: quitter le comité",
        "left": "Vous avez déclaré un conflit d’intérêts et quitté le comité.",
        "declared": "a déclaré un conflit d’intérêts et quitté le comité",
        "add": "Ajouter au comité",
        "named": "Vous faites partie du comité d’évaluation",
        "weight": "Pondération",
        "minimum": "Note minimale",
        "guidance": "Guide de notation",
        "yours": "Vos notes",
        "evaluator": "Membre 1 du comité",
    },
}


def url(live_server, name, language, **kwargs):
    with translation.override(language):
        return live_server.url + reverse(name, kwargs=kwargs or None)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_evaluator_declares_a_conflict_and_the_buyer_names_a_replacement(
    live_server, browser, sign_in, assert_accessible, department, mailoutbox, language
):
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=2, panel=2, vendor_fields={0: {"legal_name": "Zephyrine Works Inc."}}
    )
    leaving = evaluators[1]
    for person in [buyer, leaving]:
        person.preferred_language = language
        person.save(update_fields=["preferred_language"])
    page = browser.new_context().new_page()
    sign_in(page, leaving, language)
    page.goto(url(live_server, "evaluation_home", language, pk=opportunity.pk))
    assert_accessible(page)
    shot(page, f"{language}-evaluation-home-declare")
    page.locator("#id_note").fill("A relative works for one of the bidders.")
    declare = page.locator("button[name=declare]")
    expect(declare).to_have_text(TEXT[language]["declare"])
    declare.click()
    expect(page.locator(".message--success")).to_contain_text(TEXT[language]["left"])
    assert_accessible(page)
    member = PanelMember.objects.get(opportunity=opportunity, user=leaving)
    assert member.removed_at and member.conflict_declared_at
    # The evaluation is closed to them now.
    response = page.goto(url(live_server, "evaluation_home", language, pk=opportunity.pk))
    assert response.status == 404

    # The buyer was emailed, in their language, without the bidder's name.
    told = [m for m in mailoutbox if m.to == [buyer.email]]
    assert any(str(leaving) in m.body for m in told)
    assert all("Zephyrine" not in m.subject + m.body for m in mailoutbox)

    # The buyer reads the note on the panel page and names a replacement, who is emailed.
    buyer_page = browser.new_context().new_page()
    sign_in(buyer_page, buyer, language)
    buyer_page.goto(url(live_server, "panel_manage", language, pk=opportunity.pk))
    main = buyer_page.locator("main")
    expect(main).to_contain_text(TEXT[language]["declared"])
    expect(main).to_contain_text("A relative works for one of the bidders.")
    replacement = make_user(Role.EVALUATOR, department=department)
    replacement.preferred_language = language
    replacement.save(update_fields=["preferred_language"])
    buyer_page.locator("#id_email").fill(replacement.email)
    buyer_page.get_by_role("button", name=TEXT[language]["add"]).click()
    expect(buyer_page.locator(".message--success")).to_be_visible()
    assert_accessible(buyer_page)
    shot(buyer_page, f"{language}-panel-after-declared-conflict")
    assert PanelMember.objects.active().filter(opportunity=opportunity).count() == 2
    named = [m for m in mailoutbox if m.to == [replacement.email]]
    assert named and TEXT[language]["named"] in named[-1].subject


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_scoring_page_shows_each_criterions_weight_minimum_and_guidance(
    live_server, browser, sign_in, assert_accessible, department, language
):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=2)
    scored = list(opportunity.criteria.filter(is_price=False))
    for index, criterion in enumerate(scored):
        Criterion.objects.filter(pk=criterion.pk).update(
            min_score=index + 4,
            guidance_en=f"Ten: every page of form {index} audited.",
            guidance_fr=f"Dix : chaque page du formulaire {index} auditée.",
        )
    label = Pseudonym.objects.get(opportunity=opportunity).label
    page = browser.new_context().new_page()
    sign_in(page, evaluators[1], language)
    page.goto(url(live_server, "evaluation_home", language, pk=opportunity.pk))
    page.locator("button[name=attest]").click()
    page.goto(url(live_server, "evaluation_proposal", language, pk=opportunity.pk, label=label))
    for index, criterion in enumerate(scored):
        card = page.locator(f"section[aria-labelledby=criterion-{criterion.pk}]")
        expect(card).to_contain_text(TEXT[language]["weight"])
        weight = f"{criterion.weight}%" if language == "en" else f"{criterion.weight}\u00a0%"
        expect(card).to_contain_text(weight)
        expect(card).to_contain_text(TEXT[language]["minimum"])
        expect(card).to_contain_text(f"{index + 4}/10")
        expect(card).to_contain_text(TEXT[language]["guidance"])
        guidance = (
            f"Ten: every page of form {index} audited."
            if language == "en"
            else f"Dix : chaque page du formulaire {index} auditée."
        )
        expect(card).to_contain_text(guidance)
    assert_accessible(page)
    shot(page, f"{language}-scoring-page")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_consensus_says_whose_scores_and_nothing_is_anonymous_after_the_reveal(
    live_server, browser, sign_in, assert_accessible, department, language
):
    opportunity, buyer, evaluators, owners, members = locked(department, [8, 6])
    chair, second = evaluators
    label = Pseudonym.objects.filter(opportunity=opportunity).first().label

    # The chair sees each evaluator's name; another evaluator sees numbers.
    chair_page = browser.new_context().new_page()
    sign_in(chair_page, chair, language)
    consensus = url(live_server, "evaluation_consensus", language, pk=opportunity.pk, label=label)
    chair_page.goto(consensus)
    headings = chair_page.locator("main h3")
    expect(headings).to_have_text([TEXT[language]["yours"], str(second)])
    assert_accessible(chair_page)
    shot(chair_page, f"{language}-consensus-chair")
    second_page = browser.new_context().new_page()
    sign_in(second_page, second, language)
    second_page.goto(consensus)
    expect(second_page.locator("main h3")).to_have_text(
        [TEXT[language]["evaluator"], TEXT[language]["yours"]]
    )
    assert str(chair) not in second_page.locator("main").inner_text()

    # After the reveal, the evaluators' pages name the businesses and never say "anonymous".
    evaluation_reveal(member=members[0], actor=chair)
    names = [str(o.vendor_membership.vendor) for o in owners]  # the operating name
    pages = {
        "evaluation-home": url(live_server, "evaluation_home", language, pk=opportunity.pk),
        "proposal": url(
            live_server, "evaluation_proposal", language, pk=opportunity.pk, label=label
        ),
        "consensus": consensus,
        "ranking": url(live_server, "evaluation_ranking", language, pk=opportunity.pk),
        "workspace": url(live_server, "evaluation_workspace", language),
    }
    for name, address in pages.items():
        chair_page.goto(address)
        text = chair_page.locator("main").inner_text().casefold()
        assert "anonym" not in text, f"{name} still says anonymous"
        if name != "workspace":
            assert any(vendor.casefold() in text for vendor in names), name
        assert_accessible(chair_page)
        shot(chair_page, f"{language}-revealed-{name}")
