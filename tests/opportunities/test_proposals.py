import io
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from opportunities.models import Opportunity, Proposal, ProposalAttachment, ProposalReceipt
from opportunities.services.proposals import (
    has_unsubmitted_changes,
    identity_warnings,
    proposal_attach,
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
    receipt_pdf_render,
)
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from tests.vendors.factories import make_vendor, pdf_upload

from .factories import past_deadline, published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def opportunity():
    return published()


@pytest.fixture
def bidder():
    vendor = make_vendor(
        legal_name="Quillfeather Analytics Ltd.",
        operating_name="Quillfeather",
        website="https://www.quillfeather.ca",
    )
    return vendor.members.get().user


def answers_for(opportunity, text="Our approach is careful and tested."):
    return {c.pk: text for c in opportunity.criteria.all() if not c.is_price}


def ready(opportunity, user, **kw):
    proposal = proposal_start(opportunity=opportunity, actor=user)
    return proposal_save(
        proposal=proposal,
        actor=user,
        price=kw.get("price", Decimal("7000")),
        answers=kw.get("answers", answers_for(opportunity)),
    )


def test_submit_gives_a_receipt_by_screen_email_and_pdf(
    client, opportunity, bidder, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = ready(opportunity, bidder)
    with django_capture_on_commit_callbacks(execute=True):
        receipt = proposal_submit(proposal=proposal, actor=bidder)
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and len(receipt.sha256) == 64
    assert AuditEntry.objects.filter(action="proposal.submit").exists()
    email = [m for m in mailoutbox if receipt.number in m.subject][0]
    assert receipt.sha256 in email.body
    receipt.refresh_from_db()
    assert receipt.pdf  # rendered by the task after commit (WeasyPrint)
    text = "".join(page.extract_text() for page in PdfReader(receipt.pdf.open("rb")).pages)
    assert receipt.number in text and receipt.sha256[:20] in text.replace("\n", "")
    assert opportunity.title_en in text.replace("\n", " ")  # the opportunity, not the number
    assert "$7,000.00" in text
    client.force_login(bidder)
    page = client.get(f"/en/receipts/{receipt.number}/").content.decode()
    assert receipt.sha256 in page


def test_same_content_twice_is_one_receipt_a_change_is_a_new_one(opportunity, bidder):
    proposal = ready(opportunity, bidder)
    first = proposal_submit(proposal=proposal, actor=bidder)
    assert proposal_submit(proposal=proposal, actor=bidder) == first  # double click
    proposal_save(
        proposal=proposal,
        actor=bidder,
        price=Decimal("6500"),
        answers=answers_for(opportunity, "A revised approach."),
    )
    proposal = Proposal.objects.get(pk=proposal.pk)
    # Editing never cancels the submission: the receipt's version stands until resubmitted.
    assert proposal.status == "submitted" and has_unsubmitted_changes(proposal)
    assert first.content["price"] == "7000.00"
    second = proposal_submit(proposal=proposal, actor=bidder)
    assert second != first and second.sha256 != first.sha256
    assert second.content["price"] == "6500.00" and not has_unsubmitted_changes(proposal)
    first.refresh_from_db()
    assert first.content["price"] == "7000.00"  # the first receipt still shows what it received
    assert ProposalReceipt.objects.filter(proposal=proposal).count() == 2


def test_withdraw_and_submit_again_before_the_deadline(opportunity, bidder):
    proposal = ready(opportunity, bidder)
    proposal_submit(proposal=proposal, actor=bidder)
    assert proposal_withdraw(proposal=proposal, actor=bidder).status == "withdrawn"
    assert proposal_withdraw(proposal=proposal, actor=bidder).status == "withdrawn"  # harmless
    proposal_submit(proposal=proposal, actor=bidder)
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"


def test_one_second_late_is_refused_even_before_the_beat_task(opportunity, bidder):
    proposal = ready(opportunity, bidder)
    past_deadline(opportunity, seconds=1)
    with pytest.raises(TransitionNotAllowed, match="no longer accepted"):
        proposal_submit(proposal=proposal, actor=bidder)
    with pytest.raises(TransitionNotAllowed):
        proposal_save(
            proposal=proposal, actor=bidder, price=Decimal("1"), answers=answers_for(opportunity)
        )
    assert Proposal.objects.get(pk=proposal.pk).status == "draft"
    assert not ProposalReceipt.objects.exists()


def test_the_form_opened_before_and_posted_after_the_deadline_is_refused(
    client, opportunity, bidder
):
    ready(opportunity, bidder)
    client.force_login(bidder)
    assert client.get(f"/en/opportunities/{opportunity.pk}/proposal/submit/").status_code == 200
    past_deadline(opportunity, seconds=1)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/proposal/submit/", {"declaration": "on"}, follow=True
    )
    assert "proposals are no longer accepted" in response.content.decode()
    assert not ProposalReceipt.objects.exists()


