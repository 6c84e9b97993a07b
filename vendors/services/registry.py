"""What the registry says a vendor can prove, by claim type (badge): the facts that registry
criteria of evaluations are computed from, and the vendor's own view of what would count.

Only a verified, unexpired certification or a verified "yes" to a badge question counts;
a self-declared, rejected or expired claim counts for nothing."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Certification, QuestionnaireAnswer, Vendor
from ..models.certifications import Badge
from ..models.claims import ClaimStatus


@dataclass
class ClaimLine:
    """One of the vendor's claims, as the vendor may see it (never shown to evaluators)."""

    badge: str
    name: str
    counts: bool
    why_not: str = ""


def verified_badges(vendor: Vendor, *, today=None) -> set[str]:
    """The claim types the vendor holds verified and unexpired on `today`."""
    return {line.badge for line in claim_lines(vendor, today=today) if line.counts}


def claim_lines(vendor: Vendor, *, today=None) -> list[ClaimLine]:
    today = today or timezone.localdate()
    lines = []
    for certification in Certification.objects.filter(vendor=vendor).select_related("kind"):
        lines.append(
            ClaimLine(
                badge=certification.kind.badge,
                name=str(certification.kind),
                counts=certification.status == ClaimStatus.VERIFIED
                and (certification.expires_on is None or certification.expires_on >= today),
                why_not=_why_not(certification, today),
            )
        )
    answers = QuestionnaireAnswer.objects.filter(
        vendor=vendor, value="yes", question__badge__in=Badge.values
    ).select_related("question")
    for answer in answers:
        lines.append(
            ClaimLine(
                badge=answer.question.badge,
                name=str(answer.question),
                counts=answer.status == ClaimStatus.VERIFIED,
                why_not=_why_not(answer, today),
            )
        )
    return lines


def _why_not(claim, today) -> str:
    if claim.status == ClaimStatus.SELF_DECLARED:
        if getattr(claim, "evidence_id", None) is None:
            return _("Self-declared: attach supporting evidence so an officer can verify it.")
        return _("Self-declared: waiting for an officer to verify the evidence.")
    if claim.status == ClaimStatus.REJECTED:
        return _("Rejected: correct it and send new evidence to have it checked again.")
    expires_on = getattr(claim, "expires_on", None)
    if expires_on is not None and expires_on < today:
        return _("Expired: add the renewed certification with its evidence.")
    return ""
