"""Proposals: draft, save, submit (with a receipt), withdraw — all before the deadline."""

import hashlib
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.queueing import enqueue_on_commit
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify
from procurement_portal.services.transitions import check_transition
from procurement_portal.templatetags.portal import money
from procurement_portal.uploads import CLEANABLE_TYPES, clean_upload, stored

from ..models import (
    Opportunity,
    Proposal,
    ProposalAnswer,
    ProposalAttachment,
    ProposalReceipt,
    ProposalStatus,
)
from .identity import identity_warnings  # noqa: F401 - views and tests import it from here
from .status import proposal_move

S = ProposalStatus
EDITABLE = {S.DRAFT, S.SUBMITTED, S.WITHDRAWN}
MAX_DOCUMENTS = 10


def _vendor_of(actor: User):
    from vendors.models import VendorMember

    member = (
        VendorMember.objects.select_related("vendor").filter(user=actor).first()
        if (actor.is_authenticated)
        else None
    )
    if member is None:
        raise TransitionNotAllowed(_("Register your business before preparing a proposal."))
    if member.vendor.is_suspended:
        raise TransitionNotAllowed(
            _("Your business is suspended and cannot bid. Contact a procurement officer.")
        )
    return member.vendor


def _ensure_open(opportunity: Opportunity, now=None) -> None:
    # The server's clock decides, on every request: one second late is late.
    if not Opportunity.objects.open(now).filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(
            _("The closing date and time has passed: proposals are no longer accepted.")
        )


def _ensure_member(actor: User, proposal: Proposal) -> None:
    if not Proposal.objects.of_vendor_member(actor).filter(pk=proposal.pk).exists():
        raise TransitionNotAllowed(
            _("Only members of the business that wrote this proposal can do this.")
        )


def proposal_start(*, opportunity: Opportunity, actor: User, variant: int = 0) -> Proposal:
    """The business's proposal for this opportunity (variant 0 is the base proposal),
    started as a draft if there is none."""
    vendor = _vendor_of(actor)
    existing = Proposal.objects.filter(
        opportunity=opportunity, vendor=vendor, variant_number=variant
    ).first()
    if existing:
        return existing
    _ensure_open(opportunity)
    if variant:
        _ensure_variant_allowed(opportunity, vendor, variant)
    with transaction.atomic():
        proposal, created = Proposal.objects.get_or_create(
            opportunity=opportunity,
            vendor=vendor,
            variant_number=variant,
            defaults={"created_by": actor, "addenda_seen": opportunity.addenda.count()},
        )
        if created:
            audit_record(
                actor=actor,
                action="proposal.start",
                obj=proposal,
                to_state=S.DRAFT,
                department=opportunity.department,
                details={"variant": variant} if variant else None,
            )
    return proposal


def _ensure_variant_allowed(opportunity: Opportunity, vendor, variant: int) -> None:
    if not 0 < variant <= opportunity.variants_allowed:
        if not opportunity.variants_allowed:
            raise TransitionNotAllowed(_("This opportunity does not accept variants."))
        raise TransitionNotAllowed(
            _("This opportunity accepts at most %(count)s variants.")
            % {"count": opportunity.variants_allowed}
        )
    if not Proposal.objects.filter(
        opportunity=opportunity, vendor=vendor, variant_number=0
    ).exists():
        raise TransitionNotAllowed(_("Prepare your base proposal before its variants."))


def variants_of(proposal: Proposal) -> list[Proposal]:
    """The vendor's variants of this base proposal, in order (empty for a variant)."""
    if proposal.variant_number:
        return []
    return list(
        Proposal.objects.filter(
            opportunity_id=proposal.opportunity_id, vendor_id=proposal.vendor_id
        )
        .exclude(variant_number=0)
        .order_by("variant_number")
    )


