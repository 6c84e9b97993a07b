"""Reveal, re-attestation, award decision, and what each bidder is told."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Opportunity, OpportunityStatus, Proposal, ProposalStatus
from opportunities.services.status import opportunity_move, proposal_move
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.services.transitions import check_transition

from ..models import AwardDecision, Evaluation, PanelMember
from ..models.evaluation import EvaluationStatus
from .bidders import named_proposals
from .draw import tie_break_draw, tied_for_first
from .ranking import rank
from .shortlist import demonstrations_scored, final_rank
from .status import evaluation_move


def evaluation_reveal(*, member: PanelMember, actor: User) -> Evaluation:
    """Show who wrote each proposal — only once consensus scores are locked (chair)."""
    if member.user_id != actor.pk or not member.is_chair or member.removed_at:
        raise TransitionNotAllowed(_("Only the chair of the panel can do this."))
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(opportunity=member.opportunity)
        if evaluation.is_revealed:
            return evaluation
        if not evaluation.is_locked:
            raise TransitionNotAllowed(
                _("Lock the consensus scores before revealing who wrote the proposals.")
            )
        if member.opportunity.has_demonstration:
            # Two stages: the reveal closes the demonstration stage (names of the
            # shortlisted are already shown; the others stay anonymous).
            if not evaluation.is_shortlisted:
                raise TransitionNotAllowed(_("Shortlist the top proposals first."))
            if not demonstrations_scored(member.opportunity):
                raise TransitionNotAllowed(
                    _("Record the demonstration scores of every shortlisted proposal first.")
                )
        evaluation = evaluation_move(
            evaluation_id=evaluation.pk,
            to=EvaluationStatus.REVEALED,
            actor=actor,
            action="evaluation.reveal",
            fields={"revealed_at": timezone.now(), "revealed_by": actor},
        ).obj
    return evaluation


def reattest_no_conflict(*, member: PanelMember, actor: User) -> PanelMember:
    """Now that names are visible, each evaluator confirms again they have no conflict."""
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator attests for themselves."))
    if not Evaluation.objects.filter(
        opportunity_id=member.opportunity_id,
        status__in=[EvaluationStatus.SHORTLISTED, EvaluationStatus.REVEALED],
    ).exists():
        raise TransitionNotAllowed(_("Identities are not revealed yet."))
    if not member.reattested_at:
        member.reattested_at = timezone.now()
        member.save(update_fields=["reattested_at"])
        audit_record(
            actor=actor,
            action="evaluation.reattest",
            obj=member.opportunity,
            department=member.opportunity.department,
        )
    return member


def eligible(proposal: Proposal) -> bool:
    """Checked after the reveal: the business must be in good standing."""
    return not proposal.vendor.is_suspended


def revealed_vendors(opportunity: Opportunity) -> dict:
    """{proposal id: vendor} once identities are revealed; empty before (anonymity)."""
    return {p.pk: p.vendor for p in named_proposals(opportunity)}


def ranking_with_names(opportunity: Opportunity) -> list:
    """Ranking rows; after the reveal (only), each carries the vendor and its eligibility."""
    rows = final_rank(opportunity)
    proposals = {p.pk: p for p in named_proposals(opportunity)}
    if proposals:
        for row in rows:
            if row.proposal_id not in proposals:
                continue
            row.vendor = proposals[row.proposal_id].vendor
            row.variant = proposals[row.proposal_id].variant_number
            row.eligible = eligible(proposals[row.proposal_id])
    return rows


def award_decide(
    *,
    opportunity: Opportunity,
    actor: User,
    kind: str,
    proposal: Proposal | None = None,
    justification: str = "",
) -> AwardDecision:
    if not Opportunity.objects.managed_by(actor).filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(
            _("Only the buyer or a procurement officer of the department can award.")
        )
    justification = justification.strip()
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        existing = AwardDecision.objects.filter(opportunity=opportunity).first()
        if existing:
            return existing
        evaluation = Evaluation.objects.filter(opportunity=opportunity).first()
        if evaluation is None or not evaluation.is_revealed:
            raise TransitionNotAllowed(_("Identities must be revealed before the award."))
        if (
            PanelMember.objects.active()
            .filter(opportunity=opportunity, reattested_at=None)
            .exists()
        ):
            raise TransitionNotAllowed(
                _("Every evaluator must confirm again that they have no conflict of interest.")
            )
        ranked = [row for row in final_rank(opportunity) if row.rank]
        by_id = {p.pk: p for p in opportunity.proposals.select_related("vendor")}
        tied = tied_for_first(ranked, lambda row: eligible(by_id[row.proposal_id]))
        draw = None
        if kind == AwardDecision.Kind.TOP:
            if not tied:
                raise PortalError(_("No proposal is eligible: record a justified decision."))
            if len(tied) > 1:  # the portal draws, the buyer does not pick (docs/tie-break.md)
                draw = tie_break_draw(
                    opportunity=opportunity,
                    actor=actor,
                    tied={row.label: by_id[row.proposal_id] for row in tied},
                )
                winner = draw.winner
            else:
                winner = by_id[tied[0].proposal_id]
        elif kind == AwardDecision.Kind.OTHER:
            if proposal is None or proposal.pk not in {r.proposal_id for r in ranked}:
                raise PortalError(_("Choose a ranked proposal."), field="proposal")
            if len(tied) > 1 and proposal.pk in {row.proposal_id for row in tied}:
                raise PortalError(
                    _(
                        "This proposal ties for first with another: choose the top-ranked "
                        "award and the portal draws the winner."
                    ),
                    field="proposal",
                )
            if not justification:
                raise PortalError(_("Justify awarding to another proposal."), field="justification")
            winner = by_id[proposal.pk]
        else:
            if not justification:
                raise PortalError(_("Justify not awarding."), field="justification")
            winner = None
        to_state = OpportunityStatus.AWARDED if winner else OpportunityStatus.CANCELLED
        check_transition(opportunity, to_state, Opportunity.TRANSITIONS)
        decision = AwardDecision.objects.create(
            opportunity=opportunity,
            kind=kind,
            proposal=winner,
            justification=justification,
            decided_by=actor,
        )
        # Not shortlisted: settled and told at the shortlist already.
        told_at_shortlist = list(
            opportunity.proposals.exclude(pseudonym=None)
            .filter(demonstration=None)
            .values_list("pk", flat=True)
            if opportunity.has_demonstration
            else []
        )
        _settle_proposals(opportunity, winner, ranked, actor)
        if winner:
            fields = {"awarded_amount": winner.last_receipt.content["price"]}
        else:
            fields = {"cancellation_reason": justification, "cancelled_at": timezone.now()}
        opportunity_move(
            opportunity_id=opportunity.pk,
            to=to_state,
            actor=actor,
            action="opportunity.award",
            fields=fields,
            details={
                "kind": kind,
                "justification": justification,
                **({"tie_break_seed": draw.seed} if draw else {}),
            },
        )
        _tell_bidders(opportunity, winner, told_at_shortlist)
    return decision


def _settle_proposals(opportunity, winner, ranked, actor: User) -> None:
    ranked_ids = {r.proposal_id for r in ranked}
    for proposal in opportunity.proposals.under_evaluation():
        if winner and proposal.pk == winner.pk:
            to, reason = ProposalStatus.AWARDED, ""
        elif proposal.pk in ranked_ids:
            to, reason = ProposalStatus.NOT_AWARDED, proposal.status_reason
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


def _tell_bidders(opportunity, winner, told_at_shortlist: list[int]) -> None:
    from vendors.models import VendorMember

    title = {"en": opportunity.title_en, "fr": opportunity.title_fr}
    for proposal in opportunity.proposals.received().exclude(pk__in=told_at_shortlist):
        template = (
            "emails/award_notice" if winner and proposal.pk == winner.pk else "emails/regret_letter"
        )
        for member in VendorMember.objects.filter(vendor=proposal.vendor_id).select_related("user"):
            notify(
                template=template,
                recipient=member.user,
                context={
                    "title": title,
                    "url": absolute_url("debrief", member.user, pk=proposal.pk),
                    "variant": proposal.variant_number,
                },
            )


def debrief(proposal: Proposal) -> dict:
    """What a bidder learns: its own consensus scores and rationale, its rank out of N, and
    the winner's total — never another bidder's answers or scores."""
    from ..models import ConsensusScore

    opportunity = proposal.opportunity
    shortlisted = hasattr(proposal, "demonstration")
    # The shortlisted are ranked on both stages; the others on the written stage they sat.
    rows = final_rank(opportunity) if shortlisted else rank(opportunity)
    ranked = [r for r in rows if r.rank]
    mine = next((r for r in rows if r.proposal_id == proposal.pk), None)
    decision = getattr(opportunity, "award_decision", None)
    winner_total = None
    # Not shortlisted: the winner's final score mixes a stage this proposal did not sit.
    if decision and decision.proposal_id and (shortlisted or not opportunity.has_demonstration):
        winner_total = next((r.total for r in rows if r.proposal_id == decision.proposal_id), None)
    scores = {c.criterion_id: c for c in ConsensusScore.objects.filter(proposal=proposal)}
    return {
        "criteria": [
            (c, scores.get(c.pk), mine.points.get(c.pk) if mine else None)
            for c in (opportunity.criteria.all() if shortlisted else opportunity.criteria.written())
        ],
        "written": mine.written if mine else None,
        "demonstration": mine.demonstration if mine else None,
        "total": mine.total if mine else None,
        "rank": mine.rank if mine else None,
        "of": len(ranked),
        "winner_total": winner_total,
        "decision": decision,
    }
