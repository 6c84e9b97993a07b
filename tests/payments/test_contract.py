import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from opportunities.models import OpportunityStatus
from payments.models import Contract
from payments.services.contracts import contract_accept, contract_render, terms_publish
from payments.tasks import contract_pdf_task
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.evaluations.factories import awarded
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _text(contract) -> str:
    with default_storage.open(contract.pdf.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_award_creates_a_contract_whose_pdf_is_bilingual(department):
    opportunity, buyer, decision, owners = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    assert contract.proposal == decision.proposal
    assert contract.price == opportunity.awarded_amount
    assert contract.number.startswith("C-")
    contract = contract_render(contract.pk)
    text = _text(contract)
    assert "Scope of work" in text and "Portée des travaux" in text
    assert contract.vendor.legal_name in text
    assert "$5,000.00" in text  # English format
    assert "5 000,00 $" in text.replace("\u202f", " ").replace("\xa0", " ")  # French format
    assert "Secret answer of bidder 0" in text  # the winning proposal, in the annex
    assert "Secret answer of bidder 1" not in text
    with default_storage.open(contract.pdf.name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == contract.pdf_sha256


def test_pdf_is_tagged_pdf_ua(department):
    opportunity, *_ = awarded(department)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    with default_storage.open(contract.pdf.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert fonts and all("+" in str(name) for name in fonts)  # embedded (subset) fonts


def test_acceptance_freezes_the_exact_pdf(department, client):
    opportunity, buyer, decision, owners = awarded(department)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    shown = contract.pdf_sha256
    assert contract_render(contract.pk).pdf.name == contract.pdf.name  # a repeated task: same
    contract_render(contract.pk, force=True)  # re-rendering before acceptance is allowed
    contract.refresh_from_db()
    owner = owners[0]
    accepted = contract_accept(
        contract=contract,
        actor=owner,
        full_name="Winnie Owner",
        agreed=True,
        sha256=contract.pdf_sha256,
        ip="192.0.2.1",
    )
    assert accepted.accepted_sha256 == contract.pdf_sha256
    assert accepted.accepted_name == "Winnie Owner" and accepted.accepted_ip == "192.0.2.1"
    with default_storage.open(accepted.pdf.name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == accepted.accepted_sha256
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.IN_DELIVERY
    with pytest.raises(TransitionNotAllowed, match="frozen"):
        contract_render(contract.pk, force=True)
    contract_pdf_task.delay(contract.pk)  # a late task is harmless
    contract.refresh_from_db()
    assert contract.pdf_sha256 == accepted.accepted_sha256
    # Accepting twice is harmless: one audit entry.
    contract_accept(
        contract=contract, actor=owner, full_name="Someone", agreed=True, sha256="x", ip=None
    )
    assert AuditEntry.objects.filter(action="contract.accept").count() == 1
    assert shown  # the first render existed


def test_acceptance_is_refused_for_a_stale_pdf_or_the_wrong_person(department):
    opportunity, buyer, decision, owners = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    owner, other_bidder = owners
    with pytest.raises(TransitionNotAllowed, match="being prepared"):
        contract_accept(
            contract=contract, actor=owner, full_name="W", agreed=True, sha256="", ip=None
        )
    contract = contract_render(contract.pk)
    with pytest.raises(PortalError, match="changed"):
        contract_accept(
            contract=contract, actor=owner, full_name="W", agreed=True, sha256="0" * 64, ip=None
        )
    with pytest.raises(TransitionNotAllowed):
        contract_accept(
            contract=contract,
            actor=other_bidder,
            full_name="X",
            agreed=True,
            sha256=contract.pdf_sha256,
            ip=None,
        )
    with pytest.raises(TransitionNotAllowed):
        contract_accept(
            contract=contract,
            actor=buyer,
            full_name="X",
            agreed=True,
            sha256=contract.pdf_sha256,
            ip=None,
        )
    with pytest.raises(PortalError, match="full name"):
        contract_accept(
            contract=contract,
            actor=owner,
            full_name=" ",
            agreed=True,
            sha256=contract.pdf_sha256,
            ip=None,
        )
    with pytest.raises(PortalError, match="accept"):
        contract_accept(
            contract=contract,
            actor=owner,
            full_name="W",
            agreed=False,
            sha256=contract.pdf_sha256,
            ip=None,
        )
    contract.refresh_from_db()
    assert contract.accepted_at is None


def test_terms_are_versioned_and_contracts_keep_theirs(department):
    admin = make_user(Role.SITE_ADMIN)
    opportunity, *_ = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    first = contract.terms
    new = terms_publish(actor=admin, body_en="New terms.", body_fr="Nouvelles conditions.")
    assert new.version == first.version + 1
    contract.refresh_from_db()
    assert contract.terms == first
    with pytest.raises(TransitionNotAllowed):
        terms_publish(actor=make_user(Role.BUYER, department=department), body_en="x", body_fr="y")
    with pytest.raises(PortalError):
        terms_publish(actor=admin, body_en="only English", body_fr=" ")


def test_without_contract_terms_the_award_is_refused_before_anything_is_written(department):
    from evaluations.models import AwardDecision
    from evaluations.services.award import evaluation_reveal, reattest_no_conflict
    from opportunities.models import ProposalStatus
    from payments.models import ContractTerms
    from payments.services.award import opportunity_award
    from tests.evaluations.factories import locked

    opportunity, buyer, evaluators, owners, members = locked(department, [9, 5])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    ContractTerms.objects.all().delete()
    with pytest.raises(PortalError, match="contract terms"):
        opportunity_award(opportunity=opportunity, actor=buyer, kind="top")
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.UNDER_EVALUATION
    assert not AwardDecision.objects.filter(opportunity=opportunity).exists()
    assert set(opportunity.proposals.values_list("status", flat=True)) == {
        ProposalStatus.UNDER_EVALUATION
    }
    # "No award" needs no contract, so it does not need terms either.
    decision = opportunity_award(
        opportunity=opportunity, actor=buyer, kind="none", justification="Budget withdrawn."
    )
    assert decision.proposal is None and not Contract.objects.exists()


def test_a_contract_whose_pdf_task_was_lost_is_caught_up(department):
    from datetime import timedelta

    from django.utils import timezone

    from payments.models.contracts import ContractStatus
    from payments.tasks import documents_catch_up_task

    opportunity, *_ = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    assert contract.status == ContractStatus.PREPARING  # its task runs after commit
    Contract.objects.filter(pk=contract.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert documents_catch_up_task() == 1  # eager here: renders at once
    contract.refresh_from_db()
    assert contract.status == ContractStatus.READY and contract.pdf
    assert (
        AuditEntry.objects.filter(
            action="contract.ready",
            object_id=str(contract.pk),
            from_state="preparing",
            to_state="ready",
        ).count()
        == 1
    )
    assert documents_catch_up_task() == 0
