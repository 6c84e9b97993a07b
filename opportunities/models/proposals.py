from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
    UNDER_EVALUATION = "under_evaluation", pgettext_lazy("proposal status", "Under evaluation")
    AWARDED = "awarded", pgettext_lazy("proposal status", "Awarded")
    NOT_AWARDED = "not_awarded", pgettext_lazy("proposal status", "Not awarded")
    DISQUALIFIED = "disqualified", pgettext_lazy("proposal status", "Disqualified")


P = ProposalStatus
# Until the deadline a vendor may submit again (a new receipt each time) or withdraw; at
# opening the submitted ones go under evaluation; the award settles each of them.
# `proposal_move` (opportunities/services/status.py) is the only writer of the status.
TRANSITIONS: dict[str, dict[str, str | None]] = {
    P.DRAFT: {P.SUBMITTED: None},
    P.SUBMITTED: {P.SUBMITTED: None, P.WITHDRAWN: None, P.UNDER_EVALUATION: None},
    P.WITHDRAWN: {P.SUBMITTED: None},
    P.UNDER_EVALUATION: {P.AWARDED: None, P.NOT_AWARDED: None, P.DISQUALIFIED: None},
    P.AWARDED: {},
    P.NOT_AWARDED: {},
    P.DISQUALIFIED: {},
}
DECIDED = {P.AWARDED, P.NOT_AWARDED, P.DISQUALIFIED}


class ProposalQuerySet(models.QuerySet):
    def of_vendor_member(self, user):
        """A vendor's own proposals: the only way anyone reads a proposal before close."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(vendor__members__user=user)

    def submitted(self):
        return self.filter(status=P.SUBMITTED)

    def under_evaluation(self):
        return self.filter(status=P.UNDER_EVALUATION)

    def received(self):
        """Bids: every proposal that was sent and not withdrawn, whatever came of it."""
        return self.exclude(status__in=[P.DRAFT, P.WITHDRAWN])


class Proposal(models.Model):
    """A vendor's bid. Sealed: until the deadline only the vendor's own members read it."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("opportunity"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("vendor"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=P.DRAFT, db_index=True
    )
    # 0 for the base proposal; 1, 2… for the vendor's variants of it (when the opportunity
    # allows them). Each variant is a proposal of its own: receipt, pseudonym, scores, rank.
    variant_number = models.PositiveSmallIntegerField(
        _("variant number"), default=0, db_default=0, help_text=_("0 is the base proposal.")
    )
    price = models.DecimalField(
        _("price (CAD, taxes included)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Why a proposal was disqualified or not awarded, told to the vendor in the debrief.
    status_reason = models.TextField(_("reason"), blank=True)
    # The addenda the vendor has seen: a newer one shows a notice to re-check the proposal.
    addenda_seen = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = ProposalQuerySet.as_manager()
    TRANSITIONS = TRANSITIONS

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "vendor", "variant_number"],
                name="one_proposal_per_vendor_and_variant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id}/{self.pk}"

    @property
    def is_variant(self) -> bool:
        return self.variant_number > 0

    @property
    def variant_label(self) -> str:
        """“variant 2”, or "" for the base proposal: what the award and the notices add."""
        if not self.variant_number:
            return ""
        return pgettext("proposal", "variant %(number)s") % {"number": self.variant_number}

    @property
    def bidder_name(self) -> str:
        """The business, and which of its proposals (“Acme Inc. — variant 2”). Only for
        pages shown after identities are revealed, or to the vendor itself."""
        if not self.variant_number:
            return str(self.vendor)
        return f"{self.vendor} — {self.variant_label}"

    @property
    def edit_url(self) -> str:
        """The vendor's page for this proposal (the base one, or this variant)."""
        if self.variant_number:
            return reverse(
                "proposal_variant_edit",
                kwargs={"pk": self.opportunity_id, "variant": self.variant_number},
            )
        return reverse("proposal_edit", kwargs={"pk": self.opportunity_id})

    @property
    def is_submitted(self) -> bool:
        return self.status == P.SUBMITTED

    @property
    def is_awarded(self) -> bool:
        return self.status == P.AWARDED

    @property
    def has_debrief(self) -> bool:
        """The award settled it: its debrief is there to read."""
        return self.status in DECIDED

    @property
    def demonstration_invitation(self):
        """The demonstration this shortlisted proposal is invited to, once the chair has
        scheduled it and until the decision (the debrief says the rest). Pages that list
        proposals select_related("demonstration"): the row lives in evaluations."""
        if self.status != P.UNDER_EVALUATION:
            return None
        # A reverse one-to-one: not shortlisted raises DoesNotExist, an AttributeError.
        demonstration = getattr(self, "demonstration", None)
        return demonstration if demonstration and demonstration.starts_at else None

    @property
    def last_receipt(self):
        return self.receipts.order_by("-submitted_at", "-pk").first()


class ProposalAnswer(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="answers", verbose_name=_("proposal")
    )
    criterion = models.ForeignKey(
        "opportunities.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    text = models.TextField(_("answer"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("answer to a criterion")
        verbose_name_plural = _("answers to criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.criterion_id}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    file = models.FileField(_("file"), max_length=200)
    display_name = models.CharField(_("name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal document")
        verbose_name_plural = _("proposal documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.display_name


class ProposalReceipt(models.Model):
    """Proof of one submission: number, server time and the SHA-256 of what was sent."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("proposal")
    )
    number = models.CharField(_("receipt number"), max_length=40, unique=True)
    submitted_at = models.DateTimeField(_("received at"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    pdf = models.FileField(_("PDF receipt"), max_length=200, blank=True)
    # Exactly what was submitted (price, answers, documents): what is evaluated at close and
    # what the receipt shows, whatever the vendor edits afterwards.
    content = models.JSONField(_("submitted content"), default=dict, editable=False)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.number
