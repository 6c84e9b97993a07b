"""Drill: Redis (broker and cache) stops while vendors submit proposals and questions.

Every submission must be stored and answered without a server error; the notifications
wait in the outbox and are delivered, once each, when Redis and a worker come back."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from opportunities.models import ProposalReceipt, Question
from procurement_portal.models import OutboundMessage
from tests.integration.conftest import free_port, wait_for
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor

from .conftest import Visitor

VENDORS = 12


def submit(visitor: Visitor, opportunity, criteria, index: int) -> list[int]:
    """Ask a question, then save and submit a proposal: the statuses of the writes."""
    base = f"/en/opportunities/{opportunity.pk}"
    statuses = [visitor.post_form(f"{base}/ask/", {"text": f"Question {index}?"}).status_code]
    answers = {f"c_{c.pk}": f"Plan number {index}." for c in criteria}
    saved = visitor.post_form(f"{base}/proposal/", {"price": "5000", "submit": "", **answers})
    statuses.append(saved.status_code)
    statuses.append(
        visitor.post_form(f"{base}/proposal/submit/", {"declaration": "on"}).status_code
    )
    return statuses


def test_redis_outage_during_submissions(web_env, processes, redis_port):
    env = {**web_env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
    redis = processes.redis(redis_port)
    port = free_port()
    processes.web(env, port)
    base_url = f"http://127.0.0.1:{port}"
    opportunity = published()
    criteria = list(opportunity.criteria.filter(is_price=False))
    visitors = [Visitor(base_url, make_vendor().members.get().user) for _ in range(VENDORS)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        before = list(
            pool.map(lambda i: submit(visitors[i], opportunity, criteria, i), range(VENDORS // 2))
        )
        redis.kill()  # the broker and the cache disappear mid-flight
        redis.wait()
        after = list(
            pool.map(
                lambda i: submit(visitors[i], opportunity, criteria, i),
                range(VENDORS // 2, VENDORS),
            )
        )
    statuses = [status for row in before + after for status in row]
    assert all(status in (200, 302) for status in statuses), statuses
    assert ProposalReceipt.objects.filter(proposal__opportunity=opportunity).count() == VENDORS
    assert Question.objects.filter(opportunity=opportunity).count() == VENDORS
    waiting = OutboundMessage.objects.exclude(status=OutboundMessage.Status.SENT).count()
    assert waiting > 0  # written during the outage, not lost

    # Sent already: the buyer's role email, delivered in this test process (no broker here).
    sent_before = OutboundMessage.objects.filter(status=OutboundMessage.Status.SENT).count()

    # Redis and a worker come back: everything is delivered, once.
    processes.redis(redis_port)
    processes.celery_worker(env, beat=True)
    wait_for(
        lambda: not OutboundMessage.objects.exclude(status=OutboundMessage.Status.SENT).exists(),
        timeout=90,
    )
    # The file backend may append several messages to one file: count their headers.
    sent = sum(
        path.read_text().count("\nMessage-ID: ") for path in Path(env["EMAIL_FILE_PATH"]).iterdir()
    )
    assert sent == OutboundMessage.objects.count() - sent_before
    receipts = OutboundMessage.objects.filter(template="emails/proposal_receipt")
    assert receipts.count() == VENDORS
    assert len({m.recipient_id for m in receipts}) == VENDORS  # one per vendor
