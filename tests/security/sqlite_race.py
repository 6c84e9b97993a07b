"""Run by test_sqlite_race.py in a fresh process against an SQLite file (the demo database):
ten card holders approve one payment request at the same instant. Prints a JSON summary."""

import json
import os
import sys
import threading

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procurement_portal.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
call_command("migrate", verbosity=0)

from payments.models import Payment  # noqa: E402
from payments.services.payments import payment_approve  # noqa: E402
from procurement_portal.exceptions import TransitionNotAllowed  # noqa: E402
from procurement_portal.models import Role  # noqa: E402
from tests.factories import DepartmentFactory, make_user  # noqa: E402
from tests.payments.factories import card_for, quick_request  # noqa: E402

department = DepartmentFactory()
request, _buyer = quick_request(department)
holders = [make_user(Role.CARD_HOLDER, department=department) for _ in range(10)]
cards = [card_for(department, holder, last4=f"{index:04d}") for index, holder in enumerate(holders)]
connections.close_all()
start = threading.Barrier(len(holders))
paid, refused, errors = [], [], []


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
        paid.append(payment.pk)
    except TransitionNotAllowed as error:
        refused.append(str(error))
    except Exception as error:  # noqa: BLE001 - reported
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()


threads = [threading.Thread(target=approve, args=(i,)) for i in range(len(holders))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(
    json.dumps(
        {
            "vendor": connections["default"].vendor,
            "paid": len(paid),
            "refused": refused,
            "errors": errors,
            "payments": Payment.objects.count(),
        }
    )
)
