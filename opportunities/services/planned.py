from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record
from procurement_portal.uploads import clean_upload, stored

from ..models import (
    MarketAnswer,
    MarketQuestion,
    Opportunity,
    PlannedDocument,
    PlannedMilestone,
    PlannedPurchase,
    PlannedPurchaseResponse,
)
from .access import ensure_vendor
from .status import planned_move

P = PlannedPurchase.Status


def _ensure_owner(actor: User, planned: PlannedPurchase) -> None:
    if not (
        actor.has_role(Role.BUYER, planned.department_id)
        or actor.has_role(Role.PROCUREMENT_OFFICER, planned.department_id)
    ):
        raise TransitionNotAllowed(
            _("Only a buyer or procurement officer of the department can do this.")
        )


def planned_create(*, actor: User, department, **fields) -> PlannedPurchase:
    if not actor.has_role(Role.BUYER, department):
        raise TransitionNotAllowed(_("Only a buyer of this department can plan purchases."))
    with transaction.atomic():
        planned = PlannedPurchase.objects.create(department=department, owner=actor, **fields)
        audit_record(
            actor=actor,
            action="planned.create",
            obj=planned,
            to_state=P.DRAFT,
            department=department,
        )
    return planned


# What the buyer may change until the planned purchase becomes an opportunity.
EDITABLE_FIELDS = [
    "title_en",
    "title_fr",
    "need_en",
    "need_fr",
    "rough_budget",
    "expected_date",
    "social_aspects_en",
    "social_aspects_fr",
    "environmental_aspects_en",
    "environmental_aspects_fr",
]


def _locked_changeable(planned: PlannedPurchase, actor: User) -> PlannedPurchase:
    planned = PlannedPurchase.objects.select_for_update().get(pk=planned.pk)
    _ensure_owner(actor, planned)
    if not planned.can_change:
        raise TransitionNotAllowed(
            _("This planned purchase is now an opportunity: change the opportunity instead.")
        )
    return planned


def planned_update(*, planned: PlannedPurchase, actor: User, **fields) -> PlannedPurchase:
    """Change the need, budget, dates and aspects, while still a plan."""
    with transaction.atomic():
        planned = _locked_changeable(planned, actor)
        for name, value in fields.items():
            if name not in EDITABLE_FIELDS:
                raise ValueError(f"{name} is not an editable field")
            setattr(planned, name, value)
        planned.save(update_fields=list(fields))
        audit_record(
            actor=actor, action="planned.update", obj=planned, department=planned.department
        )
    return planned


def planned_notes_save(*, planned: PlannedPurchase, actor: User, notes: str) -> PlannedPurchase:
    """The buyer's private notes on what the market's answers taught them; they are carried
    to the draft opportunity (shown there), so they may be written after converting too."""
    with transaction.atomic():
        planned = PlannedPurchase.objects.select_for_update().get(pk=planned.pk)
        _ensure_owner(actor, planned)
        planned.market_notes = notes.strip()
        planned.save(update_fields=["market_notes"])
    return planned


def planned_document_add(
    *, planned: PlannedPurchase, actor: User, kind: str, upload
) -> PlannedDocument:
    """Publish a preliminary study; the file is checked by content, cleaned of its metadata
    and stored under a name the server chooses (as every upload of the portal)."""
    with transaction.atomic():
        _locked_changeable(planned, actor)  # refused before the file is read and cleaned
    clean = clean_upload(upload)
    with stored(clean, folder=f"planned/{planned.pk}") as name, transaction.atomic():
        planned = _locked_changeable(planned, actor)
        document = PlannedDocument.objects.create(
            planned_purchase=planned,
            kind=kind,
            file=name,
            display_name=clean.display_name,
            content_type=clean.mime,
            size=clean.size,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor, action="planned.document_add", obj=document, department=planned.department
        )
    return document


def planned_document_remove(*, document: PlannedDocument, actor: User) -> None:
    name = document.file.name
    with transaction.atomic():
        planned = _locked_changeable(document.planned_purchase, actor)
        audit_record(
            actor=actor,
            action="planned.document_remove",
            obj=document,
            department=planned.department,
        )
        document.delete()
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))


def planned_milestone_add(
    *, planned: PlannedPurchase, actor: User, kind: str, title_en: str, title_fr: str, due_date
) -> PlannedMilestone:
    if not title_en.strip():
        raise PortalError(_("Say what happens, in English."), field="title_en")
    with transaction.atomic():
        planned = _locked_changeable(planned, actor)
        milestone = PlannedMilestone.objects.create(
            planned_purchase=planned,
            kind=kind,
            title_en=title_en.strip(),
            title_fr=title_fr.strip(),
            due_date=due_date,
        )
        audit_record(
            actor=actor,
            action="planned.milestone_add",
            obj=milestone,
            department=planned.department,
        )
    return milestone


def planned_milestone_remove(*, milestone: PlannedMilestone, actor: User) -> None:
    with transaction.atomic():
        planned = _locked_changeable(milestone.planned_purchase, actor)
        audit_record(
            actor=actor,
            action="planned.milestone_remove",
            obj=milestone,
            department=planned.department,
        )
        milestone.delete()


