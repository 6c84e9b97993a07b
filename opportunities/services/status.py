"""The owners of the opportunities app's state machines: the only code that changes the
status of an opportunity, a proposal or a planned purchase. Other apps call these."""

from typing import Any

from procurement_portal.services.transitions import Move, status_move

from ..models import Opportunity, PlannedPurchase, Proposal


def opportunity_move(
    *,
    opportunity_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    """Move an opportunity along its journey (`Opportunity.TRANSITIONS`), announcing the
    OCDS release the table names."""
    return status_move(
        Opportunity,
        opportunity_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        related=("department",),
    )


def proposal_move(
    *,
    proposal_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        Proposal,
        proposal_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        department=lambda proposal: proposal.opportunity.department,
        related=("opportunity__department",),
    )


def planned_move(
    *,
    planned_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        PlannedPurchase,
        planned_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        related=("department",),
    )
