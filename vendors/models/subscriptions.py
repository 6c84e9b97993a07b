from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """What new opportunities a person wants to hear about, and how often."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("As soon as one is published")
        DAILY = "daily", _("One email a day (digest)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="subscription", verbose_name=_("person"))
    categories = models.ManyToManyField("opportunities.Category", blank=True,
                                        related_name="subscriptions",
                                        verbose_name=_("kinds of work"))
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True,
        help_text=_("Separated by commas, in English or French, e.g. accessibility, traduction"),
    )
    frequency = models.CharField(_("how often"), max_length=8, choices=Frequency.choices,
                                 default=Frequency.INSTANT)
    is_active = models.BooleanField(_("send me emails"), default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.user} ({self.frequency})"

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]