def proposal_save(*, proposal: Proposal, actor: User, price, answers: dict[int, str]) -> Proposal:
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("opportunity__department")
            .get(pk=proposal.pk)
        )
        _ensure_member(actor, proposal)
        _ensure_open(proposal.opportunity)
        if proposal.status not in EDITABLE:
            raise TransitionNotAllowed(_("This proposal can no longer be changed."))
        budget = proposal.opportunity.max_budget
        if price is not None and budget is not None and price > budget:
            raise PortalError(
                _("The price is above the maximum budget of %(budget)s.")
                % {"budget": money(budget)},
                field="price",
            )
        current = {a.criterion_id: a for a in proposal.answers.all()}
        changed = price != proposal.price or any(
            (current[c].text if c in current else "") != text.strip() for c, text in answers.items()
        )
        if not changed:
            return proposal
        # A submitted proposal stays submitted: its receipt's snapshot stands until the
        # vendor submits again (see has_unsubmitted_changes).
        proposal.price = price
        proposal.addenda_seen = proposal.opportunity.addenda.count()
        proposal.save(update_fields=["price", "addenda_seen", "updated_at"])
        allowed = set(proposal.opportunity.criteria.written().values_list("pk", flat=True))
        for criterion_id, text in answers.items():
            if criterion_id not in allowed:
                raise PortalError(_("This criterion is not part of the opportunity."))
            ProposalAnswer.objects.update_or_create(
                proposal=proposal, criterion_id=criterion_id, defaults={"text": text.strip()}
            )
    return proposal


def proposal_attach(*, proposal: Proposal, actor: User, upload) -> ProposalAttachment:
    _ensure_member(actor, proposal)
    _ensure_open(proposal.opportunity)
    # Evaluators must not learn the author from a file: its metadata goes.
    clean = clean_upload(upload, allowed=CLEANABLE_TYPES)
    with (
        stored(
            clean, folder=f"proposals/{proposal.opportunity_id}", allowed=CLEANABLE_TYPES
        ) as name,
        transaction.atomic(),
    ):
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status not in EDITABLE:
            raise TransitionNotAllowed(_("This proposal can no longer be changed."))
        if proposal.attachments.count() >= MAX_DOCUMENTS:
            raise PortalError(
                _("A proposal has at most %(count)s documents.") % {"count": MAX_DOCUMENTS}
            )
        return ProposalAttachment.objects.create(
            proposal=proposal,
            file=name,
            display_name=clean.display_name,
            content_type=clean.mime,
            size=clean.size,
            sha256=clean.sha256,
            uploaded_by=actor,
        )


def proposal_detach(*, attachment: ProposalAttachment, actor: User) -> None:
    proposal = attachment.proposal
    _ensure_member(actor, proposal)
    _ensure_open(proposal.opportunity)
    name = attachment.file.name
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status not in EDITABLE:
            raise TransitionNotAllowed(_("This proposal can no longer be changed."))
        attachment.delete()
        # A file a receipt refers to is part of a submitted version: keep it.
        submitted = any(
            d["file"] == name
            for r in proposal.receipts.all()
            for d in r.content.get("documents", [])
        )
        if name and not submitted:
            transaction.on_commit(lambda: default_storage.delete(name))


def snapshot(proposal: Proposal) -> dict:
    """The proposal as it stands: what a submission freezes into its receipt."""
    content = {
        "opportunity": proposal.opportunity_id,
        "business_number": proposal.vendor.business_number,
        # Two decimals always: the same price must give the same fingerprint in memory or
        # read back from the database.
        "price": None if proposal.price is None else f"{proposal.price:.2f}",
        "answers": {str(a.criterion_id): a.text for a in proposal.answers.order_by("criterion_id")},
        "documents": sorted(
            (
                {
                    "name": a.display_name,
                    "sha256": a.sha256,
                    "file": a.file.name,
                    "content_type": a.content_type,
                }
                for a in proposal.attachments.all()
            ),
            key=lambda d: (d["name"], d["sha256"]),
        ),
    }
    if proposal.variant_number:
        # Only for variants, so a base proposal's fingerprint is what it always was.
        content["variant"] = proposal.variant_number
    return content


def _digest(content: dict) -> str:
    hashed = {**content, "documents": [[d["name"], d["sha256"]] for d in content["documents"]]}
    return hashlib.sha256(json.dumps(hashed, sort_keys=True).encode()).hexdigest()


def content_hash(proposal: Proposal) -> str:
    """SHA-256 of exactly what is submitted: price, answers and documents."""
    return _digest(snapshot(proposal))


def has_unsubmitted_changes(proposal: Proposal) -> bool:
    last = proposal.last_receipt
    return (
        proposal.status == S.SUBMITTED
        and last is not None
        and (last.sha256 != content_hash(proposal))
    )


def submission_problems(proposal: Proposal) -> list[str]:
    problems = []
    if proposal.price is None:
        problems.append(_("Give your price."))
    answered = {a.criterion_id for a in proposal.answers.all() if a.text.strip()}
    for criterion in proposal.opportunity.criteria.written():
        if criterion.is_panel_scored and criterion.pk not in answered:
            problems.append(_("Answer the criterion “%(name)s”.") % {"name": criterion})
    return problems


