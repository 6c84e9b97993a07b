from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.IntegerChoices):
    """One scale for every aspect, worded so that each step means the same for any of them."""

    DID_NOT_MEET = 1, _("Did not meet expectations")
    PARTLY_MET = 2, _("Partly met expectations")
    MET = 3, _("Met expectations")
    EXCEEDED = 4, _("Exceeded expectations")


class PerformanceAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public servants (any government role) and the assessed business's own members.
        Never visitors, never other businesses: the assessment is not public."""
        if not user.is_authenticated:
            return self.none()
        if user.is_government:
            return self
        return self.filter(contract__vendor__members__user=user)

    def for_profile(self):
        return self.select_related("contract__opportunity", "contract__department").order_by(
            "-recorded_at"
        )


class PerformanceAssessment(models.Model):
    """What the buyer thought of the vendor's work, recorded once the contract is complete.
    The vendor may answer once. Kept for public servants choosing vendors later; never shown
    to the public, in open data or to evaluators."""

    contract = models.OneToOneField(
        "payments.Contract",
        on_delete=models.PROTECT,
        related_name="assessment",
        verbose_name=_("contract"),
    )
    on_time = models.PositiveSmallIntegerField(
        _("on time"),
        choices=Rating.choices,
        help_text=_("Was the work delivered by the dates agreed?"),
    )
    quality = models.PositiveSmallIntegerField(
        _("quality"),
        choices=Rating.choices,
        help_text=_("Did the work meet the requirements of the contract?"),
    )
    communication = models.PositiveSmallIntegerField(
        _("communication"),
        choices=Rating.choices,
        help_text=_("Was the vendor responsive and clear?"),
    )
    comments = models.TextField(_("comments"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    response = models.TextField(_("vendor’s response"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = PerformanceAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("performance assessment")
        verbose_name_plural = _("performance assessments")

    def __str__(self) -> str:
        return _("Assessment of contract %(number)s") % {"number": self.contract.number}

    @property
    def has_response(self) -> bool:
        return self.responded_at is not None

    @property
    def ratings(self) -> list[tuple[str, int, str]]:
        """(aspect, value, label) in the order the form asks them."""
        return [
            (str(_("On time")), self.on_time, self.get_on_time_display()),
            (str(_("Quality")), self.quality, self.get_quality_display()),
            (str(_("Communication")), self.communication, self.get_communication_display()),
        ]
