"""Payment: the buyer requests it, a card holder pays inside the guardrails and records it,
the vendor confirms receipt and the opportunity is complete."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import OpportunityStatus
from opportunities.services.status import opportunity_move
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, RoleAssignment, User
from procurement_portal.queueing import enqueue_on_commit
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.templatetags.portal import money

from ..models import Contract, GuardrailOverride, Payment, PaymentRequest, PurchaseCard
from ..models.payments import PaymentRequestStatus
from .delivery import certified_delivery
from .guardrails import CARD_CHECKS, LABELS, evaluate
from .journey import ensure_manages, ensure_vendor_member
from .status import payment_request_move


class GuardrailBreach(PortalError):
    """Approval refused: `checks` are the failed, not overridden, checks."""

    def __init__(self, checks):
        reasons = " ".join(
            _("%(label)s: %(finding)s") % {"label": c.label, "finding": c.finding} for c in checks
        )
        super().__init__(_("Payment blocked: %(reasons)s") % {"reasons": reasons})
        self.checks = checks


def payment_request_create(*, contract: Contract, actor: User, amount: Decimal) -> PaymentRequest:
    """After delivery is accepted, the buyer asks the department's card holders to pay."""
    ensure_manages(actor, contract)
    if amount is None or amount <= 0:
        raise PortalError(_("Enter the amount to pay."), field="amount")
    with transaction.atomic():
        contract = (
            Contract.objects.select_for_update()
            .select_related("opportunity", "department", "vendor")
            .get(pk=contract.pk)
        )
        existing = PaymentRequest.objects.filter(contract=contract).first()
        if existing:
            return existing
        if not contract.opportunity.is_delivery_accepted:
            raise TransitionNotAllowed(_("Payment is requested once the delivery is accepted."))
        request = PaymentRequest.objects.create(
            contract=contract, amount=amount, requested_by=actor
        )
        audit_record(
            actor=actor,
            action="payment.request",
            obj=request,
            to_state=PaymentRequestStatus.PENDING,
            department=contract.department,
            details={"contract": contract.number, "amount": str(amount)},
        )
        holders = RoleAssignment.objects.filter(
            role=Role.CARD_HOLDER, department=contract.department
        ).select_related("user")
        for assignment in holders:
            notify(
                template="emails/payment_requested",
                recipient=assignment.user,
                dedupe_key=f"payment-requested-{request.pk}-{assignment.user_id}",
                context={
                    "number": contract.number,
                    "vendor": str(contract.vendor),
                    "amount": str(amount),
                    "url": absolute_url("payment_request", assignment.user, pk=request.pk),
                },
            )
    return request


def guardrail_override(
    *,
    request: PaymentRequest,
    actor: User,
    check_code: str,
    card: PurchaseCard | None,
    reason: str,
    amount: Decimal | None = None,
    day: date | None = None,
    reason_fr: str = "",
) -> GuardrailOverride:
    """A procurement officer of the department lets one failed check through, for a payment
    up to `amount` on `day` (the requested amount, today, by default). Never their own: the
    officer cannot be the card's holder, nor the person who certified receipt or asked for
    the payment."""
    department = request.contract.department
    if not (
        actor.has_role(Role.PROCUREMENT_OFFICER, department) or actor.has_role(Role.SITE_ADMIN)
    ):
        raise TransitionNotAllowed(
            _("Only a procurement officer of the department can override a guardrail.")
        )
    delivery = certified_delivery(request.contract)
    involved = {
        request.requested_by_id,
        delivery.reviewed_by_id if delivery else None,
        card.holder_id if card else None,
    }
    if actor.pk in involved:
        raise TransitionNotAllowed(
            _(
                "You took part in this purchase: another procurement "
                "officer must decide on the override."
            )
        )
    reason = reason.strip()
    if not reason:
        raise PortalError(_("Write the reason for the override."), field="reason")
    if check_code not in LABELS:
        raise PortalError(_("Choose a check."), field="check_code")
    amount = request.amount if amount is None else amount
    day = day or timezone.localdate()
    card_key = card if check_code in CARD_CHECKS else None
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
        if not request.is_pending:
            raise TransitionNotAllowed(_("This request is already paid."))
        for existing in request.overrides.filter(check_code=check_code, card=card_key):
            if existing.covers(amount, day):
                return existing  # a second click: already overridden
        check = next(
            (c for c in evaluate(request, card, amount=amount, day=day) if c.code == check_code),
            None,
        )
        if check is None or not check.blocks:
            raise PortalError(
                _("This check does not block the payment: there is nothing to override."),
                field="check_code",
            )
        override = GuardrailOverride.objects.create(
            request=request,
            check_code=check_code,
            card=card_key,
            finding=check.finding,
            reason=reason,
            reason_fr=reason_fr.strip(),
            officer=actor,
            amount=amount,
            day=day,
        )
        audit_record(
            actor=actor,
            action="guardrail.override",
            obj=request,
            department=department,
            details={
                "check": check_code,
                "finding": check.finding,
                "reason": reason,
                "amount": str(amount),
                "day": day.isoformat(),
                "card": card_key.last4 if card_key else "",
            },
        )
    return override


