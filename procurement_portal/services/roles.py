from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ..domains import is_government_email
from ..exceptions import RoleNotAllowed
from ..models import Department, Role, RoleAssignment, User
from ..models.users import PORTAL_WIDE_ROLES
from .audit import audit_record
from .outbox import absolute_url, notify


def _check_scope(*, user: User, role: str, department: Department | None) -> None:
    if role == Role.VENDOR_MEMBER or role in PORTAL_WIDE_ROLES:
        if department is not None:
            raise RoleNotAllowed(_("This role is not tied to a department."), field="department")
        return
    if department is None:
        raise RoleNotAllowed(_("Choose the department for this role."), field="department")


def role_grant(
    *, user: User, role: str, department: Department | None = None, actor: User | None = None
) -> RoleAssignment:
    """Give `user` a role. Government roles only go to government email addresses.

    Granting a role the person already holds changes nothing and writes no audit entry.
    """
    role = Role(role)
    _check_scope(user=user, role=role, department=department)
    if role != Role.VENDOR_MEMBER and not is_government_email(user.email):
        raise RoleNotAllowed(
            _("Only a government email address (%(domains)s) can hold the role “%(role)s”.")
            % {"domains": ", ".join(settings.GOVERNMENT_EMAIL_DOMAINS), "role": role.label},
            field="email",
        )
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, department=department, defaults={"granted_by": actor}
        )
        if created:
            if role == Role.SITE_ADMIN:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            audit_record(
                actor=actor,
                action="role.grant",
                obj=user,
                to_state=role,
                department=department,
            )
            if role != Role.VENDOR_MEMBER:  # a vendor signing up gets allauth's welcome
                notify(
                    template="emails/role_granted",
                    recipient=user,
                    context={
                        "role": role.value,
                        "department_en": department.name_en if department else "",
                        "department_fr": department.name_fr if department else "",
                        "government": True,
                        "account_url": absolute_url("account_dashboard", user),
                    },
                )
    user.__dict__.pop("role_set", None)
    user.__dict__.pop("roles", None)
    return assignment


def role_revoke(
    *, user: User, role: str, department: Department | None = None, actor: User | None = None
) -> None:
    """Take a role away. Revoking a role the person does not hold changes nothing."""
    role = Role(role)
    with transaction.atomic():
        deleted, _rows = RoleAssignment.objects.filter(
            user=user, role=role, department=department
        ).delete()
        if deleted:
            if role == Role.SITE_ADMIN:
                user.is_staff = user.is_superuser = False
                user.save(update_fields=["is_staff", "is_superuser"])
            audit_record(
                actor=actor,
                action="role.revoke",
                obj=user,
                from_state=role,
                department=department,
            )
    user.__dict__.pop("role_set", None)
    user.__dict__.pop("roles", None)
