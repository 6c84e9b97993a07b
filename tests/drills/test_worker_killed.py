"""Drill: a worker is killed (SIGKILL) in the middle of its work.

The unfinished task runs again on the next worker (acks_late + the broker's visibility
timeout, and the beat catch-ups); every subscriber still gets exactly one email and the
contract exactly one PDF."""

import os
import re
import signal
from email import message_from_string
from pathlib import Path

from payments.models import Contract
from procurement_portal.models import Category, OutboundMessage, User
from tests.evaluations.factories import awarded
from tests.integration.conftest import run_django, wait_for
from tests.opportunities.factories import ready_draft
from vendors.models import Subscription

SUBSCRIBERS = 1500

PUBLISH = """
from opportunities.models import Opportunity
from opportunities.services.lifecycle import opportunity_publish
draft = Opportunity.objects.get(pk=%d)
opportunity_publish(opportunity=draft, actor=draft.owner)
"""

RENDER = """
from payments.tasks import contract_pdf_task
contract_pdf_task.delay(%d)
"""


def _messages(env) -> list[tuple[str, str]]:
    """(To, Message-ID) of every email the file backend wrote."""
    found = []
    for path in Path(env["EMAIL_FILE_PATH"]).iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = message_from_string(chunk.strip())
                found.append((message["To"], message["Message-ID"]))
    return found


def _kill(worker) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()


def test_worker_killed_mid_fanout(web_env, processes, redis_port):
    env = {**web_env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
    processes.redis(redis_port)
    category = Category.objects.get(slug="digital-accessibility")
    users = User.objects.bulk_create(
        [User(email=f"subscriber{n}@drill.example.com") for n in range(SUBSCRIBERS)]
    )
    subscriptions = Subscription.objects.bulk_create([Subscription(user=u) for u in users])
    Subscription.categories.through.objects.bulk_create(
        [
            Subscription.categories.through(subscription_id=s.pk, category_id=category.pk)
            for s in subscriptions
        ]
    )
    draft = ready_draft(category=category)
    worker = processes.celery_worker(env)
    result = run_django(PUBLISH % draft.pk, env)
    assert result.returncode == 0, result.stderr
    # Kill the worker once it is part-way through the emails.
    wait_for(lambda: len(_messages(env)) >= 50, timeout=60, interval=0.05)
    _kill(worker)
    delivered_before = len(_messages(env))
    assert delivered_before < SUBSCRIBERS
    processes.celery_worker(env, beat=True)
    wanted = OutboundMessage.objects.filter(template="emails/opportunity_new")
    wait_for(
        lambda: (
            wanted.count() == SUBSCRIBERS
            and not wanted.exclude(status=OutboundMessage.Status.SENT).exists()
        ),
        timeout=150,
    )
    emails = [(to, mid) for to, mid in _messages(env) if to.endswith("@drill.example.com")]
    # At least once, and one message each: the email that was being sent when the worker
    # died may go out again, with the same Message-ID, which mail servers and clients treat
    # as one message. No one gets two different messages, no one gets none.
    assert len(set(emails)) == SUBSCRIBERS == len({to for to, _mid in emails})
    assert len(emails) - SUBSCRIBERS <= 1


def test_worker_killed_while_rendering_a_contract(
    web_env, processes, redis_port, department, settings, tmp_path
):
    media = tmp_path / "media"
    env = {**web_env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "MEDIA_ROOT": str(media)}
    settings.MEDIA_ROOT = str(media)
    processes.redis(redis_port)
    opportunity, *_ = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    Contract.objects.filter(pk=contract.pk).update(pdf="", pdf_sha256="")  # as if never run
    for path in media.rglob("*.pdf"):
        path.unlink()
    worker = processes.celery_worker(env)
    assert run_django(RENDER % contract.pk, env).returncode == 0
    # The task's own "received" line (the start-up banner lists task names too).
    wait_for(
        lambda: re.search(r"contract_pdf_task\[[0-9a-f-]+\] received", processes.log("worker")),
        timeout=30,
        interval=0.02,
    )
    _kill(worker)  # received, not acknowledged
    assert not Contract.objects.get(pk=contract.pk).pdf
    processes.celery_worker(env)  # the broker hands the task over again
    wait_for(lambda: Contract.objects.get(pk=contract.pk).pdf, timeout=90)
    assert run_django(RENDER % contract.pk, env).returncode == 0  # a duplicate message
    wait_for(lambda: processes.log("worker").count("succeeded") >= 2, timeout=30)
    pdfs = list(media.rglob("contracts/*.pdf"))
    assert len(pdfs) == 1 and Contract.objects.get(pk=contract.pk).pdf.name.endswith(pdfs[0].name)
