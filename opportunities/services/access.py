from django.utils.translation import gettext as _

from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role, User

from ..models import Opportunity


def ensure_manages(actor: User, opportunity: Opportunity) -> None:
    """The buyer who owns it, an officer of its department, or a site admin."""
    if not Opportunity.objects.managed_by(actor).filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(
            _("Only the buyer or a procurement officer of the department can do this.")
        )


def ensure_vendor(actor: User) -> None:
    if not (actor.is_authenticated and actor.has_role(Role.VENDOR_MEMBER)):
        raise TransitionNotAllowed(_("Only vendor accounts can do this."))
