"""Contracts: created by the award, rendered to PDF by a task, accepted by the vendor."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import OpportunityStatus
from opportunities.services.status import opportunity_move
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.queueing import enqueue_on_commit
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import Contract, ContractTerms
from ..models.contracts import ContractStatus
from .journey import ensure_vendor_member
from .status import contract_move

logger = logging.getLogger(__name__)


def contract_create(*, decision, terms: ContractTerms) -> Contract:
    """Awarding to a proposal creates its contract (`opportunity_award` calls this inside
    the award's transaction, so there is never an award without a contract). Rendering the
    PDF is left to a task."""
    from ..tasks import contract_pdf_task

    existing = Contract.objects.filter(opportunity_id=decision.opportunity_id).first()
    if existing:
        return existing
    opportunity, proposal = decision.opportunity, decision.proposal
    opportunity.refresh_from_db(fields=["status", "awarded_amount"])  # moved by the award
    contract = Contract.objects.create(
        number=f"tmp-{opportunity.pk}",
        opportunity=opportunity,
        proposal=proposal,
        vendor=proposal.vendor,
        department=opportunity.department,
        price=opportunity.awarded_amount,
        terms=terms,
    )
    contract.number = f"C-{timezone.localdate():%Y}-{contract.pk:05d}"
    contract.save(update_fields=["number"])
    audit_record(
        actor=decision.decided_by,
        action="contract.create",
        obj=contract,
        department=contract.department,
        details={"terms_version": terms.version},
    )
    # With the broker down the award still stands; the beat catch-up renders it later.
    enqueue_on_commit(contract_pdf_task, contract.pk)
    return contract


def contract_render(contract_id: int, *, force: bool = False) -> Contract:
    """Write the contract's PDF once; `force` writes it again (allowed only until the vendor
    accepts: the accepted file is frozen and rendering is refused)."""
    from .contract_pdf import contract_pdf_bytes

    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract_id)
        if contract.is_accepted:
            raise TransitionNotAllowed(_("This contract is accepted: its PDF is frozen."))
        if contract.pdf and not force:
            return contract  # a repeated or late task: the file the vendor sees stays
        first_time = not contract.pdf
        pdf = contract_pdf_bytes(contract)
        digest = hashlib.sha256(pdf).hexdigest()
        previous = contract.pdf.name
        name = default_storage.save(
            f"contracts/{contract.number}-{digest[:12]}.pdf", ContentFile(pdf)
        )
        contract.pdf, contract.pdf_sha256 = name, digest
        contract.rendered_at = timezone.now()
        contract.save(update_fields=["pdf", "pdf_sha256", "rendered_at"])
        if previous and previous != name:
            transaction.on_commit(lambda: default_storage.delete(previous))
        if first_time:
            contract = contract_move(
                contract_id=contract.pk,
                to=ContractStatus.READY,
                actor=None,
                action="contract.ready",
                details={"sha256": digest},
            ).obj
            _tell_vendor_contract_ready(contract)
    return contract


def _tell_vendor_contract_ready(contract: Contract) -> None:
    opportunity = contract.opportunity
    for member in contract.vendor.members.select_related("user"):
        notify(
            template="emails/contract_ready",
            recipient=member.user,
            dedupe_key=f"contract-ready-{contract.pk}-{member.user_id}",
            context={
                "number": contract.number,
                "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                "url": absolute_url("contract_detail", member.user, pk=contract.pk),
            },
        )


def contract_accept(
    *, contract: Contract, actor: User, full_name: str, agreed: bool, sha256: str, ip: str | None
) -> Contract:
    """The vendor's electronic acceptance of the exact PDF it was shown."""
    ensure_vendor_member(actor, contract, owner=True)
    full_name = full_name.strip()
    if not full_name:
        raise PortalError(_("Type your full name to sign."), field="full_name")
    if not agreed:
        raise PortalError(_("Confirm that you accept the contract."), field="agreed")
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if contract.is_accepted:
            return contract  # a second click: already signed
        if not contract.is_ready:
            raise TransitionNotAllowed(
                _("The contract is still being prepared. Try again in a minute.")
            )
        if sha256 != contract.pdf_sha256:
            raise PortalError(
                _("The contract changed since you opened it. Read the new version, then accept it.")
            )
        contract = contract_move(
            contract_id=contract.pk,
            to=ContractStatus.ACCEPTED,
            actor=actor,
            action="contract.accept",
            fields={
                "accepted_at": timezone.now(),
                "accepted_by": actor,
                "accepted_name": full_name,
                "accepted_ip": ip,
                "accepted_sha256": contract.pdf_sha256,
            },
            details={"contract": contract.number, "sha256": contract.pdf_sha256},
        ).obj
        opportunity = opportunity_move(
            opportunity_id=contract.opportunity_id,
            to=OpportunityStatus.IN_DELIVERY,
            actor=actor,
            action="opportunity.in_delivery",
            details={"contract": contract.number},
        ).obj
        notify(
            template="emails/contract_accepted",
            recipient=opportunity.owner,
            dedupe_key=f"contract-accepted-{contract.pk}",
            context={
                "number": contract.number,
                "vendor": str(contract.vendor),
                "url": absolute_url("contract_detail", opportunity.owner, pk=contract.pk),
            },
        )
    return contract


def terms_publish(*, actor: User, body_en: str, body_fr: str) -> ContractTerms:
    """A new version of the standard terms; contracts already made keep theirs."""
    if not actor.has_role(Role.SITE_ADMIN):
        raise TransitionNotAllowed(_("Only site administrators can change the contract terms."))
    if not body_en.strip() or not body_fr.strip():
        raise PortalError(_("Write the terms in English and in French."))
    with transaction.atomic():
        latest = ContractTerms.objects.select_for_update().first()
        terms = ContractTerms.objects.create(
            version=(latest.version + 1) if latest else 1,
            body_en=body_en.strip(),
            body_fr=body_fr.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="contract_terms.publish",
            obj=terms,
            details={"version": terms.version},
        )
    return terms
