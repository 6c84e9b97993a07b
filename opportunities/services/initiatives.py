from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record

from ..models import Initiative, Opportunity, OpportunityStatus, Phase, PhaseDecision
from ..models.initiatives import PHASE_ORDER
from .access import ensure_manages


def initiative_create(*, actor: User, department, **fields) -> Initiative:
    if not actor.has_role(Role.BUYER, department):
        raise TransitionNotAllowed(_("Only a buyer of this department can start initiatives."))
    with transaction.atomic():
        initiative = Initiative.objects.create(department=department, owner=actor, **fields)
        audit_record(actor=actor, action="initiative.create", obj=initiative, department=department)
    return initiative


def phase_decide(
    *, opportunity: Opportunity, actor: User, decision: str, reasons: str, reasons_fr: str = ""
) -> PhaseDecision:
    """Record the go / no-go at the end of a completed phase; it is public."""
    if not reasons.strip():
        raise PortalError(_("Give the reasons for the decision."), field="reasons")
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        ensure_manages(actor, opportunity)
        existing = PhaseDecision.objects.filter(opportunity=opportunity).first()
        if existing:
            return existing
        if opportunity.initiative_id is None:
            raise TransitionNotAllowed(_("This opportunity is not a phase of an initiative."))
        if opportunity.status != OpportunityStatus.COMPLETE:
            raise TransitionNotAllowed(_("The go / no-go is recorded once the phase is complete."))
        record = PhaseDecision.objects.create(
            opportunity=opportunity,
            decision=decision,
            reasons=reasons.strip(),
            reasons_fr=reasons_fr.strip(),
            decided_by=actor,
        )
        audit_record(
            actor=actor,
            action="phase.decide",
            obj=opportunity,
            to_state=decision,
            department=opportunity.department,
        )
    return record


def next_phase_draft(*, opportunity: Opportunity, actor: User) -> Opportunity:
    """After a "go", draft the next phase, linked to this one and to the initiative."""
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        ensure_manages(actor, opportunity)
        following = Opportunity.objects.filter(previous_phase=opportunity).first()
        if following:
            return following
        decision = PhaseDecision.objects.filter(opportunity=opportunity).first()
        if decision is None or decision.decision != PhaseDecision.Decision.GO:
            raise TransitionNotAllowed(_("The next phase follows a “go” decision."))
        phase = Phase(opportunity.phase) if opportunity.phase in PHASE_ORDER else None
        position = PHASE_ORDER.index(phase) if phase else -1
        if position == len(PHASE_ORDER) - 1:
            raise TransitionNotAllowed(_("This is the last phase."))
        initiative = opportunity.initiative
        if initiative is None:
            raise TransitionNotAllowed(_("This opportunity is not a phase of an initiative."))
        next_phase = Opportunity.objects.create(
            department=opportunity.department,
            owner=actor,
            initiative=opportunity.initiative,
            phase=PHASE_ORDER[position + 1],
            previous_phase=opportunity,
            category=opportunity.category,
            title_en=initiative.name_en,
            title_fr=initiative.name_fr,
            contact_name=actor.full_name,
            contact_email=actor.email,
            price_evaluation=opportunity.price_evaluation,
            time_zone=opportunity.time_zone,
        )
        audit_record(
            actor=actor,
            action="opportunity.create",
            obj=next_phase,
            to_state=OpportunityStatus.DRAFT,
            department=opportunity.department,
            details={"previous_phase": opportunity.pk},
        )
    return next_phase