@pytest.mark.parametrize(
    ("price", "answers", "message"),
    [
        (Decimal("9000"), None, "above the maximum budget"),
    ],
)
def test_price_above_the_budget_is_refused_at_the_field(
    opportunity, bidder, price, answers, message
):
    proposal = proposal_start(opportunity=opportunity, actor=bidder)
    with pytest.raises(PortalError, match=message) as error:
        proposal_save(
            proposal=proposal,
            actor=bidder,
            price=price,
            answers=answers or answers_for(opportunity),
        )
    assert error.value.field == "price"


def test_incomplete_proposals_are_not_submitted(opportunity, bidder):
    proposal = ready(opportunity, bidder, answers={})
    with pytest.raises(PortalError, match="Answer the criterion"):
        proposal_submit(proposal=proposal, actor=bidder)


def test_one_proposal_per_business(opportunity, bidder):
    colleague = make_user(Role.VENDOR_MEMBER)
    from vendors.services.members import invitation_accept, member_invite

    vendor = bidder.vendor_membership.vendor
    invitation_accept(
        token=member_invite(vendor=vendor, actor=bidder, email=colleague.email).token,
        actor=colleague,
    )
    assert proposal_start(opportunity=opportunity, actor=bidder) == proposal_start(
        opportunity=opportunity, actor=colleague
    )


def test_identity_warnings_list_what_would_reveal_the_bidder(opportunity, bidder):
    proposal = ready(
        opportunity,
        bidder,
        answers=answers_for(opportunity, "Quillfeather has done this; see quillfeather.ca"),
    )
    proposal_attach(proposal=proposal, actor=bidder, upload=pdf_upload("Quillfeather CV.pdf"))
    assert identity_warnings(proposal) == ["Quillfeather", "quillfeather.ca"]


def test_proposal_documents_lose_their_metadata(opportunity, bidder):
    proposal = ready(opportunity, bidder)
    attachment = proposal_attach(proposal=proposal, actor=bidder, upload=pdf_upload())
    data = attachment.file.read()
    assert b"Jane Secret" not in data and not PdfReader(io.BytesIO(data)).metadata


def test_sealed_no_government_user_reads_a_proposal_before_close(
    client, opportunity, bidder, department
):
    proposal = ready(opportunity, bidder, answers=answers_for(opportunity, "SEALED-CONTENT-42"))
    receipt = proposal_submit(proposal=proposal, actor=bidder)
    assert Proposal not in admin.site._registry  # no admin page either
    for role in [Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN, Role.EVALUATOR]:
        user = make_user(role, department=opportunity.department)
        client.force_login(user)
        for url in [
            f"/en/opportunities/{opportunity.pk}/",
            f"/en/opportunities/{opportunity.pk}/proposal/",
            f"/en/receipts/{receipt.number}/",
            "/en/workspace/",
            "/en/audit/",
        ]:
            body = client.get(url).content.decode()
            assert "SEALED-CONTENT-42" not in body, (role, url)
    # Nor who is bidding: not in the audit log, not in the admin's lists.
    officer = make_user(Role.PROCUREMENT_OFFICER, department=opportunity.department)
    admin_user = make_user(Role.SITE_ADMIN)
    for user, urls in [
        (officer, ["/en/audit/"]),
        (
            admin_user,
            [
                "/en/audit/",
                "/en/admin/procurement_portal/auditentry/",
                "/en/admin/procurement_portal/outboundmessage/",
            ],
        ),
    ]:
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            body = response.content.decode()
            assert response.status_code == 200, url
            assert "proposal.submit" not in body and "proposal.start" not in body, url
            assert receipt.number not in body, url
            if "outboundmessage" in url:
                assert bidder.email not in body
    client.force_login(opportunity.owner)
    assert (
        "1 proposal received" in client.get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    )


