from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from procurement_portal.text import BilingualMixin


class PlannedPurchaseQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=PlannedPurchase.Status.DRAFT)

    def managed_by(self, user):
        """Planned purchases of the departments where the person is a buyer or officer."""
        from procurement_portal.models import Role

        if not user.is_authenticated:
            return self.none()
        departments = user.departments_for(Role.BUYER) | user.departments_for(
            Role.PROCUREMENT_OFFICER
        )
        return self.filter(department_id__in=departments)


class PlannedPurchase(BilingualMixin, models.Model):
    """A purchase announced before the call (projet d'achat), open to comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("planned purchase status", "Draft")
        PUBLISHED = "published", pgettext_lazy("planned purchase status", "Open for comments")
        CONVERTED = "converted", pgettext_lazy("planned purchase status", "Now an opportunity")

    department = models.ForeignKey(
        "procurement_portal.Department",
        on_delete=models.PROTECT,
        related_name="planned_purchases",
        verbose_name=_("department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="planned_purchases",
        verbose_name=_("buyer"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    need_en = models.TextField(_("the need (English)"))
    need_fr = models.TextField(_("the need (French)"), blank=True)
    rough_budget = models.DecimalField(
        _("rough budget (CAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    expected_date = models.DateField(
        _("expected call date"),
        null=True,
        blank=True,
        help_text=_("When you expect to publish the opportunity."),
    )
    # The purchase's social and environmental aspects, public like the need.
    social_aspects_en = models.TextField(
        _("social aspects (English)"),
        max_length=2000,
        blank=True,
        help_text=_(
            "For example accessibility, local or Indigenous businesses, fair working conditions."
        ),
    )
    social_aspects_fr = models.TextField(_("social aspects (French)"), max_length=2000, blank=True)
    environmental_aspects_en = models.TextField(
        _("environmental aspects (English)"),
        max_length=2000,
        blank=True,
        help_text=_("For example reuse, energy, packaging, travel, end of life."),
    )
    environmental_aspects_fr = models.TextField(
        _("environmental aspects (French)"), max_length=2000, blank=True
    )
    # Private to the department: what the buyer learned from the market's answers, shown
    # again on the opportunity's draft once the planned purchase becomes one.
    market_notes = models.TextField(
        _("what we learned from the market"),
        max_length=4000,
        blank=True,
        help_text=_(
            "Private to your department. Shown on the draft opportunity when you turn the "
            "planned purchase into one."
        ),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlannedPurchaseQuerySet.as_manager()
    # `planned_move` (opportunities/services/status.py) is the only writer of the status.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        Status.DRAFT: {Status.PUBLISHED: None},
        Status.PUBLISHED: {Status.CONVERTED: None},
        Status.CONVERTED: {},
    }

    class Meta:
        verbose_name = _("planned purchase")
        verbose_name_plural = _("planned purchases")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.local("title")

    def get_absolute_url(self) -> str:
        return reverse("planned_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def takes_comments(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_converted(self) -> bool:
        return self.status == self.Status.CONVERTED

    @property
    def can_change(self) -> bool:
        """Studies, milestones, aspects and questions change until it becomes an
        opportunity; from then on the opportunity's release publishes them as they are."""
        return self.status != self.Status.CONVERTED

    @property
    def has_aspects(self) -> bool:
        return bool(self.social_aspects_en or self.environmental_aspects_en)


class PlannedPurchaseResponse(models.Model):
    """A vendor's interest in, or comment on, a planned purchase."""

    planned_purchase = models.ForeignKey(
        PlannedPurchase,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("planned purchase"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    interested = models.BooleanField(_("interested in bidding"), default=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response to a planned purchase")
        verbose_name_plural = _("responses to planned purchases")
        constraints = [
            models.UniqueConstraint(
                fields=["planned_purchase", "user"], name="planned_response_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.planned_purchase_id}: {self.user_id}"


class PlannedDocument(models.Model):
    """A preliminary study (needs assessment, market study...) published with the plan."""

    class Kind(models.TextChoices):
        # Values are OCDS documentType codes (planning section).
        NEEDS = "needsAssessment", _("Needs assessment")
        MARKET = "marketStudies", _("Market study")
        FEASIBILITY = "feasibilityStudy", _("Feasibility study")
        ENVIRONMENT = "environmentalImpact", _("Environmental impact")
        PLAN = "procurementPlan", _("Procurement plan")

    planned_purchase = models.ForeignKey(
        PlannedPurchase,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("planned purchase"),
    )
    kind = models.CharField(_("kind of study"), max_length=32, choices=Kind.choices)
    # Stored under a name the server chose; `display_name` is what people see.
    file = models.FileField(_("file"), max_length=200)
    display_name = models.CharField(_("name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("preliminary study")
        verbose_name_plural = _("preliminary studies")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.display_name


class PlannedMilestone(BilingualMixin, models.Model):
    """A dated step of the retro-planning, from the studies to the call and delivery."""

    class Kind(models.TextChoices):
        # Each maps to an OCDS milestoneType (see OCDS_TYPES).
        STUDY = "study", _("Preliminary study")
        MARKET = "market", _("Questions to the market")
        APPROVAL = "approval", _("Approval")
        CALL = "call", _("Call for proposals published")
        CLOSING = "closing", _("Closing of the call")
        AWARD = "award", _("Award")
        DELIVERY = "delivery", _("Delivery")

    OCDS_TYPES = {
        Kind.STUDY: "preProcurement",
        Kind.MARKET: "engagement",
        Kind.APPROVAL: "approval",
        Kind.CALL: "preProcurement",
        Kind.CLOSING: "preProcurement",
        Kind.AWARD: "assessment",
        Kind.DELIVERY: "delivery",
    }

    planned_purchase = models.ForeignKey(
        PlannedPurchase,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("planned purchase"),
    )
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    title_en = models.CharField(_("what happens (English)"), max_length=200)
    title_fr = models.CharField(_("what happens (French)"), max_length=200, blank=True)
    due_date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.local("title")

    @property
    def ocds_type(self) -> str:
        return self.OCDS_TYPES[self.Kind(self.kind)]


class MarketQuestion(BilingualMixin, models.Model):
    """A question the buyer asks the market (request for information) before the call."""

    planned_purchase = models.ForeignKey(
        PlannedPurchase,
        on_delete=models.CASCADE,
        related_name="market_questions",
        verbose_name=_("planned purchase"),
    )
    text_en = models.TextField(_("question (English)"), max_length=1000)
    text_fr = models.TextField(_("question (French)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question to the market")
        verbose_name_plural = _("questions to the market")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.local("text")[:80]


class MarketAnswerQuerySet(models.QuerySet):
    def visible_to(self, user, planned: PlannedPurchase):
        """Answers are private: the department's buyers and officers read them all, a
        vendor only their own, nobody else any (never public, never another vendor)."""
        from procurement_portal.models import Role

        answers = self.filter(question__planned_purchase=planned)
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.BUYER, planned.department_id) or user.has_role(
            Role.PROCUREMENT_OFFICER, planned.department_id
        ):
            return answers
        return answers.filter(user=user)


class MarketAnswer(models.Model):
    """A vendor's private answer to a question to the market; answering again updates it."""

    question = models.ForeignKey(
        MarketQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question to the market"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    text = models.TextField(_("answer"), max_length=3000)
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    objects = MarketAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer to a question to the market")
        verbose_name_plural = _("answers to questions to the market")
        ordering = ["question_id", "answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="market_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.user_id}"
