"""The outbox survives a broker outage: a real worker on a throwaway Redis delivers later.

The machine's own Redis is never touched: the "broker" here is a redis-server this test starts
on a free port, after the message was written while nothing listened there.
"""

import time

import pytest

from procurement_portal.models import OutboundMessage, Role
from tests.factories import make_user

from .conftest import free_port, run_django, wait_for

pytestmark = [pytest.mark.integration]

NOTIFY = """
from django.db import transaction
from procurement_portal.models import User
from procurement_portal.services.outbox import notify
with transaction.atomic():
    message = notify(
        template="emails/role_granted",
        context={"role": "evaluator", "department_en": "Broker outage"},
        recipient=User.objects.get(pk=%d),
    )
print(message.pk)
"""

REQUEUE_DUPLICATE = """
from procurement_portal.tasks import outbox_deliver_task
for _ in range(3):
    outbox_deliver_task.delay(%d)
"""


def sent_emails(env) -> list[str]:
    from pathlib import Path

    return [path.read_text() for path in Path(env["EMAIL_FILE_PATH"]).iterdir()]


def test_broker_outage_loses_nothing_and_sends_once(process_env, processes):
    user = make_user(Role.VENDOR_MEMBER)
    port = free_port()
    env = {
        **process_env,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
        "PORTAL_OUTBOX_REQUEUE_AFTER": "0",
        "PORTAL_OUTBOX_REQUEUE_INTERVAL": "1",
    }

    # 1. The broker is down: the caller still succeeds, quickly, and the message is stored.
    started = time.monotonic()
    result = run_django(NOTIFY % user.pk, env)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert "Could not queue procurement_portal.tasks.outbox_deliver_task" in result.stderr
    message = OutboundMessage.objects.get(pk=int(result.stdout.split()[-1]))
    assert message.status == OutboundMessage.Status.PENDING
    assert sent_emails(env) == []

    # 2. The broker and a real worker (with beat) come back: the message is delivered once.
    processes.redis(port)
    processes.celery_worker(env, beat=True)
    try:
        wait_for(
            lambda: (
                OutboundMessage.objects.get(pk=message.pk).status == OutboundMessage.Status.SENT
            ),
            timeout=60,
        )
    except TimeoutError:
        pytest.fail("not delivered; worker log:\n" + processes.log("worker"))
    emails = sent_emails(env)
    assert len(emails) == 1
    assert "Broker outage" in emails[0]
    assert user.email in emails[0]

    # 3. Duplicate task messages for the same row are harmless.
    before = deliveries_done(processes)
    assert run_django(REQUEUE_DUPLICATE % message.pk, env).returncode == 0
    wait_for(lambda: deliveries_done(processes) >= before + 3, timeout=30)
    assert len(sent_emails(env)) == 1


def deliveries_done(processes) -> int:
    return sum(
        1
        for line in processes.log("worker").splitlines()
        if "outbox_deliver_task[" in line and "succeeded" in line
    )
