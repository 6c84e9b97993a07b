from django.db import models
from django.utils.translation import gettext_lazy as _

from ..text import BilingualMixin


class Category(BilingualMixin, models.Model):
    """A kind of work (goods, services, digital...), in a small two-level tree. Shared:
    opportunities are filed under one, vendors say what they do and subscribe with them.

    The table keeps its first name (it began in the opportunities app)."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["parent__name_en", "name_en"]
        db_table = "opportunities_category"

    def __str__(self) -> str:
        return self.local("name")
