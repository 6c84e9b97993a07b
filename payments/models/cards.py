from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PurchaseCardQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Finance keeps its department's registry; site administrators see every card."""
        from procurement_portal.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.SITE_ADMIN):
            return self
        return self.filter(department_id__in=user.departments_for(Role.FINANCE))

    def usable_by(self, user, today=None):
        """Active, unexpired cards the person holds, in departments where they are holder."""
        from procurement_portal.models import Role

        today = today or timezone.localdate()
        return self.filter(
            holder=user,
            is_active=True,
            department_id__in=user.departments_for(Role.CARD_HOLDER),
        ).filter(
            models.Q(expiry_year__gt=today.year)
            | models.Q(expiry_year=today.year, expiry_month__gte=today.month)
        )


class PurchaseCard(models.Model):
    """A government purchase card as finance registers it. Never the full number or the
    CVV: only what identifies the card on a statement and the limits finance sets."""

    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="purchase_cards",
        verbose_name=_("department"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="purchase_cards",
        verbose_name=_("card holder"),
    )
    last4 = models.CharField(
        _("last four digits"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Enter exactly the last four digits."))],
        help_text=_(
            "Only the last four digits. Never enter the full card number or the security code."
        ),
    )
    expiry_month = models.PositiveSmallIntegerField(
        _("expiry month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    expiry_year = models.PositiveSmallIntegerField(
        _("expiry year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    single_limit = models.DecimalField(
        _("single-transaction limit (CAD)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    monthly_limit = models.DecimalField(
        _("monthly limit (CAD)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PurchaseCardQuerySet.as_manager()

    class Meta:
        ordering = ["department", "holder__full_name", "last4"]
        verbose_name = _("purchase card")
        verbose_name_plural = _("purchase cards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last4__regex=r"^[0-9]{4}$"), name="card_keeps_only_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return _("Card ending %(last4)s (%(holder)s)") % {
            "last4": self.last4,
            "holder": self.holder,
        }

    @property
    def masked(self) -> str:
        return f"•••• {self.last4}"

    @property
    def expiry(self) -> str:
        return f"{self.expiry_month:02d}/{self.expiry_year}"

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.expiry_year, self.expiry_month) < (today.year, today.month)
