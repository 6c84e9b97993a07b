"""Moving the opportunity along the journey as its contract advances, and who may act."""

from django.utils.translation import gettext as _

from opportunities.models import Opportunity
from opportunities.models.opportunities import ALLOWED_TRANSITIONS
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.services.audit import audit_record
from procurement_portal.services.transitions import check_transition


def opportunity_advance(*, opportunity_id: int, to_state: str, actor, action: str,
                        details: dict | None = None) -> Opportunity:
    """Lock the opportunity and move it one step, checked against its transition table.
    Callers run inside their own transaction, so the move and their record land together."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity_id)
    check_transition(opportunity, to_state, ALLOWED_TRANSITIONS)
    from_state = opportunity.status
    opportunity.status = to_state
    opportunity.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=action, obj=opportunity, from_state=from_state,
                 to_state=to_state, department=opportunity.department, details=details)
    return opportunity


def is_vendor_member(user, contract) -> bool:
    membership = getattr(user, "vendor_membership", None) if user.is_authenticated else None
    return membership is not None and membership.vendor_id == contract.vendor_id


def ensure_vendor_member(user, contract, *, owner=False) -> None:
    if not is_vendor_member(user, contract):
        raise TransitionNotAllowed(_("Only members of the business holding this contract can "
                                     "do this."))
    if owner and not user.vendor_membership.is_owner:
        raise TransitionNotAllowed(_("Only an owner of the business can accept a contract."))


def manages(user, contract) -> bool:
    return Opportunity.objects.managed_by(user).filter(pk=contract.opportunity_id).exists()


def ensure_manages(user, contract) -> None:
    if not manages(user, contract):
        raise TransitionNotAllowed(_("Only the buyer or a procurement officer of the "
                                     "department can do this."))
