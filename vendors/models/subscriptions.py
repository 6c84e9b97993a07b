from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionQuerySet(models.QuerySet):
    def receiving(self, frequency: str) -> "SubscriptionQuerySet":
        """Active subscriptions of this frequency, of people whose account is active."""
        return self.filter(is_active=True, frequency=frequency, user__is_active=True)

    def user_ids_matching(self, *, category_ids: set[int], text: str) -> set[int]:
        """People whose subscription matches one of these kinds of work, or a keyword found
        in `text` (titles and summaries in both languages)."""
        by_category = (
            set(self.filter(categories__in=category_ids).values_list("user_id", flat=True))
            if category_ids
            else set()
        )
        text = text.lower()
        by_keyword = {
            user_id
            for user_id, keywords in self.exclude(keywords="").values_list("user_id", "keywords")
            if any(word in text for word in _keywords(keywords))
        }
        return by_category | by_keyword


def _keywords(keywords: str) -> list[str]:
    return [word.strip().lower() for word in keywords.split(",") if word.strip()]


class Subscription(models.Model):
    """What new opportunities a person wants to hear about, and how often."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("As soon as one is published")
        DAILY = "daily", _("One email a day (digest)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscription",
        verbose_name=_("person"),
    )
    categories = models.ManyToManyField(
        "procurement_portal.Category",
        blank=True,
        related_name="subscriptions",
        verbose_name=_("kinds of work"),
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, in English or French, e.g. accessibility, traduction"),
    )
    frequency = models.CharField(
        _("how often"), max_length=8, choices=Frequency.choices, default=Frequency.INSTANT
    )
    is_active = models.BooleanField(_("send me emails"), default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.user} ({self.frequency})"

    @property
    def keyword_list(self) -> list[str]:
        return _keywords(self.keywords)

    def matches(self, *, category_ids: set[int], text: str) -> bool:
        """Uses the prefetched categories (the digest reads many subscriptions)."""
        text = text.lower()
        return bool({c.pk for c in self.categories.all()} & category_ids) or any(
            word in text for word in self.keyword_list
        )
