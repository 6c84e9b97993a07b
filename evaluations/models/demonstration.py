from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Demonstration(models.Model):
    """A shortlisted proposal's invitation to demonstrate (or be interviewed): its row exists
    from the shortlist on, and only shortlisted proposals have one."""

    proposal = models.OneToOneField(
        "opportunities.Proposal",
        on_delete=models.CASCADE,
        related_name="demonstration",
        verbose_name=_("proposal"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="demonstrations",
        verbose_name=_("opportunity"),
    )
    written_rank = models.PositiveSmallIntegerField(_("rank of the written proposal"))
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    place = models.CharField(
        _("where"),
        max_length=300,
        blank=True,
        help_text=_("An address, or the link to the video call."),
    )
    notes = models.TextField(
        _("notes for the vendor"),
        max_length=2000,
        blank=True,
        help_text=_("What to prepare and how long it lasts. Sent to the vendor."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )

    class Meta:
        verbose_name = _("demonstration")
        verbose_name_plural = _("demonstrations")
        ordering = ["written_rank", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.starts_at}"
