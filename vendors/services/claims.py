"""Verification of what vendors claim: certifications and evidence-backed answers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.outbox import absolute_url, notify

from ..models import Certification, ClaimStatus, QuestionnaireAnswer, VendorMember
from .access import ensure_verifier
from .status import claim_move

CLAIM_MODELS = {"certification": Certification, "answer": QuestionnaireAnswer}


def claim_label(claim) -> dict:
    if isinstance(claim, Certification):
        return {"en": claim.kind.name_en, "fr": claim.kind.name_fr}
    return {"en": claim.question.text_en, "fr": claim.question.text_fr}


def _decide(*, claim, actor: User, status: str, reason: str = ""):
    ensure_verifier(actor)
    with transaction.atomic():
        current = type(claim).objects.select_for_update().get(pk=claim.pk)
        if current.status == status:
            return current  # decided already: no second email
        if current.status != ClaimStatus.SELF_DECLARED:
            raise TransitionNotAllowed(
                _(
                    "This claim was already checked. The vendor must "
                    "change it before it is checked again."
                )
            )
        claim = claim_move(
            claim=current,
            to=status,
            actor=actor,
            action=f"claim.{status}",
            fields={"rejection_reason": reason, "checked_by": actor, "checked_at": timezone.now()},
            details={"reason": reason} if reason else None,
        ).obj
        vendor = claim.vendor
        for member in VendorMember.objects.filter(vendor=vendor).select_related("user"):
            notify(
                template=f"emails/claim_{status}",
                recipient=member.user,
                context={
                    "claim": claim_label(claim),
                    "vendor": str(vendor),
                    "reason": reason,
                    "url": absolute_url("my_business", member.user),
                },
            )
    return claim


def claim_verify(*, claim, actor: User):
    return _decide(claim=claim, actor=actor, status=ClaimStatus.VERIFIED)


def claim_reject(*, claim, actor: User, reason: str):
    if not reason.strip():
        raise PortalError(
            _("Say why the claim is rejected: the vendor will read it."), field="reason"
        )
    return _decide(claim=claim, actor=actor, status=ClaimStatus.REJECTED, reason=reason.strip())
