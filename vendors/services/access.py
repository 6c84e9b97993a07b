from django.utils.translation import gettext as _

from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role, User

from ..models import Vendor, VendorMember


def membership(actor: User, vendor: Vendor) -> VendorMember:
    member = (
        VendorMember.objects.filter(vendor=vendor, user=actor).first()
        if (actor.is_authenticated)
        else None
    )
    if member is None:
        raise TransitionNotAllowed(_("Only members of this business can do this."))
    return member


def ensure_owner(actor: User, vendor: Vendor) -> VendorMember:
    member = membership(actor, vendor)
    if not member.is_owner:
        raise TransitionNotAllowed(_("Only an owner of this business can do this."))
    return member


def ensure_verifier(actor: User) -> None:
    """Claims are checked by procurement officers (of any department) and site admins."""
    if not (actor.has_role(Role.PROCUREMENT_OFFICER) or actor.has_role(Role.SITE_ADMIN)):
        raise TransitionNotAllowed(_("Only procurement officers verify claims."))
