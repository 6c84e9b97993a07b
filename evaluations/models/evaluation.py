from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationStatus(models.TextChoices):
    SCORING = "scoring", pgettext_lazy("evaluation status", "Scoring")
    LOCKED = "locked", pgettext_lazy("evaluation status", "Consensus locked")
    SHORTLISTED = "shortlisted", pgettext_lazy("evaluation status", "Shortlisted")
    REVEALED = "revealed", pgettext_lazy("evaluation status", "Identities revealed")


E = EvaluationStatus


class Evaluation(models.Model):
    """The evaluation of one opportunity, opened by the portal at the deadline."""

    # `evaluation_move` (evaluations/services/status.py) is the only writer of the status.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        E.SCORING: {E.LOCKED: None},
        E.LOCKED: {E.REVEALED: None, E.SHORTLISTED: None},
        # Two stages: the shortlisted are named and demonstrate; the reveal then locks the
        # demonstration scores (the others stay anonymous for good).
        E.SHORTLISTED: {E.REVEALED: None},
        E.REVEALED: {},
    }

    opportunity = models.OneToOneField(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="evaluation",
        verbose_name=_("opportunity"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EvaluationStatus.choices, default=E.SCORING
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    locked_at = models.DateTimeField(_("consensus locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    shortlisted_at = models.DateTimeField(_("shortlisted at"), null=True, blank=True)
    revealed_at = models.DateTimeField(_("identities revealed at"), null=True, blank=True)
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revealed by"),
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return str(self.opportunity)

    @property
    def is_revealed(self) -> bool:
        return self.status == E.REVEALED

    @property
    def is_locked(self) -> bool:
        """Written-stage consensus scores can no longer change (locked, and perhaps
        shortlisted or revealed since)."""
        return self.status in {E.LOCKED, E.SHORTLISTED, E.REVEALED}

    @property
    def is_shortlisted(self) -> bool:
        return self.status == E.SHORTLISTED

    @property
    def names_shown(self) -> bool:
        """Some names are visible: all after the reveal (single stage), the shortlisted
        from the shortlist on (two stages)."""
        return self.status in {E.SHORTLISTED, E.REVEALED}

    @property
    def scores_due(self):
        """When individual scores are expected: PORTAL_EVALUATION_BUSINESS_DAYS after opening."""
        from opportunities.services.lifecycle import add_business_days

        return add_business_days(self.opened_at, settings.PORTAL_EVALUATION_BUSINESS_DAYS)


class Pseudonym(models.Model):
    """What evaluators call a proposal until identities are revealed, e.g. "Proposal K7".
    Drawn at random when evaluation opens, never in submission order."""

    proposal = models.OneToOneField(
        "opportunities.Proposal",
        on_delete=models.CASCADE,
        related_name="pseudonym",
        verbose_name=_("proposal"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("opportunity"),
    )
    label = models.CharField(_("pseudonym"), max_length=8)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonyms")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "label"], name="pseudonym_unique_per_opportunity"
            )
        ]

    def __str__(self) -> str:
        return self.label


class AwardDecision(models.Model):
    """The buyer's decision once identities are revealed: published with the reason."""

    class Kind(models.TextChoices):
        TOP = "top", _("Award to the top-ranked eligible proposal")
        OTHER = "other", _("Award to another proposal, with a justification")
        NONE = "none", _("No award, with a justification")

    opportunity = models.OneToOneField(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="award_decision",
        verbose_name=_("opportunity"),
    )
    kind = models.CharField(_("decision"), max_length=8, choices=Kind.choices)
    proposal = models.ForeignKey(
        "opportunities.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposal"),
    )
    justification = models.TextField(_("justification"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.kind}"
