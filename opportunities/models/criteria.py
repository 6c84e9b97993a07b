from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin

# Evaluators score each criterion from 0 to this.
RUBRIC_MAX = 10


class CriterionStage(models.IntegerChoices):
    WRITTEN = 1, _("Written proposal")
    DEMONSTRATION = 2, _("Demonstration or interview (shortlisted only)")


class CriterionQuerySet(models.QuerySet):
    # Every read of the written stage goes through here (proposal form, scoring, consensus,
    # lock, ranking, debrief, open data): a demonstration criterion is never asked of a
    # written proposal.
    def written(self):
        return self.filter(stage=CriterionStage.WRITTEN)

    def demonstration(self):
        return self.filter(stage=CriterionStage.DEMONSTRATION)


class Criterion(BilingualMixin, models.Model):
    """A weighted evaluation criterion, defined before publishing."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("opportunity"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("what evaluators look for (English)"), blank=True)
    description_fr = models.TextField(_("what evaluators look for (French)"), blank=True)
    # Shown to evaluators next to the score: how to read the 0-10 scale for this criterion.
    guidance_en = models.TextField(
        _("scoring guidance (English)"),
        blank=True,
        help_text=_("What a low, a middle and a high score look like, for evaluators."),
    )
    guidance_fr = models.TextField(
        _("scoring guidance (French)"),
        blank=True,
        help_text=_("What a low, a middle and a high score look like, for evaluators."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), help_text=_("The weights of all criteria add up to 100.")
    )
    min_score = models.PositiveSmallIntegerField(
        _("minimum score"),
        default=0,
        help_text=_("Out of 10. Proposals scoring less on this criterion are screened out."),
    )
    is_price = models.BooleanField(_("this criterion is the price"), default=False)
    stage = models.PositiveSmallIntegerField(
        _("stage"),
        choices=CriterionStage.choices,
        default=CriterionStage.WRITTEN,
        db_default=CriterionStage.WRITTEN,
        help_text=_("The weights of each stage add up to 100."),
    )

    objects = CriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="criterion_weight_max"
            ),
            models.CheckConstraint(
                condition=models.Q(min_score__lte=RUBRIC_MAX), name="criterion_min_score_max"
            ),
        ]

    def __str__(self) -> str:
        return self.local("name")
