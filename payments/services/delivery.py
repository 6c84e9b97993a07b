"""Delivery: the vendor hands the work over; the buyer accepts it (certifying receipt) or
asks for changes, and the vendor hands over again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import OpportunityStatus
from opportunities.services.status import opportunity_move
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.uploads import clean_upload, stored

from ..models import Contract, Delivery, DeliveryFile
from ..models.delivery import DeliveryStatus
from .journey import ensure_manages, ensure_vendor_member
from .status import delivery_move

MAX_FILES = 5


def delivery_submit(
    *, contract: Contract, actor: User, note: str, link: str = "", uploads=()
) -> Delivery:
    ensure_vendor_member(actor, contract)
    note = note.strip()
    if not note:
        raise PortalError(_("Describe what you delivered."), field="note")
    if len(uploads) > MAX_FILES:
        raise PortalError(
            _("Attach at most %(count)s files.") % {"count": MAX_FILES}, field="files"
        )
    cleaned = []
    for upload in uploads:  # check every file before writing anything
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as error:
            raise PortalError(error.messages[0], field="files") from error
    with transaction.atomic():
        contract = (
            Contract.objects.select_for_update().select_related("opportunity").get(pk=contract.pk)
        )
        if not contract.opportunity.is_in_delivery:
            raise TransitionNotAllowed(
                _(
                    "Work is delivered once the contract is accepted and "
                    "until the buyer accepts the delivery."
                )
            )
        if contract.deliveries.filter(status=DeliveryStatus.SUBMITTED).exists():
            raise TransitionNotAllowed(_("Your delivery is waiting for the buyer’s review."))
        delivery = Delivery.objects.create(
            contract=contract, note=note, link=link.strip(), submitted_by=actor
        )
        for clean in cleaned:
            with stored(clean, folder=f"deliveries/{contract.pk}") as name:
                DeliveryFile.objects.create(
                    delivery=delivery,
                    file=name,
                    name=clean.display_name,
                    content_type=clean.mime,
                    size=clean.size,
                    sha256=clean.sha256,
                )
        audit_record(
            actor=actor,
            action="delivery.submit",
            obj=delivery,
            to_state=DeliveryStatus.SUBMITTED,
            department=contract.department,
            details={"contract": contract.number, "files": len(cleaned)},
        )
        owner = contract.opportunity.owner
        notify(
            template="emails/delivery_submitted",
            recipient=owner,
            context={
                "number": contract.number,
                "vendor": str(contract.vendor),
                "url": absolute_url("contract_detail", owner, pk=contract.pk),
            },
        )
    return delivery


def _locked_waiting(delivery: Delivery, actor: User) -> Delivery:
    delivery = (
        Delivery.objects.select_for_update()
        .select_related("contract__opportunity", "contract__department")
        .get(pk=delivery.pk)
    )
    ensure_manages(actor, delivery.contract)
    return delivery


def delivery_accept(
    *, delivery: Delivery, actor: User, certified_name: str, attest: bool
) -> Delivery:
    """Accepting the work is the certification of receipt (FAA s. 34): the buyer attests,
    under their typed name, that the work was received as the contract describes."""
    certified_name = certified_name.strip()
    if not certified_name:
        raise PortalError(_("Type your full name to certify receipt."), field="certified_name")
    if not attest:
        raise PortalError(
            _("Confirm that the work was received as the contract describes."), field="attest"
        )
    with transaction.atomic():
        delivery = _locked_waiting(delivery, actor)
        if delivery.is_accepted:
            return delivery
        if not delivery.is_waiting:
            raise TransitionNotAllowed(_("This delivery was already reviewed."))
        now = timezone.now()
        delivery = delivery_move(
            delivery_id=delivery.pk,
            to=DeliveryStatus.ACCEPTED,
            actor=actor,
            action="delivery.accept",
            fields={"reviewed_by": actor, "reviewed_at": now, "certified_name": certified_name},
            details={
                "contract": delivery.contract.number,
                "certified_name": certified_name,
                "certified_at": now.isoformat(),
            },
        ).obj
        contract = delivery.contract
        opportunity_move(
            opportunity_id=contract.opportunity_id,
            to=OpportunityStatus.DELIVERY_ACCEPTED,
            actor=actor,
            action="opportunity.delivery_accepted",
            details={"contract": contract.number},
        )
        _tell_vendor(delivery, "emails/delivery_accepted")
    return delivery


def delivery_request_changes(*, delivery: Delivery, actor: User, reasons: str) -> Delivery:
    reasons = reasons.strip()
    if not reasons:
        raise PortalError(_("Say what needs to change."), field="reasons")
    with transaction.atomic():
        delivery = _locked_waiting(delivery, actor)
        if delivery.status == DeliveryStatus.CHANGES_REQUESTED:
            return delivery
        if not delivery.is_waiting:
            raise TransitionNotAllowed(_("This delivery was already reviewed."))
        delivery = delivery_move(
            delivery_id=delivery.pk,
            to=DeliveryStatus.CHANGES_REQUESTED,
            actor=actor,
            action="delivery.request_changes",
            fields={"reviewed_by": actor, "reviewed_at": timezone.now(), "review_reasons": reasons},
            details={"reasons": reasons},
        ).obj
        _tell_vendor(delivery, "emails/delivery_changes_requested")
    return delivery


def _tell_vendor(delivery: Delivery, template: str) -> None:
    contract = delivery.contract
    for member in contract.vendor.members.select_related("user"):
        notify(
            template=template,
            recipient=member.user,
            context={
                "number": contract.number,
                "reasons": delivery.review_reasons,
                "url": absolute_url("contract_detail", member.user, pk=contract.pk),
            },
        )


def certified_delivery(contract: Contract) -> Delivery | None:
    return contract.deliveries.filter(status=DeliveryStatus.ACCEPTED).first()
