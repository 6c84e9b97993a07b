from decimal import Decimal

import pytest

from evaluations.models import ConsensusScore, PanelMember, Pseudonym
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.ranking import rank
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry

from .factories import opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def set_consensus(opportunity, proposal, approach, experience, user):
    for criterion in opportunity.criteria.filter(is_price=False):
        score = approach if criterion.name_en == "Approach" else experience
        ConsensusScore.objects.create(
            proposal=proposal,
            criterion=criterion,
            score=score,
            rationale="agreed",
            recorded_by=user,
        )


def test_score_maths_hand_checked(department):
    """Approach 50 (minimum 5), Experience 30, Price 20 (scored).

    A: 8, 6, $5,000 → 40 + 18 + 4000/5000 × 20 = 74.00
    B: 6, 10, $4,000 → 30 + 30 + 20 = 80.00 (lowest price among those still in)
    C: 4, 10, $3,000 → screened out: 4 is under the minimum of 5 (its low price is ignored)
    D: 8, 6, $5,000 → 74.00, tied with A
    Ranking: B 1st; A and D 2nd (tie).
    """
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=4, prices=["5000", "4000", "3000", "5000"]
    )
    opportunity.criteria.filter(name_en="Approach").update(min_score=5)
    proposals = [o.vendor_membership.vendor.proposals.get() for o in owners]
    for proposal, (approach, experience) in zip(
        proposals, [(8, 6), (6, 10), (4, 10), (8, 6)], strict=True
    ):
        set_consensus(opportunity, proposal, approach, experience, buyer)
    rows = {r.proposal_id: r for r in rank(opportunity)}
    a, b, c, d = (rows[p.pk] for p in proposals)
    assert (b.total, b.rank) == (Decimal("80.00"), 1)
    assert (a.total, a.rank) == (Decimal("74.00"), 2)
    assert (d.total, d.rank) == (Decimal("74.00"), 2)
    assert c.rank is None and [str(x) for x in c.screened_out] == ["Approach"]
    assert [r.proposal_id for r in rank(opportunity)][:1] == [proposals[1].pk]


def test_pass_fail_price_screens_out_over_budget(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=2, prices=["8000", "8500"])
    opportunity.criteria.filter(is_price=True).delete()
    opportunity.criteria.filter(name_en="Approach").update(weight=70)
    opportunity.price_evaluation = "pass_fail"
    opportunity.max_budget = Decimal("8200")
    opportunity.save(update_fields=["price_evaluation", "max_budget"])
    proposals = [o.vendor_membership.vendor.proposals.get() for o in owners]
    for proposal in proposals:
        set_consensus(opportunity, proposal, 5, 5, buyer)
    rows = {r.proposal_id: r for r in rank(opportunity)}
    assert rows[proposals[0].pk].rank == 1 and rows[proposals[0].pk].total == Decimal("50.00")
    assert rows[proposals[1].pk].screened_out == ["price"]


def test_consensus_by_the_chair_after_everyone_scored_then_lock(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1)
    chair, other = [PanelMember.objects.get(user=e) for e in evaluators]
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    criteria = list(opportunity.criteria.filter(is_price=False))
    agreed = {c.pk: (7, "Clear plan") for c in criteria}
    for member, user in [(chair, evaluators[0]), (other, evaluators[1])]:
        attest_no_conflict(member=member, actor=user)
    scores_save(
        member=chair,
        proposal=proposal,
        actor=evaluators[0],
        scores={c.pk: (7, "") for c in criteria},
    )
    scores_submit(member=chair, proposal=proposal, actor=evaluators[0])
    with pytest.raises(TransitionNotAllowed, match="Every evaluator"):
        consensus_record(member=chair, actor=evaluators[0], proposal=proposal, scores=agreed)
    scores_save(
        member=other,
        proposal=proposal,
        actor=evaluators[1],
        scores={c.pk: (6, "") for c in criteria},
    )
    scores_submit(member=other, proposal=proposal, actor=evaluators[1])
    with pytest.raises(TransitionNotAllowed, match="chair"):
        consensus_record(member=other, actor=evaluators[1], proposal=proposal, scores=agreed)
    with pytest.raises(PortalError):
        consensus_record(
            member=chair, actor=evaluators[0], proposal=proposal, scores={criteria[0].pk: (7, " ")}
        )  # a rationale is required
    with pytest.raises(PortalError, match="every criterion"):
        consensus_record(
            member=chair,
            actor=evaluators[0],
            proposal=proposal,
            scores={criteria[0].pk: (7, "Clear")},
        )
        evaluation_lock(member=chair, actor=evaluators[0])
    consensus_record(member=chair, actor=evaluators[0], proposal=proposal, scores=agreed)
    evaluation = evaluation_lock(member=chair, actor=evaluators[0])
    assert evaluation_lock(member=chair, actor=evaluators[0]).locked_at == evaluation.locked_at
    with pytest.raises(TransitionNotAllowed, match="locked"):
        consensus_record(member=chair, actor=evaluators[0], proposal=proposal, scores=agreed)
    assert AuditEntry.objects.filter(action="evaluation.lock").count() == 1
