from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import Certification, ClaimStatus, Vendor, VendorMember
from .access import membership
from .evidence import evidence_store

REMINDER_DAYS = 30


def certification_add(
    *, vendor: Vendor, actor: User, kind, number: str, issued_on, expires_on, upload
) -> Certification:
    membership(actor, vendor)
    today = timezone.localdate()
    if issued_on > today:
        raise PortalError(_("The issue date cannot be in the future."), field="issued_on")
    if expires_on and expires_on < today:
        raise PortalError(_("This certificate has expired: add a current one."), field="expires_on")
    if expires_on and expires_on <= issued_on:
        raise PortalError(_("The expiry date must come after the issue date."), field="expires_on")
    with transaction.atomic():
        evidence = evidence_store(vendor=vendor, actor=actor, upload=upload)
        certification = Certification.objects.create(
            vendor=vendor,
            kind=kind,
            number=number,
            issued_on=issued_on,
            expires_on=expires_on,
            evidence=evidence,
        )
        audit_record(
            actor=actor,
            action="certification.add",
            obj=certification,
            to_state=ClaimStatus.SELF_DECLARED,
        )
    return certification


def expiry_reminders_send(today=None) -> int:
    """Remind vendors 30 days before a verified certification expires (once per date)."""
    today = today or timezone.localdate()
    due = (
        Certification.objects.filter(
            status=ClaimStatus.VERIFIED,
            expires_on__gt=today,
            expires_on__lte=today + timedelta(days=REMINDER_DAYS),
        )
        .exclude(reminded_for=F("expires_on"))
        .select_related("vendor", "kind")
    )
    sent = 0
    for certification in due:
        with transaction.atomic():
            for member in VendorMember.objects.filter(vendor=certification.vendor).select_related(
                "user"
            ):
                notify(
                    template="emails/certification_expiring",
                    recipient=member.user,
                    context={
                        "claim": {
                            "en": certification.kind.name_en,
                            "fr": certification.kind.name_fr,
                        },
                        "expires_on": str(certification.expires_on),
                        "url": absolute_url("my_business", member.user),
                    },
                )
            Certification.objects.filter(pk=certification.pk).update(
                reminded_for=certification.expires_on
            )
        sent += 1
    return sent
