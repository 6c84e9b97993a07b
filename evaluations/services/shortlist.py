"""Shortlist, then demonstration (two-stage evaluation).

The written proposals are scored and locked anonymously like any others. Then the chair
shortlists the top N of the locked ranking (all proposals tied at the cut-off go through:
the portal never picks among equals). Only the shortlisted are named to the panel and
invited to a demonstration or interview, scored by consensus on the demonstration criteria.
The others are told at once and get their debrief; they stay anonymous for good.

Final score = written total × (100 − w) ÷ 100 + demonstration total × w ÷ 100, where w is
the opportunity's published demonstration weight and both totals are out of 100.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Opportunity, Proposal, ProposalStatus
from opportunities.services.status import proposal_move
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import ConsensusScore, Demonstration, Evaluation, PanelMember
from ..models.evaluation import EvaluationStatus
from .consensus import consensus_scores_write
from .ranking import TWO_PLACES, RankedProposal, rank
from .status import evaluation_move


def _chair_evaluation(member: PanelMember, actor: User) -> Evaluation:
    if member.user_id != actor.pk or not member.is_chair or member.removed_at:
        raise TransitionNotAllowed(_("Only the chair of the panel can do this."))
    return Evaluation.objects.select_for_update().get(opportunity=member.opportunity)


def shortlist_make(*, member: PanelMember, actor: User) -> list[Demonstration]:
    """Shortlist the top N of the locked written ranking (chair); repeating it is harmless."""
    opportunity = member.opportunity
    with transaction.atomic():
        evaluation = _chair_evaluation(member, actor)
        if evaluation.status in {EvaluationStatus.SHORTLISTED, EvaluationStatus.REVEALED}:
            return list(opportunity.demonstrations.all())
        if not opportunity.has_demonstration:
            raise TransitionNotAllowed(_("This opportunity has no demonstration stage."))
        if evaluation.status != EvaluationStatus.LOCKED:
            raise TransitionNotAllowed(_("Lock the consensus scores before shortlisting."))
        ranked = [row for row in rank(opportunity) if row.rank]
        # Ranks are shared by equal totals, so "rank ≤ N" takes everyone tied at the cut-off.
        chosen = [row for row in ranked if (row.rank or 0) <= opportunity.shortlist_size]
        if not chosen:
            raise PortalError(_("No proposal passed the written stage: record a no-award."))
        demonstrations = [
            Demonstration.objects.create(
                proposal_id=row.proposal_id, opportunity=opportunity, written_rank=row.rank or 0
            )
            for row in chosen
        ]
        evaluation_move(
            evaluation_id=evaluation.pk,
            to=EvaluationStatus.SHORTLISTED,
            actor=actor,
            action="evaluation.shortlist",
            fields={"shortlisted_at": timezone.now()},
            details={
                "shortlisted": [row.label for row in chosen],
                "tied_at_cut_off": len(chosen) > opportunity.shortlist_size,
            },
        )
        _settle_not_shortlisted(opportunity, {row.proposal_id for row in chosen}, ranked, actor)
    return demonstrations


def _settle_not_shortlisted(opportunity, chosen: set[int], ranked, actor: User) -> None:
    """The others learn now, with their debrief, that they are not going further."""
    from vendors.models import VendorMember

    ranked_ids = {row.proposal_id for row in ranked}
    title = {"en": opportunity.title_en, "fr": opportunity.title_fr}
    for proposal in opportunity.proposals.under_evaluation().exclude(pk__in=chosen):
        if proposal.pk in ranked_ids:
            to, reason = ProposalStatus.NOT_AWARDED, _("Not shortlisted for the demonstration.")
        else:
            to = ProposalStatus.DISQUALIFIED
            reason = _("Below a criterion's minimum score, or over the budget.")
        proposal_move(
            proposal_id=proposal.pk,
            to=to,
            actor=actor,
            action="proposal.settle",
            fields={"status_reason": reason},
        )
        for vendor_member in VendorMember.objects.filter(vendor=proposal.vendor_id).select_related(
            "user"
        ):
            notify(
                template="emails/not_shortlisted",
                recipient=vendor_member.user,
                context={
                    "title": title,
                    "url": absolute_url("debrief", vendor_member.user, pk=proposal.pk),
                    "variant": proposal.variant_number,
                },
                dedupe_key=f"not-shortlisted-{proposal.pk}-{vendor_member.user_id}",
            )


def demonstration_schedule(
    *,
    member: PanelMember,
    actor: User,
    demonstration: Demonstration,
    starts_at,
    place: str,
    notes: str = "",
) -> Demonstration:
    """Set when and where a shortlisted vendor demonstrates (chair); the vendor is emailed
    each time it changes, not when it is saved unchanged."""
    from vendors.models import VendorMember

    place, notes = place.strip(), notes.strip()
    if starts_at is None or not place:
        raise PortalError(_("Give the date and time, and where the demonstration takes place."))
    if starts_at <= timezone.now():
        raise PortalError(_("The demonstration must be in the future."), field="starts_at")
    with transaction.atomic():
        evaluation = _chair_evaluation(member, actor)
        if evaluation.status != EvaluationStatus.SHORTLISTED:
            raise TransitionNotAllowed(_("Demonstrations are scheduled while shortlisted."))
        demonstration = Demonstration.objects.select_for_update().get(
            pk=demonstration.pk, opportunity=member.opportunity
        )
        if (demonstration.starts_at, demonstration.place, demonstration.notes) == (
            starts_at,
            place,
            notes,
        ):
            return demonstration
        demonstration.starts_at, demonstration.place, demonstration.notes = (
            starts_at,
            place,
            notes,
        )
        demonstration.scheduled_by = actor
        demonstration.save(update_fields=["starts_at", "place", "notes", "scheduled_by"])
        opportunity = member.opportunity
        audit_record(
            actor=actor,
            action="evaluation.demonstration_schedule",
            obj=opportunity,
            department=opportunity.department,
            details={"pseudonym": demonstration.proposal.pseudonym.label},
        )
        proposal = demonstration.proposal
        for vendor_member in VendorMember.objects.filter(vendor=proposal.vendor_id).select_related(
            "user"
        ):
            notify(
                template="emails/demonstration_invitation",
                recipient=vendor_member.user,
                context={
                    "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                    "starts_at": starts_at.isoformat(),
                    "time_zone": opportunity.time_zone,
                    "place": place,
                    "notes": notes,
                    "variant": proposal.variant_number,
                },
            )
    return demonstration


def demonstration_score(
    *, member: PanelMember, actor: User, proposal: Proposal, scores: dict[int, tuple[int, str]]
) -> None:
    """The panel's consensus on each demonstration criterion (chair), before the reveal."""
    with transaction.atomic():
        evaluation = _chair_evaluation(member, actor)
        if evaluation.status != EvaluationStatus.SHORTLISTED:
            raise TransitionNotAllowed(_("Demonstration scores are recorded while shortlisted."))
        if not Demonstration.objects.filter(
            proposal=proposal, opportunity=member.opportunity
        ).exists():
            raise TransitionNotAllowed(_("This proposal is not shortlisted."))
        criteria = {c.pk for c in member.opportunity.criteria.demonstration()}
        consensus_scores_write(
            proposal=proposal,
            actor=actor,
            scores=scores,
            allowed=criteria,
            refusal=_("This criterion is not scored at the demonstration."),
        )
        audit_record(
            actor=actor,
            action="evaluation.demonstration_score",
            obj=member.opportunity,
            department=member.opportunity.department,
            details={"pseudonym": proposal.pseudonym.label},
        )


