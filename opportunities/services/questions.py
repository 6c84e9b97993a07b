from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.dates import long_datetime_in
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import Opportunity, OpportunityStatus, Question
from .access import ensure_manages, ensure_vendor
from .audience import opportunity_audience
from .emails import notify_about


def _ensure_open(opportunity: Opportunity) -> None:
    # The server's clock decides: a request one second after the deadline is refused even
    # if the beat task has not marked the opportunity closed yet.
    if not Opportunity.objects.open().filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(
            _(
                "The closing date and time has passed: this opportunity no longer accepts "
                "questions or changes."
            )
        )


def _ensure_takes_questions(opportunity: Opportunity) -> None:
    """Questions stop at their own deadline, before closing, so that the last answers
    reach every bidder in time; proposals are still accepted until closing."""
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    deadline = opportunity.questions_deadline
    if deadline is not None and deadline <= timezone.now() and opportunity.is_open:
        raise TransitionNotAllowed(
            _(
                "The deadline for questions was %(deadline)s: this opportunity no longer "
                "takes questions. You can still submit a proposal until %(closes)s."
            )
            % {
                "deadline": long_datetime_in(deadline, opportunity.time_zone),
                "closes": long_datetime_in(opportunity.closes_at, opportunity.time_zone),
            }
        )


def question_ask(*, opportunity: Opportunity, actor: User, text: str) -> Question:
    ensure_vendor(actor)
    text = text.strip()
    if not text:
        raise PortalError(_("Write your question."), field="text")
    with transaction.atomic():
        Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
        _ensure_open(opportunity)
        _ensure_takes_questions(opportunity)
        question = Question.objects.create(opportunity=opportunity, asked_by=actor, text=text)
        audit_record(
            actor=actor, action="question.ask", obj=question, department=opportunity.department
        )
        notify_about(opportunity, template="emails/question_asked", recipients=[opportunity.owner])
    return question


def question_answer(
    *,
    question: Question,
    actor: User,
    answer_en: str,
    answer_fr: str,
    question_en: str = "",
    question_fr: str = "",
) -> Question:
    """Publish the answer in both languages; `question_en` / `question_fr` publish the
    question itself in both (the buyer's translation), else it shows as the vendor wrote it."""
    answer_en, answer_fr = answer_en.strip(), answer_fr.strip()
    if not answer_en:
        raise PortalError(_("Write the answer in English."), field="answer_en")
    if settings.PORTAL_REQUIRE_BOTH_LANGUAGES and not answer_fr:
        raise PortalError(_("Write the answer in French."), field="answer_fr")
    with transaction.atomic():
        question = (
            Question.objects.select_for_update().select_related("opportunity").get(pk=question.pk)
        )
        opportunity = question.opportunity
        ensure_manages(actor, opportunity)
        if question.answered_at is not None:
            return question  # answered already: no second notification
        if opportunity.status != OpportunityStatus.PUBLISHED:
            raise TransitionNotAllowed(
                _("Questions are answered while the opportunity is published.")
            )
        question.answer_en, question.answer_fr = answer_en, answer_fr
        question.question_en, question.question_fr = question_en.strip(), question_fr.strip()
        question.answered_by, question.answered_at = actor, timezone.now()
        question.save(
            update_fields=[
                "answer_en",
                "answer_fr",
                "question_en",
                "question_fr",
                "answered_by",
                "answered_at",
            ]
        )
        audit_record(
            actor=actor, action="question.answer", obj=question, department=opportunity.department
        )
        notify_about(
            opportunity,
            template="emails/question_answered",
            recipients=opportunity_audience(opportunity),
            extra={
                "question": {
                    "en": question.question_en or question.text,
                    "fr": question.question_fr or question.text,
                },
                "answer": {"en": answer_en, "fr": answer_fr},
            },
        )
    return question
