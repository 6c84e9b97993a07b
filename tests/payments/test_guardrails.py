"""The guardrail table: each check alone, in combination, and overridden."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from payments.models import PaymentRequest
from payments.services.guardrails import evaluate
from payments.services.payments import GuardrailBreach, guardrail_override, payment_approve
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user

from .factories import card_for, past_payment, quick_request

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _failed(request, card, **kwargs):
    return sorted(c.code for c in evaluate(request, card, **kwargs) if not c.passed)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({}, []),
        ({"amount": "5000.01"}, ["contract_price"]),
        ({"single": "4999.99"}, ["single_limit"]),
        ({"monthly": "4000", "single": "4000"}, ["monthly_limit", "single_limit"]),
        ({"month_to_date": "15000.01"}, ["monthly_limit"]),
        ({"month_to_date": "15000"}, []),  # exactly at the limit is allowed
        ({"same_vendor_recent": "5000.01"}, ["split_purchase"]),
        ({"same_vendor_recent": "5000"}, []),  # exactly the threshold is allowed
        ({"same_vendor_old": "9000"}, []),  # outside the 30-day window
        ({"other_vendor_recent": "9000"}, []),  # a different vendor is not a split
        ({"holder_certified": True}, ["separation_of_duties"]),
        ({"holder_certified": True, "single": "100"}, ["separation_of_duties", "single_limit"]),
    ],
)
def test_each_check_alone_and_combined(department, case, expected):
    holder = make_user(Role.CARD_HOLDER, department=department)
    certifier = holder if case.get("holder_certified") else None
    request, buyer = quick_request(department, certifier=certifier, price="5000")
    if "amount" in case:
        # A request is refused above the price when made; the check still guards the payment
        # (rows written before that rule, or by hand).
        PaymentRequest.objects.filter(pk=request.pk).update(amount=Decimal(case["amount"]))
        request.refresh_from_db()
    card = card_for(
        department, holder, single=case.get("single", "10000"), monthly=case.get("monthly", "20000")
    )
    vendor = request.contract.vendor
    if "month_to_date" in case:
        past_payment(department, card, amount=case["month_to_date"], paid_on=TODAY())
    if "same_vendor_recent" in case:
        past_payment(
            department,
            card_for(department),
            amount=case["same_vendor_recent"],
            paid_on=TODAY() - timedelta(days=29),
            vendor=vendor,
        )
    if "same_vendor_old" in case:
        past_payment(
            department,
            card_for(department),
            amount=case["same_vendor_old"],
            paid_on=TODAY() - timedelta(days=30),
            vendor=vendor,
        )
    if "other_vendor_recent" in case:
        past_payment(
            department, card_for(department), amount=case["other_vendor_recent"], paid_on=TODAY()
        )
    assert _failed(request, card) == expected
    if expected:
        with pytest.raises(GuardrailBreach) as raised:
            payment_approve(
                request=request,
                actor=holder,
                card=card,
                amount=request.amount,
                paid_on=TODAY(),
                authorization_code="A1B2C3",
            )
        assert sorted(c.code for c in raised.value.checks) == expected
        assert not hasattr(request, "payment") or request.payment is None
    else:
        payment = payment_approve(
            request=request,
            actor=holder,
            card=card,
            amount=request.amount,
            paid_on=TODAY(),
            authorization_code="A1B2C3",
        )
        assert payment.amount == request.amount


def test_split_purchase_counts_pending_requests_too(department):
    request, _buyer = quick_request(department)
    other, _ = quick_request(department, vendor=request.contract.vendor, price="6000")
    assert _failed(request, None) == ["split_purchase"]
    assert _failed(other, None) == ["split_purchase"]


def test_officer_override_lets_a_failed_check_through_with_its_reason(department):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, buyer = quick_request(department)
    card = card_for(department, holder, single="1000")
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    with pytest.raises(TransitionNotAllowed):  # not an officer
        guardrail_override(
            request=request, actor=buyer, check_code="single_limit", card=card, reason="Because"
        )
    with pytest.raises(PortalError, match="reason"):
        guardrail_override(
            request=request, actor=officer, check_code="single_limit", card=card, reason="  "
        )
    with pytest.raises(PortalError, match="nothing to override"):
        guardrail_override(
            request=request, actor=officer, check_code="contract_price", card=card, reason="x"
        )
    override = guardrail_override(
        request=request,
        actor=officer,
        check_code="single_limit",
        card=card,
        reason="Limit raise approved by the CFO today.",
    )
    assert (
        guardrail_override(
            request=request, actor=officer, check_code="single_limit", card=card, reason="again"
        )
        == override
    )  # harmless twice
    check = next(c for c in evaluate(request, card) if c.code == "single_limit")
    assert not check.passed and check.override == override and not check.blocks
    # Overriding one card's limit does not lift another card's.
    other = card_for(department, holder, single="1000", last4="1111")
    assert [c.code for c in evaluate(request, other) if c.blocks] == ["single_limit"]
    payment = payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=request.amount,
        paid_on=TODAY(),
        authorization_code="ok123",
    )
    entry = AuditEntry.objects.get(action="guardrail.override")
    assert entry.details["reason"] == "Limit raise approved by the CFO today."
    assert payment.request.overrides.get().finding.startswith("$5,000.00")


def test_an_officer_of_another_department_cannot_override(department):
    from tests.factories import DepartmentFactory

    request, _ = quick_request(department)
    card = card_for(department, single="1")
    stranger = make_user(Role.PROCUREMENT_OFFICER, department=DepartmentFactory())
    with pytest.raises(TransitionNotAllowed):
        guardrail_override(
            request=request, actor=stranger, check_code="single_limit", card=card, reason="x"
        )


def test_an_override_covers_its_amount_and_never_the_officers_own_purchase(department):
    from payments.services.delivery import certified_delivery

    holder = make_user(Role.CARD_HOLDER, department=department)
    request, buyer = quick_request(department, amount="4000")
    card = card_for(department, holder, single="1000")
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    override = guardrail_override(
        request=request,
        actor=officer,
        check_code="single_limit",
        card=card,
        reason="One-off",
        amount=Decimal("3000"),
    )
    assert override.amount == Decimal("3000")
    checks = {c.code: c for c in evaluate(request, card, amount=Decimal("3000"))}
    assert not checks["single_limit"].blocks
    checks = {c.code: c for c in evaluate(request, card, amount=Decimal("3000.01"))}
    assert checks["single_limit"].blocks  # more than was overridden
    with pytest.raises(PortalError, match="at most the amount requested"):
        payment_approve(
            request=request,
            actor=holder,
            card=card,
            amount=Decimal("4000.01"),
            paid_on=TODAY(),
            authorization_code="A1B2",
        )
    # An officer who certified receipt, asked for the payment or holds the card: never.
    certifier = certified_delivery(request.contract).reviewed_by
    for person in (certifier, request.requested_by):
        person.role_assignments.get_or_create(role=Role.PROCUREMENT_OFFICER, department=department)
        person.__dict__.pop("role_set", None)
        person.__dict__.pop("roles", None)
        with pytest.raises(TransitionNotAllowed, match="another procurement officer"):
            guardrail_override(
                request=request,
                actor=person,
                check_code="single_limit",
                card=card,
                reason="mine",
                amount=Decimal("4000"),
            )
    holder.role_assignments.create(role=Role.PROCUREMENT_OFFICER, department=department)
    holder.__dict__.pop("role_set", None)
    holder.__dict__.pop("roles", None)
    with pytest.raises(TransitionNotAllowed, match="another procurement officer"):
        guardrail_override(
            request=request,
            actor=holder,
            check_code="single_limit",
            card=card,
            reason="mine",
            amount=Decimal("4000"),
        )
    assert buyer == request.requested_by
