import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin

from .certifications import Badge
from .claims import Claim


class Section(models.TextChoices):
    ECO = "eco", _("Eco-responsibility")
    DIVERSITY = "diversity", _("Diversity and inclusion")
    INNOVATION = "innovation", _("Innovation")


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One choice")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")


class QuestionnaireVersionQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(published_at=None).order_by("-number").first()


class QuestionnaireVersion(models.Model):
    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = QuestionnaireVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class QuestionnaireQuestion(BilingualMixin, models.Model):
    """A question of one version. `key` stays the same across versions; an answer carries
    over to a new version when the question's fingerprint (wording and options) is unchanged."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("version"),
    )
    key = models.SlugField(_("key"), max_length=60)
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_fr = models.CharField(_("question (French)"), max_length=300)
    help_en = models.CharField(_("hint (English)"), max_length=300, blank=True)
    help_fr = models.CharField(_("hint (French)"), max_length=300, blank=True)
    answer_type = models.CharField(_("answer type"), max_length=8, choices=AnswerType.choices)
    # [{"value": "...", "en": "...", "fr": "..."}] for choice questions
    choices = models.JSONField(_("choices"), default=list, blank=True)
    asks_evidence = models.BooleanField(_("asks for supporting evidence"), default=False)
    badge = models.CharField(
        _("badge"),
        max_length=12,
        choices=Badge.choices,
        blank=True,
        help_text=_("A verified “yes” to this question earns this badge."),
    )

    class Meta:
        verbose_name = _("questionnaire question")
        verbose_name_plural = _("questionnaire questions")
        ordering = ["version", "section", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="question_key_per_version")
        ]

    def __str__(self) -> str:
        return self.local("text")

    @property
    def fingerprint(self) -> str:
        data = [self.text_en, self.text_fr, self.answer_type, self.choices, self.asks_evidence]
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    @property
    def is_percentage(self) -> bool:
        """A number question states its unit in its words ("in %"): a share is 0 to 100."""
        return self.answer_type == AnswerType.NUMBER and "%" in self.text_en

    def choice_label(self, value: str) -> str:
        from django.utils import translation

        language = translation.get_language() or "en"
        for choice in self.choices:
            if choice["value"] == value:
                return choice.get(language) or choice["en"]
        return value


class QuestionnaireAnswer(Claim):
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="answers", verbose_name=_("vendor")
    )
    question = models.ForeignKey(
        QuestionnaireQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    value = models.TextField(_("answer"), blank=True)
    evidence = models.ForeignKey(
        "vendors.EvidenceFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("evidence"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        constraints = [
            models.UniqueConstraint(fields=["vendor", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.question.key}"

    @property
    def display_value(self) -> str:
        from django.utils.translation import gettext as _

        if self.question.answer_type == AnswerType.YES_NO:
            return _("Yes") if self.value == "yes" else _("No")
        if self.question.answer_type == AnswerType.CHOICE:
            return self.question.choice_label(self.value)
        return self.value
