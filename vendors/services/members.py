from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.services.roles import role_grant

from ..models import Vendor, VendorInvitation, VendorMember
from ..signals import vendor_ties_changed
from .access import ensure_owner, membership


def _last_owner_error() -> PortalError:
    return PortalError(_("A business always keeps an owner: make someone else an owner first."))


def member_invite(*, vendor: Vendor, actor: User, email: str) -> VendorInvitation:
    ensure_owner(actor, vendor)
    email = email.strip().lower()
    if VendorMember.objects.filter(vendor=vendor, user__email__iexact=email).exists():
        raise PortalError(_("This person is already a member."), field="email")
    with transaction.atomic():
        invitation = VendorInvitation.objects.create(vendor=vendor, email=email, invited_by=actor)
        audit_record(actor=actor, action="vendor.invite", obj=vendor, details={"email": email})
        notify(
            template="emails/vendor_invitation",
            to_email=email,
            context={
                "vendor": str(vendor),
                "inviter": str(actor),
                "url": absolute_url("invitation_accept", None, token=invitation.token),
            },
        )
    return invitation


def invitation_accept(*, token: str, actor: User) -> VendorMember:
    with transaction.atomic():
        invitation = VendorInvitation.objects.select_for_update().filter(token=token).first()
        if invitation is None:
            raise TransitionNotAllowed(_("This invitation is not valid."))
        existing = VendorMember.objects.filter(user=actor).first()
        if existing and existing.vendor_id == invitation.vendor_id:
            return existing  # accepted already
        if invitation.accepted_at:
            raise TransitionNotAllowed(_("This invitation was already used."))
        if invitation.email.lower() != actor.email.lower():
            raise TransitionNotAllowed(
                _(
                    "This invitation was sent to another email address. "
                    "Sign in with that address to accept it."
                )
            )
        if existing:
            raise TransitionNotAllowed(_("You already belong to a business."))
        member = VendorMember.objects.create(vendor=invitation.vendor, user=actor)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        if not actor.has_role(Role.VENDOR_MEMBER):
            role_grant(user=actor, role=Role.VENDOR_MEMBER, actor=actor)
        audit_record(actor=actor, action="vendor.join", obj=invitation.vendor)
        vendor_ties_changed.send(sender=VendorMember, user=actor, vendor=None)
    return member


def _owners_left(vendor: Vendor, without: VendorMember) -> int:
    return (
        VendorMember.objects.filter(vendor=vendor, role=VendorMember.Role.OWNER)
        .exclude(pk=without.pk)
        .count()
    )


def member_leave(*, vendor: Vendor, actor: User) -> None:
    with transaction.atomic():
        Vendor.objects.select_for_update().get(pk=vendor.pk)  # one membership change at a time
        member = membership(actor, vendor)
        if member.is_owner and _owners_left(vendor, member) == 0:
            raise _last_owner_error()
        member.delete()
        audit_record(actor=actor, action="vendor.leave", obj=vendor)


def member_remove(*, vendor: Vendor, actor: User, member: VendorMember) -> None:
    with transaction.atomic():
        Vendor.objects.select_for_update().get(pk=vendor.pk)
        ensure_owner(actor, vendor)
        if member.vendor_id != vendor.pk:
            raise TransitionNotAllowed(_("Only members of this business can do this."))
        if member.is_owner and _owners_left(vendor, member) == 0:
            raise _last_owner_error()
        audit_record(
            actor=actor, action="vendor.remove_member", obj=vendor, details={"user": member.user_id}
        )
        member.delete()


def member_set_role(
    *, vendor: Vendor, actor: User, member: VendorMember, role: str
) -> VendorMember:
    if role not in VendorMember.Role.values:
        raise PortalError(_("Choose owner or member."))
    with transaction.atomic():
        Vendor.objects.select_for_update().get(pk=vendor.pk)
        ensure_owner(actor, vendor)
        if member.role == role:
            return member
        if member.is_owner and _owners_left(vendor, member) == 0:
            raise _last_owner_error()
        previous = member.role
        member.role = role
        member.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="vendor.member_role",
            obj=vendor,
            from_state=previous,
            to_state=role,
            details={"user": member.user_id},
        )
    return member
