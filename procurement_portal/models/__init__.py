from .audit import AuditEntry
from .outbox import OutboundMessage
from .users import Department, Role, RoleAssignment, User

__all__ = ["AuditEntry", "Department", "OutboundMessage", "Role", "RoleAssignment", "User"]
