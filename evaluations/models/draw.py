from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TieBreakDraw(models.Model):
    """The random draw that chose the winner among eligible proposals tied for first.

    Published with the award so anyone can re-run it: the method is
    `evaluations.services.draw.METHOD` (documented in docs/tie-break.md), the inputs are the
    seed and the tied pseudonyms."""

    opportunity = models.OneToOneField(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="tie_break_draw",
        verbose_name=_("opportunity"),
    )
    method = models.CharField(_("method"), max_length=40)
    seed = models.CharField(
        _("seed"), max_length=64, help_text=_("32 random bytes, in hexadecimal.")
    )
    # The tied pseudonyms as drawn, each with its HMAC, in the order of the draw (the first
    # won): [{"label": "K7", "hmac": "3f…"}, ...].
    candidates = models.JSONField(_("tied proposals"), default=list)
    winner = models.ForeignKey(
        "opportunities.Proposal",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposal drawn"),
    )
    winner_label = models.CharField(_("pseudonym drawn"), max_length=8)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn at the request of"),
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tie-break draw")
        verbose_name_plural = _("tie-break draws")

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.winner_label}"

    @property
    def labels(self) -> list[str]:
        return sorted(c["label"] for c in self.candidates)