def test_receipt_pdf_renders_once(opportunity, bidder):
    receipt = proposal_submit(proposal=ready(opportunity, bidder), actor=bidder)
    receipt_pdf_render(receipt.pk)
    receipt.refresh_from_db()
    name = receipt.pdf.name
    receipt_pdf_render(receipt.pk)
    receipt.refresh_from_db()
    assert receipt.pdf.name == name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent sessions")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_at_the_deadline():
    """Threads submit around the deadline: nothing after it is accepted, nothing before lost."""
    opportunity = published()
    bidders = [make_vendor().members.get().user for _ in range(12)]
    proposals = [ready(opportunity, user) for user in bidders]
    deadline = timezone.now() + timedelta(seconds=3)
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=deadline)
    results = {}

    def submit(index):
        from django.db import connections

        time.sleep(0.5 * index)  # spread the attempts across the deadline (0 to 5.5 s)
        attempted_at = timezone.now()
        try:
            receipt = proposal_submit(proposal=proposals[index], actor=bidders[index])
            results[index] = ("accepted", attempted_at, receipt.submitted_at)
        except TransitionNotAllowed:
            results[index] = ("refused", attempted_at, None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(proposals))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = [i for i, r in results.items() if r[0] == "accepted"]
    refused = [i for i, r in results.items() if r[0] == "refused"]
    assert accepted and refused and len(accepted) + len(refused) == len(proposals)
    for index in accepted:
        assert results[index][2] < deadline  # nothing after the deadline
        assert Proposal.objects.get(pk=proposals[index].pk).status == "submitted"  # not lost
    for index, (outcome, attempted_at, _submitted_at) in results.items():
        if attempted_at >= deadline:
            assert outcome == "refused", index  # whatever the load, late is late
    for index in refused:
        # The deadline is checked when the submission is handled, after waiting for the row
        # lock and the database: on a loaded machine that is later than the attempt.
        assert results[index][1] >= deadline - timedelta(seconds=1)
        assert Proposal.objects.get(pk=proposals[index].pk).status == "draft"
    assert ProposalReceipt.objects.count() == len(accepted)


def test_another_business_cannot_reach_a_proposal_receipt_or_document(client, opportunity, bidder):
    proposal = ready(opportunity, bidder)
    document = proposal_attach(proposal=proposal, actor=bidder, upload=pdf_upload())
    receipt = proposal_submit(proposal=proposal, actor=bidder)
    rival = make_vendor(legal_name="Rival Co").members.get().user
    client.force_login(rival)
    assert client.get(f"/en/receipts/{receipt.number}/").status_code == 404
    assert client.get(f"/en/receipts/{receipt.number}/pdf/").status_code == 404
    assert (
        client.post(
            f"/en/opportunities/{opportunity.pk}/proposal/documents/{document.pk}/remove/"
        ).status_code
        == 404
    )
    page = client.get(f"/en/opportunities/{opportunity.pk}/proposal/").content.decode()
    assert "Our approach is careful" not in page  # the rival sees an empty form of its own
    assert ProposalAttachment.objects.filter(pk=document.pk).exists()


def test_a_receipt_whose_pdf_task_was_lost_is_caught_up(opportunity, bidder):
    from opportunities.tasks import receipts_catch_up_task

    receipt = proposal_submit(proposal=ready(opportunity, bidder), actor=bidder)
    ProposalReceipt.objects.filter(pk=receipt.pk).update(
        pdf="", submitted_at=timezone.now() - timedelta(minutes=5)
    )  # the task never ran
    assert receipts_catch_up_task() == 1  # eager here: renders at once
    receipt.refresh_from_db()
    assert PdfReader(receipt.pdf.open("rb")).pages
    assert receipts_catch_up_task() == 0


def test_the_receipt_time_is_the_instant_the_deadline_was_checked(opportunity, bidder, monkeypatch):
    """Accepted just before the deadline while the server is slow (the snapshot takes
    longer than what is left): the receipt never says after the deadline."""
    from opportunities.services import proposals

    proposal = ready(opportunity, bidder)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() + timedelta(milliseconds=300)
    )
    real_snapshot = proposals.snapshot

    def slow_snapshot(proposal):
        time.sleep(0.5)  # past the deadline by the time the receipt is written
        return real_snapshot(proposal)

    monkeypatch.setattr(proposals, "snapshot", slow_snapshot)
    receipt = proposal_submit(proposal=proposal, actor=bidder)
    opportunity.refresh_from_db()
    assert receipt.submitted_at < opportunity.closes_at < timezone.now()
    assert Proposal.objects.get(pk=proposal.pk).submitted_at == receipt.submitted_at
