from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Proposal
from opportunities.models.criteria import RUBRIC_MAX, CriterionKind
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import ConsensusScore, Evaluation, PanelMember, Pseudonym, ScoreSheet
from ..models.evaluation import EvaluationStatus
from .status import evaluation_move


def _ensure_chair(member: PanelMember, actor: User) -> Evaluation:
    if member.user_id != actor.pk or not member.is_chair or member.removed_at:
        raise TransitionNotAllowed(_("Only the chair of the panel can do this."))
    evaluation = (
        Evaluation.objects.select_for_update().filter(opportunity=member.opportunity).first()
    )
    if evaluation is None:
        raise TransitionNotAllowed(_("Evaluation has not started."))
    if evaluation.is_locked:
        raise TransitionNotAllowed(_("Consensus scores are locked."))
    return evaluation


def consensus_record(
    *, member: PanelMember, actor: User, proposal: Proposal, scores: dict[int, tuple[int, str]]
) -> None:
    """Record the panel's agreed score and rationale per criterion (chair only), once every
    evaluator still on the panel has submitted their own scores for this proposal."""
    with transaction.atomic():
        _ensure_chair(member, actor)
        if proposal.opportunity_id != member.opportunity_id:
            raise TransitionNotAllowed(_("This proposal is not under evaluation."))
        from .panel import MINIMUM_PANEL

        if (
            PanelMember.objects.active().filter(opportunity=member.opportunity).count()
            < MINIMUM_PANEL
        ):
            raise TransitionNotAllowed(
                _("The panel needs at least two evaluators: ask the buyer to add one.")
            )
        waiting = (
            PanelMember.objects.active()
            .filter(opportunity=member.opportunity)
            .exclude(
                pk__in=ScoreSheet.objects.filter(proposal=proposal)
                .exclude(submitted_at=None)
                .values("member_id")
            )
        )
        if waiting.exists():
            raise TransitionNotAllowed(_("Every evaluator must submit their scores first."))
        criteria = {c.pk for c in member.opportunity.criteria.written().panel_scored()}
        consensus_scores_write(
            proposal=proposal,
            actor=actor,
            scores=scores,
            allowed=criteria,
            refusal=_("This criterion is not scored by evaluators."),
        )
        audit_record(
            actor=actor,
            action="evaluation.consensus",
            obj=member.opportunity,
            department=member.opportunity.department,
            details={"pseudonym": proposal.pseudonym.label},
        )


def evaluation_lock(*, member: PanelMember, actor: User) -> Evaluation:
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(opportunity=member.opportunity)
        if evaluation.is_locked:
            return evaluation
        _ensure_chair(member, actor)
        opportunity = member.opportunity
        needed = opportunity.criteria.written().panel_scored().count()
        for pseudonym in Pseudonym.objects.filter(opportunity=opportunity):
            agreed = ConsensusScore.objects.filter(
                proposal_id=pseudonym.proposal_id,
                criterion__kind=CriterionKind.PANEL,
                criterion__stage=1,
            )
            if agreed.count() < needed:
                raise PortalError(
                    _(
                        "Record a consensus score for every criterion of every "
                        "proposal before locking."
                    )
                )
        evaluation = evaluation_move(
            evaluation_id=evaluation.pk,
            to=EvaluationStatus.LOCKED,
            actor=actor,
            action="evaluation.lock",
            fields={"locked_at": timezone.now(), "locked_by": actor},
        ).obj
    return evaluation


def consensus_scores_write(*, proposal, actor, scores: dict, allowed: set, refusal: str) -> None:
    """Write the chair's agreed scores (0 to RUBRIC_MAX, each with its rationale) on the
    criteria in `allowed`, for the written stage and the demonstration alike. The caller
    holds the locks, checks the stage and writes the audit entry."""
    for criterion_id, (score, rationale) in scores.items():
        if criterion_id not in allowed:
            raise PortalError(refusal)
        if score is None:
            continue
        if not 0 <= score <= RUBRIC_MAX or not (rationale or "").strip():
            raise PortalError(
                _("Give a score from 0 to %(max)s and its rationale.") % {"max": RUBRIC_MAX}
            )
        ConsensusScore.objects.update_or_create(
            proposal=proposal,
            criterion_id=criterion_id,
            defaults={"score": score, "rationale": rationale.strip(), "recorded_by": actor},
        )
