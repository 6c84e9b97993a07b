from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.roles import role_grant

from ..models import Vendor, VendorMember
from ..signals import vendor_ties_changed
from .access import ensure_owner


def _duplicate_number_error() -> PortalError:
    # The same words as the field's own "unique" message; never who holds the number.
    message = Vendor._meta.get_field("business_number").error_messages["unique"]
    return PortalError(message, field="business_number")


def vendor_create(*, actor: User, categories=(), **fields) -> Vendor:
    """Create a business; the person creating it becomes its first owner."""
    if VendorMember.objects.filter(user=actor).exists():
        raise TransitionNotAllowed(_("You already belong to a business."))
    if Vendor.objects.filter(business_number=fields.get("business_number")).exists():
        raise _duplicate_number_error()
    try:
        with transaction.atomic():
            vendor = Vendor.objects.create(**fields)
            vendor.categories.set(categories)
            VendorMember.objects.create(vendor=vendor, user=actor, role=VendorMember.Role.OWNER)
            if not actor.has_role(Role.VENDOR_MEMBER):
                role_grant(user=actor, role=Role.VENDOR_MEMBER, actor=actor)
            audit_record(actor=actor, action="vendor.create", obj=vendor)
    except IntegrityError:  # two people registering the same number at the same moment
        raise _duplicate_number_error() from None
    return vendor


def vendor_update(*, vendor: Vendor, actor: User, categories=None, **fields) -> Vendor:
    from .access import membership

    membership(actor, vendor)
    if (
        "business_number" in fields
        and Vendor.objects.filter(business_number=fields["business_number"])
        .exclude(pk=vendor.pk)
        .exists()
    ):
        raise _duplicate_number_error()
    try:
        with transaction.atomic():
            vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
            for name, value in fields.items():
                setattr(vendor, name, value)
            vendor.save(update_fields=list(fields))
            if categories is not None:
                vendor.categories.set(categories)
            audit_record(actor=actor, action="vendor.update", obj=vendor)
            if {"legal_name", "operating_name", "business_number"} & set(fields):
                vendor_ties_changed.send(sender=Vendor, user=None, vendor=vendor)
    except IntegrityError:
        raise _duplicate_number_error() from None
    return vendor


__all__ = ["ensure_owner", "vendor_create", "vendor_update"]
