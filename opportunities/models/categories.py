from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class Category(BilingualMixin, models.Model):
    """A kind of work (goods, services, digital...), in a small two-level tree."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent category"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["parent__name_en", "name_en"]

    def __str__(self) -> str:
        return self.local("name")
