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
from .guardrails import CARD_CHECKS, LABELS, evaluate, room_on_contract
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


def _check_room(contract: Contract, amount: Decimal, besides: PaymentRequest | None = None):
    """A request's amount is more than zero and at most the contract price less what is paid
    and what other open requests ask for."""
    if amount is None or amount <= 0:
        raise PortalError(_("Enter the amount to pay."), field="amount")
    room = room_on_contract(contract, besides=besides)
    if amount > room.left and not (room.paid or room.requested):
        raise PortalError(
            _("Request at most the contract price, %(price)s.") % {"price": money(room.price)},
            field="amount",
        )
    if amount > room.left:
        raise PortalError(
            _(
                "Request at most %(left)s: the contract price of %(price)s less %(paid)s "
                "already paid and %(requested)s in other requests."
            )
            % {
                "left": money(room.left),
                "price": money(room.price),
                "paid": money(room.paid),
                "requested": money(room.requested),
            },
            field="amount",
        )


def payment_request_create(*, contract: Contract, actor: User, amount: Decimal) -> PaymentRequest:
    """After delivery is accepted, the buyer asks the department's card holders to pay. The
    guardrails that do not depend on a card run at once: a failed one blocks the request and
    the department's procurement officers are told."""
    ensure_manages(actor, contract)
    if amount is None or amount <= 0:
        raise PortalError(_("Enter the amount to pay."), field="amount")
    with transaction.atomic():
        contract = (
            Contract.objects.select_for_update()
            .select_related("opportunity", "department", "vendor")
            .get(pk=contract.pk)
        )
        existing = contract.payment_request
        if existing:
            return existing
        if not contract.opportunity.is_delivery_accepted:
            raise TransitionNotAllowed(_("Payment is requested once the delivery is accepted."))
        _check_room(contract, amount)
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
        request = payment_request_recheck(request=request, actor=actor)
    return request


def payment_request_recheck(
    *, request: PaymentRequest, actor: User | None, card: PurchaseCard | None = None
) -> PaymentRequest:
    """Run the guardrails on the request as it stands (with `card`, or the card it was
    blocked with): a failed check blocks an open request and tells the department's
    procurement officers; a blocked request whose checks all pass (overridden or corrected)
    goes back to the card holders."""
    with transaction.atomic():
        request = (
            PaymentRequest.objects.select_for_update(of=("self",))
            .select_related("contract__department", "contract__vendor", "blocked_card")
            .get(pk=request.pk)
        )
        if not request.is_open:
            return request
        card = card or request.blocked_card
        blocking = [c for c in evaluate(request, card) if c.blocks]
        codes = [c.code for c in blocking]
        if blocking and (request.is_pending or codes != request.blocked_checks):
            by_card = card if any(code in CARD_CHECKS for code in codes) else None
            fields = {"blocked_card": by_card, "blocked_checks": codes}
            details = {
                "checks": codes,
                "findings": [c.finding for c in blocking],
                "card": by_card.last4 if by_card else "",
            }
            if request.is_pending:
                request = payment_request_move(
                    request_id=request.pk,
                    to=PaymentRequestStatus.BLOCKED,
                    actor=actor,
                    action="payment.blocked",
                    fields=fields,
                    details=details,
                ).obj
                _tell_officers_blocked(request)
            else:  # still blocked, by other checks now: the queue shows the current ones
                for name, value in fields.items():
                    setattr(request, name, value)
                request.save(update_fields=list(fields))
        elif not blocking and request.is_blocked:
            request = payment_request_move(
                request_id=request.pk,
                to=PaymentRequestStatus.PENDING,
                actor=actor,
                action="payment.unblocked",
                fields={"blocked_card": None, "blocked_checks": []},
            ).obj
            _tell_card_holders_cleared(request)
    return request


def _tell_card_holders_cleared(request: PaymentRequest) -> None:
    contract = request.contract
    holders = RoleAssignment.objects.filter(
        role=Role.CARD_HOLDER, department=contract.department
    ).select_related("user")
    for assignment in holders:
        notify(
            template="emails/payment_cleared",
            recipient=assignment.user,
            dedupe_key=(
                f"payment-cleared-{request.pk}-{request.amount}-"
                f"{request.overrides.count()}-{assignment.user_id}"
            ),
            context={
                "number": contract.number,
                "vendor": str(contract.vendor),
                "amount": str(request.amount),
                "url": absolute_url("payment_request", assignment.user, pk=request.pk),
            },
        )


