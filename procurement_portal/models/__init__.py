from .audit import AuditEntry
from .categories import Category
from .outbox import OutboundMessage
from .users import Department, Role, RoleAssignment, User

__all__ = [
    "AuditEntry",
    "Category",
    "Department",
    "OutboundMessage",
    "Role",
    "RoleAssignment",
    "User",
]
