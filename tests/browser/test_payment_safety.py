"""Issue 12, "payments that cannot go wrong", walked in the browser in English and French:
the buyer's amount is checked, corrected and the request cancelled; a blocked request shows
the card holder why and no record form; the procurement officer is emailed, finds it in a
queue of blocked payments and overrides the failing check, the only one listed."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from payments.models import PaymentRequest
from procurement_portal.models import AuditEntry, OutboundMessage, Role
from tests.factories import make_user
from tests.payments.factories import card_for, past_payment, quick_accepted, quick_request
from tests.vendors.factories import make_vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set PORTAL_SCREENSHOTS to a folder to keep a screenshot of each page walked.
SHOTS = os.environ.get("PORTAL_SCREENSHOTS", "")

TEXT = {
    "en": {
        "request": "Request payment",
        "too_much": "Request at most the contract price",
        "correct": "Correct the amount",
        "save": "Save the amount",
        "corrected": "Amount corrected",
        "cancel": "Cancel the request",
        "cancelled": "Payment request cancelled",
        "blocked": "This payment is blocked.",
        "blocked_queue": "Blocked payments",
        "decide": "Decide on",
        "failed": "Checks that failed",
        "override": "Record the override",
        "overridden": "Override recorded",
        "record": "Record the payment",
        "blocked_card": "This payment is blocked with this card.",
        "refer": "Send to a procurement officer",
        "referred": "Sent to the procurement officers",
    },
    "fr": {
        "request": "Demander le paiement",
        "too_much": "Demandez au plus le prix du contrat",
        "correct": "Corriger le montant",
        "save": "Enregistrer le montant",
        "corrected": "Montant corrigé",
        "cancel": "Annuler la demande",
        "cancelled": "Demande de paiement annulée",
        "blocked": "Ce paiement est bloqué.",
        "blocked_queue": "Paiements bloqués",
        "decide": "Décider pour",
        "failed": "Vérifications échouées",
        "override": "Consigner la dérogation",
        "overridden": "Dérogation consignée",
        "record": "Consigner le paiement",
        "blocked_card": "Ce paiement est bloqué avec cette carte.",
        "refer": "Transmettre à un agent d’approvisionnement",
        "referred": "Transmise aux agents d’approvisionnement",
    },
}


def _url(live_server, language, name, **kwargs):
    with translation.override(language):
        return live_server.url + reverse(name, kwargs=kwargs or None)


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_buyer_requests_within_the_price_corrects_and_cancels(
    live_server, browser, sign_in, assert_accessible, department, language
):
    text = TEXT[language]
    contract, buyer = quick_accepted(department, price="5000")
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(_url(live_server, language, "contract_detail", pk=contract.pk))
    page.get_by_role("link", name=text["request"]).click()
    assert_accessible(page)
    page.locator("#id_amount").fill("5000.01")
    page.get_by_role("button", name=text["request"]).click()
    expect(page.locator("main")).to_contain_text(text["too_much"])
    assert not PaymentRequest.objects.exists()
    assert_accessible(page)
    _shot(page, f"request-too-much-{language}")
    page.locator("#id_amount").fill("4000")
    page.get_by_role("button", name=text["request"]).click()
    # The page of the new request, before reading the database (the click does not wait).
    page.wait_for_url(re.compile(r"/(payments|paiements)/\d+/$"))
    request = PaymentRequest.objects.get()
    expect(page).to_have_url(_url(live_server, language, "payment_request", pk=request.pk))

    # The buyer corrects the amount, within the price only.
    page.get_by_role("link", name=text["correct"]).click()
    assert_accessible(page)
    page.locator("#id_amount").fill("6000")
    page.get_by_role("button", name=text["save"]).click()
    expect(page.locator("main")).to_contain_text(text["too_much"])
    page.locator("#id_amount").fill("4500")
    page.get_by_role("button", name=text["save"]).click()
    expect(page.locator("main")).to_contain_text(text["corrected"])
    _shot(page, f"request-corrected-{language}")
    request.refresh_from_db()
    assert str(request.amount) == "4500.00"

    # And cancels it, with a reason; the contract can be requested again.
    page.get_by_role("link", name=text["cancel"]).click()
    assert_accessible(page)
    page.get_by_role("button", name=text["cancel"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.locator("#id_reason").fill("The invoice was for another contract.")
    _shot(page, f"request-cancel-{language}")
    page.get_by_role("button", name=text["cancel"]).click()
    expect(page.locator("main")).to_contain_text(text["cancelled"])
    expect(page.get_by_role("link", name=text["request"])).to_be_visible()
    assert_accessible(page)
    request.refresh_from_db()
    assert request.is_cancelled
    entry = AuditEntry.objects.get(action="payment.cancel")
    assert entry.details["reason"] == "The invoice was for another contract."


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_blocked_request_waits_for_the_officer_who_finds_it_in_a_queue(
    live_server, browser, sign_in, assert_accessible, department, language
):
    text = TEXT[language]
    vendor = make_vendor()
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    card_for(department, holder)
    # Paid to the same vendor three days ago: with this request, past the threshold.
    past_payment(
        department,
        card_for(department),
        amount="6000",
        paid_on=timezone.localdate() - timedelta(days=3),
        vendor=vendor,
    )
    request, _buyer = quick_request(department, vendor=vendor, price="5000")
    assert request.is_blocked
    assert OutboundMessage.objects.filter(template="emails/payment_blocked", recipient=officer)

    # The card holder reads why, and has nothing to pay with.
    card_page = browser.new_context().new_page()
    sign_in(card_page, holder, language)
    card_page.goto(_url(live_server, language, "payment_queue"))
    assert_accessible(card_page)
    card_page.get_by_role("link", name=request.contract.number).click()
    expect(card_page.locator("main")).to_contain_text(text["blocked"])
    expect(card_page.locator("#id_authorization_code")).to_have_count(0)
    expect(card_page.get_by_role("button", name=text["record"])).to_have_count(0)
    assert_accessible(card_page)
    _shot(card_page, f"blocked-card-holder-{language}")

    # The officer: /payments/ leads to the queue, also in the navigation.
    office = browser.new_context().new_page()
    sign_in(office, officer, language)
    office.goto(_url(live_server, language, "payment_queue"))
    expect(office).to_have_url(_url(live_server, language, "payment_blocked_queue"))
    expect(office.get_by_role("link", name=text["blocked_queue"]).first).to_be_visible()
    expect(office.locator("h1")).to_have_text(text["blocked_queue"])
    assert_accessible(office)
    _shot(office, f"blocked-queue-{language}")
    office.get_by_role("link", name=f"{text['decide']} {request.contract.number}").click()
    expect(office.locator("h2", has_text=text["failed"])).to_be_visible()
    rows = office.locator("table.checks tbody tr")
    expect(rows).to_have_count(1)  # the split purchase only: the passed check is not listed
    assert_accessible(office)
    _shot(office, f"override-{language}")
    office.locator("#id_check_code").select_option("split_purchase")
    office.locator("#id_reason").fill("One piece of work, delivered in two parts.")
    office.locator("#id_reason_fr").fill("Un seul travail, livré en deux parties.")
    office.get_by_role("button", name=text["override"]).click()
    expect(office.locator("main")).to_contain_text(text["overridden"])

    # Cleared: the card holder can record the payment now.
    card_page.reload()
    expect(card_page.locator("#id_authorization_code")).to_be_visible()
    office.goto(_url(live_server, language, "payment_blocked_queue"))
    expect(
        office.get_by_role("link", name=f"{text['decide']} {request.contract.number}")
    ).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_card_holder_whose_card_fails_a_check_sends_the_request_to_the_officers(
    live_server, browser, sign_in, assert_accessible, department, language
):
    text = TEXT[language]
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    card = card_for(department, holder, single="1000")  # below the amount
    request, _buyer = quick_request(department, price="5000")
    assert request.is_pending
    page = browser.new_context().new_page()
    sign_in(page, holder, language)
    page.goto(_url(live_server, language, "payment_request", pk=request.pk))
    expect(page.locator("main")).to_contain_text(text["blocked_card"])
    expect(page.locator("#id_authorization_code")).to_have_count(0)
    assert_accessible(page)
    _shot(page, f"blocked-card-{language}")
    page.get_by_role("button", name=text["refer"]).click()
    expect(page.locator("main")).to_contain_text(text["referred"])
    expect(page.get_by_role("button", name=text["refer"])).to_have_count(0)
    expect(page.locator("#id_authorization_code")).to_have_count(0)
    assert_accessible(page)
    _shot(page, f"referred-{language}")
    request.refresh_from_db()
    assert request.is_blocked and request.blocked_card == card
    assert OutboundMessage.objects.filter(template="emails/payment_blocked", recipient=officer)
