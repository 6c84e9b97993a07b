from decimal import Decimal

from django.utils import timezone

from opportunities.models import Opportunity, OpportunityStatus
from payments.models import Contract, ContractTerms, Delivery, Payment, PaymentRequest, PurchaseCard
from payments.models.contracts import ContractStatus
from payments.models.delivery import DeliveryStatus
from payments.models.payments import PaymentRequestStatus
from payments.services.contracts import contract_accept, contract_render
from payments.services.delivery import delivery_accept, delivery_submit
from payments.services.payments import payment_request_create
from procurement_portal.models import Role
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.opportunities.factories import ready_draft
from tests.vendors.factories import make_vendor


def signed_contract(department):
    """Awarded, rendered and accepted by the winning vendor's owner."""
    opportunity, buyer, decision, owners = awarded(department)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    winner = owners[0]
    contract_accept(
        contract=contract,
        actor=winner,
        full_name="Winnie Owner",
        agreed=True,
        sha256=contract.pdf_sha256,
        ip="192.0.2.10",
    )
    contract.refresh_from_db()
    return contract, buyer, winner


def accepted_delivery(department):
    contract, buyer, vendor_user = signed_contract(department)
    delivery = delivery_submit(
        contract=contract, actor=vendor_user, note="All done.", link="https://example.com/work"
    )
    delivery_accept(delivery=delivery, actor=buyer, certified_name="Bea Buyer", attest=True)
    contract.refresh_from_db()
    return contract, buyer, vendor_user


def card_for(department, holder=None, *, single="10000", monthly="20000", last4="4242"):
    holder = holder or make_user(Role.CARD_HOLDER, department=department)
    today = timezone.localdate()
    return PurchaseCard.objects.create(
        department=department,
        holder=holder,
        last4=last4,
        expiry_month=12,
        expiry_year=today.year + 2,
        single_limit=Decimal(single),
        monthly_limit=Decimal(monthly),
    )


def payment_requested(department, amount=None):
    contract, buyer, vendor_user = accepted_delivery(department)
    request = payment_request_create(
        contract=contract, actor=buyer, amount=Decimal(amount) if amount else contract.price
    )
    return request, buyer, vendor_user


# Fast paths for tests about payment rules: rows written directly, without the evaluation
# and PDF steps the contract tests above walk through for real.


def quick_contract(
    department, *, vendor=None, price="5000", buyer=None, status=OpportunityStatus.IN_DELIVERY
):
    from opportunities.models import Proposal, ProposalStatus

    buyer = buyer or make_user(Role.BUYER, department=department)
    opportunity = ready_draft(owner=buyer, department=department)
    vendor = vendor or make_vendor()
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=status, awarded_amount=Decimal(price)
    )
    proposal = Proposal.objects.create(
        opportunity=opportunity,
        vendor=vendor,
        status=ProposalStatus.AWARDED,
        price=Decimal(price),
        created_by=vendor.members.first().user,
    )
    contract = Contract.objects.create(
        number=f"C-T-{opportunity.pk}",
        opportunity=opportunity,
        proposal=proposal,
        vendor=vendor,
        department=department,
        price=Decimal(price),
        terms=ContractTerms.objects.first(),
        pdf="contracts/test.pdf",
        pdf_sha256="0" * 64,
        accepted_at=timezone.now(),
        status=ContractStatus.ACCEPTED,
    )
    return contract, buyer


def quick_request(department, *, amount=None, certifier=None, **kwargs):
    """A pending payment request whose delivery `certifier` (the buyer by default) accepted."""
    contract, buyer = quick_accepted(department, certifier=certifier, **kwargs)
    request = payment_request_create(
        contract=contract, actor=buyer, amount=Decimal(amount) if amount else contract.price
    )
    return request, buyer


def quick_accepted(department, *, certifier=None, **kwargs):
    """A contract whose delivery `certifier` (the buyer by default) accepted: payment may be
    requested."""
    contract, buyer = quick_contract(
        department, status=OpportunityStatus.DELIVERY_ACCEPTED, **kwargs
    )
    Delivery.objects.create(
        contract=contract,
        note="Done",
        submitted_by=buyer,
        status=DeliveryStatus.ACCEPTED,
        reviewed_by=certifier or buyer,
        reviewed_at=timezone.now(),
        certified_name="Bea Buyer",
    )
    return contract, buyer


def past_payment(department, card, *, amount, paid_on, vendor=None):
    """A payment already made on `card`, for another contract."""
    contract, buyer = quick_contract(
        department, vendor=vendor, price=amount, status=OpportunityStatus.PAID
    )
    request = PaymentRequest.objects.create(
        contract=contract,
        amount=Decimal(amount),
        requested_by=buyer,
        status=PaymentRequestStatus.PAID,
    )
    return Payment.objects.create(
        request=request,
        number=f"P-T-{request.pk}",
        card=card,
        amount=Decimal(amount),
        paid_on=paid_on,
        authorization_code="T1",
        recorded_by=card.holder,
        days_from_acceptance=1,
    )
