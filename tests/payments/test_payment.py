import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from opportunities.models import OpportunityStatus
from payments.models import Payment
from payments.services.payments import (
    payment_approve,
    payment_confirm_receipt,
    payment_request_create,
)
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import card_for, quick_contract, quick_request

pytestmark = pytest.mark.django_db


def test_request_goes_to_the_departments_card_holders(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    holders = [make_user(Role.CARD_HOLDER, department=department) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        request, buyer = quick_request(department)
    asked = [m.to[0] for m in mailoutbox if m.subject.startswith("Payment to approve")]
    assert sorted(asked) == sorted(h.email for h in holders)
    assert (
        payment_request_create(contract=request.contract, actor=buyer, amount=Decimal("1"))
        == request
    )  # harmless twice


def test_request_refused_before_acceptance_or_by_others(department):
    contract, buyer = quick_contract(department)  # still in delivery
    with pytest.raises(TransitionNotAllowed, match="accepted"):
        payment_request_create(contract=contract, actor=buyer, amount=contract.price)
    with pytest.raises(TransitionNotAllowed):
        payment_request_create(
            contract=contract,
            actor=make_user(Role.CARD_HOLDER, department=department),
            amount=contract.price,
        )


def test_approve_records_one_payment_and_the_vendor_completes(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, buyer = quick_request(department)
    card = card_for(department, holder)
    paid_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        payment = payment_approve(
            request=request,
            actor=holder,
            card=card,
            amount=request.amount,
            paid_on=paid_on,
            authorization_code=" ab12cd ",
        )
    again = payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=request.amount,
        paid_on=paid_on,
        authorization_code="OTHER",
    )  # a double-click
    assert again == payment and Payment.objects.count() == 1
    assert payment.authorization_code == "AB12CD" and payment.days_from_acceptance == 0
    request.refresh_from_db()
    assert request.status == "paid"
    opportunity = request.contract.opportunity
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PAID
    vendor_user = request.contract.vendor.members.get().user
    assert any(m.to == [vendor_user.email] for m in mailoutbox)
    payment.refresh_from_db()
    reader = PdfReader(io.BytesIO(payment.receipt_pdf.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert payment.number in text and "Payment receipt" in text and "Reçu de paiement" in text
    with pytest.raises(TransitionNotAllowed):
        payment_confirm_receipt(payment=payment, actor=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        payment_confirm_receipt(payment=payment, actor=vendor_user)
    payment_confirm_receipt(payment=payment, actor=vendor_user)  # harmless twice
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.COMPLETE
    assert mailoutbox[-1].to == [buyer.email]


def test_approval_needs_a_usable_card_of_the_department(department):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, _buyer = quick_request(department)
    someone_elses = card_for(department)
    with pytest.raises(PortalError, match="card"):
        payment_approve(
            request=request,
            actor=holder,
            card=someone_elses,
            amount=request.amount,
            paid_on=timezone.localdate(),
            authorization_code="X1Y2",
        )
    expired = card_for(department, holder)
    expired.expiry_year = timezone.localdate().year - 1
    expired.save()
    with pytest.raises(PortalError, match="card"):
        payment_approve(
            request=request,
            actor=holder,
            card=expired,
            amount=request.amount,
            paid_on=timezone.localdate(),
            authorization_code="X1Y2",
        )
    card = card_for(department, holder, last4="9999")
    with pytest.raises(PortalError, match="future"):
        payment_approve(
            request=request,
            actor=holder,
            card=card,
            amount=request.amount,
            paid_on=timezone.localdate() + timedelta(days=1),
            authorization_code="X1Y2",
        )
    with pytest.raises(PortalError, match="before"):
        payment_approve(
            request=request,
            actor=holder,
            card=card,
            amount=request.amount,
            paid_on=timezone.localdate() - timedelta(days=3),
            authorization_code="X1Y2",
        )
    assert not Payment.objects.exists()


def test_completing_a_phase_prompts_the_go_no_go(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    from opportunities.models import Initiative, Opportunity

    holder = make_user(Role.CARD_HOLDER, department=department)
    request, buyer = quick_request(department)
    initiative = Initiative.objects.create(
        department=department, owner=buyer, name_en="Benefits finder", name_fr="Trouveur"
    )
    Opportunity.objects.filter(pk=request.contract.opportunity_id).update(
        initiative=initiative, phase="discovery"
    )
    payment = payment_approve(
        request=request,
        actor=holder,
        card=card_for(department, holder),
        amount=request.amount,
        paid_on=timezone.localdate(),
        authorization_code="OK12",
    )
    with django_capture_on_commit_callbacks(execute=True):
        payment_confirm_receipt(payment=payment, actor=request.contract.vendor.members.get().user)
    assert "go" in mailoutbox[-1].subject.lower() and mailoutbox[-1].to == [buyer.email]
    from opportunities.services.initiatives import phase_decide

    decision = phase_decide(
        opportunity=request.contract.opportunity,
        actor=buyer,
        decision="go",
        reasons="Users need it.",
    )
    assert decision.decision == "go"
