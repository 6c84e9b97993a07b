from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin

from .opportunities import PriceEvaluation


class OpportunityTemplateQuerySet(models.QuerySet):
    def managed_by(self, user):
        """A department's templates are shared by its buyers and procurement officers (a
        site admin sees all): one team's wording, kept in one place."""
        from procurement_portal.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.SITE_ADMIN):
            return self
        return self.filter(
            Q(department_id__in=user.departments_for(Role.BUYER))
            | Q(department_id__in=user.departments_for(Role.PROCUREMENT_OFFICER))
        )


class OpportunityTemplate(BilingualMixin, models.Model):
    """A department's starting point for a draft: the texts and weighted criteria its
    buyers reuse for the same kind of purchase (e.g. an accessibility audit)."""

    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.CASCADE,
        related_name="opportunity_templates",
        verbose_name=_("department"),
    )
    name_en = models.CharField(
        _("template name (English)"),
        max_length=120,
        help_text=_("What buyers choose from, e.g. “Accessibility audit of a web form”."),
    )
    name_fr = models.CharField(_("template name (French)"), max_length=120)
    category = models.ForeignKey(
        "procurement_portal.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    summary_fr = models.TextField(_("summary (French)"), max_length=600, blank=True)
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("Markdown: **bold**, lists, links, tables."),
    )
    description_fr = models.TextField(_("description (French)"), blank=True)
    deliverables_en = models.TextField(_("deliverables (English)"), blank=True)
    deliverables_fr = models.TextField(_("deliverables (French)"), blank=True)
    price_evaluation = models.CharField(
        _("how price is evaluated"),
        max_length=16,
        choices=PriceEvaluation.choices,
        default=PriceEvaluation.SCORED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OpportunityTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("department template")
        verbose_name_plural = _("department templates")
        ordering = ["department", "name_en", "id"]

    def __str__(self) -> str:
        return self.local("name")


class TemplateCriterion(BilingualMixin, models.Model):
    """A criterion of a template, copied into each draft started from it."""

    template = models.ForeignKey(
        OpportunityTemplate,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("department template"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("what evaluators look for (English)"), blank=True)
    description_fr = models.TextField(_("what evaluators look for (French)"), blank=True)
    guidance_en = models.TextField(_("scoring guidance (English)"), blank=True)
    guidance_fr = models.TextField(_("scoring guidance (French)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    min_score = models.PositiveSmallIntegerField(_("minimum score"), default=0)
    is_price = models.BooleanField(_("this criterion is the price"), default=False)

    class Meta:
        verbose_name = _("template criterion")
        verbose_name_plural = _("template criteria")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.local("name")
