"""Opening evaluation when bids close: pseudonyms, and the silent conflict-of-interest check."""

import secrets

from django.db import transaction
from django.utils import timezone

from opportunities.models import Opportunity, OpportunityStatus, ProposalStatus
from opportunities.services.status import opportunity_move, proposal_move
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.services.transitions import check_transition

from ..models import Evaluation, PanelMember, Pseudonym, RegistryScore

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as digits
DIGITS = "23456789"


def draw_labels(count: int) -> list[str]:
    """Distinct random labels like K7, from the system's secure random source."""
    labels: set[str] = set()
    while len(labels) < count:
        labels.add(secrets.choice(LETTERS) + secrets.choice(DIGITS))
    drawn = list(labels)
    secrets.SystemRandom().shuffle(drawn)
    return drawn


def _normal(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").replace(",", " ").split())


def has_tie(member: PanelMember, vendors) -> bool:
    """Membership of a bidding business, or a tie by business number, or by legal or
    operating name (either containing the other)."""
    from vendors.models import VendorMember

    if VendorMember.objects.filter(
        user_id=member.user_id, vendor_id__in=[v.pk for v in vendors]
    ).exists():
        return True
    for tie in member.user.ties.all():
        name = _normal(tie.organisation)
        for vendor in vendors:
            if tie.business_number and tie.business_number == vendor.business_number:
                return True
            for vendor_name in [vendor.legal_name, vendor.operating_name]:
                other = _normal(vendor_name)
                if other and name and (name in other or other in name):
                    return True
    return False


def evaluation_open(*, opportunity: Opportunity) -> Evaluation:
    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update()
            .select_related("department", "owner")
            .get(pk=opportunity.pk)
        )
        existing = Evaluation.objects.filter(opportunity=opportunity).first()
        if existing:
            return existing
        check_transition(opportunity, OpportunityStatus.UNDER_EVALUATION, Opportunity.TRANSITIONS)
        evaluation = Evaluation.objects.create(opportunity=opportunity)
        proposals = list(opportunity.proposals.submitted().select_related("vendor"))
        for proposal, label in zip(proposals, draw_labels(len(proposals)), strict=True):
            Pseudonym.objects.create(proposal=proposal, opportunity=opportunity, label=label)
            proposal_move(
                proposal_id=proposal.pk,
                to=ProposalStatus.UNDER_EVALUATION,
                actor=None,
                action="proposal.unseal",
                details={"pseudonym": label},
            )
        registry_scores_compute(opportunity=opportunity, proposals=proposals)
        vendors = [p.vendor for p in proposals]
        removed = 0
        for member in (
            opportunity.panel.active().select_related("user").prefetch_related("user__ties")
        ):
            if has_tie(member, vendors):
                member.removed_at = timezone.now()
                member.save(update_fields=["removed_at"])
                removed += 1
                # Neutral: nobody learns which bidder, not even the evaluator.
                notify(
                    template="emails/panel_conflict",
                    recipient=member.user,
                    context={"title": {"en": opportunity.title_en, "fr": opportunity.title_fr}},
                )
        if removed:
            notify(
                template="emails/panel_changed",
                recipient=opportunity.owner,
                context={
                    "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                    "removed": removed,
                    "remaining": opportunity.panel.active().count(),
                    "url": absolute_url("panel_manage", opportunity.owner, pk=opportunity.pk),
                },
            )
        due = evaluation.scores_due
        for member in opportunity.panel.active().select_related("user"):
            notify(
                template="emails/scoring_open",
                recipient=member.user,
                context={
                    "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                    "proposals": len(proposals),
                    "due_at": due.isoformat(),
                    "time_zone": opportunity.time_zone,
                    "url": absolute_url("evaluation_home", member.user, pk=opportunity.pk),
                },
                dedupe_key=f"scoring-open:{evaluation.pk}:{member.user_id}",
            )
        opportunity_move(
            opportunity_id=opportunity.pk,
            to=OpportunityStatus.UNDER_EVALUATION,
            actor=None,
            action="evaluation.open",
            details={"proposals": len(proposals), "panel_removed": removed},
        )
    return evaluation


def registry_scores_compute(*, opportunity: Opportunity, proposals) -> None:
    """Registry criteria (responsible procurement): each proposal gets, once and for good,
    the points of the claim types its vendor holds verified and unexpired at opening. The
    audit keeps what was computed, by pseudonym; nobody on the panel sees the claims."""
    from opportunities.models import Criterion
    from vendors.services.registry import verified_badges

    criteria = list(Criterion.objects.registry().filter(opportunity=opportunity))
    if not criteria:
        return
    computed: dict[str, dict] = {}
    for proposal in proposals:
        badges = sorted(verified_badges(proposal.vendor))
        label = proposal.pseudonym.label
        computed[label] = {}
        for criterion in criteria:
            earned = [badge for badge in badges if badge in criterion.registry_points]
            score = criterion.registry_score(earned)
            RegistryScore.objects.get_or_create(
                proposal=proposal, criterion=criterion, defaults={"score": score, "badges": earned}
            )
            computed[label][str(criterion.pk)] = {"points": score, "claim_types": earned}
    audit_record(
        actor=None,
        action="evaluation.registry_scores",
        obj=opportunity,
        department=opportunity.department,
        details={"scores": computed},
    )


def evaluations_open_due() -> int:
    opened = 0
    for opportunity in Opportunity.objects.awaiting_evaluation().only("pk"):
        evaluation_open(opportunity=opportunity)
        opened += 1
    return opened
