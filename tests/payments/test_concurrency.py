import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from payments.models import Payment
from payments.services.payments import payment_approve
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import DepartmentFactory, make_user

from .factories import card_for, quick_request


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent sessions")
@pytest.mark.django_db(transaction=True)
def test_ten_card_holders_approving_at_once_make_one_payment():
    """Ten sessions approve the same request at the same instant: one payment."""
    department = DepartmentFactory()
    request, _buyer = quick_request(department)
    holders = [make_user(Role.CARD_HOLDER, department=department) for _ in range(10)]
    cards = [
        card_for(department, holder, last4=f"{index:04d}") for index, holder in enumerate(holders)
    ]
    start = threading.Barrier(len(holders))
    results, refused, errors = [], [], []

    def approve(index):
        try:
            start.wait()
            payment = payment_approve(
                request=request,
                actor=holders[index],
                card=cards[index],
                amount=request.amount,
                paid_on=timezone.localdate(),
                authorization_code=f"AUTH{index}",
            )
            results.append(payment.pk)
        except TransitionNotAllowed as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(len(holders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Payment.objects.count() == 1
    # One card holder paid; the nine others are told at once (they may have charged too).
    assert len(results) == 1 and len(refused) == 9
    assert "already recorded this payment" in str(refused[0])
    assert AuditEntry.objects.filter(action="payment.approve").count() == 1