def proposal_submit(*, proposal: Proposal, actor: User) -> ProposalReceipt:
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("opportunity__department", "vendor")
            .get(pk=proposal.pk)
        )
        _ensure_member(actor, proposal)
        # One instant decides and is written on the receipt: checked against the deadline
        # and stamped later, a submission accepted at 14:59:59.9 could read 15:00:00.2
        # (seen in `make bench`'s deadline rush on a loaded machine).
        now = timezone.now()
        _ensure_open(proposal.opportunity, now)
        content = snapshot(proposal)
        digest = _digest(content)
        last = proposal.last_receipt
        if proposal.status == S.SUBMITTED and last and last.sha256 == digest:
            return last  # the same content submitted again (double click): one receipt
        check_transition(proposal, S.SUBMITTED, Proposal.TRANSITIONS)
        if proposal.variant_number and not _base_submitted(proposal):
            # A variant is evaluated beside its base proposal, never instead of it.
            raise TransitionNotAllowed(_("Submit your base proposal before its variants."))
        problems = submission_problems(proposal)
        if problems:
            raise PortalError(" ".join(problems))
        number = f"R{proposal.opportunity_id:05d}-{proposal.pk:05d}-{proposal.receipts.count() + 1}"
        proposal_move(
            proposal_id=proposal.pk,
            to=S.SUBMITTED,
            actor=actor,
            action="proposal.submit",
            fields={"submitted_at": now},
            details={"receipt": number, "sha256": digest},
        )
        receipt = ProposalReceipt.objects.create(
            proposal=proposal,
            submitted_at=now,
            sha256=digest,
            submitted_by=actor,
            content=content,
            number=number,
        )
        opportunity = proposal.opportunity
        notify(
            template="emails/proposal_receipt",
            recipient=actor,
            context={
                "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                "number": receipt.number,
                "variant": proposal.variant_number,
                "sha256": digest,
                "received_at": now.isoformat(),
                "url": absolute_url("proposal_receipt", actor, number=receipt.number),
            },
        )
        from ..tasks import receipt_pdf_task

        enqueue_on_commit(receipt_pdf_task, receipt.pk)
    return receipt


def _base_submitted(proposal: Proposal) -> bool:
    return Proposal.objects.filter(
        opportunity_id=proposal.opportunity_id,
        vendor_id=proposal.vendor_id,
        variant_number=0,
        status=S.SUBMITTED,
    ).exists()


def proposal_withdraw(*, proposal: Proposal, actor: User) -> Proposal:
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("opportunity__department")
            .get(pk=proposal.pk)
        )
        _ensure_member(actor, proposal)
        if proposal.status == S.WITHDRAWN:
            return proposal
        _ensure_open(proposal.opportunity)
        if not proposal.variant_number and any(v.is_submitted for v in variants_of(proposal)):
            raise TransitionNotAllowed(
                _("Withdraw your variants first: a variant is only evaluated with its base.")
            )
        proposal = proposal_move(
            proposal_id=proposal.pk, to=S.WITHDRAWN, actor=actor, action="proposal.withdraw"
        ).obj
    return proposal


def receipt_pdf_render(receipt_id: int) -> None:
    """Write the receipt's PDF once (re-runs do nothing), in the submitter's language."""
    from procurement_portal.pdf import render_pdf

    receipt = ProposalReceipt.objects.select_related(
        "proposal__opportunity", "proposal__vendor", "submitted_by"
    ).get(pk=receipt_id)
    if receipt.pdf:
        return
    opportunity = receipt.proposal.opportunity
    language = receipt.submitted_by.preferred_language or settings.LANGUAGE_CODE
    # Both languages, like the contract: the submitter's first, each section tagged.
    languages = [language, *(code for code, _name in settings.LANGUAGES if code != language)]
    pdf = render_pdf(
        "pdf/proposal_receipt.html",
        {
            "receipt": receipt,
            "vendor": str(receipt.proposal.vendor),
            "price": receipt.content.get("price"),
            "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
            "received_at": receipt.submitted_at,
            "languages": languages,
        },
        language=language,
        title=f"{receipt.number} — Proposal receipt / Accusé de réception de la proposition",
    )
    name = default_storage.save(f"receipts/{receipt.number}.pdf", ContentFile(pdf))
    ProposalReceipt.objects.filter(pk=receipt.pk, pdf="").update(pdf=name)
