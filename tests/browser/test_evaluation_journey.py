"""Issue 5's journey in French: a vendor submits and gets a receipt; the deadline passes;
two evaluators score blind; the chair records consensus, locks, reveals; the buyer awards;
winner and loser read their debriefs. axe-core on every page."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from evaluations.models import AwardDecision, Evaluation, Pseudonym
from evaluations.services.opening import evaluations_open_due
from evaluations.services.panel import panel_add
from opportunities.services.lifecycle import opportunities_close_due
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import past_deadline, published
from tests.vendors.factories import make_vendor

SHOTS = Path("/tmp/shots/forms")  # noqa: S108 - looked at by hand, not kept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_evaluation_journey_in_french(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buyer = make_user(Role.BUYER, department=department)
    opportunity = published(owner=buyer)
    chair = make_user(Role.EVALUATOR, department=department)
    second = make_user(Role.EVALUATOR, department=department)
    panel_add(opportunity=opportunity, actor=buyer, user=chair, is_chair=True)
    panel_add(opportunity=opportunity, actor=buyer, user=second)
    criteria = list(opportunity.criteria.filter(is_price=False))

    # Vendor A submits in French through the pages and gets its receipt.
    winner = make_vendor(legal_name="Aurore Conseil inc.", operating_name="").members.get().user
    page = browser.new_context().new_page()
    sign_in(page, winner, "fr")
    page.goto(f"{live_server.url}/fr/occasions/{opportunity.pk}/proposition/")
    page.locator("#id_price").fill("6000")
    for criterion in criteria:
        page.locator(f"#id_c_{criterion.pk}").fill("Une démarche en trois étapes, testée.")
    page.locator("button[name=submit]").click()
    page.locator("#id_declaration").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/accuses-de-reception/R\d+-\d+-1/$"))
    assert_accessible(page)

    # Vendor B submits too (through the service: the pages were just exercised).
    loser = make_vendor(legal_name="Borée Studio ltée", operating_name="").members.get().user
    proposal = proposal_start(opportunity=opportunity, actor=loser)
    proposal_save(
        proposal=proposal,
        actor=loser,
        price=Decimal("7000"),
        answers={c.pk: "Une approche classique." for c in criteria},
    )
    proposal_submit(proposal=proposal, actor=loser)

    # The deadline passes; the beat tasks close it and open the evaluation.
    past_deadline(opportunity)
    assert opportunities_close_due() == 1 and evaluations_open_due() == 1
    labels = {
        p.proposal.vendor.legal_name: p.label
        for p in Pseudonym.objects.filter(opportunity=opportunity)
    }

    # Two evaluators attest and score blind.
    pages = {}
    for evaluator, scores in [
        (chair, {"Aurore Conseil inc.": "9", "Borée Studio ltée": "5"}),
        (second, {"Aurore Conseil inc.": "8", "Borée Studio ltée": "6"}),
    ]:
        evaluator_page = browser.new_context().new_page()
        pages[evaluator.pk] = evaluator_page
        sign_in(evaluator_page, evaluator, "fr")
        evaluator_page.goto(f"{live_server.url}/fr/evaluations/{opportunity.pk}/")
        assert_accessible(evaluator_page)
        evaluator_page.locator("button[name=attest]").click()
        for name, score in scores.items():
            evaluator_page.goto(
                f"{live_server.url}/fr/evaluations/{opportunity.pk}/propositions/{labels[name]}/"
            )
            assert "Aurore" not in evaluator_page.content() and "Borée" not in (
                evaluator_page.content()
            )
            for criterion in criteria:
                evaluator_page.locator(f"#id_s_{criterion.pk}").fill(score)
                evaluator_page.locator(f"#id_m_{criterion.pk}").fill("Solide.")
            assert_accessible(evaluator_page)
            evaluator_page.locator("button[name=submit]").click()
            expect(evaluator_page.locator(".message--success")).to_be_visible()

    # The chair records consensus, locks, reveals.
    chair_page = pages[chair.pk]
    for name, score in {"Aurore Conseil inc.": "9", "Borée Studio ltée": "5"}.items():
        chair_page.goto(
            f"{live_server.url}/fr/evaluations/{opportunity.pk}/propositions/"
            f"{labels[name]}/consensus/"
        )
        for criterion in criteria:
            chair_page.locator(f"#id_s_{criterion.pk}").fill(score)
            chair_page.locator(f"#id_r_{criterion.pk}").fill("Accord du comité.")
        assert_accessible(chair_page)
        chair_page.locator("main form button[type=submit]").click()
    expect(chair_page).to_have_url(re.compile(rf"/fr/evaluations/{opportunity.pk}/classement/$"))
    assert_accessible(chair_page)
    # Locking and revealing ask first (issue 12): what happens, who is told, what is final.
    chair_page.locator("main form button[type=submit]").click()  # lock
    expect(chair_page.locator("main")).to_contain_text("Cette action est irréversible.")
    assert not Evaluation.objects.get(opportunity=opportunity).is_locked
    _shot(chair_page, "lock-confirm-fr")
    assert_accessible(chair_page)
    chair_page.locator("button[name=confirm]").click()
    chair_page.locator("button[name=reveal]").click()
    expect(chair_page.locator("main")).to_contain_text("L’anonymat prend fin")
    assert not Evaluation.objects.get(opportunity=opportunity).is_revealed
    _shot(chair_page, "reveal-confirm-fr")
    assert_accessible(chair_page)
    chair_page.locator("button[name=confirm]").click()
    expect(chair_page.locator("main")).to_contain_text("Aurore Conseil inc.")
    for evaluator in [chair, second]:
        evaluator_page = pages[evaluator.pk]
        evaluator_page.goto(f"{live_server.url}/fr/evaluations/{opportunity.pk}/")
        evaluator_page.locator("button[name=reattest]").click()

    # The buyer awards to the top-ranked proposal.
    buyer_page = browser.new_context().new_page()
    sign_in(buyer_page, buyer, "fr")
    buyer_page.goto(f"{live_server.url}/fr/evaluations/{opportunity.pk}/attribution/")
    assert_accessible(buyer_page)
    buyer_page.locator("input[name=kind][value=top]").check()
    buyer_page.locator("main form button[type=submit]").click()
    # The confirmation names the winner and says every bidder is emailed.
    expect(buyer_page.locator(".confirmation__summary")).to_contain_text("Aurore Conseil inc.")
    expect(buyer_page.locator("main")).to_contain_text("Chaque soumissionnaire reçoit un courriel")
    assert not AwardDecision.objects.exists()
    _shot(buyer_page, "award-confirm-fr")
    assert_accessible(buyer_page)
    buyer_page.locator("button[name=confirm]").click()
    expect(buyer_page).to_have_url(re.compile(rf"/fr/occasions/{opportunity.pk}/$"))

    # Winner and loser read their debriefs, in French.
    for vendor_user, rank in [(winner, "1 sur 2"), (loser, "2 sur 2")]:
        vendor_page = browser.new_context().new_page()
        sign_in(vendor_page, vendor_user, "fr")
        vendor_page.goto(f"{live_server.url}/fr/mes-propositions/")
        vendor_page.get_by_role("link", name="Compte rendu").click()
        expect(vendor_page.locator("main")).to_contain_text(rank)
        expect(vendor_page.locator("main")).to_contain_text("Accord du comité.")
        assert_accessible(vendor_page)