def payment_approve(
    *,
    request: PaymentRequest,
    actor: User,
    card: PurchaseCard,
    amount: Decimal,
    paid_on: date,
    authorization_code: str,
) -> Payment:
    """Record the card payment. Exactly one per request: the request row is locked, the
    card row too (so two payments on one card cannot both fit under its monthly limit), and
    the database refuses a second payment for a request whatever happens."""
    authorization_code = authorization_code.strip().upper()
    if not authorization_code:
        raise PortalError(_("Enter the authorization code."), field="authorization_code")
    if paid_on > timezone.localdate():
        raise PortalError(_("The payment date cannot be in the future."), field="paid_on")
    if amount > request.amount:
        raise PortalError(
            _(
                "Record at most the amount requested (%(amount)s). For more, the "
                "buyer makes a new request."
            )
            % {"amount": money(request.amount)},
            field="amount",
        )
    try:
        with transaction.atomic():
            request = (
                PaymentRequest.objects.select_for_update()
                .select_related("contract__department", "contract__vendor")
                .get(pk=request.pk)
            )
            existing = Payment.objects.filter(request=request).first()
            if existing:
                return _already_paid(existing, actor)
            card = PurchaseCard.objects.select_for_update().get(pk=card.pk)
            if (
                not PurchaseCard.objects.usable_by(actor)
                .filter(pk=card.pk, department_id=request.contract.department_id)
                .exists()
            ):
                raise PortalError(
                    _("Use an active card of this department that you hold."), field="card"
                )
            delivery = certified_delivery(request.contract)
            if delivery is None:
                raise TransitionNotAllowed(_("The delivery is not accepted."))
            if paid_on < timezone.localdate(delivery.reviewed_at):
                raise PortalError(
                    _("The payment date cannot be before the delivery was accepted."),
                    field="paid_on",
                )
            blocking = [c for c in evaluate(request, card, amount=amount, day=paid_on) if c.blocks]
            if blocking:
                raise GuardrailBreach(blocking)
            payment = Payment.objects.create(
                request=request,
                number=f"tmp-{request.pk}",
                card=card,
                amount=amount,
                paid_on=paid_on,
                authorization_code=authorization_code,
                recorded_by=actor,
                days_from_acceptance=(paid_on - timezone.localdate(delivery.reviewed_at)).days,
            )
            payment.number = f"P-{paid_on:%Y}-{payment.pk:05d}"
            payment.save(update_fields=["number"])
            payment_request_move(
                request_id=request.pk,
                to=PaymentRequestStatus.PAID,
                actor=actor,
                action="payment.approve",
                details={
                    "payment": payment.number,
                    "amount": str(amount),
                    "card": card.last4,
                    "overrides": [o.check_code for o in request.overrides.all()],
                },
            )
            opportunity_move(
                opportunity_id=request.contract.opportunity_id,
                to=OpportunityStatus.PAID,
                actor=actor,
                action="opportunity.paid",
                details={"payment": payment.number},
            )
            _tell_vendor_paid(payment)
            from ..tasks import payment_receipt_pdf_task

            enqueue_on_commit(payment_receipt_pdf_task, payment.pk)
    except IntegrityError:
        # Another process inserted the payment between our check and our insert (possible
        # only where row locks are not enforced): theirs stands.
        existing = Payment.objects.filter(request_id=request.pk).first()
        if existing is None:
            raise
        return _already_paid(existing, actor)
    return payment


