from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from procurement_portal.text import BilingualMixin


class PaymentRequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("payment request status", "Waiting for the card holder")
    BLOCKED = "blocked", pgettext_lazy("payment request status", "Blocked by a guardrail")
    PAID = "paid", pgettext_lazy("payment request status", "Paid")
    CANCELLED = "cancelled", pgettext_lazy("payment request status", "Cancelled")


# Not paid yet and not cancelled: the buyer may still correct or cancel it.
OPEN_STATES = (PaymentRequestStatus.PENDING, PaymentRequestStatus.BLOCKED)


class GuardrailCheck(models.TextChoices):
    CONTRACT_PRICE = "contract_price", _("Amount within the contract price")
    SINGLE_LIMIT = "single_limit", _("Card’s single-transaction limit")
    MONTHLY_LIMIT = "monthly_limit", _("Card’s monthly limit")
    SPLIT_PURCHASE = "split_purchase", _("No split purchase")
    SEPARATION_OF_DUTIES = "separation_of_duties", _("Separation of duties")


class PaymentRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public servants only: the request shows the department's cards and limits."""
        from .contracts import Contract

        return self.filter(contract__in=Contract.objects.for_government(user))

    def open(self):
        return self.filter(status__in=OPEN_STATES)

    def queue_for(self, user):
        """What a card holder should act on: open requests of their departments (the
        blocked ones too, marked: they wait for an officer)."""
        from procurement_portal.models import Role

        return self.open().filter(
            contract__department_id__in=user.departments_for(Role.CARD_HOLDER)
        )

    def blocked_for(self, user):
        """A procurement officer's queue: blocked requests of their departments (a site
        administrator's: all of them)."""
        from procurement_portal.models import Role

        blocked = self.filter(status=PaymentRequestStatus.BLOCKED)
        if user.has_role(Role.SITE_ADMIN):
            return blocked
        return blocked.filter(
            contract__department_id__in=user.departments_for(Role.PROCUREMENT_OFFICER)
        )

    def for_lists(self):
        return self.select_related(
            "contract",
            "contract__vendor",
            "contract__opportunity",
            "contract__department",
            "requested_by",
            "blocked_card",
        )


class PaymentRequest(models.Model):
    """The buyer's request to pay for accepted work. It goes to the department's card
    holders; the guardrails are checked when it is made or corrected (a failed check blocks
    it until an officer overrides it) and again when a card holder pays.

    A contract has at most one live (not cancelled) request: the buyer who cancels one may
    make a new one."""

    contract = models.ForeignKey(
        "payments.Contract",
        on_delete=models.PROTECT,
        related_name="payment_requests",
        verbose_name=_("contract"),
    )
    amount = models.DecimalField(_("amount (CAD, taxes included)"), max_digits=12, decimal_places=2)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PaymentRequestStatus.choices,
        default=PaymentRequestStatus.PENDING,
    )
    # The card whose own checks (limits, holder) blocked the request; empty when a check
    # about the purchase itself (price, split purchase) did.
    blocked_card = models.ForeignKey(
        "payments.PurchaseCard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("card the block was found with"),
    )
    # The checks that block it, so the officers' queue says why without running them again.
    blocked_checks = models.JSONField(_("checks that block it"), default=list, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)

    objects = PaymentRequestQuerySet.as_manager()
    # `payment_request_move` (payments/services/status.py) is the only writer of the status.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        PaymentRequestStatus.PENDING: {
            PaymentRequestStatus.BLOCKED: None,
            PaymentRequestStatus.PAID: None,
            PaymentRequestStatus.CANCELLED: None,
        },
        PaymentRequestStatus.BLOCKED: {
            PaymentRequestStatus.PENDING: None,
            PaymentRequestStatus.CANCELLED: None,
        },
        PaymentRequestStatus.PAID: {},
        PaymentRequestStatus.CANCELLED: {},
    }

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=~models.Q(status="cancelled"),
                name="one_live_payment_request_per_contract",
            )
        ]
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")

    def __str__(self) -> str:
        return _("Payment of %(contract)s") % {"contract": self.contract}

    def get_absolute_url(self) -> str:
        return reverse("payment_request", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == PaymentRequestStatus.PENDING

    @property
    def is_blocked(self) -> bool:
        return self.status == PaymentRequestStatus.BLOCKED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_cancelled(self) -> bool:
        return self.status == PaymentRequestStatus.CANCELLED


class GuardrailOverride(BilingualMixin, models.Model):
    """A procurement officer lets one failed check through, with a written reason. For
    checks about a card, the override holds for that card only."""

    request = models.ForeignKey(
        PaymentRequest,
        on_delete=models.PROTECT,
        related_name="overrides",
        verbose_name=_("payment request"),
    )
    check_code = models.CharField(_("check"), max_length=32, choices=GuardrailCheck.choices)
    card = models.ForeignKey(
        "payments.PurchaseCard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("card"),
    )
    finding = models.TextField(_("what the check found"))
    # What was overridden: a payment up to this amount (in this month, for the monthly limit).
    amount = models.DecimalField(_("amount overridden for (CAD)"), max_digits=12, decimal_places=2)
    day = models.DateField(_("payment date checked"))
    reason = models.TextField(_("reason for the override (English)"), max_length=2000)
    reason_fr = models.TextField(_("reason for the override (French)"), max_length=2000, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("procurement officer"),
    )
    created_at = models.DateTimeField(_("overridden at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("guardrail override")
        verbose_name_plural = _("guardrail overrides")

    def __str__(self) -> str:
        return f"{self.request} — {self.check_code}"

    @property
    def reason_en(self) -> str:
        return self.reason  # so that local("reason") reads both languages

    def covers(self, amount, day) -> bool:
        if amount > self.amount:
            return False
        if self.check_code == GuardrailCheck.MONTHLY_LIMIT:
            return (day.year, day.month) == (self.day.year, self.day.month)
        return True


class PaymentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Both parties: the vendor confirms receipt and keeps the receipt."""
        from .contracts import Contract

        return self.filter(request__contract__in=Contract.objects.visible_to(user))

    def on_card_in_month(self, card, day):
        return self.filter(card=card, paid_on__year=day.year, paid_on__month=day.month)


class Payment(models.Model):
    """The record of a card payment. One per request, enforced by the database, so a
    double-click or two card holders at once can never pay twice."""

    request = models.OneToOneField(
        PaymentRequest,
        on_delete=models.PROTECT,
        related_name="payment",
        verbose_name=_("payment request"),
    )
    number = models.CharField(_("payment number"), max_length=32, unique=True)
    card = models.ForeignKey(
        "payments.PurchaseCard",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("card"),
    )
    amount = models.DecimalField(_("amount (CAD, taxes included)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("payment date"))
    authorization_code = models.CharField(
        _("authorization code"),
        max_length=12,
        help_text=_("The code the payment terminal or the vendor's payment page gave."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    days_from_acceptance = models.PositiveIntegerField(
        _("days from delivery acceptance to payment")
    )
    receipt_pdf = models.FileField(_("receipt PDF"), upload_to="payment-receipts/", blank=True)
    vendor_confirmed_at = models.DateTimeField(
        _("receipt confirmed by the vendor at"), null=True, blank=True
    )
    vendor_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.number
