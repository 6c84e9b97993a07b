"""The one mechanism every state machine of the portal goes through.

Each stateful model carries its table, `TRANSITIONS`: from-state → {to-state: the OCDS release
tag the move publishes, or None}. Each model has exactly one owner function (in
`<app>/services/status.py`) that calls `status_move`; nothing else writes a `status`
(a test reads the code's syntax tree to make sure). Pattern: pretix's
`OrderPayment.confirm()` and Oscar's `set_status()` with its pipeline.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from ..events import announce
from ..exceptions import TransitionNotAllowed
from .audit import audit_record

# from-state → {to-state: OCDS release tag published by the move, or None}
Transitions = dict[str, dict[str, str | None]]


def allowed_moves(table: Transitions, from_state: str) -> set[str]:
    return set(table.get(from_state, {}))


def check_transition(obj: Any, to_state: str, table: Transitions) -> None:
    """Refuse a move the allowed-transitions table does not list, with a clear message."""
    if to_state not in table.get(obj.status, {}):
        raise TransitionNotAllowed(
            _("This cannot be done while the status is “%(status)s”.")
            % {"status": obj.get_status_display()}
        )


@dataclass(frozen=True)
class Move:
    """What `status_move` did: the locked row, where it came from, and whether it moved
    (False when the move had already happened: callers then send nothing twice)."""

    obj: Any
    from_state: str
    to_state: str
    moved: bool


def status_move(
    model: type[models.Model],
    pk: int,
    *,
    to: str,
    actor: Any,
    action: str = "",  # the audit entry's action (required unless audit=False)
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
    department: Any = None,
    opportunity_id: int | None = None,
    audit: bool = True,
    related: tuple[str, ...] = (),
    locked: models.Model | None = None,
) -> Move:
    """Lock the row, read its real state, check the table, save with `update_fields`,
    write the audit entry (from → to) and announce the release the table names.

    Runs inside the caller's transaction (it opens a savepoint if there is none), so the
    move, the caller's own writes and the queued side effects commit or roll back together.
    Repeating a move that already happened returns `moved=False` and writes nothing —
    unless the table allows the state to move to itself (a resubmission, say).

    `locked` is the row when the caller has already locked it in this transaction (the
    outbox, sending thousands of messages, saves a second query per message).
    """
    from django.db import transaction

    table: Transitions = model.TRANSITIONS  # type: ignore[attr-defined]
    with transaction.atomic():
        # Lock this row only: related rows (the department, the opportunity) are read, not
        # changed, and locking them would serialise unrelated work (300 bids at a deadline).
        if locked is not None and locked.pk == pk:
            obj = locked
        else:
            queryset = model._default_manager.select_for_update(of=("self",))
            if related:
                queryset = queryset.select_related(*related)
            obj = queryset.get(pk=pk)
        from_state = obj.status  # type: ignore[attr-defined]
        if from_state == to and to not in table.get(from_state, {}):
            return Move(obj, from_state, to, moved=False)
        check_transition(obj, to, table)
        obj.status = to  # type: ignore[attr-defined]
        for name, value in (fields or {}).items():
            setattr(obj, name, value)
        update_fields = ["status", *(fields or {})]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            update_fields.append("updated_at")
        obj.save(update_fields=update_fields)
        if audit:
            if callable(department):
                department = department(obj)
            elif department is None:
                department = getattr(obj, "department", None)
            audit_record(
                actor=actor,
                action=action,
                obj=obj,
                from_state=from_state,
                to_state=to,
                department=department,
                details=details,
            )
        tag = table[from_state][to]
        if tag:
            announce(opportunity_id=opportunity_id if opportunity_id is not None else pk, tag=tag)
    return Move(obj, from_state, to, moved=True)