def demonstrations_scored(opportunity: Opportunity) -> bool:
    """Every shortlisted proposal has a consensus score on every demonstration criterion."""
    needed = opportunity.criteria.demonstration().count()
    return all(
        ConsensusScore.objects.filter(proposal_id=d.proposal_id, criterion__stage=2).count()
        >= needed
        for d in opportunity.demonstrations.all()
    )


def final_rank(opportunity: Opportunity) -> list[RankedProposal]:
    """The ranking the award uses: the written one, or once shortlisted the combined one of
    the shortlisted proposals only."""
    rows = rank(opportunity)
    shortlisted = set(opportunity.demonstrations.values_list("proposal_id", flat=True))
    if not opportunity.has_demonstration or not shortlisted:
        return rows
    criteria = list(opportunity.criteria.demonstration())
    consensus = {
        (agreed.proposal_id, agreed.criterion_id): agreed.score
        for agreed in ConsensusScore.objects.filter(proposal_id__in=shortlisted, criterion__stage=2)
    }
    written_share = Decimal(opportunity.written_weight) / 100
    demonstration_share = Decimal(opportunity.demonstration_weight) / 100
    final = [row for row in rows if row.proposal_id in shortlisted]
    for row in final:
        row.written = row.total
        for criterion in criteria:
            score = consensus.get((row.proposal_id, criterion.pk))
            if score is None:
                row.complete = False
                continue
            row.points[criterion.pk] = (
                Decimal(score) / Decimal(10) * Decimal(criterion.weight)
            ).quantize(TWO_PLACES, ROUND_HALF_UP)
        row.demonstration = sum(
            (row.points.get(c.pk, Decimal(0)) for c in criteria), Decimal(0)
        ).quantize(TWO_PLACES)
        row.total = (
            row.written * written_share + row.demonstration * demonstration_share
        ).quantize(TWO_PLACES, ROUND_HALF_UP)
    final.sort(key=lambda r: r.total, reverse=True)
    previous, position = None, 0
    for index, row in enumerate(final, start=1):
        if row.total != previous:
            position, previous = index, row.total
        row.rank = position
    return final