def _already_paid(existing: Payment, actor: User) -> Payment:
    """The same card holder clicking twice gets their payment back. Another card holder who
    was second must know at once: they may have charged their card too."""
    if existing.recorded_by_id == actor.pk:
        return existing
    raise TransitionNotAllowed(
        _(
            "%(holder)s already recorded this payment (%(number)s). If you charged your card "
            "too, cancel that charge with the vendor."
        )
        % {"holder": existing.recorded_by, "number": existing.number}
    )


def _tell_vendor_paid(payment: Payment) -> None:
    contract = payment.request.contract
    for member in contract.vendor.members.select_related("user"):
        notify(
            template="emails/payment_made",
            recipient=member.user,
            dedupe_key=f"payment-made-{payment.pk}-{member.user_id}",
            context={
                "number": contract.number,
                "amount": str(payment.amount),
                "paid_on": payment.paid_on.isoformat(),
                "url": absolute_url("contract_detail", member.user, pk=contract.pk),
            },
        )


def payment_confirm_receipt(*, payment: Payment, actor: User) -> Payment:
    """The vendor confirms the money arrived: the opportunity is complete. For a phase of an
    initiative, the buyer is asked for the go / no-go."""
    contract = payment.request.contract
    ensure_vendor_member(actor, contract)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.vendor_confirmed_at:
            return payment
        payment.vendor_confirmed_at, payment.vendor_confirmed_by = timezone.now(), actor
        payment.save(update_fields=["vendor_confirmed_at", "vendor_confirmed_by"])
        opportunity = opportunity_move(
            opportunity_id=contract.opportunity_id,
            to=OpportunityStatus.COMPLETE,
            actor=actor,
            action="payment.confirm",
            details={"payment": payment.number},
        ).obj
        owner = opportunity.owner
        title = {"en": opportunity.title_en, "fr": opportunity.title_fr}
        if opportunity.initiative_id:
            notify(
                template="emails/phase_complete",
                recipient=owner,
                dedupe_key=f"phase-complete-{opportunity.pk}",
                context={
                    "title": title,
                    "url": absolute_url("phase_decision", owner, pk=opportunity.pk),
                },
            )
        else:
            notify(
                template="emails/payment_confirmed",
                recipient=owner,
                dedupe_key=f"payment-confirmed-{payment.pk}",
                context={
                    "title": title,
                    "number": contract.number,
                    "url": absolute_url("contract_detail", owner, pk=contract.pk),
                },
            )
    return payment


def payment_receipt_render(payment_id: int) -> None:
    """The bilingual payment receipt, written once (re-runs do nothing)."""
    from procurement_portal.pdf import render_pdf

    payment = Payment.objects.select_related(
        "request__contract__vendor",
        "request__contract__department",
        "request__contract__opportunity",
        "card",
    ).get(pk=payment_id)
    if payment.receipt_pdf:
        return
    contract = payment.request.contract
    pdf = render_pdf(
        "pdf/payment_receipt.html",
        {
            "payment": payment,
            "contract": contract,
            "opportunity": contract.opportunity,
            "languages": ["en", "fr"],
        },
        language="en",
        title=f"{payment.number} — Receipt / Reçu",
    )
    name = default_storage.save(f"payment-receipts/{payment.number}.pdf", ContentFile(pdf))
    if not Payment.objects.filter(pk=payment.pk, receipt_pdf="").update(receipt_pdf=name):
        default_storage.delete(name)  # a concurrent run wrote it first
