from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from procurement_portal.text import BilingualMixin

from .initiatives import Phase

# Each variant is scored like a proposal: more than a few would swamp a small panel.
MAX_VARIANTS = 3

CANADIAN_TIME_ZONES = [
    ("America/St_Johns", _("Newfoundland")),
    ("America/Halifax", _("Atlantic")),
    ("America/Toronto", _("Eastern")),
    ("America/Winnipeg", _("Central")),
    ("America/Regina", _("Saskatchewan")),
    ("America/Edmonton", _("Mountain")),
    ("America/Vancouver", _("Pacific")),
]


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("opportunity status", "Draft")
    PUBLISHED = "published", pgettext_lazy("opportunity status", "Open")
    CLOSED = "closed", pgettext_lazy("opportunity status", "Closed")
    UNDER_EVALUATION = "under_evaluation", pgettext_lazy("opportunity status", "Under evaluation")
    AWARDED = "awarded", pgettext_lazy("opportunity status", "Awarded")
    IN_DELIVERY = "in_delivery", pgettext_lazy("opportunity status", "In delivery")
    DELIVERY_ACCEPTED = (
        "delivery_accepted",
        pgettext_lazy("opportunity status", "Delivery accepted"),
    )
    PAID = "paid", pgettext_lazy("opportunity status", "Paid")
    COMPLETE = "complete", pgettext_lazy("opportunity status", "Complete")
    CANCELLED = "cancelled", pgettext_lazy("opportunity status", "Cancelled")


S = OpportunityStatus
# The journey, as data: from-state → {to-state: the OCDS release tag the move publishes}.
# `opportunity_move` (opportunities/services/status.py) is the only writer of the status.
TRANSITIONS: dict[str, dict[str, str | None]] = {
    S.DRAFT: {S.PUBLISHED: "tender", S.CANCELLED: None},  # a draft was never public
    S.PUBLISHED: {S.CLOSED: None, S.CANCELLED: "tenderCancellation"},
    S.CLOSED: {S.UNDER_EVALUATION: None, S.CANCELLED: "tenderCancellation"},
    S.UNDER_EVALUATION: {S.AWARDED: "award", S.CANCELLED: "tenderCancellation"},
    S.AWARDED: {S.IN_DELIVERY: "contract"},
    S.IN_DELIVERY: {S.DELIVERY_ACCEPTED: None},
    S.DELIVERY_ACCEPTED: {S.PAID: "implementation"},
    S.PAID: {S.COMPLETE: "contractTermination"},
    S.COMPLETE: {},
    S.CANCELLED: {},
}
PUBLIC_STATUSES = [status for status in S if status != S.DRAFT]
# What the public list filters and sorts on (opportunities.search), kept in its indexes.
LISTED = [
    "status",
    "department",
    "category",
    "is_remote",
    "closes_at",
    "max_budget",
    "published_at",
]


def status_on_the_clock(status: str, closes_at) -> str:
    """The status as the clock sees it: past its deadline, an open call is closed. From the
    two columns alone, so a list page can key its cards on it before reading the rows."""
    if status == S.PUBLISHED and (closes_at is None or closes_at <= timezone.now()):
        return S.CLOSED
    return status


def listed_besides(key: str) -> list[str]:
    return [name for name in LISTED if name != key]


# The journey in order, for progress steps (cancelled is off the path).
JOURNEY = [
    S.DRAFT,
    S.PUBLISHED,
    S.CLOSED,
    S.UNDER_EVALUATION,
    S.AWARDED,
    S.IN_DELIVERY,
    S.DELIVERY_ACCEPTED,
    S.PAID,
    S.COMPLETE,
]


class PriceEvaluation(models.TextChoices):
    SCORED = "scored", _("Scored, with a capped weight")
    PASS_FAIL = "pass_fail", _("Pass/fail against the maximum budget")


class OpportunityQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: everything once published, never drafts.

        Written "not a draft" rather than "one of the nine public statuses": PostgreSQL
        estimates an IN list as if its values could overlap, 90,551 rows for 100,000, and
        the lists show that estimate past their exact count (procurement_portal/pagination.py).
        """
        return self.exclude(status=S.DRAFT)

    def open(self, now=None):
        """Accepting questions and proposals. The deadline decides, not the beat task: an
        opportunity past its closing time is closed even before the task marks it."""
        return self.filter(status=S.PUBLISHED, closes_at__gt=now or timezone.now())

    def due_to_close(self, now=None):
        return self.filter(status=S.PUBLISHED, closes_at__lte=now or timezone.now())

    def awaiting_evaluation(self):
        """Closed, and no evaluation opened yet (the beat task opens them)."""
        return self.filter(status=S.CLOSED, evaluation__isnull=True)

    def managed_by(self, user):
        """Opportunities a person manages: their own as a buyer; their department's as an
        officer; all for a site admin."""
        from procurement_portal.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.SITE_ADMIN):
            return self
        officer_departments = user.departments_for(Role.PROCUREMENT_OFFICER)
        buyer_departments = user.departments_for(Role.BUYER)
        return self.filter(
            Q(department_id__in=officer_departments)
            | Q(owner=user, department_id__in=buyer_departments)
        )

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.public()
        return (self.public() | self.managed_by(user)).distinct()

    def with_list_data(self):
        return self.select_related("department", "category", "category__parent")


class Opportunity(BilingualMixin, models.Model):
    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("department"),
        db_index=False,  # opportunity_department (Meta.indexes) leads with it
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("buyer"),
    )
    category = models.ForeignKey(
        "procurement_portal.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("category"),
        db_index=False,  # opportunity_category (Meta.indexes) leads with it
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=OpportunityStatus.choices,
        default=S.DRAFT,
        db_index=True,
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    summary_en = models.TextField(
        _("summary (English)"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    summary_fr = models.TextField(_("summary (French)"), max_length=600, blank=True)
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("The need in full. Markdown: **bold**, lists, links, tables."),
    )
    description_fr = models.TextField(_("description (French)"), blank=True)
    deliverables_en = models.TextField(_("deliverables (English)"), blank=True)
    deliverables_fr = models.TextField(_("deliverables (French)"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    is_remote = models.BooleanField(_("can be done remotely"), default=False)
    # The clauses against lock-in (models/clauses.py): chosen in the draft (empty: the
    # default), set to the option's current version when publishing, then fixed.
    ip_clause = models.ForeignKey(
        "opportunities.ContractClause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "intellectual_property"},
        verbose_name=_("intellectual property"),
    )
    licence_clause = models.ForeignKey(
        "opportunities.ContractClause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "open_source"},
        verbose_name=_("open-source licence"),
    )
    data_clause = models.ForeignKey(
        "opportunities.ContractClause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "data_ownership"},
        verbose_name=_("data ownership"),
    )
    privacy_clause = models.ForeignKey(
        "opportunities.ContractClause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "privacy"},
        verbose_name=_("privacy"),
    )
    max_budget = models.DecimalField(
        _("maximum budget (CAD, taxes included)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    price_evaluation = models.CharField(
        _("how price is evaluated"),
        max_length=16,
        choices=PriceEvaluation.choices,
        default=PriceEvaluation.SCORED,
    )
    # Variants (variantes): besides its base proposal, a vendor may submit up to this many
    # other ways of meeting the need, each sealed, pseudonymized and scored on its own.
    variants_allowed = models.PositiveSmallIntegerField(
        _("variants allowed per vendor"),
        default=0,
        db_default=0,  # rows written by raw SQL (bench, bulk loads) get none too
        validators=[MaxValueValidator(MAX_VARIANTS)],
        help_text=_(
            "Besides its base proposal, a vendor may submit up to this many variants, each "
            "scored on its own. 0 means no variants."
        ),
    )
    # Shortlist, then demonstration: the top N written proposals (scored and locked
    # anonymously) are shortlisted and invited to a demonstration scored on the stage-two
    # criteria; the final ranking combines both stages with demonstration_weight.
    shortlist_size = models.PositiveSmallIntegerField(
        _("proposals shortlisted for a demonstration"),
        default=0,
        db_default=0,  # rows written by raw SQL get a single-stage evaluation
        help_text=_(
            "The top N written proposals are invited to a demonstration or interview, scored "
            "on its own criteria. 0 means a single stage: no demonstration."
        ),
    )
    demonstration_weight = models.PositiveSmallIntegerField(
        _("weight of the demonstration (%)"),
        default=0,
        db_default=0,
        validators=[MaxValueValidator(99)],
        help_text=_(
            "Final score = written score × (100 − this weight) ÷ 100 + demonstration score × "
            "this weight ÷ 100."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=CANADIAN_TIME_ZONES,
        default="America/Toronto",
        help_text=_("Dates and times of this opportunity are shown in this time zone."),
    )
    closes_at = models.DateTimeField(_("closing date and time"), null=True, blank=True)
    # Questions stop before closing so the last answers reach every bidder in time. Empty
    # on a draft means "the default": publishing sets it (closing minus
    # PORTAL_QUESTIONS_BUSINESS_DAYS business days).
    questions_close_at = models.DateTimeField(
        _("deadline for questions"),
        null=True,
        blank=True,
        help_text=_("Vendors may ask questions until then; it comes before closing."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    expected_delivery = models.DateField(_("expected delivery date"), null=True, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling (English)"), blank=True)
    cancellation_reason_fr = models.TextField(_("reason for cancelling (French)"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Stage gates: an opportunity may be a phase of an initiative.
    initiative = models.ForeignKey(
        "opportunities.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases",
        verbose_name=_("initiative"),
    )
    phase = models.CharField(_("phase"), max_length=16, blank=True, choices=Phase.choices)
    previous_phase = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_phase",
        verbose_name=_("previous phase"),
    )
    planned_purchase = models.OneToOneField(
        "opportunities.PlannedPurchase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunity",
        verbose_name=_("planned purchase"),
    )
    # Set by the award service (evaluation issue); spending of an initiative adds these up.
    awarded_amount = models.DecimalField(
        _("awarded amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # Set when subscribed vendors were notified (fan-out), so a lost task is caught up.
    subscribers_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_document = SearchVectorField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()
    TRANSITIONS = TRANSITIONS

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "closes_at"]),
            # The list's sorts, newest first by default, read in index order (read forwards
            # or backwards) instead of sorting every public opportunity: 10 s → 10 ms at
            # 100,000 rows. Each also holds the columns the list filters on, so a page's
            # ids and a filter's count come from an index-only scan without reading the
            # wide rows (procurement_portal.listing.IdsFirst). PostgreSQL only: SQLite (the demo)
            # ignores INCLUDE, hence models.W040 silenced in the settings.
            models.Index(
                fields=["-published_at", "-id"],
                name="opportunity_newest",
                include=listed_besides("published_at"),
            ),
            models.Index(
                fields=["max_budget", "id"],
                name="opportunity_budget",
                include=listed_besides("max_budget"),
            ),
            models.Index(
                fields=["closes_at", "id"],
                name="opportunity_closing",
                include=listed_besides("closes_at"),
            ),
            # A department's or a category's opportunities, counted and paged from their own
            # entries: counting a category's 9,300 read all 100,000 entries of a sort index
            # (13 ms, ten times more at 1,000,000). They also serve the foreign keys.
            models.Index(
                fields=["department", "id"],
                name="opportunity_department",
                include=listed_besides("department"),
            ),
            models.Index(
                fields=["category", "id"],
                name="opportunity_category",
                include=listed_besides("category"),
            ),
            # The dashboard's closed opportunities (proposals per opportunity), counted
            # from this small index rather than by reading every wide row: 101 → 5 ms at
            # 100,000 (open_data/dashboard.py).
            models.Index(
                fields=["department", "published_at"],
                name="opportunity_closed",
                condition=Q(closed_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_budget__isnull=True) | Q(max_budget__gt=Decimal("0")),
                name="opportunity_budget_positive",
            ),
            models.CheckConstraint(
                condition=Q(variants_allowed__lte=MAX_VARIANTS), name="opportunity_variants_max"
            ),
            models.CheckConstraint(
                condition=Q(demonstration_weight__lt=100), name="opportunity_demonstration_weight"
            ),
        ]

    def __str__(self) -> str:
        return self.local("title") or str(_("Untitled opportunity"))

    def get_absolute_url(self) -> str:
        return reverse("opportunity_detail", kwargs={"pk": self.pk})

    @property
    def has_demonstration(self) -> bool:
        """Two stages: written proposals, then a demonstration by the shortlisted."""
        return self.shortlist_size > 0

    @property
    def written_weight(self) -> int:
        return 100 - self.demonstration_weight

    @property
    def cancellation_reason_en(self) -> str:
        # The first, English field predates French: `local("cancellation_reason")` reads both.
        return self.cancellation_reason

    @property
    def is_open(self) -> bool:
        return (
            self.status == S.PUBLISHED
            and self.closes_at is not None
            and (self.closes_at > timezone.now())
        )

    @property
    def is_draft(self) -> bool:
        return self.status == S.DRAFT

    @property
    def questions_deadline(self):
        """When questions stop: the deadline set at publishing, else (opportunities
        published before it existed) the closing time."""
        return self.questions_close_at or self.closes_at

    @property
    def takes_questions(self) -> bool:
        deadline = self.questions_deadline
        return self.is_open and deadline is not None and deadline > timezone.now()

    @property
    def effective_status(self) -> str:
        return status_on_the_clock(self.status, self.closes_at)

    @property
    def effective_status_label(self) -> str:
        return str(OpportunityStatus(self.effective_status).label)

    @property
    def can_be_cancelled(self) -> bool:
        return S.CANCELLED in TRANSITIONS[self.status]

    # What templates ask instead of comparing status codes.
    @property
    def is_public(self) -> bool:
        return self.status != S.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == S.CANCELLED

    @property
    def is_complete(self) -> bool:
        return self.status == S.COMPLETE

    @property
    def is_under_evaluation(self) -> bool:
        return self.status == S.UNDER_EVALUATION

    @property
    def is_in_delivery(self) -> bool:
        return self.status == S.IN_DELIVERY

    @property
    def is_delivery_accepted(self) -> bool:
        return self.status == S.DELIVERY_ACCEPTED

    @property
    def can_award(self) -> bool:
        return self.status == S.UNDER_EVALUATION

    @property
    def awaits_evaluation(self) -> bool:
        """Past its deadline (or closed) and waiting for evaluation to open."""
        return self.effective_status == S.CLOSED

    def _step(self, state: str) -> str:
        """ "done" once the journey reached `state`, "current" on the step before it."""
        if self.status not in JOURNEY:
            return ""
        here, there = JOURNEY.index(S(self.status)), JOURNEY.index(S(state))
        return "done" if here >= there else "current" if here == there - 1 else ""

    @property
    def contract_progress(self) -> dict[str, str]:
        return {
            "delivered": self._step(S.DELIVERY_ACCEPTED),
            "paid": self._step(S.PAID),
            "confirmed": self._step(S.COMPLETE),
        }

    @property
    def awaits_phase_decision(self) -> bool:
        return self.status == S.COMPLETE and self.initiative_id is not None
