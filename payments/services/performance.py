"""The vendor's performance, recorded by the buyer once the contract is complete; the
vendor may answer once. Never public: see PerformanceAssessment.objects.visible_to."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import Contract, PerformanceAssessment
from ..models.performance import Rating
from .journey import ensure_manages, ensure_vendor_member

MAX_TEXT = 2000


def _rating(value, field: str) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if value not in Rating.values:
        raise PortalError(_("Choose one of the ratings."), field=field)
    return value


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise PortalError(
            _("Write at most %(count)s characters.") % {"count": MAX_TEXT}, field=field
        )
    return value


def assessment_record(
    *,
    contract: Contract,
    actor: User,
    on_time: int,
    quality: int,
    communication: int,
    comments: str = "",
) -> PerformanceAssessment:
    """One assessment per contract, once the vendor confirmed payment (the contract is
    complete). Recording it again is refused: the vendor has already been told."""
    ratings = {
        "on_time": _rating(on_time, "on_time"),
        "quality": _rating(quality, "quality"),
        "communication": _rating(communication, "communication"),
    }
    comments = _text(comments, "comments")
    with transaction.atomic():
        contract = (
            Contract.objects.select_for_update()
            .select_related("opportunity", "department", "vendor")
            .get(pk=contract.pk)
        )
        ensure_manages(actor, contract)
        if not contract.opportunity.is_complete:
            raise TransitionNotAllowed(
                _("The vendor’s performance is assessed once the contract is complete.")
            )
        if PerformanceAssessment.objects.filter(contract=contract).exists():
            raise TransitionNotAllowed(_("The performance on this contract is already assessed."))
        try:
            with transaction.atomic():
                assessment = PerformanceAssessment.objects.create(
                    contract=contract, recorded_by=actor, comments=comments, **ratings
                )
        except IntegrityError as error:  # two buyers at once: the first one counts
            raise TransitionNotAllowed(
                _("The performance on this contract is already assessed.")
            ) from error
        audit_record(
            actor=actor,
            action="performance.record",
            obj=assessment,
            department=contract.department,
            details={"contract": contract.number, **ratings, "comments": bool(comments)},
        )
        for member in contract.vendor.members.select_related("user"):
            notify(
                template="emails/performance_recorded",
                recipient=member.user,
                context={
                    "number": contract.number,
                    "url": absolute_url("contract_detail", member.user, pk=contract.pk),
                },
            )
    return assessment


def assessment_respond(
    *, assessment: PerformanceAssessment, actor: User, response: str
) -> PerformanceAssessment:
    """The vendor's one answer. It is shown beside the assessment wherever that is shown."""
    response = _text(response, "response")
    if not response:
        raise PortalError(_("Write your response."), field="response")
    with transaction.atomic():
        assessment = (
            PerformanceAssessment.objects.select_for_update()
            .select_related("contract__opportunity__owner", "contract__department")
            .get(pk=assessment.pk)
        )
        contract = assessment.contract
        ensure_vendor_member(actor, contract)
        if assessment.has_response:
            raise TransitionNotAllowed(_("Your business has already answered this assessment."))
        assessment.response = response
        assessment.responded_by = actor
        assessment.responded_at = timezone.now()
        assessment.save(update_fields=["response", "responded_by", "responded_at"])
        audit_record(
            actor=actor,
            action="performance.respond",
            obj=assessment,
            department=contract.department,
            details={"contract": contract.number},
        )
        owner = contract.opportunity.owner
        notify(
            template="emails/performance_answered",
            recipient=owner,
            context={
                "number": contract.number,
                "vendor": str(contract.vendor),
                "url": absolute_url("contract_detail", owner, pk=contract.pk),
            },
        )
    return assessment
