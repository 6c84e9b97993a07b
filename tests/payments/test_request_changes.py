"""Issue 12: a payment request's amount is checked when made and corrected; the buyer corrects
or cancels it before it is paid; a failed check blocks it (officers told, in their queue)
until an override clears it (card holders told)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from payments.models import PaymentRequest
from payments.models.payments import PaymentRequestStatus
from payments.services.guardrails import room_on_contract
from payments.services.payments import (
    guardrail_override,
    payment_approve,
    payment_request_cancel,
    payment_request_correct,
    payment_request_create,
    payment_request_refer,
)
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, OutboundMessage, Role
from procurement_portal.services.outbox import render_message
from tests.factories import make_user
from tests.vendors.factories import make_vendor

from .factories import card_for, past_payment, quick_accepted, quick_request

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _pay(request, holder, card, amount=None):
    return payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=Decimal(amount) if amount else request.amount,
        paid_on=TODAY(),
        authorization_code="A1B2C3",
    )


@pytest.mark.parametrize("amount", ["5000.01", "0", "-1"])
def test_a_request_above_the_price_or_not_above_zero_is_refused_when_made(department, amount):
    contract, buyer = quick_accepted(department)
    with pytest.raises(PortalError) as raised:
        payment_request_create(contract=contract, actor=buyer, amount=Decimal(amount))
    assert raised.value.field == "amount"
    assert not PaymentRequest.objects.exists()


def test_the_whole_price_may_be_requested_and_open_requests_count_against_it(department):
    contract, buyer = quick_accepted(department)
    request = payment_request_create(contract=contract, actor=buyer, amount=Decimal("5000"))
    assert request.is_pending
    room = room_on_contract(contract)
    assert (room.price, room.requested, room.left) == (Decimal("5000"), Decimal("5000"), 0)
    assert room_on_contract(contract, besides=request).left == Decimal("5000")


def test_the_buyer_corrects_the_amount_and_the_guardrails_run_again(department):
    vendor = make_vendor()
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    # 4,000 paid to the same vendor this month: 4,000 + 5,000 stays under 10,000.
    past_payment(department, card_for(department), amount="4000", paid_on=TODAY(), vendor=vendor)
    request, buyer = quick_request(department, vendor=vendor, price="7000", amount="5000")
    assert request.is_pending

    request = payment_request_correct(request=request, actor=buyer, amount=Decimal("6500"))
    assert request.status == PaymentRequestStatus.BLOCKED
    assert request.blocked_checks == ["split_purchase"]
    assert request.amount == Decimal("6500")
    correct = AuditEntry.objects.filter(action="payment.correct").get()
    assert correct.details == {"from": "5000.00", "to": "6500"}
    blocked = OutboundMessage.objects.get(template="emails/payment_blocked")
    assert blocked.recipient == officer

    request = payment_request_correct(request=request, actor=buyer, amount=Decimal("5000"))
    assert request.is_pending and request.blocked_checks == []
    cleared = OutboundMessage.objects.filter(template="emails/payment_cleared")
    assert holder in [m.recipient for m in cleared]  # every card holder of the department
    # The same amount again: nothing written.
    audits = AuditEntry.objects.count()
    payment_request_correct(request=request, actor=buyer, amount=Decimal("5000"))
    assert AuditEntry.objects.count() == audits


def test_a_correction_above_the_price_or_by_another_buyer_is_refused(department):
    request, buyer = quick_request(department, price="5000", amount="3000")
    with pytest.raises(PortalError):
        payment_request_correct(request=request, actor=buyer, amount=Decimal("5000.01"))
    other = make_user(Role.BUYER, department=department)
    with pytest.raises(TransitionNotAllowed):
        payment_request_correct(request=request, actor=other, amount=Decimal("4000"))
    request.refresh_from_db()
    assert request.amount == Decimal("3000")


def test_the_buyer_cancels_with_a_reason_and_may_request_again(department):
    request, buyer = quick_request(department)
    with pytest.raises(PortalError) as raised:
        payment_request_cancel(request=request, actor=buyer, reason="  ")
    assert raised.value.field == "reason"
    cancelled = payment_request_cancel(request=request, actor=buyer, reason="Wrong vendor invoice.")
    assert cancelled.is_cancelled and cancelled.cancel_reason == "Wrong vendor invoice."
    entry = AuditEntry.objects.get(action="payment.cancel")
    assert (entry.from_state, entry.to_state) == ("pending", "cancelled")
    assert entry.details["reason"] == "Wrong vendor invoice."
    # A second click is harmless.
    payment_request_cancel(request=request, actor=buyer, reason="Again")
    assert AuditEntry.objects.filter(action="payment.cancel").count() == 1
    # Nobody can pay it.
    holder = make_user(Role.CARD_HOLDER, department=department)
    with pytest.raises(TransitionNotAllowed):
        _pay(request, holder, card_for(department, holder))
    # The contract is free for a new request.
    contract = request.contract
    assert contract.payment_request is None
    again = payment_request_create(contract=contract, actor=buyer, amount=Decimal("4000"))
    assert again.pk != request.pk and contract.payment_request == again


def test_a_paid_request_can_be_neither_corrected_nor_cancelled(department):
    request, buyer = quick_request(department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    _pay(request, holder, card_for(department, holder))
    with pytest.raises(TransitionNotAllowed):
        payment_request_cancel(request=request, actor=buyer, reason="Too late")
    with pytest.raises(TransitionNotAllowed):
        payment_request_correct(request=request, actor=buyer, amount=Decimal("10"))


def test_a_split_purchase_blocks_the_request_when_made_and_an_override_clears_it(department):
    vendor = make_vendor()
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    officer.preferred_language = "fr"
    officer.save(update_fields=["preferred_language"])
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder)
    past_payment(
        department,
        card_for(department),
        amount="6000",
        paid_on=TODAY() - timedelta(days=3),
        vendor=vendor,
    )
    request, buyer = quick_request(department, vendor=vendor, price="5000")
    assert request.is_blocked and request.blocked_checks == ["split_purchase"]
    assert list(PaymentRequest.objects.blocked_for(officer)) == [request]
    # The officer is told, in French.
    message = OutboundMessage.objects.get(template="emails/payment_blocked", recipient=officer)
    email = render_message(message)
    assert email.subject.startswith("Paiement bloqué\u00a0: contrat ")
    assert "/fr/paiements/" in email.body
    # Refused by the service, not only hidden on the page.
    with pytest.raises(TransitionNotAllowed):
        _pay(request, holder, card)
    guardrail_override(
        request=request, actor=officer, check_code="split_purchase", card=None, reason="One job."
    )
    request.refresh_from_db()
    assert request.is_pending and not PaymentRequest.objects.blocked_for(officer).exists()
    assert OutboundMessage.objects.filter(template="emails/payment_cleared", recipient=holder)
    assert _pay(request, holder, card).amount == Decimal("5000")


def test_a_card_holder_sends_a_request_their_card_cannot_pay_to_the_officers(department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder, single="1000")
    request, _buyer = quick_request(department)
    assert request.is_pending  # no card-independent check fails
    request = payment_request_refer(request=request, actor=holder, card=card)
    assert request.is_blocked and request.blocked_card == card
    assert request.blocked_checks == ["single_limit"]
    assert OutboundMessage.objects.filter(template="emails/payment_blocked", recipient=officer)
    guardrail_override(
        request=request, actor=officer, check_code="single_limit", card=card, reason="Raised."
    )
    request.refresh_from_db()
    assert request.is_pending and request.blocked_card is None
    # A card that passes has nothing to send.
    other = card_for(department, holder, last4="1111")
    with pytest.raises(PortalError):
        payment_request_refer(request=request, actor=holder, card=other)


def test_the_officers_queue_lists_their_departments_blocked_requests_in_constant_queries(
    client, department, django_assert_max_num_queries
):
    from tests.factories import DepartmentFactory

    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)

    def blocked_request(dept):
        request, _ = quick_request(dept)
        PaymentRequest.objects.filter(pk=request.pk).update(
            status="blocked", blocked_checks=["split_purchase"]
        )
        return request

    mine = blocked_request(department)
    elsewhere = blocked_request(DepartmentFactory())
    quick_request(department)  # pending: not in the queue
    client.force_login(officer)
    url = reverse("payment_blocked_queue")
    body = client.get(url).content.decode()
    assert mine.contract.number in body and elsewhere.contract.number not in body
    assert "No split purchase" in body
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(12):
        blocked_request(department)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    # /payments/ sends an officer to it instead of refusing.
    response = client.get(reverse("payment_queue"))
    assert response.status_code == 302 and response.url == url


def test_the_override_page_lists_only_the_failing_checks(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder, single="1000")
    request, _buyer = quick_request(department)
    client.force_login(officer)
    page = client.get(f"{request.get_absolute_url()}?card={card.pk}").content.decode()
    assert "single-transaction limit" in page
    assert "Amount within the contract price" not in page  # passed: not listed
    assert "No split purchase" not in page
    assert 'value="single_limit"' in page and 'value="split_purchase"' not in page
    # Sent back with an error (no reason): still only the failing check to choose.
    response = client.post(
        reverse("payment_override", kwargs={"pk": request.pk}),
        {
            "check_code": "single_limit",
            "card": card.pk,
            "reason": "",
            "amount": "5000.00",
            "day": TODAY().isoformat(),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="single_limit"' in body
    for passed in ("contract_price", "monthly_limit", "split_purchase", "separation_of_duties"):
        assert f'value="{passed}"' not in body
