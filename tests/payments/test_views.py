import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from payments.models import Payment, PurchaseCard
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import card_for, past_payment, quick_contract, quick_request

pytestmark = pytest.mark.django_db


def test_blocked_payment_shows_each_check_and_the_override_path(client, department):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, buyer = quick_request(department, certifier=holder)  # holder certified receipt
    card = card_for(department, holder, single="100")
    client.force_login(holder)
    page = client.get(request.get_absolute_url())
    body = page.content.decode()
    assert "Separation of duties" in body and "single-transaction limit" in body
    assert "This payment is blocked with this card" in body
    assert 'name="authorization_code"' not in body  # no record form while a check blocks it
    # Posted anyway (an old tab, a script): refused by the service too.
    response = client.post(
        request.get_absolute_url(),
        {
            "card": card.pk,
            "amount": "5000.00",
            "paid_on": timezone.localdate().isoformat(),
            "authorization_code": "ABC123",
        },
    )
    assert response.status_code == 200
    assert "Payment blocked" in response.content.decode()
    assert not Payment.objects.exists()
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    client.force_login(officer)
    for code in ("single_limit", "separation_of_duties"):
        response = client.post(
            reverse("payment_override", kwargs={"pk": request.pk}),
            {
                "check_code": code,
                "card": card.pk,
                "reason": "Emergency purchase, CFO approved.",
                "reason_fr": "Achat urgent, approuvé par le dirigeant principal des finances.",
                "amount": "5000.00",
                "day": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 302
    client.force_login(holder)
    assert 'name="authorization_code"' in client.get(request.get_absolute_url()).content.decode()
    response = client.post(
        request.get_absolute_url(),
        {
            "card": card.pk,
            "amount": "5000.00",
            "paid_on": timezone.localdate().isoformat(),
            "authorization_code": "ABC123",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    page = client.get(reverse("contract_detail", kwargs={"pk": request.contract.pk}))
    assert payment.number in page.content.decode()
    record = client.get(request.get_absolute_url()).content.decode()
    assert "Emergency purchase, CFO approved." in record  # shown in the payment record


def test_a_card_number_pasted_in_a_delivery_note_is_refused(client, department):
    contract, _buyer = quick_contract(department)
    client.force_login(contract.vendor.members.get().user)
    response = client.post(
        reverse("delivery_create", kwargs={"pk": contract.pk}),
        {"note": "Paid with 4111 1111 1111 1111 thanks"},
    )
    assert response.status_code == 200
    assert "looks like a payment card number" in response.content.decode()
    assert not contract.deliveries.exists()


def test_card_registry_keeps_four_digits_only(client, department):
    finance = make_user(Role.FINANCE, department=department)
    holder = make_user(Role.CARD_HOLDER, department=department)
    client.force_login(finance)
    data = {
        "holder": holder.pk,
        "last4": "4111111111111111",
        "expiry_month": 9,
        "expiry_year": 2030,
        "single_limit": "5000",
        "monthly_limit": "20000",
        "is_active": "on",
    }
    response = client.post(reverse("card_create"), data)
    assert response.status_code == 200 and not PurchaseCard.objects.exists()
    response = client.post(
        reverse("card_create"), {**data, "last4": "1234", "single_limit": "30000"}
    )
    assert "cannot exceed" in response.content.decode()
    response = client.post(reverse("card_create"), {**data, "last4": "1234"})
    assert response.status_code == 302
    card = PurchaseCard.objects.get()
    assert card.last4 == "1234" and card.department == department
    not_holder = make_user(Role.BUYER, department=department)
    response = client.post(
        reverse("card_edit", kwargs={"pk": card.pk}),
        {**data, "last4": "1234", "holder": not_holder.pk},
    )
    assert response.status_code == 200  # only card holders of the department


def test_spending_page_queries_do_not_grow_with_cards(
    client, department, django_assert_max_num_queries
):
    finance = make_user(Role.FINANCE, department=department)
    client.force_login(finance)
    for index in range(3):
        card = card_for(department, last4=f"00{index:02d}")
        past_payment(department, card, amount="100", paid_on=timezone.localdate())
    with django_assert_max_num_queries(8):
        page = client.get(reverse("finance_spending"))
    for index in range(3, 12):
        card = card_for(department, last4=f"00{index:02d}")
        past_payment(department, card, amount="100", paid_on=timezone.localdate())
    with django_assert_max_num_queries(8):
        page = client.get(reverse("finance_spending"))
    assert page.content.decode().count("<meter") == 12 * 6


def test_reconciliation_export_escapes_formulas(client, department):
    finance = make_user(Role.FINANCE, department=department)
    card = card_for(department)
    payment = past_payment(department, card, amount="250.50", paid_on=timezone.localdate())
    vendor = payment.request.contract.vendor
    vendor.legal_name = '=HYPERLINK("http://evil")'
    vendor.save()
    client.force_login(finance)
    month = timezone.localdate().strftime("%Y-%m")
    response = client.get(
        reverse("finance_reconciliation", kwargs={"fmt": "csv"}), {"month": month}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["vendor"].startswith("'=")
    assert Decimal(rows[0]["amount_cad"]) == Decimal("250.50")
    assert rows[0]["card_last4"] == card.last4
    xlsx = client.get(reverse("finance_reconciliation", kwargs={"fmt": "xlsx"}))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    other = make_user(Role.FINANCE)  # another department's finance sees none of it
    client.force_login(other)
    response = client.get(reverse("finance_reconciliation", kwargs={"fmt": "csv"}))
    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 0


def test_contract_list_shows_only_what_the_reader_may_follow(
    client, department, django_assert_max_num_queries
):
    contract, buyer = quick_contract(department)
    quick_contract(department)  # another buyer's
    client.force_login(buyer)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("contract_list")).content.decode()
    assert body.count("C-T-") == 1 and contract.number in body


def test_the_vendor_never_sees_card_details(client, department):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, _buyer = quick_request(department)
    card = card_for(department, holder, last4="8642")
    from payments.services.payments import payment_approve

    payment = payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=request.amount,
        paid_on=timezone.localdate(),
        authorization_code="ZX81",
    )
    client.force_login(request.contract.vendor.members.get().user)
    assert client.get(request.get_absolute_url()).status_code == 404
    body = client.get(request.contract.get_absolute_url()).content.decode()
    assert payment.number in body and "8642" not in body and "ZX81" not in body
    response = client.get(reverse("payment_receipt", kwargs={"pk": payment.pk}))
    assert response.status_code == 200  # the vendor keeps the receipt


def test_finance_cannot_register_its_own_card_nor_rewrite_a_cards_history(client, department):
    from payments.services.cards import card_save
    from procurement_portal.exceptions import PortalError

    finance = make_user(Role.FINANCE, department=department)
    finance.role_assignments.create(role=Role.CARD_HOLDER, department=department)
    finance = type(finance).objects.get(pk=finance.pk)
    fields = {
        "last4": "1234",
        "expiry_month": 1,
        "expiry_year": 2031,
        "single_limit": Decimal("100"),
        "monthly_limit": Decimal("1000"),
        "is_active": True,
    }
    with pytest.raises(PortalError, match="your own card"):
        card_save(actor=finance, department=department, holder=finance, **fields)
    card = card_for(department)
    past_payment(department, card, amount="50", paid_on=timezone.localdate())
    other = make_user(Role.CARD_HOLDER, department=department)
    with pytest.raises(PortalError, match="Payments were made"):
        card_save(actor=finance, department=department, card=card, holder=other, **fields)


def test_a_stale_acceptance_form_is_refreshed_with_the_current_pdf(client, department):
    from opportunities.models import OpportunityStatus

    contract, _buyer = quick_contract(department, status=OpportunityStatus.AWARDED)
    type(contract).objects.filter(pk=contract.pk).update(
        accepted_at=None, pdf_sha256="a" * 64, status="ready"
    )
    client.force_login(contract.vendor.members.get().user)
    url = reverse("contract_accept", kwargs={"pk": contract.pk})
    response = client.post(url, {"sha256": "b" * 64, "full_name": "W", "agreed": "on"})
    assert "changed since you opened it" in response.content.decode()
    assert 'value="' + "a" * 64 + '"' in response.content.decode()
    response = client.post(url, {"sha256": "a" * 64, "full_name": "W", "agreed": "on"})
    assert response.status_code == 302
