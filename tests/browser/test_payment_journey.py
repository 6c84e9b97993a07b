"""Issue 6's journey through the pages: award → contract accepted → delivered → accepted →
payment requested → blocked by a guardrail → overridden → paid → vendor confirms.
axe-core on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opportunities.models import Opportunity, OpportunityStatus
from payments.models import Contract, Payment
from procurement_portal.models import Role
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.payments.factories import card_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contract_to_payment_journey(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, decision, owners = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    assert contract.pdf  # rendered by the task once the award committed
    vendor_user = owners[0]
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder, single="1000")  # below the price: a guardrail fails
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    url = f"{live_server.url}/en/contracts/{contract.pk}/"

    # The vendor reads and accepts the contract, then delivers.
    vendor = browser.new_context().new_page()
    sign_in(vendor, vendor_user)
    vendor.goto(url)
    assert_accessible(vendor)
    vendor.get_by_role("link", name="Read and accept the contract").click()
    assert_accessible(vendor)
    vendor.locator("#id_full_name").fill("Winnie Owner")
    vendor.locator("#id_agreed").check()
    vendor.get_by_role("button", name="Sign and accept").click()
    expect(vendor.locator("main")).to_contain_text("Accepted electronically by Winnie Owner")
    vendor.get_by_role("link", name="Deliver the work").click()
    assert_accessible(vendor)
    vendor.locator("#id_note").fill("The audit report and the fixed form are ready.")
    vendor.locator("#id_link").fill("https://example.com/audit")
    vendor.get_by_role("button", name="Deliver").click()
    expect(vendor.locator("main")).to_contain_text("Waiting for review")

    # The buyer accepts the delivery (certifying receipt) and requests payment.
    page = browser.new_context().new_page()
    sign_in(page, buyer)
    page.goto(url)
    page.get_by_role("link", name="Review the delivery").click()
    assert_accessible(page)
    page.get_by_label("Accept the work and certify receipt").check()
    page.locator("#id_certified_name").fill("Bea Buyer")
    page.locator("#id_attest").check()
    page.get_by_role("button", name="Record my review").click()
    expect(page.locator("main")).to_contain_text("Receipt certified")
    page.get_by_role("link", name="Request payment").click()
    assert_accessible(page)
    page.get_by_role("button", name="Request payment").click()
    request_url = page.url

    # The card holder sees the failed check, has no record form, and sends the request to
    # the procurement officers (issue 12).
    card_page = browser.new_context().new_page()
    sign_in(card_page, holder)
    card_page.goto(f"{live_server.url}/en/payments/")
    assert_accessible(card_page)
    card_page.get_by_role("link", name=contract.number).click()
    expect(card_page.locator("main")).to_contain_text("This payment is blocked with this card")
    expect(card_page.locator("#id_authorization_code")).to_have_count(0)
    assert_accessible(card_page)
    card_page.get_by_role("button", name="Send to a procurement officer").click()
    expect(card_page.locator("main")).to_contain_text("Sent to the procurement officers")
    assert not Payment.objects.exists()

    # A procurement officer finds it in the blocked payments and overrides it with a reason.
    office = browser.new_context().new_page()
    sign_in(office, officer)
    office.goto(f"{live_server.url}/en/payments/")  # an officer's payments: the blocked ones
    office.get_by_role("link", name=f"Decide on {contract.number}").click()
    expect(office).to_have_url(f"{request_url}?card={card.pk}")
    assert_accessible(office)
    office.locator("#id_check_code").select_option("single_limit")
    office.locator("#id_reason").fill("Card limit increase approved by the CFO on 2026-11-20.")
    office.locator("#id_reason_fr").fill("Hausse de la limite approuvée par le DPF le 2026-11-20.")
    office.get_by_role("button", name="Record the override").click()
    expect(office.locator("main")).to_contain_text("Override recorded")

    # The card holder pays and records it.
    card_page.goto(request_url)
    card_page.locator("#id_authorization_code").fill("A1B2C3")
    card_page.get_by_role("button", name="Record the payment").click()
    expect(card_page.locator("main")).to_contain_text("Payment recorded")
    expect(card_page.locator("main")).to_contain_text("approved by the CFO")
    assert_accessible(card_page)
    assert Payment.objects.get().paid_on == timezone.localdate()

    # The vendor confirms receipt: the opportunity is complete.
    vendor.goto(url)
    vendor.get_by_role("button", name="Confirm that we received the payment").click()
    expect(vendor.locator("main")).to_contain_text("The contract is complete")
    assert_accessible(vendor)
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.COMPLETE

    # The French page reads in French.
    vendor.goto(f"{live_server.url}/fr/contrats/{contract.pk}/")
    expect(vendor.locator("h1")).to_contain_text("Contrat")
    assert_accessible(vendor)
