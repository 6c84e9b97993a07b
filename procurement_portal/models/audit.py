from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or remove an audit entry."""


# Entries about sealed objects would tell public servants who is bidding before the
# deadline, and evaluators who wrote what: they stay in the table (for investigations from
# the database) but are never listed on a page.
SEALED_OBJECT_TYPES = ["opportunities.proposal"]


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be updated.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    def visible_to(self, user) -> "AuditEntryQuerySet":
        """Site admins see everything; procurement officers see their departments' entries."""
        from .users import Role

        if not user.is_authenticated:
            return self.none()
        listable = self.exclude(object_type__in=SEALED_OBJECT_TYPES)
        if user.has_role(Role.SITE_ADMIN):
            return listable
        departments = user.departments_for(Role.PROCUREMENT_OFFICER)
        if not departments:
            return self.none()
        return listable.filter(department_id__in=departments)


class AuditEntry(models.Model):
    """One state change: who, when, what, from -> to. Written by services.audit_record only.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger
    (migration 0002) refuses them for raw SQL too.
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: a person who acted cannot be deleted; deactivate the account instead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(
        _("actor label"),
        max_length=254,
        blank=True,
        help_text=_("The actor's email at the time, or 'system' for automatic actions."),
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    from_state = models.CharField(_("from state"), max_length=64, blank=True)
    to_state = models.CharField(_("to state"), max_length=64, blank=True)
    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogIsAppendOnly("Audit entries cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    # The log's codes in the reader's language (procurement_portal/audit_labels.py).
    @property
    def action_label(self) -> str:
        from ..audit_labels import action_label

        return action_label(self.action)

    @property
    def from_state_label(self) -> str:
        from ..audit_labels import state_label

        return state_label(self.object_type, self.from_state)

    @property
    def to_state_label(self) -> str:
        from ..audit_labels import state_label

        return state_label(self.object_type, self.to_state)

    @property
    def object_type_label(self) -> str:
        from ..audit_labels import object_type_label

        return object_type_label(self.object_type)
