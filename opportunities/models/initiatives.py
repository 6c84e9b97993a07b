from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class Phase(models.TextChoices):
    DISCOVERY = "discovery", _("Discovery")
    ALPHA = "alpha", _("Alpha")
    BETA = "beta", _("Beta")
    LIVE = "live", _("Live")


PHASE_ORDER = [Phase.DISCOVERY, Phase.ALPHA, Phase.BETA, Phase.LIVE]


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public once one of its phases is; before that, only to whoever manages it (its
        buyer, the department's officers, site admins)."""
        from procurement_portal.models import Role

        from .opportunities import PUBLIC_STATUSES

        public = models.Q(phases__status__in=PUBLIC_STATUSES)
        if not user.is_authenticated:
            return self.filter(public).distinct()
        if user.has_role(Role.SITE_ADMIN):
            return self
        managed = models.Q(
            department_id__in=user.departments_for(Role.PROCUREMENT_OFFICER)
        ) | models.Q(owner=user, department_id__in=user.departments_for(Role.BUYER))
        return self.filter(public | managed).distinct()


class Initiative(BilingualMixin, models.Model):
    """Incremental investment: one need bought in phases, each gated by a go/no-go."""

    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("buyer"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.local("name")

    def get_absolute_url(self) -> str:
        return reverse("initiative_detail", kwargs={"pk": self.pk})

    def spending(self):
        return self.phases.aggregate(total=Sum("awarded_amount"))["total"] or 0


class PhaseDecision(BilingualMixin, models.Model):
    """The buyer's go / no-go at the end of a phase, with the reasons, public."""

    class Decision(models.TextChoices):
        GO = "go", _("Go: continue to the next phase")
        NO_GO = "no_go", _("No-go: stop here")

    opportunity = models.OneToOneField(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="phase_decision",
        verbose_name=_("phase"),
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    reasons = models.TextField(_("reasons (English)"))
    reasons_fr = models.TextField(_("reasons (French)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("go / no-go decision")
        verbose_name_plural = _("go / no-go decisions")

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.decision}"

    @property
    def reasons_en(self) -> str:
        return self.reasons  # so that local("reasons") reads both languages
