from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin

# Evaluators score each criterion from 0 to this.
RUBRIC_MAX = 10

# The claim types a registry criterion can reward: the vendors' badges (vendors.Badge), with
# the Criterion field holding the points of each.
REGISTRY_POINT_FIELDS = {
    "eco": "points_eco",
    "diversity": "points_diversity",
    "innovation": "points_innovation",
}


class CriterionKind(models.TextChoices):
    PANEL = "panel", _("Scored by the evaluation panel")
    REGISTRY = "registry", _("Computed from verified claims in the vendor registry")


class CriterionStage(models.IntegerChoices):
    WRITTEN = 1, _("Written proposal")
    DEMONSTRATION = 2, _("Demonstration or interview (shortlisted only)")


class CriterionQuerySet(models.QuerySet):
    def panel_scored(self):
        """The criteria evaluators score and the chair agrees on: not price, not computed."""
        return self.filter(is_price=False, kind=CriterionKind.PANEL)

    def registry(self):
        return self.filter(is_price=False, kind=CriterionKind.REGISTRY)

    # Every read of the written stage goes through here (proposal form, scoring, consensus,
    # lock, ranking, debrief, open data): a demonstration criterion is never asked of a
    # written proposal.
    def written(self):
        return self.filter(stage=CriterionStage.WRITTEN)

    def demonstration(self):
        return self.filter(stage=CriterionStage.DEMONSTRATION)


class Criterion(BilingualMixin, models.Model):
    """A weighted evaluation criterion, defined before publishing. A registry criterion
    (responsible procurement) is not scored by the panel: at opening, the portal gives each
    proposal the points of the claim types its vendor holds verified and unexpired."""

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
    kind = models.CharField(
        _("how it is scored"),
        max_length=10,
        choices=CriterionKind.choices,
        default=CriterionKind.PANEL,
    )
    points_eco = models.PositiveSmallIntegerField(
        _("points for verified eco-responsibility"),
        default=0,
        help_text=_("Registry criteria only: out of 10 for all claim types together."),
    )
    points_diversity = models.PositiveSmallIntegerField(
        _("points for verified diverse ownership"),
        default=0,
        help_text=_("Registry criteria only: out of 10 for all claim types together."),
    )
    points_innovation = models.PositiveSmallIntegerField(
        _("points for verified innovation"),
        default=0,
        help_text=_("Registry criteria only: out of 10 for all claim types together."),
    )
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
            models.CheckConstraint(
                condition=models.Q(
                    points_eco__lte=RUBRIC_MAX
                    - models.F("points_diversity")
                    - models.F("points_innovation")
                ),
                name="criterion_registry_points_max",
            ),
        ]

    def __str__(self) -> str:
        return self.local("name")

    @property
    def is_registry(self) -> bool:
        return self.kind == CriterionKind.REGISTRY and not self.is_price

    @property
    def is_panel_scored(self) -> bool:
        return not self.is_price and not self.is_registry

    @property
    def registry_points(self) -> dict[str, int]:
        """Points per claim type (badge code), only the types that earn something."""
        return {
            badge: getattr(self, field)
            for badge, field in REGISTRY_POINT_FIELDS.items()
            if getattr(self, field)
        }

    @property
    def registry_point_labels(self) -> list[tuple[str, int]]:
        from vendors.models.certifications import Badge

        return [(str(Badge(badge).label), points) for badge, points in self.registry_points.items()]

    def registry_score(self, badges) -> int:
        """The points the verified badges earn, at most RUBRIC_MAX."""
        return min(RUBRIC_MAX, sum(self.registry_points.get(badge, 0) for badge in badges))
