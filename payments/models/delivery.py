from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DeliveryStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("delivery status", "Waiting for review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("delivery status", "Changes requested")
    ACCEPTED = "accepted", pgettext_lazy("delivery status", "Accepted")


class Delivery(models.Model):
    """One hand-over of the work. The buyer accepts it — certifying receipt — or asks for
    changes, and the vendor hands over again (a new row, so the history stays)."""

    contract = models.ForeignKey(
        "payments.Contract",
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("contract"),
    )
    note = models.TextField(_("what you delivered"), max_length=4000)
    link = models.URLField(
        _("link to the work"),
        blank=True,
        help_text=_("A repository, a shared folder or a live site."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delivered by"),
    )
    submitted_at = models.DateTimeField(_("delivered at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_reasons = models.TextField(_("changes requested"), blank=True)
    # The certification of receipt: the name the buyer attested under, kept as typed.
    certified_name = models.CharField(_("receipt certified by (name)"), max_length=200, blank=True)

    # `delivery_move` (payments/services/status.py) is the only writer of the status. A
    # delivery is reviewed once; asking for changes means the vendor hands over anew.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        DeliveryStatus.SUBMITTED: {
            DeliveryStatus.ACCEPTED: None,
            DeliveryStatus.CHANGES_REQUESTED: None,
        },
        DeliveryStatus.CHANGES_REQUESTED: {},
        DeliveryStatus.ACCEPTED: {},
    }

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # At most one accepted delivery per contract, whatever two buyers click at once.
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status=DeliveryStatus.ACCEPTED),
                name="one_accepted_delivery_per_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} — {self.submitted_at:%Y-%m-%d}"

    @property
    def is_waiting(self) -> bool:
        return self.status == DeliveryStatus.SUBMITTED

    @property
    def is_accepted(self) -> bool:
        return self.status == DeliveryStatus.ACCEPTED


class DeliveryFile(models.Model):
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="files", verbose_name=_("delivery")
    )
    file = models.FileField(_("file"), upload_to="deliveries/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivered file")
        verbose_name_plural = _("delivered files")

    def __str__(self) -> str:
        return self.name
