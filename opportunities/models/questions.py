from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Answered questions, shown to everyone, never with who asked."""
        return self.exclude(answered_at=None)

    def unanswered(self):
        return self.filter(answered_at=None)


class Question(BilingualMixin, models.Model):
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("opportunity"),
    )
    # Private: only the buyer's workspace and the audit log know who asked.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="questions_asked",
        verbose_name=_("asked by"),
    )
    text = models.TextField(_("question"), max_length=2000)
    # What is published: the buyer may give the question in both languages (a translation
    # of what the vendor wrote); without it the vendor's own words are shown.
    question_en = models.TextField(_("question as published (English)"), blank=True)
    question_fr = models.TextField(_("question as published (French)"), blank=True)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer_en = models.TextField(_("answer (English)"), blank=True)
    answer_fr = models.TextField(_("answer (French)"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def published_text(self) -> str:
        """The question in the reader's language when the buyer gave it, else as asked."""
        return self.local("question") or self.text
