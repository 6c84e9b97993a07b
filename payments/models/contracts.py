from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from procurement_portal.text import BilingualMixin

# Where a contract is shown, the opportunity's state is said of the contract, so the words
# agree with it ("Contrat attribué", not "Attribuée", which agrees with "occasion").
CONTRACT_STATUS_LABELS = {
    "awarded": pgettext_lazy("contract status", "Awarded"),
    "in_delivery": pgettext_lazy("contract status", "In delivery"),
    "delivery_accepted": pgettext_lazy("contract status", "Delivery accepted"),
    "paid": pgettext_lazy("contract status", "Paid"),
    "complete": pgettext_lazy("contract status", "Complete"),
    "cancelled": pgettext_lazy("contract status", "Cancelled"),
}


class ContractTerms(BilingualMixin, models.Model):
    """The standard terms printed in every contract. Versions are never edited: a site
    administrator publishes a new one, and each contract keeps the version it was made with."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    body_en = models.TextField(_("terms (English)"), help_text=_("Markdown."))
    body_fr = models.TextField(_("terms (French)"), help_text=_("Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("contract terms")
        verbose_name_plural = _("contract terms")

    def __str__(self) -> str:
        return _("Terms, version %(version)s") % {"version": self.version}


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The winning vendor's members, and the public servants of `for_government`."""
        if not user.is_authenticated:
            return self.none()
        return (self.for_government(user) | self.filter(vendor__members__user=user)).distinct()

    def for_government(self, user):
        """The department's buyer (own contracts), officers, card holders and finance; site
        administrators. Payment details (cards, limits, overrides) are for these only."""
        from procurement_portal.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.SITE_ADMIN):
            return self
        departments = set()
        for role in (Role.PROCUREMENT_OFFICER, Role.CARD_HOLDER, Role.FINANCE):
            departments |= user.departments_for(role)
        return self.filter(
            models.Q(department_id__in=departments)
            | models.Q(opportunity__owner=user, department_id__in=user.departments_for(Role.BUYER))
        )

    def for_lists(self):
        return self.select_related("opportunity", "vendor", "department")


class ContractStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("contract status", "Being prepared")
    READY = "ready", pgettext_lazy("contract status", "Ready to sign")
    ACCEPTED = "accepted", pgettext_lazy("contract status", "Signed")


class Contract(models.Model):
    """What awarding creates: the winning proposal turned into an agreement the vendor accepts.

    The PDF is re-rendered freely until the vendor accepts it; acceptance records the SHA-256
    of the exact file shown, and from then on the file is frozen.
    """

    # `contract_move` (payments/services/status.py) is the only writer of the status. The
    # PDF may be rendered again while the contract is ready; once signed it is frozen.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        ContractStatus.PREPARING: {ContractStatus.READY: None},
        ContractStatus.READY: {ContractStatus.ACCEPTED: None},
        ContractStatus.ACCEPTED: {},
    }

    number = models.CharField(_("contract number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ContractStatus.choices, default=ContractStatus.PREPARING
    )
    opportunity = models.OneToOneField(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="contract",
        verbose_name=_("opportunity"),
    )
    proposal = models.OneToOneField(
        "opportunities.Proposal",
        on_delete=models.PROTECT,
        related_name="contract",
        verbose_name=_("proposal"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("vendor"),
    )
    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("department"),
    )
    price = models.DecimalField(_("price (CAD, taxes included)"), max_digits=12, decimal_places=2)
    terms = models.ForeignKey(
        ContractTerms, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("terms")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), upload_to="contracts/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_name = models.CharField(_("name typed at acceptance"), max_length=200, blank=True)
    accepted_ip = models.GenericIPAddressField(_("IP address at acceptance"), null=True, blank=True)
    accepted_sha256 = models.CharField(_("SHA-256 of the accepted PDF"), max_length=64, blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("contract_detail", kwargs={"pk": self.pk})

    @property
    def is_accepted(self) -> bool:
        return self.status == ContractStatus.ACCEPTED

    @property
    def status_label(self) -> str:
        """The opportunity's state, in words that agree with "contract"."""
        status = self.opportunity.status
        return str(CONTRACT_STATUS_LABELS.get(status) or self.opportunity.get_status_display())

    @property
    def payment_request(self):
        """The live payment request (paid or not), or None: a cancelled one is history."""
        from .payments import PaymentRequestStatus

        return (
            self.payment_requests.exclude(status=PaymentRequestStatus.CANCELLED)
            .order_by("-requested_at")
            .first()
        )

    @property
    def is_ready(self) -> bool:
        """The PDF exists, so the vendor can read and accept it."""
        return self.status != ContractStatus.PREPARING
