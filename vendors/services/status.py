"""The owner of the claims' state machine (certifications and evidence-backed answers): the
only code that changes a claim's verification status."""

from typing import Any

from procurement_portal.services.transitions import Move, status_move

from ..models import Certification, QuestionnaireAnswer


def claim_move(
    *,
    claim: Certification | QuestionnaireAnswer,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        type(claim), claim.pk, to=to, actor=actor, action=action, fields=fields, details=details
    )