def market_question_add(
    *, planned: PlannedPurchase, actor: User, text_en: str, text_fr: str
) -> MarketQuestion:
    """Ask the market a question (request for information); vendors answer it privately."""
    if not text_en.strip():
        raise PortalError(_("Write the question in English."), field="text_en")
    with transaction.atomic():
        planned = _locked_changeable(planned, actor)
        question = MarketQuestion.objects.create(
            planned_purchase=planned, text_en=text_en.strip(), text_fr=text_fr.strip()
        )
        audit_record(
            actor=actor,
            action="planned.question_add",
            obj=question,
            department=planned.department,
        )
    return question


def market_question_remove(*, question: MarketQuestion, actor: User) -> None:
    """Only a question nobody answered yet: an answer given is kept."""
    with transaction.atomic():
        planned = _locked_changeable(question.planned_purchase, actor)
        if question.answers.exists():
            raise TransitionNotAllowed(
                _("Vendors have answered this question: it stays, with their answers.")
            )
        audit_record(
            actor=actor,
            action="planned.question_remove",
            obj=question,
            department=planned.department,
        )
        question.delete()


def planned_publish(*, planned: PlannedPurchase, actor: User) -> PlannedPurchase:
    with transaction.atomic():
        planned = PlannedPurchase.objects.select_for_update().get(pk=planned.pk)
        if planned.status == P.PUBLISHED:
            return planned
        _ensure_owner(actor, planned)
        if planned.status != P.DRAFT:
            raise TransitionNotAllowed(_("Only a draft can be published."))
        planned = planned_move(
            planned_id=planned.pk,
            to=P.PUBLISHED,
            actor=actor,
            action="planned.publish",
            fields={"published_at": timezone.now()},
        ).obj
    return planned


def planned_respond(
    *,
    planned: PlannedPurchase,
    actor: User,
    interested: bool,
    comment: str,
    answers: dict[int, str] | None = None,
) -> PlannedPurchaseResponse:
    """A vendor says they are interested, comments and answers the questions to the market
    (`answers`: question id → text), privately to the buyer; sending again updates it."""
    ensure_vendor(actor)
    if planned.status != P.PUBLISHED:
        raise TransitionNotAllowed(_("This planned purchase no longer takes comments."))
    answers = {pk: text.strip() for pk, text in (answers or {}).items()}
    if not interested and not comment.strip() and not any(answers.values()):
        raise PortalError(_("Say you are interested, or write a comment."), field="comment")
    questions = {q.pk: q for q in planned.market_questions.filter(pk__in=list(answers))}
    with transaction.atomic():
        response, _created = PlannedPurchaseResponse.objects.update_or_create(
            planned_purchase=planned,
            user=actor,
            defaults={"interested": interested, "comment": comment.strip()},
        )
        for pk, text in answers.items():
            if pk not in questions:
                continue  # a question removed meanwhile: nothing to answer
            if text:
                MarketAnswer.objects.update_or_create(
                    question=questions[pk], user=actor, defaults={"text": text}
                )
            else:  # emptied: the vendor takes the answer back
                MarketAnswer.objects.filter(question=questions[pk], user=actor).delete()
    return response


def planned_convert(*, planned: PlannedPurchase, actor: User) -> Opportunity:
    """Turn a planned purchase into a draft opportunity, keeping the link."""
    with transaction.atomic():
        planned = PlannedPurchase.objects.select_for_update().get(pk=planned.pk)
        existing = Opportunity.objects.filter(planned_purchase=planned).first()
        if existing:
            return existing
        _ensure_owner(actor, planned)
        if planned.status != P.PUBLISHED:
            raise TransitionNotAllowed(_("Publish the planned purchase first."))
        opportunity = Opportunity.objects.create(
            department=planned.department,
            owner=actor,
            planned_purchase=planned,
            title_en=planned.title_en,
            title_fr=planned.title_fr,
            description_en=_description(planned, "en"),
            description_fr=_description(planned, "fr"),
            max_budget=planned.rough_budget,
            contact_name=actor.full_name,
            contact_email=actor.email,
        )
        planned_move(
            planned_id=planned.pk,
            to=P.CONVERTED,
            actor=actor,
            action="planned.convert",
            details={"opportunity": opportunity.pk},
        )
    return opportunity


# Headings of the prefilled description, in the language of each text (not the reader's).
ASPECT_HEADINGS = {
    "en": ("Social aspects", "Environmental aspects"),
    "fr": ("Aspects sociaux", "Aspects environnementaux"),
}


def _description(planned: PlannedPurchase, language: str) -> str:
    """The opportunity's description starts as the need and the purchase's aspects."""
    parts = [getattr(planned, f"need_{language}")]
    social, environmental = ASPECT_HEADINGS[language]
    for heading, name in ((social, "social_aspects"), (environmental, "environmental_aspects")):
        text = getattr(planned, f"{name}_{language}").strip()
        if text:
            parts.append(f"## {heading}\n\n{text}")
    return "\n\n".join(part for part in parts if part)
