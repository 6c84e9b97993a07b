from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from procurement_portal.events import announce
from procurement_portal.exceptions import PortalError
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import Addendum, Opportunity
from .access import ensure_manages
from .audience import opportunity_audience
from .emails import notify_about
from .questions import _ensure_open


def addendum_post(*, opportunity: Opportunity, actor: User, text_en: str, text_fr: str) -> Addendum:
    text_en, text_fr = text_en.strip(), text_fr.strip()
    if not text_en:
        raise PortalError(_("Describe the change in English."), field="text_en")
    if settings.PORTAL_REQUIRE_BOTH_LANGUAGES and not text_fr:
        raise PortalError(_("Describe the change in French."), field="text_fr")
    with transaction.atomic():
        # The row lock numbers addenda one after the other, even when two are posted at once.
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        ensure_manages(actor, opportunity)
        _ensure_open(opportunity)
        last = opportunity.addenda.order_by("-number").first()
        if last and (last.text_en, last.text_fr) == (text_en, text_fr):
            return last  # the same change posted twice (a double click): one addendum
        number = (opportunity.addenda.aggregate(last=Max("number"))["last"] or 0) + 1
        addendum = Addendum.objects.create(
            opportunity=opportunity,
            number=number,
            text_en=text_en,
            text_fr=text_fr,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="addendum.post",
            obj=addendum,
            department=opportunity.department,
            details={"number": number},
        )
        announce(opportunity_id=opportunity.pk, tag="tenderAmendment")
        notify_about(
            opportunity,
            template="emails/addendum_posted",
            recipients=opportunity_audience(opportunity),
            extra={"number": number, "text": {"en": text_en, "fr": text_fr}},
        )
    return addendum
