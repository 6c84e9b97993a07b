"""Reveal, re-attestation, award decision, and what each bidder is told."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Opportunity, OpportunityStatus, Proposal, ProposalStatus
from opportunities.models.opportunities import ALLOWED_TRANSITIONS
from procurement_portal.events import announce
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.services.transitions import check_transition

from ..models import AwardDecision, Evaluation, PanelMember
from ..signals import award_decided
from .ranking import rank


def evaluation_reveal(*, member: PanelMember, actor) -> Evaluation:
    """Show who wrote each proposal — only once consensus scores are locked (chair)."""
    if member.user_id != actor.pk or not member.is_chair or member.removed_at:
        raise TransitionNotAllowed(_("Only the chair of the panel can do this."))
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(opportunity=member.opportunity)
        if evaluation.revealed_at:
            return evaluation
        if not evaluation.locked_at:
            raise TransitionNotAllowed(_("Lock the consensus scores before revealing who "
                                         "wrote the proposals."))
        evaluation.revealed_at, evaluation.revealed_by = timezone.now(), actor
        evaluation.save(update_fields=["revealed_at", "revealed_by"])
        audit_record(actor=actor, action="evaluation.reveal", obj=member.opportunity,
                     department=member.opportunity.department)
    return evaluation


def reattest_no_conflict(*, member: PanelMember, actor) -> PanelMember:
    """Now that names are visible, each evaluator confirms again they have no conflict."""
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator attests for themselves."))
    if not Evaluation.objects.filter(opportunity_id=member.opportunity_id,
                                     revealed_at__isnull=False).exists():
        raise TransitionNotAllowed(_("Identities are not revealed yet."))
    if not member.reattested_at:
        member.reattested_at = timezone.now()
        member.save(update_fields=["reattested_at"])
        audit_record(actor=actor, action="evaluation.reattest", obj=member.opportunity,
                     department=member.opportunity.department)
    return member


def eligible(proposal: Proposal) -> bool:
    """Checked after the reveal: the business must be in good standing."""
    return not proposal.vendor.is_suspended


def award_decide(*, opportunity: Opportunity, actor, kind: str, proposal: Proposal | None = None,
                 justification: str = "") -> AwardDecision:
    if not Opportunity.objects.managed_by(actor).filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(_("Only the buyer or a procurement officer of the "
                                     "department can award."))
    justification = justification.strip()
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        existing = AwardDecision.objects.filter(opportunity=opportunity).first()
        if existing:
            return existing
        evaluation = Evaluation.objects.filter(opportunity=opportunity).first()
        if evaluation is None or not evaluation.revealed_at:
            raise TransitionNotAllowed(_("Identities must be revealed before the award."))
        if PanelMember.objects.active().filter(opportunity=opportunity,
                                               reattested_at=None).exists():
            raise TransitionNotAllowed(_("Every evaluator must confirm again that they have "
                                         "no conflict of interest."))
        ranked = [row for row in rank(opportunity) if row.rank]
        by_id = {p.pk: p for p in opportunity.proposals.select_related("vendor")}
        top = next((by_id[r.proposal_id] for r in ranked if eligible(by_id[r.proposal_id])),
                   None)
        if kind == AwardDecision.Kind.TOP:
            if top is None:
                raise PortalError(_("No proposal is eligible: record a justified decision."))
            winner = top
        elif kind == AwardDecision.Kind.OTHER:
            if proposal is None or proposal.pk not in {r.proposal_id for r in ranked}:
                raise PortalError(_("Choose a ranked proposal."), field="proposal")
            if not justification:
                raise PortalError(_("Justify awarding to another proposal."),
                                  field="justification")
            winner = by_id[proposal.pk]
        else:
            if not justification:
                raise PortalError(_("Justify not awarding."), field="justification")
            winner = None
        decision = AwardDecision.objects.create(opportunity=opportunity, kind=kind,
                                                proposal=winner, justification=justification,
                                                decided_by=actor)
        _settle_proposals(opportunity, winner, ranked)
        if winner:
            check_transition(opportunity, OpportunityStatus.AWARDED, ALLOWED_TRANSITIONS)
            opportunity.status = OpportunityStatus.AWARDED
            opportunity.awarded_amount = winner.last_receipt.content["price"]
            opportunity.save(update_fields=["status", "awarded_amount", "updated_at"])
        else:
            check_transition(opportunity, OpportunityStatus.CANCELLED, ALLOWED_TRANSITIONS)
            opportunity.status = OpportunityStatus.CANCELLED
            opportunity.cancellation_reason = justification
            opportunity.cancelled_at = timezone.now()
            opportunity.save(update_fields=["status", "cancellation_reason", "cancelled_at",
                                            "updated_at"])
        audit_record(actor=actor, action="opportunity.award", obj=opportunity,
                     from_state=OpportunityStatus.UNDER_EVALUATION, to_state=opportunity.status,
                     department=opportunity.department,
                     details={"kind": kind, "justification": justification})
        _tell_bidders(opportunity, winner)
        announce(opportunity_id=opportunity.pk,
                 tag="award" if winner else "tenderCancellation")
        if winner:
            award_decided.send(sender=AwardDecision, decision=decision)
    return decision


def _settle_proposals(opportunity, winner, ranked) -> None:
    ranked_ids = {r.proposal_id for r in ranked}
    for proposal in opportunity.proposals.filter(status=ProposalStatus.UNDER_EVALUATION):
        if winner and proposal.pk == winner.pk:
            proposal.status, proposal.status_reason = ProposalStatus.AWARDED, ""
        elif proposal.pk in ranked_ids:
            proposal.status = ProposalStatus.NOT_AWARDED
        else:
            proposal.status = ProposalStatus.DISQUALIFIED
            proposal.status_reason = _("Below a criterion's minimum score, or over the budget.")
        proposal.save(update_fields=["status", "status_reason", "updated_at"])


def _tell_bidders(opportunity, winner) -> None:
    from vendors.models import VendorMember

    title = {"en": opportunity.title_en, "fr": opportunity.title_fr}
    for proposal in opportunity.proposals.exclude(status__in=[ProposalStatus.DRAFT,
                                                             ProposalStatus.WITHDRAWN]):
        template = "emails/award_notice" if winner and proposal.pk == winner.pk \
            else "emails/regret_letter"
        for member in VendorMember.objects.filter(vendor=proposal.vendor_id).select_related(
                "user"):
            notify(template=template, recipient=member.user, context={
                "title": title, "url": absolute_url("debrief", member.user, pk=proposal.pk)})


def debrief(proposal: Proposal) -> dict:
    """What a bidder learns: its own consensus scores and rationale, its rank out of N, and
    the winner's total — never another bidder's answers or scores."""
    from ..models import ConsensusScore

    opportunity = proposal.opportunity
    rows = rank(opportunity)
    ranked = [r for r in rows if r.rank]
    mine = next((r for r in rows if r.proposal_id == proposal.pk), None)
    decision = getattr(opportunity, "award_decision", None)
    winner_total = None
    if decision and decision.proposal_id:
        winner_total = next((r.total for r in rows if r.proposal_id == decision.proposal_id),
                            None)
    scores = {c.criterion_id: c for c in ConsensusScore.objects.filter(proposal=proposal)}
    return {
        "criteria": [(c, scores.get(c.pk), mine.points.get(c.pk) if mine else None)
                     for c in opportunity.criteria.all()],
        "total": mine.total if mine else None, "rank": mine.rank if mine else None,
        "of": len(ranked), "winner_total": winner_total, "decision": decision,
    }
