from django.db import models
from django.utils.translation import gettext_lazy as _


class ScoreSheet(models.Model):
    """One evaluator's scores for one proposal; others' sheets stay hidden until submitted."""

    member = models.ForeignKey(
        "evaluations.PanelMember",
        on_delete=models.CASCADE,
        related_name="sheets",
        verbose_name=_("evaluator"),
    )
    proposal = models.ForeignKey(
        "opportunities.Proposal",
        on_delete=models.CASCADE,
        related_name="score_sheets",
        verbose_name=_("proposal"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "proposal"], name="one_sheet_per_evaluator_and_proposal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}/{self.proposal_id}"


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("score sheet")
    )
    criterion = models.ForeignKey(
        "opportunities.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(_("score (0 to 10)"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="score_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class ConsensusScore(models.Model):
    """The panel's agreed score for one criterion of one proposal, recorded by the chair."""

    proposal = models.ForeignKey(
        "opportunities.Proposal",
        on_delete=models.CASCADE,
        related_name="consensus_scores",
        verbose_name=_("proposal"),
    )
    criterion = models.ForeignKey(
        "opportunities.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(_("consensus score (0 to 10)"))
    rationale = models.TextField(_("rationale"), max_length=3000)
    recorded_by = models.ForeignKey(
        "procurement_portal.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="one_consensus_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="consensus_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}/{self.criterion_id}: {self.score}"


class RegistryScore(models.Model):
    """The points a registry criterion gave one proposal, computed once at opening from the
    vendor's verified, unexpired claims and frozen: a claim verified or expiring later does
    not change a closed evaluation. Only the points and the claim types (badge codes) are
    kept; evaluators see the points, never the claims."""

    proposal = models.ForeignKey(
        "opportunities.Proposal",
        on_delete=models.CASCADE,
        related_name="registry_scores",
        verbose_name=_("proposal"),
    )
    criterion = models.ForeignKey(
        "opportunities.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(_("points (0 to 10)"))
    badges = models.JSONField(_("claim types that counted"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry score")
        verbose_name_plural = _("registry scores")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="one_registry_score_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="registry_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}/{self.criterion_id}: {self.score}"
