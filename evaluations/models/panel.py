from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at=None)


class PanelMember(models.Model):
    """A public servant on an opportunity's evaluation panel; the chair records consensus."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="panel",
        verbose_name=_("opportunity"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="panels",
        verbose_name=_("evaluator"),
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    # Set when the portal found a tie with a bidder: the member silently leaves the panel.
    removed_at = models.DateTimeField(
        _("removed for a conflict of interest at"), null=True, blank=True
    )
    # Set when the evaluator declared a conflict themselves (removed_at is set with it).
    conflict_declared_at = models.DateTimeField(
        _("declared a conflict of interest at"), null=True, blank=True
    )
    # Seen only by the buyer (and the department's procurement officers) on the panel page:
    # never shown to the other evaluators, never sent by email.
    conflict_note = models.TextField(
        _("private note to the buyer"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Only the buyer sees it. Do not name a bidder: the buyer may sit on the panel too."
        ),
    )
    attested_at = models.DateTimeField(_("attested no conflict at"), null=True, blank=True)
    reattested_at = models.DateTimeField(
        _("attested again after the reveal at"), null=True, blank=True
    )

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["-is_chair", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "user"], name="one_seat_per_evaluator")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Tie(models.Model):
    """An organisation an evaluator has ties to. Private: only its owner ever sees it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ties",
        verbose_name=_("evaluator"),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    business_number = models.CharField(_("business number, if known"), max_length=9, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tie to an organisation")
        verbose_name_plural = _("ties to organisations")
        ordering = ["organisation"]

    def __str__(self) -> str:
        return self.organisation
