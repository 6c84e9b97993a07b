from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import (
    AnswerType,
    ClaimStatus,
    QuestionnaireAnswer,
    QuestionnaireQuestion,
    QuestionnaireVersion,
    Vendor,
)
from .access import membership
from .evidence import evidence_prepare, evidence_store
from .status import claim_move


def questionnaire_progress(vendor: Vendor, version: QuestionnaireVersion) -> tuple[int, int]:
    total = version.questions.count()
    answered = (
        QuestionnaireAnswer.objects.filter(vendor=vendor, question__version=version)
        .exclude(value="")
        .count()
    )
    return answered, total


def answers_save(
    *,
    vendor: Vendor,
    actor: User,
    version: QuestionnaireVersion,
    values: dict,
    uploads: dict | None = None,
) -> int:
    """Save the answers given ({question id: value}); return how many changed.

    An unchanged answer keeps its verification; a changed one is self-declared again.
    Evidence files are checked before anything is written, and removed again if the answers
    cannot be saved: all or nothing.
    """
    membership(actor, vendor)
    questions = {q.pk: q for q in version.questions.all()}
    uploads = uploads or {}
    for question_id in uploads:
        if question_id not in questions or not questions[question_id].asks_evidence:
            raise PortalError(_("This question does not take evidence."))
    # Check and clean every file before writing anything: one bad file, nothing saved. Every
    # file is checked, so each refusal can be shown at its own question (keyed by its id).
    prepared, refused = {}, {}
    for question_id, upload in uploads.items():
        try:
            prepared[question_id] = evidence_prepare(upload)
        except ValidationError as error:
            refused[str(question_id)] = error.messages
    if refused:
        raise ValidationError(refused)
    stored: list[str] = []
    try:
        return _save_answers(vendor, actor, version, questions, values, uploads, prepared, stored)
    except Exception:
        for name in stored:  # no orphan file when the answers could not be written
            default_storage.delete(name)
        raise


def _save_answers(
    vendor, actor: User, version, questions, values, uploads, prepared, stored
) -> int:
    changed = 0
    with transaction.atomic():
        existing = {
            a.question_id: a
            for a in QuestionnaireAnswer.objects.select_for_update().filter(
                vendor=vendor, question__version=version
            )
        }
        for question_id, value in values.items():
            question = questions[question_id]
            value = _normalise(question, value)
            upload = uploads.get(question_id)
            answer = existing.get(question_id)
            if answer and answer.value == value and not upload:
                continue
            evidence = answer.evidence if answer else None
            if upload:
                evidence = evidence_store(
                    vendor=vendor, actor=actor, upload=upload, prepared=prepared[question_id]
                )
                stored.append(evidence.file.name)
            if answer is None:
                QuestionnaireAnswer.objects.create(
                    vendor=vendor,
                    question=question,
                    value=value,
                    evidence=evidence,
                    answered_by=actor,
                )
            else:
                answer.value, answer.evidence, answer.answered_by = value, evidence, actor
                answer.save(update_fields=["value", "evidence", "answered_by"])
                if answer.status != ClaimStatus.SELF_DECLARED:
                    # A changed answer is the vendor's word again until it is checked anew.
                    claim_move(
                        claim=answer,
                        to=ClaimStatus.SELF_DECLARED,
                        actor=actor,
                        action="claim.redeclared",
                        fields={"checked_by": None, "checked_at": None, "rejection_reason": ""},
                    )
            changed += 1
        if changed:
            audit_record(
                actor=actor,
                action="questionnaire.answer",
                obj=vendor,
                details={"version": version.number, "changed": changed},
            )
    return changed


def _normalise(question: QuestionnaireQuestion, value) -> str:
    value = "" if value is None else str(value).strip()
    if question.answer_type == AnswerType.YES_NO and value not in {"", "yes", "no"}:
        raise PortalError(_("Answer yes or no."))
    if (
        question.answer_type == AnswerType.CHOICE
        and value
        and value not in {c["value"] for c in question.choices}
    ):
        raise PortalError(_("Choose one of the options."))
    return value


def questionnaire_version_publish(
    *, version: QuestionnaireVersion, actor: User | None = None
) -> int:
    """Publish a new version and carry over every vendor's answers to unchanged questions.

    Returns how many answers were carried over. Vendors then answer only what is new.
    """
    with transaction.atomic():
        version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        if version.published_at:
            return 0
        previous = (
            QuestionnaireVersion.objects.exclude(published_at=None)
            .exclude(pk=version.pk)
            .order_by("-number")
            .first()
        )
        carried = 0
        if previous:
            old = {q.key: q for q in previous.questions.all()}
            same = {
                new.pk: old[new.key]
                for new in version.questions.all()
                if new.key in old and old[new.key].fingerprint == new.fingerprint
            }
            by_old_question = {old_q.pk: new_id for new_id, old_q in same.items()}
            copies = [
                QuestionnaireAnswer(
                    vendor_id=a.vendor_id,
                    question_id=by_old_question[a.question_id],
                    value=a.value,
                    evidence_id=a.evidence_id,
                    answered_by_id=a.answered_by_id,
                    status=a.status,
                    checked_by_id=a.checked_by_id,
                    checked_at=a.checked_at,
                    rejection_reason=a.rejection_reason,
                )
                for a in QuestionnaireAnswer.objects.filter(question_id__in=by_old_question)
            ]
            QuestionnaireAnswer.objects.bulk_create(copies, batch_size=1000, ignore_conflicts=True)
            carried = len(copies)
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
        audit_record(
            actor=actor,
            action="questionnaire.publish",
            obj=version,
            details={"carried_over": carried},
        )
    return carried
