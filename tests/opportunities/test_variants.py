"""Variants (issue 16, item 4): a base proposal and up to `variants_allowed` variants per
vendor, each sealed, pseudonymized and scored on its own; the award names the variant."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.ranking import rank
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.models import Proposal, ProposalStatus
from opportunities.services.lifecycle import opportunity_close
from opportunities.services.proposals import (
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
)
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import make_user
from tests.vendors.factories import make_vendor

from .factories import past_deadline, published

pytestmark = pytest.mark.django_db


def _write(proposal, owner, price, answer="A plan"):
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=Decimal(price),
        answers={c.pk: answer for c in proposal.opportunity.criteria.filter(is_price=False)},
    )
    return proposal_submit(proposal=proposal, actor=owner)


@pytest.fixture
def opportunity(department):
    buyer = make_user(Role.BUYER, department=department)
    return published(owner=buyer, variants_allowed=2)


@pytest.fixture
def owner():
    return (
        make_vendor(legal_name="Variantia Conseil Inc.", operating_name="Variantia")
        .members.get()
        .user
    )


def test_no_variant_where_the_opportunity_accepts_none(department, owner):
    plain = published(owner=make_user(Role.BUYER, department=department))
    proposal_start(opportunity=plain, actor=owner)
    with pytest.raises(TransitionNotAllowed, match="does not accept variants"):
        proposal_start(opportunity=plain, actor=owner, variant=1)


def test_at_most_the_number_allowed_and_only_after_a_base(opportunity, owner):
    with pytest.raises(TransitionNotAllowed, match="base proposal before"):
        proposal_start(opportunity=opportunity, actor=owner, variant=1)
    proposal_start(opportunity=opportunity, actor=owner)
    with pytest.raises(TransitionNotAllowed, match="at most 2 variants"):
        proposal_start(opportunity=opportunity, actor=owner, variant=3)
    first = proposal_start(opportunity=opportunity, actor=owner, variant=1)
    # Starting it again is harmless: the same draft.
    assert proposal_start(opportunity=opportunity, actor=owner, variant=1) == first
    assert first.is_variant and first.variant_number == 1


def test_a_variant_is_submitted_after_its_base_with_a_receipt_of_its_own(opportunity, owner):
    base = proposal_start(opportunity=opportunity, actor=owner)
    variant = proposal_start(opportunity=opportunity, actor=owner, variant=1)
    proposal_save(
        proposal=variant,
        actor=owner,
        price=Decimal("4000"),
        answers={c.pk: "Another way" for c in opportunity.criteria.filter(is_price=False)},
    )
    with pytest.raises(TransitionNotAllowed, match="Submit your base proposal"):
        proposal_submit(proposal=variant, actor=owner)
    base_receipt = _write(base, owner, "5000")
    variant_receipt = proposal_submit(proposal=variant, actor=owner)
    assert variant_receipt.number != base_receipt.number
    assert variant_receipt.content["variant"] == 1
    assert "variant" not in base_receipt.content  # a base proposal's fingerprint is unchanged
    assert variant_receipt.sha256 != base_receipt.sha256


def test_the_base_cannot_be_withdrawn_under_a_submitted_variant(opportunity, owner):
    base = proposal_start(opportunity=opportunity, actor=owner)
    _write(base, owner, "5000")
    variant = proposal_start(opportunity=opportunity, actor=owner, variant=1)
    _write(variant, owner, "4000")
    with pytest.raises(TransitionNotAllowed, match="Withdraw your variants first"):
        proposal_withdraw(proposal=base, actor=owner)
    proposal_withdraw(proposal=variant, actor=owner)
    proposal_withdraw(proposal=base, actor=owner)
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.WITHDRAWN}


def evaluated(opportunity, owner, other, consensus):
    """Close, open and score: `consensus` maps (owner, variant) to the agreed score."""
    buyer = opportunity.owner
    evaluators = [make_user(Role.EVALUATOR, department=opportunity.department) for _ in range(2)]
    for index, evaluator in enumerate(evaluators):
        panel_add(opportunity=opportunity, actor=buyer, user=evaluator, is_chair=index == 0)
    past_deadline(opportunity)
    opportunity_close(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)
    members = [PanelMember.objects.get(user=e) for e in evaluators]
    criteria = list(opportunity.criteria.filter(is_price=False))
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
    for (who, number), score in consensus.items():
        proposal = Proposal.objects.get(
            opportunity=opportunity,
            vendor=who.vendor_membership.vendor,
            variant_number=number,
        )
        for member, user in zip(members, evaluators, strict=True):
            scores_save(
                member=member,
                proposal=proposal,
                actor=user,
                scores={c.pk: (5, "") for c in criteria},
            )
            scores_submit(member=member, proposal=proposal, actor=user)
        consensus_record(
            member=members[0],
            actor=evaluators[0],
            proposal=proposal,
            scores={c.pk: (score, "Agreed") for c in criteria},
        )
    evaluation_lock(member=members[0], actor=evaluators[0])
    return evaluators, members


def test_each_variant_is_pseudonymized_scored_and_ranked_then_awarded_by_name(
    client, opportunity, owner, mailoutbox, django_capture_on_commit_callbacks
):
    other = (
        make_vendor(legal_name="Baseline Services Ltd.", operating_name="Baseline")
        .members.get()
        .user
    )
    _write(proposal_start(opportunity=opportunity, actor=owner), owner, "5000")
    _write(proposal_start(opportunity=opportunity, actor=owner, variant=1), owner, "5000")
    _write(proposal_start(opportunity=opportunity, actor=other), other, "5000")
    evaluators, members = evaluated(
        opportunity, owner, other, {(owner, 0): 6, (owner, 1): 9, (other, 0): 7}
    )
    # Three proposals, three independent random pseudonyms, three ranking rows.
    assert Pseudonym.objects.filter(opportunity=opportunity).count() == 3
    rows = rank(opportunity)
    assert [r.rank for r in rows] == [1, 2, 3]
    variant = Proposal.objects.get(variant_number=1)
    assert rows[0].proposal_id == variant.pk
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    client.force_login(evaluators[0])
    ranking = client.get(reverse("evaluation_ranking", kwargs={"pk": opportunity.pk}))
    assert "Variantia — variant 1" in ranking.content.decode()
    from payments.services.award import opportunity_award

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = opportunity_award(opportunity=opportunity, actor=opportunity.owner, kind="top")
    assert decision.proposal == variant
    variant.refresh_from_db()
    assert variant.status == ProposalStatus.AWARDED
    assert Proposal.objects.get(vendor=variant.vendor, variant_number=0).status == (
        ProposalStatus.NOT_AWARDED
    )
    notice = client.get(reverse("award_notice", kwargs={"pk": opportunity.pk}))
    assert "Variantia Conseil Inc.</a> — variant 1" in notice.content.decode()
    # The business gets an award notice for its variant and a regret letter for its base.
    told = [m.body for m in mailoutbox if m.to == [owner.email]]
    assert any("awarded" in b and "variant 1 of your proposal" in b for b in told), told


def ocds_release_of(opportunity) -> dict:
    from django.utils import timezone

    from open_data.ocds import build_release

    opportunity.refresh_from_db()
    return build_release(opportunity, tag="tender", release_id="test", date=timezone.now())


def test_open_data_names_the_variant_policy_the_award_and_counts_tenderers(opportunity, owner):
    other = (
        make_vendor(legal_name="Baseline Services Ltd.", operating_name="Baseline")
        .members.get()
        .user
    )
    _write(proposal_start(opportunity=opportunity, actor=owner), owner, "5000")
    _write(proposal_start(opportunity=opportunity, actor=owner, variant=1), owner, "5000")
    _write(proposal_start(opportunity=opportunity, actor=other), other, "5000")
    tender = ocds_release_of(opportunity)["tender"]
    assert tender["submissionTerms"] == {"variantPolicy": "allowed"}
    assert "up to 2 variant" in tender["submissionMethodDetails"]
    evaluators, members = evaluated(
        opportunity, owner, other, {(owner, 0): 6, (owner, 1): 9, (other, 0): 7}
    )
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    from payments.services.award import opportunity_award

    opportunity_award(opportunity=opportunity, actor=opportunity.owner, kind="top")
    release = ocds_release_of(opportunity)
    assert release["tender"]["numberOfTenderers"] == 2  # two businesses, three proposals
    assert release["awards"][0]["description"] == (
        "Awarded to variant 1 of the supplier's proposal."
    )


def test_the_variant_pages_in_both_languages(client, opportunity, owner):
    client.force_login(owner)
    base_url = reverse("proposal_edit", kwargs={"pk": opportunity.pk})
    variant_url = reverse("proposal_variant_edit", kwargs={"pk": opportunity.pk, "variant": 1})
    client.post(base_url, {"price": "5000"})
    page = client.get(base_url).content.decode()
    assert "Variants" in page and variant_url in page
    assert "Variant 1 of your proposal" in client.get(variant_url).content.decode()
    beyond = reverse("proposal_variant_edit", kwargs={"pk": opportunity.pk, "variant": 3})
    assert client.get(beyond).status_code == 404
    from django.utils import translation

    with translation.override("fr"):
        french = reverse("proposal_variant_edit", kwargs={"pk": opportunity.pk, "variant": 1})
    assert "Variante 1 de votre proposition" in client.get(french).content.decode()
    with translation.override("en"):
        detail = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Variants are accepted" in detail
