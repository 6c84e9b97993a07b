from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """One OCDS release, written when something public changed, and kept: the history of a
    contracting process is its list of releases."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=_("opportunity"),
    )
    ocid = models.CharField(_("OCID"), max_length=64, db_index=True)
    release_id = models.CharField(_("release id"), max_length=100, unique=True)
    date = models.DateTimeField(_("date"))
    tag = models.CharField(_("tag"), max_length=32)
    data = models.JSONField(_("release"))

    class Meta:
        ordering = ["opportunity", "date", "pk"]
        verbose_name = _("OCDS release")
        verbose_name_plural = _("OCDS releases")

    def __str__(self) -> str:
        return self.release_id
