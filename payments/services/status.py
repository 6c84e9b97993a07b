"""The owners of the payments app's state machines: the only code that changes the status
of a contract, a delivery or a payment request."""

from typing import Any

from procurement_portal.services.transitions import Move, status_move

from ..models import Contract, Delivery, PaymentRequest


def contract_move(
    *,
    contract_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        Contract,
        contract_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        related=("department",),
    )


def delivery_move(
    *,
    delivery_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        Delivery,
        delivery_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        department=lambda delivery: delivery.contract.department,
        related=("contract__department",),
    )


def payment_request_move(
    *,
    request_id: int,
    to: str,
    actor: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    details: dict | None = None,
) -> Move:
    return status_move(
        PaymentRequest,
        request_id,
        to=to,
        actor=actor,
        action=action,
        fields=fields,
        details=details,
        department=lambda request: request.contract.department,
        related=("contract__department",),
    )
