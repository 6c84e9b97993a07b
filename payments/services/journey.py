"""Who may act on a contract."""

from django.utils.translation import gettext as _

from opportunities.models import Opportunity
from procurement_portal.exceptions import TransitionNotAllowed


def is_vendor_member(user, contract) -> bool:
    membership = getattr(user, "vendor_membership", None) if user.is_authenticated else None
    return membership is not None and membership.vendor_id == contract.vendor_id


def ensure_vendor_member(user, contract, *, owner=False) -> None:
    if not is_vendor_member(user, contract):
        raise TransitionNotAllowed(
            _("Only members of the business holding this contract can do this.")
        )
    if owner and not user.vendor_membership.is_owner:
        raise TransitionNotAllowed(_("Only an owner of the business can accept a contract."))


def manages(user, contract) -> bool:
    return Opportunity.objects.managed_by(user).filter(pk=contract.opportunity_id).exists()


def ensure_manages(user, contract) -> None:
    if not manages(user, contract):
        raise TransitionNotAllowed(
            _("Only the buyer or a procurement officer of the department can do this.")
        )
