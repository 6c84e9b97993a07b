from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin

from .claims import Claim, ClaimStatus


class Badge(models.TextChoices):
    ECO = "eco", _("Eco-responsible")
    DIVERSITY = "diversity", _("Diverse-owned")
    INNOVATION = "innovation", _("Innovative")


class CertificationType(BilingualMixin, models.Model):
    """A recognised certification (B Corp, ISO 14001, CCAB certified Indigenous business...)."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    issuer = models.CharField(_("issuer"), max_length=200)
    badge = models.CharField(_("badge it earns"), max_length=12, choices=Badge.choices)

    class Meta:
        verbose_name = _("kind of certification")
        verbose_name_plural = _("kinds of certification")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.local("name")


class CertificationQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today))

    def badge_earning(self):
        return self.current().filter(status=ClaimStatus.VERIFIED)


class Certification(Claim):
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="certifications",
        verbose_name=_("vendor"),
    )
    kind = models.ForeignKey(
        CertificationType,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("certification"),
    )
    number = models.CharField(_("certificate number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence = models.ForeignKey(
        "vendors.EvidenceFile",
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("evidence"),
    )
    reminded_for = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The expiry date the 30-day reminder was sent for (sent once per date).",
    )

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["kind__name_en"]

    def __str__(self) -> str:
        return f"{self.kind} — {self.vendor}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()
