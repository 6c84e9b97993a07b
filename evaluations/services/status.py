"""The owner of the evaluation's state machine (scoring → locked → revealed): the only code
that changes an evaluation's status."""

from typing import Any

from procurement_portal.services.transitions import Move, status_move

from ..models import Evaluation


def evaluation_move(
    *,
    evaluation_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        Evaluation,
        evaluation_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        department=lambda evaluation: evaluation.opportunity.department,
        related=("opportunity__department",),
    )
