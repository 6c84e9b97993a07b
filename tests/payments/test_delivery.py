import pytest

from opportunities.models import OpportunityStatus
from payments.models.delivery import DeliveryStatus
from payments.services.delivery import (
    delivery_accept,
    delivery_request_changes,
    delivery_submit,
)
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from tests.vendors.factories import pdf_upload

from .factories import quick_contract

pytestmark = pytest.mark.django_db


def _vendor_user(contract):
    return contract.vendor.members.get().user


def test_deliver_request_changes_deliver_again_accept(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    contract, buyer = quick_contract(department)
    vendor_user = _vendor_user(contract)
    with django_capture_on_commit_callbacks(execute=True):
        first = delivery_submit(
            contract=contract,
            actor=vendor_user,
            note="Report attached.",
            uploads=[pdf_upload("report.pdf")],
        )
    assert first.files.get().name == "report.pdf"
    assert mailoutbox[-1].to == [buyer.email]
    with pytest.raises(TransitionNotAllowed, match="waiting"):
        delivery_submit(contract=contract, actor=vendor_user, note="again")
    changed = delivery_request_changes(delivery=first, actor=buyer, reasons="Add page 2.")
    assert changed.status == DeliveryStatus.CHANGES_REQUESTED
    assert delivery_request_changes(delivery=first, actor=buyer, reasons="x") == changed
    second = delivery_submit(
        contract=contract,
        actor=vendor_user,
        note="Page 2 added.",
        link="https://example.com/report",
    )
    with pytest.raises(PortalError, match="full name"):
        delivery_accept(delivery=second, actor=buyer, certified_name=" ", attest=True)
    with pytest.raises(PortalError, match="received"):
        delivery_accept(delivery=second, actor=buyer, certified_name="Bea", attest=False)
    accepted = delivery_accept(
        delivery=second, actor=buyer, certified_name="Bea Buyer", attest=True
    )
    assert accepted.is_accepted and accepted.reviewed_by == buyer
    assert (
        delivery_accept(delivery=second, actor=buyer, certified_name="Bea Buyer", attest=True).pk
        == accepted.pk
    )  # harmless twice
    contract.opportunity.refresh_from_db()
    assert contract.opportunity.status == OpportunityStatus.DELIVERY_ACCEPTED
    entry = AuditEntry.objects.get(action="delivery.accept")
    assert entry.details["certified_name"] == "Bea Buyer" and entry.actor == buyer
    with pytest.raises(TransitionNotAllowed):  # already reviewed the other way
        delivery_request_changes(delivery=second, actor=buyer, reasons="late")


def test_only_the_vendor_delivers_and_only_the_buyer_reviews(department):
    contract, buyer = quick_contract(department)
    stranger_buyer = make_user(Role.BUYER, department=department)
    with pytest.raises(TransitionNotAllowed):
        delivery_submit(contract=contract, actor=buyer, note="x")
    delivery = delivery_submit(contract=contract, actor=_vendor_user(contract), note="x")
    with pytest.raises(TransitionNotAllowed):
        delivery_accept(delivery=delivery, actor=stranger_buyer, certified_name="S", attest=True)
    with pytest.raises(TransitionNotAllowed):
        delivery_accept(
            delivery=delivery, actor=_vendor_user(contract), certified_name="V", attest=True
        )


def test_no_delivery_before_the_contract_is_signed(department):
    contract, _buyer = quick_contract(department, status=OpportunityStatus.AWARDED)
    with pytest.raises(TransitionNotAllowed):
        delivery_submit(contract=contract, actor=_vendor_user(contract), note="early")


def test_a_bad_file_leaves_nothing_behind(department, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contract, _buyer = quick_contract(department)
    script = SimpleUploadedFile("evil.pdf", b"#!/bin/sh\necho hi\n")
    with pytest.raises(PortalError):
        delivery_submit(
            contract=contract,
            actor=_vendor_user(contract),
            note="x",
            uploads=[pdf_upload("ok.pdf"), script],
        )
    assert not contract.deliveries.exists()
    assert not list((tmp_path).rglob("*.pdf"))
