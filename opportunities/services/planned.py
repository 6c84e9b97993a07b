from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record

from ..models import Opportunity, PlannedPurchase, PlannedPurchaseResponse
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
    *, planned: PlannedPurchase, actor: User, interested: bool, comment: str
) -> PlannedPurchaseResponse:
    """A vendor says they are interested and/or comments; answering again updates it."""
    ensure_vendor(actor)
    if planned.status != P.PUBLISHED:
        raise TransitionNotAllowed(_("This planned purchase no longer takes comments."))
    if not interested and not comment.strip():
        raise PortalError(_("Say you are interested, or write a comment."), field="comment")
    response, _created = PlannedPurchaseResponse.objects.update_or_create(
        planned_purchase=planned,
        user=actor,
        defaults={"interested": interested, "comment": comment.strip()},
    )
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
            description_en=planned.need_en,
            description_fr=planned.need_fr,
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
