from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class AddendumIsAppendOnly(Exception):
    pass


class Addendum(BilingualMixin, models.Model):
    """A dated, numbered change to a published opportunity. Never edited, never removed."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="addenda",
        verbose_name=_("opportunity"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_en = models.TextField(_("change (English)"))
    text_fr = models.TextField(_("change (French)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("posted by"),
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="addendum_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id}-{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AddendumIsAppendOnly("Addenda cannot be changed; post a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AddendumIsAppendOnly("Addenda cannot be removed.")
