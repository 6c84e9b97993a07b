"""Score maths: weighted consensus, minimums, price, ranking.

For each proposal: criterion points = consensus score / 10 × weight; for a registry
criterion the score is the one computed and frozen at opening (RegistryScore). A proposal
scoring under a criterion's minimum is screened out. Price is either a criterion (points =
lowest price among the proposals still in ÷ this price × its weight) or pass/fail against
the budget (over the budget: screened out). Proposals are ranked by total points; equal totals share
a rank.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from opportunities.models import Opportunity, PriceEvaluation

from ..models import ConsensusScore, Pseudonym, RegistryScore

TWO_PLACES = Decimal("0.01")


@dataclass
class RankedProposal:
    proposal_id: int
    label: str
    price: Decimal | None
    points: dict = field(default_factory=dict)  # criterion id -> Decimal
    screened_out: list = field(default_factory=list)  # reasons
    total: Decimal = Decimal("0")
    rank: int | None = None
    complete: bool = True
    # After the reveal only (ranking_with_names): who wrote it, and whether it may win.
    vendor: Any = None
    eligible: bool | None = None
    variant: int = 0  # after the reveal: which of the vendor's proposals (0: its base one)
    # Two stages (services/shortlist.py final_rank): total = the combined score.
    written: Decimal | None = None
    demonstration: Decimal | None = None


def _points(score: int, weight: int) -> Decimal:
    return (Decimal(score) / Decimal(10) * Decimal(weight)).quantize(TWO_PLACES, ROUND_HALF_UP)


def rank(opportunity: Opportunity) -> list[RankedProposal]:
    criteria = list(opportunity.criteria.written())
    scored = [c for c in criteria if not c.is_price]
    price_criterion = next((c for c in criteria if c.is_price), None)
    consensus = {}
    for agreed in ConsensusScore.objects.filter(
        proposal__opportunity=opportunity, criterion__stage=1
    ):
        consensus[(agreed.proposal_id, agreed.criterion_id)] = agreed.score
    registry = {c.pk for c in scored if c.is_registry}
    for computed in RegistryScore.objects.filter(proposal__opportunity=opportunity):
        if computed.criterion_id in registry:
            consensus[(computed.proposal_id, computed.criterion_id)] = computed.score
    rows = []
    for pseudonym in Pseudonym.objects.filter(opportunity=opportunity).select_related("proposal"):
        proposal = pseudonym.proposal
        price_text = proposal.last_receipt.content.get("price")
        row = RankedProposal(
            proposal.pk, pseudonym.label, Decimal(price_text) if price_text else None
        )
        for criterion in scored:
            score = consensus.get((proposal.pk, criterion.pk))
            if score is None:
                row.complete = False
                continue
            row.points[criterion.pk] = _points(score, criterion.weight)
            if score < criterion.min_score:
                row.screened_out.append(criterion)
        if opportunity.price_evaluation == PriceEvaluation.PASS_FAIL and (
            row.price is None
            or opportunity.max_budget is None
            or row.price > opportunity.max_budget
        ):
            row.screened_out.append("price")
        rows.append(row)
    kept = [r for r in rows if not r.screened_out and r.price]
    if price_criterion and kept:
        prices = {r.proposal_id: r.price for r in kept if r.price}
        lowest = min(prices.values())
        for row in kept:
            row.points[price_criterion.pk] = (
                lowest / prices[row.proposal_id] * price_criterion.weight
            ).quantize(TWO_PLACES, ROUND_HALF_UP)
    for row in rows:
        row.total = sum(row.points.values(), Decimal("0"))
    ranked = sorted(kept, key=lambda r: r.total, reverse=True)
    previous, position = None, 0
    for index, row in enumerate(ranked, start=1):
        if row.total != previous:
            position, previous = index, row.total
        row.rank = position
    return ranked + sorted([r for r in rows if r not in kept], key=lambda r: r.label)
