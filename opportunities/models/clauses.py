"""The buyer's choices against lock-in: who owns the work, its open-source licence, who owns
the data, and the privacy terms. Each option is a versioned bilingual text, like the standard
contract terms: a version is never edited, a new one is added, and a published opportunity
keeps the versions it was published with (they go into the contract PDF and the open data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class ClauseKind(models.TextChoices):
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Intellectual property")
    OPEN_SOURCE = "open_source", _("Open-source licence")
    DATA_OWNERSHIP = "data_ownership", _("Data ownership")
    PRIVACY = "privacy", _("Privacy")


# The opportunity's field for each kind of clause.
CLAUSE_FIELDS = {
    ClauseKind.INTELLECTUAL_PROPERTY: "ip_clause",
    ClauseKind.OPEN_SOURCE: "licence_clause",
    ClauseKind.DATA_OWNERSHIP: "data_clause",
    ClauseKind.PRIVACY: "privacy_clause",
}


class ContractClauseQuerySet(models.QuerySet):
    def current(self) -> "ContractClauseQuerySet":
        """The latest version of each option."""
        newer = ContractClause.objects.filter(
            kind=models.OuterRef("kind"),
            option=models.OuterRef("option"),
            version__gt=models.OuterRef("version"),
        )
        return self.exclude(models.Exists(newer))

    def of_kind(self, kind: str) -> "ContractClauseQuerySet":
        return self.filter(kind=kind)


class ContractClause(BilingualMixin, models.Model):
    kind = models.CharField(_("kind of clause"), max_length=24, choices=ClauseKind.choices)
    option = models.SlugField(
        _("option"), max_length=40, help_text=_("Stable code of the option, e.g. crown-owns.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_fr = models.CharField(_("title (French)"), max_length=150)
    summary_en = models.CharField(_("one-line summary (English)"), max_length=300)
    summary_fr = models.CharField(_("one-line summary (French)"), max_length=300)
    body_en = models.TextField(_("clause (English)"), help_text=_("Markdown."))
    body_fr = models.TextField(_("clause (French)"), help_text=_("Markdown."))
    # For open-source licences: the SPDX identifier the open data carries ("" for none).
    spdx = models.CharField(_("SPDX licence identifier"), max_length=40, blank=True)
    is_default = models.BooleanField(
        _("default choice"),
        default=False,
        help_text=_("Preselected in the draft form (one per kind)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    objects = ContractClauseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "option", "-version"]
        verbose_name = _("contract clause")
        verbose_name_plural = _("contract clauses")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "option", "version"], name="clause_option_version_unique"
            )
        ]

    def __str__(self) -> str:
        return self.local("title")

    def get_kind_display_en(self) -> str:
        from django.utils import translation

        with translation.override("en"):
            return str(self.get_kind_display())

    def get_kind_display_fr(self) -> str:
        from django.utils import translation

        with translation.override("fr"):
            return str(self.get_kind_display())

    @property
    def reference(self) -> str:
        """A stable, versioned name: intellectual_property/crown-owns/v1."""
        return f"{self.kind}/{self.option}/v{self.version}"