def _tell_officers_blocked(request: PaymentRequest) -> None:
    contract = request.contract
    officers = RoleAssignment.objects.filter(
        role=Role.PROCUREMENT_OFFICER, department=contract.department
    ).select_related("user")
    for assignment in officers:
        notify(
            template="emails/payment_blocked",
            recipient=assignment.user,
            # Blocked again for another amount or card: a new message; the same: none.
            dedupe_key=(
                f"payment-blocked-{request.pk}-{request.amount}-"
                f"{request.blocked_card_id or 0}-{assignment.user_id}"
            ),
            context={
                "number": contract.number,
                "vendor": str(contract.vendor),
                "amount": str(request.amount),
                "url": absolute_url("payment_request", assignment.user, pk=request.pk),
            },
        )


def payment_request_refer(
    *, request: PaymentRequest, actor: User, card: PurchaseCard
) -> PaymentRequest:
    """A card holder whose own card fails a check (its limits, or they certified receipt)
    sends the request to the procurement officers."""
    if (
        not PurchaseCard.objects.usable_by(actor)
        .filter(pk=card.pk, department_id=request.contract.department_id)
        .exists()
    ):
        raise PortalError(_("Use an active card of this department that you hold."), field="card")
    request = payment_request_recheck(request=request, actor=actor, card=card)
    if not request.is_blocked:
        raise PortalError(_("No check blocks this payment with this card: you can pay it."))
    return request


def _ensure_open(request: PaymentRequest) -> None:
    if request.status == PaymentRequestStatus.PAID:
        raise TransitionNotAllowed(_("This request is already paid."))
    if request.is_cancelled:
        raise TransitionNotAllowed(_("This request was cancelled."))


def payment_request_correct(
    *, request: PaymentRequest, actor: User, amount: Decimal
) -> PaymentRequest:
    """The buyer corrects the amount before the request is paid (audited). The guardrails run
    again on the new amount: an override for less no longer covers it."""
    ensure_manages(actor, request.contract)
    with transaction.atomic():
        Contract.objects.select_for_update().get(pk=request.contract_id)
        request = (
            PaymentRequest.objects.select_for_update(of=("self",))
            .select_related("contract__department", "contract__vendor")
            .get(pk=request.pk)
        )
        _ensure_open(request)
        _check_room(request.contract, amount, besides=request)
        if amount == request.amount:
            return request
        before = request.amount
        request.amount = amount
        request.save(update_fields=["amount"])
        audit_record(
            actor=actor,
            action="payment.correct",
            obj=request,
            department=request.contract.department,
            details={"from": str(before), "to": str(amount)},
        )
        request = payment_request_recheck(request=request, actor=actor)
    return request


def payment_request_cancel(*, request: PaymentRequest, actor: User, reason: str) -> PaymentRequest:
    """The buyer withdraws a request before it is paid, with a reason (audited). The contract
    may then be requested again."""
    ensure_manages(actor, request.contract)
    reason = reason.strip()
    if request.is_cancelled:
        return request  # a second click
    if not reason:
        raise PortalError(_("Write why you cancel the request."), field="reason")
    with transaction.atomic():
        current = PaymentRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if current.is_cancelled:
            return current
        _ensure_open(current)
        return payment_request_move(
            request_id=request.pk,
            to=PaymentRequestStatus.CANCELLED,
            actor=actor,
            action="payment.cancel",
            fields={"cancel_reason": reason},
            details={"reason": reason, "amount": str(current.amount)},
        ).obj


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
        _ensure_open(request)
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
        # Cleared when nothing else blocks it: back to the card holders.
        payment_request_recheck(request=request, actor=actor)
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
            _ensure_open(request)
            if request.is_blocked:
                # Refused here too, not only hidden on the page: the officer decides first.
                raise TransitionNotAllowed(
                    _(
                        "This payment is blocked by a guardrail check. A procurement officer "
                        "must override it before it can be paid."
                    )
                )
            # Read under the lock: the buyer may have just corrected the amount.
            if amount > request.amount:
                raise PortalError(
                    _(
                        "Record at most the amount requested (%(amount)s). For more, the "
                        "buyer corrects the request."
                    )
                    % {"amount": money(request.amount)},
                    field="amount",
                )
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
