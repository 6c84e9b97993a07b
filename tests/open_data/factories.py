from decimal import Decimal

from django.utils import timezone

from payments.models import Contract
from payments.services.contracts import contract_accept, contract_render
from payments.services.delivery import delivery_accept, delivery_submit
from payments.services.payments import (
    payment_approve,
    payment_confirm_receipt,
    payment_request_create,
)
from procurement_portal.models import Role
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.payments.factories import card_for


def full_journey(department, *, consensus=(9, 5)):
    """An opportunity taken through every public change, by the services."""
    opportunity, buyer, decision, owners = awarded(department, consensus)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    winner = owners[0]
    contract_accept(
        contract=contract,
        actor=winner,
        full_name="Winnie Owner",
        agreed=True,
        sha256=contract.pdf_sha256,
        ip="192.0.2.44",
    )
    delivery = delivery_submit(contract=contract, actor=winner, note="Done.")
    delivery_accept(delivery=delivery, actor=buyer, certified_name="Bea Buyer", attest=True)
    request = payment_request_create(contract=contract, actor=buyer, amount=contract.price)
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder, last4="9753")
    payment = payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=Decimal(contract.price),
        paid_on=timezone.localdate(),
        authorization_code="QW12ER",
    )
    payment_confirm_receipt(payment=payment, actor=winner)
    opportunity.refresh_from_db()
    return opportunity, buyer, owners, payment
