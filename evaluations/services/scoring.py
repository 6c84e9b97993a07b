"""Blind individual scoring: attest, score each criterion, submit; others' scores stay hidden
until one's own sheet is submitted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Opportunity, Proposal, ProposalStatus
from opportunities.models.criteria import RUBRIC_MAX
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import PanelMember, Score, ScoreSheet


def seat(actor: User, opportunity: Opportunity) -> PanelMember:
    member = (
        PanelMember.objects.active().filter(opportunity=opportunity, user=actor).first()
        if actor.is_authenticated
        else None
    )
    if member is None:
        raise TransitionNotAllowed(_("You are not on this evaluation panel."))
    return member


def attest_no_conflict(*, member: PanelMember, actor: User) -> PanelMember:
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator attests for themselves."))
    if member.attested_at:
        return member
    member.attested_at = timezone.now()
    member.save(update_fields=["attested_at"])
    audit_record(
        actor=actor,
        action="evaluation.attest",
        obj=member.opportunity,
        department=member.opportunity.department,
    )
    return member


def _ensure_can_score(member: PanelMember, proposal: Proposal) -> None:
    evaluation = getattr(member.opportunity, "evaluation", None)
    if evaluation is None or evaluation.is_locked:
        raise TransitionNotAllowed(_("Scores can no longer be changed."))
    if not member.attested_at:
        raise TransitionNotAllowed(_("Attest that you have no conflict of interest first."))
    if proposal.opportunity_id != member.opportunity_id or (
        proposal.status != ProposalStatus.UNDER_EVALUATION
    ):
        raise TransitionNotAllowed(_("This proposal is not under evaluation."))


def scores_save(
    *, member: PanelMember, proposal: Proposal, actor: User, scores: dict[int, tuple[int, str]]
) -> ScoreSheet:
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator scores for themselves."))
    _ensure_can_score(member, proposal)
    criteria = {c.pk for c in member.opportunity.criteria.written().panel_scored()}
    with transaction.atomic():
        sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
            member=member, proposal=proposal
        )
        if sheet.submitted_at:
            raise TransitionNotAllowed(_("You submitted your scores for this proposal."))
        for criterion_id, (value, comment) in scores.items():
            if criterion_id not in criteria:
                raise PortalError(_("This criterion is not scored by evaluators."))
            if value is None:
                continue
            if not 0 <= value <= RUBRIC_MAX:
                raise PortalError(_("Scores go from 0 to %(max)s.") % {"max": RUBRIC_MAX})
            Score.objects.update_or_create(
                sheet=sheet,
                criterion_id=criterion_id,
                defaults={"score": value, "comment": comment},
            )
    return sheet


def scores_submit(*, member: PanelMember, proposal: Proposal, actor: User) -> ScoreSheet:
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator scores for themselves."))
    with transaction.atomic():
        sheet = (
            ScoreSheet.objects.select_for_update().filter(member=member, proposal=proposal).first()
        )
        if sheet and sheet.submitted_at:
            return sheet
        _ensure_can_score(member, proposal)
        scored = set(sheet.scores.values_list("criterion_id", flat=True)) if sheet else set()
        missing = member.opportunity.criteria.written().panel_scored().exclude(pk__in=scored)
        if sheet is None or missing.exists():
            raise PortalError(_("Score every criterion before submitting."))
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at"])
        audit_record(
            actor=actor,
            action="evaluation.score_submit",
            obj=member.opportunity,
            department=member.opportunity.department,
            details={"pseudonym": proposal.pseudonym.label},
        )
    return sheet


def visible_sheets(member: PanelMember, proposal: Proposal):
    """Other evaluators' submitted sheets: only once this evaluator has submitted theirs."""
    own = ScoreSheet.objects.filter(member=member, proposal=proposal).first()
    if own is None or own.submitted_at is None:
        return ScoreSheet.objects.none()
    return (
        ScoreSheet.objects.filter(proposal=proposal, member__removed_at=None)
        .exclude(submitted_at=None)
        .exclude(pk=own.pk)
        .select_related("member__user")
        .prefetch_related("scores")
        .order_by("member__added_at", "member_id")
    )


def labelled_sheets(viewer: PanelMember, sheets) -> list[tuple[str, ScoreSheet]]:
    """Each sheet with whose it is, as `viewer` may know it: their own is "Your scores"; the
    chair, who leads the consensus discussion, sees each evaluator's name; other evaluators
    see "Evaluator 2" (the seat's number on the panel, stable when someone leaves), so no
    one is pressed by a colleague's name. Sheets of members who left are never passed in."""
    seats = list(
        PanelMember.objects.filter(opportunity_id=viewer.opportunity_id)
        .order_by("added_at", "pk")
        .values_list("pk", flat=True)
    )
    labelled = []
    for sheet in sheets:
        if sheet.member_id == viewer.pk:
            label = _("Your scores")
        elif viewer.is_chair:
            label = str(sheet.member.user)
        else:
            label = _("Evaluator %(number)s") % {"number": seats.index(sheet.member_id) + 1}
        labelled.append((label, sheet))
    return labelled


def own_scores_submitted(member: PanelMember, proposal: Proposal | None = None) -> bool:
    """Whether this evaluator has submitted their own scores: for one proposal, or for every
    proposal under evaluation. Until then nothing of the others' scoring (their sheets, the
    consensus and its rationale, ranking points) is shown to them, on any page or export."""
    from ..models import Pseudonym

    submitted = ScoreSheet.objects.filter(member=member).exclude(submitted_at=None)
    if proposal is not None:
        return submitted.filter(proposal=proposal).exists()
    return (
        not Pseudonym.objects.filter(opportunity=member.opportunity)
        .exclude(proposal_id__in=submitted.values("proposal_id"))
        .exists()
    )
