"""Reads that span apps: what a vendor's registry claims would earn on an opportunity's
registry criteria (responsible procurement), for the vendor's own eyes before submitting."""

from dataclasses import dataclass, field

from vendors.models.certifications import Badge
from vendors.services.registry import ClaimLine, claim_lines

from .models import Criterion, Opportunity


@dataclass
class BadgeRow:
    badge: str
    label: str
    points: int
    earned: bool
    claims: list[ClaimLine] = field(default_factory=list)


@dataclass
class CriterionCount:
    criterion: Criterion
    rows: list[BadgeRow]
    score: int  # out of 10, what the vendor would get if bids closed now


def what_would_count(opportunity: Opportunity, vendor, *, today=None) -> list[CriterionCount]:
    """For each registry criterion: each claim type it rewards, its points, whether the
    vendor's claims earn them at this moment, and the claims themselves with why one does
    not count. Empty when the opportunity has no registry criterion."""
    criteria = list(Criterion.objects.registry().filter(opportunity=opportunity))
    if not criteria:
        return []
    lines = claim_lines(vendor, today=today) if vendor is not None else []
    earned = {line.badge for line in lines if line.counts}
    counts = []
    for criterion in criteria:
        rows = [
            BadgeRow(
                badge=badge,
                label=str(Badge(badge).label),
                points=points,
                earned=badge in earned,
                claims=[line for line in lines if line.badge == badge],
            )
            for badge, points in criterion.registry_points.items()
        ]
        counts.append(CriterionCount(criterion, rows, criterion.registry_score(earned)))
    return counts
