from django.db import models

from ..models import AuditEntry, Department, User
from ..request_context import current_ip


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    from_state: str = "",
    to_state: str = "",
    department: Department | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log. Every state-changing service calls this.

    `actor` is a user, or None for automatic actions (beat tasks, the system).
    """
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_user,
        actor_label=actor_user.email if actor_user else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        from_state=from_state,
        to_state=to_state,
        department=department,
        ip_address=current_ip.get(),
        details=details or {},
    )
