from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ClaimStatus(models.TextChoices):
    SELF_DECLARED = "self_declared", pgettext_lazy("claim status", "Self-declared")
    VERIFIED = "verified", pgettext_lazy("claim status", "Verified")
    REJECTED = "rejected", pgettext_lazy("claim status", "Rejected")


C = ClaimStatus


class Claim(models.Model):
    """Something a vendor says about itself, self-declared until an officer checks it.
    Changing a checked claim makes it self-declared again, to be checked anew."""

    # `claim_move` (vendors/services/status.py) is the only writer of the status.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        C.SELF_DECLARED: {C.VERIFIED: None, C.REJECTED: None},
        C.VERIFIED: {C.SELF_DECLARED: None},
        C.REJECTED: {C.SELF_DECLARED: None},
    }

    status = models.CharField(
        _("verification"),
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.SELF_DECLARED,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_verified(self) -> bool:
        return self.status == ClaimStatus.VERIFIED
