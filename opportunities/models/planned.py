from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from procurement_portal.text import BilingualMixin


class PlannedPurchaseQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=PlannedPurchase.Status.DRAFT)


class PlannedPurchase(BilingualMixin, models.Model):
    """A purchase announced before the call (projet d'achat), open to comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("planned purchase status", "Draft")
        PUBLISHED = "published", pgettext_lazy("planned purchase status", "Open for comments")
        CONVERTED = "converted", pgettext_lazy("planned purchase status", "Now an opportunity")

    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="planned_purchases",
        verbose_name=_("department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="planned_purchases",
        verbose_name=_("buyer"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    need_en = models.TextField(_("the need (English)"))
    need_fr = models.TextField(_("the need (French)"), blank=True)
    rough_budget = models.DecimalField(
        _("rough budget (CAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    expected_date = models.DateField(
        _("expected call date"),
        null=True,
        blank=True,
        help_text=_("When you expect to publish the opportunity."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlannedPurchaseQuerySet.as_manager()
    # `planned_move` (opportunities/services/status.py) is the only writer of the status.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        Status.DRAFT: {Status.PUBLISHED: None},
        Status.PUBLISHED: {Status.CONVERTED: None},
        Status.CONVERTED: {},
    }

    class Meta:
        verbose_name = _("planned purchase")
        verbose_name_plural = _("planned purchases")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.local("title")

    def get_absolute_url(self) -> str:
        return reverse("planned_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def takes_comments(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_converted(self) -> bool:
        return self.status == self.Status.CONVERTED


class PlannedPurchaseResponse(models.Model):
    """A vendor's interest in, or comment on, a planned purchase."""

    planned_purchase = models.ForeignKey(
        PlannedPurchase,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("planned purchase"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    interested = models.BooleanField(_("interested in bidding"), default=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response to a planned purchase")
        verbose_name_plural = _("responses to planned purchases")
        constraints = [
            models.UniqueConstraint(
                fields=["planned_purchase", "user"], name="planned_response_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.planned_purchase_id}: {self.user_id}"
