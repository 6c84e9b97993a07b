"""The owner of the outbox messages' state machine (pending → sent or failed): the only
code that changes a message's status."""

from typing import Any

from ..models import OutboundMessage
from .transitions import Move, status_move


def message_move(
    *, message: OutboundMessage, to: str, fields: dict[str, Any] | None = None
) -> Move:
    """`message` is locked by the caller. Not audited: the row is its own record, and a
    fan-out sends thousands."""
    return status_move(
        OutboundMessage, message.pk, to=to, actor=None, fields=fields, audit=False, locked=message
    )
