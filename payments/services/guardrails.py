"""Finance guardrails, checked before a card holder pays. Each check says what it found,
so the card holder, the buyer and the officer read the same reason.

A failed check blocks the payment unless a procurement officer overrides it with a written
reason. Checks about a card (its limits, its holder) are overridden for that card only.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.templatetags.portal import money

from ..models import GuardrailOverride, Payment, PaymentRequest, PurchaseCard
from ..models.payments import GuardrailCheck

LABELS = {check.value: check.label for check in GuardrailCheck}
CARD_CHECKS = {"single_limit", "monthly_limit", "separation_of_duties"}


@dataclass
class Check:
    code: str
    passed: bool
    finding: str
    override: GuardrailOverride | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.code])

    @property
    def blocks(self) -> bool:
        return not self.passed and self.override is None


def _sum(queryset, field="amount") -> Decimal:
    return queryset.aggregate(total=Sum(field))["total"] or Decimal("0")


def month_to_date(card: PurchaseCard, day: date) -> Decimal:
    return _sum(Payment.objects.on_card_in_month(card, day))


def vendor_spend_in_window(request: PaymentRequest, day: date) -> Decimal:
    """Paid and still-pending amounts to this vendor by this department inside the window:
    several small payments together may be one purchase split to stay under the threshold."""
    since = day - timedelta(days=settings.PORTAL_SPLIT_PURCHASE_WINDOW_DAYS)
    contract = request.contract
    paid = Payment.objects.filter(
        request__contract__vendor_id=contract.vendor_id,
        request__contract__department_id=contract.department_id,
        paid_on__gt=since,
        paid_on__lte=day,
    ).exclude(request=request)
    pending = (
        PaymentRequest.objects.open()
        .filter(
            contract__vendor_id=contract.vendor_id,
            contract__department_id=contract.department_id,
            requested_at__date__gt=since,
        )
        .exclude(pk=request.pk)
    )
    return _sum(paid) + _sum(pending)


@dataclass
class Room:
    """What may still be requested on a contract: its price less what is paid and what other
    open (not paid, not cancelled) requests already ask for, so that requests together can
    never exceed the price."""

    price: Decimal
    paid: Decimal
    requested: Decimal

    @property
    def left(self) -> Decimal:
        return max(self.price - self.paid - self.requested, Decimal("0"))


def room_on_contract(contract, *, besides: PaymentRequest | None = None) -> Room:
    others = PaymentRequest.objects.open().filter(contract=contract)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    return Room(
        price=contract.price,
        paid=_sum(Payment.objects.filter(request__contract=contract)),
        requested=_sum(others),
    )


def evaluate(
    request: PaymentRequest,
    card: PurchaseCard | None,
    *,
    amount: Decimal | None = None,
    day: date | None = None,
) -> list[Check]:
    """Every check for paying `amount` (the requested amount by default) with `card` on
    `day`. Without a card, only the checks that do not depend on one."""
    from .delivery import certified_delivery

    amount = request.amount if amount is None else amount
    day = day or timezone.localdate()
    contract = request.contract
    checks = [
        Check(
            "contract_price",
            amount <= contract.price,
            _("%(amount)s of a contract price of %(price)s.")
            % {"amount": money(amount), "price": money(contract.price)},
        )
    ]
    if card is not None:
        mtd = month_to_date(card, day)
        checks.append(
            Check(
                "single_limit",
                amount <= card.single_limit,
                _("%(amount)s against a limit of %(limit)s per transaction.")
                % {"amount": money(amount), "limit": money(card.single_limit)},
            )
        )
        checks.append(
            Check(
                "monthly_limit",
                mtd + amount <= card.monthly_limit,
                _(
                    "%(mtd)s already this month, %(total)s with this payment, against a monthly "
                    "limit of %(limit)s."
                )
                % {
                    "mtd": money(mtd),
                    "total": money(mtd + amount),
                    "limit": money(card.monthly_limit),
                },
            )
        )
    window = vendor_spend_in_window(request, day)
    threshold = contract.department.micro_procurement_threshold
    checks.append(
        Check(
            "split_purchase",
            window + amount <= threshold,
            _(
                "%(window)s to this vendor by the department in the last %(days)s days, "
                "%(total)s with this payment, against the micro-procurement threshold of "
                "%(threshold)s."
            )
            % {
                "window": money(window),
                "days": settings.PORTAL_SPLIT_PURCHASE_WINDOW_DAYS,
                "total": money(window + amount),
                "threshold": money(threshold),
            },
        )
    )
    if card is not None:
        delivery = certified_delivery(contract)
        certifier = delivery.reviewed_by if delivery else None
        same = certifier is not None and certifier.pk == card.holder_id
        checks.append(
            Check(
                "separation_of_duties",
                not same,
                _("%(holder)s certified receipt of this work and cannot also pay for it.")
                % {"holder": card.holder}
                if same
                else _("The card holder is not the person who certified receipt."),
            )
        )
    overrides = {(o.check_code, o.card_id): o for o in request.overrides.all()}
    for check in checks:
        key = (check.code, card.pk if card and check.code in CARD_CHECKS else None)
        override = overrides.get(key)
        if not check.passed and override and override.covers(amount, day):
            check.override = override
    return checks
