"""Drill: the broker delivers the same task message several times (it may, after a
network hiccup or a redelivery). Every task is idempotent: one email per recipient, one
PDF per document."""

from django.utils import timezone

from payments.models import Contract, Payment
from procurement_portal.models import Category, OutboundMessage, Role, User
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.integration.conftest import run_django, wait_for
from tests.opportunities.factories import ready_draft
from tests.payments.factories import card_for, quick_request
from vendors.models import Subscription

from .test_worker_killed import _messages

TIMES = 3
SEND = """
from payments.tasks import contract_pdf_task, payment_receipt_pdf_task
from procurement_portal.tasks import outbox_deliver_task
from opportunities.tasks import fanout_start_task
for _ in range(%(times)d):
    fanout_start_task.delay(%(opportunity)d)
    contract_pdf_task.delay(%(contract)d)
    payment_receipt_pdf_task.delay(%(payment)d)
    outbox_deliver_task.delay(%(message)d)
"""


def test_duplicate_task_messages_are_harmless(
    web_env, processes, redis_port, department, settings, tmp_path
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    env = {**web_env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "MEDIA_ROOT": str(media)}
    processes.redis(redis_port)
    category = Category.objects.get(slug="digital-accessibility")
    users = User.objects.bulk_create([User(email=f"dup{n}@drill.example.com") for n in range(40)])
    for user in users:
        Subscription.objects.create(user=user).categories.add(category)
    opportunity = ready_draft(category=category)
    type(opportunity).objects.filter(pk=opportunity.pk).update(
        status="published", published_at=timezone.now()
    )
    contract_opportunity, *_ = awarded(department)
    contract = Contract.objects.get(opportunity=contract_opportunity)
    Contract.objects.filter(pk=contract.pk).update(pdf="", pdf_sha256="")
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, _buyer = quick_request(department)
    from payments.services.payments import payment_approve

    payment = payment_approve(
        request=request,
        actor=holder,
        card=card_for(department, holder),
        amount=request.amount,
        paid_on=timezone.localdate(),
        authorization_code="DUP1",
    )
    Payment.objects.filter(pk=payment.pk).update(receipt_pdf="")
    for path in media.rglob("*.pdf"):
        path.unlink()
    message = OutboundMessage.objects.create(
        to_email="single@drill.example.com",
        template="emails/role_granted",
        context={"role": "evaluator", "department_en": "Drill"},
        language="en",
    )

    processes.celery_worker(env)
    result = run_django(
        SEND
        % {
            "times": TIMES,
            "opportunity": opportunity.pk,
            "contract": contract.pk,
            "payment": payment.pk,
            "message": message.pk,
        },
        env,
    )
    assert result.returncode == 0, result.stderr
    fanout = OutboundMessage.objects.filter(
        dedupe_key__startswith=f"opportunity-new:{opportunity.pk}:"
    )
    wait_for(
        lambda: (
            fanout.count() == 40
            and not fanout.exclude(status="sent").exists()
            and Contract.objects.get(pk=contract.pk).pdf
            and Payment.objects.get(pk=payment.pk).receipt_pdf
            and OutboundMessage.objects.get(pk=message.pk).status == "sent"
        ),
        timeout=90,
    )
    wait_for(lambda: processes.log("worker").count("succeeded") >= 4 * TIMES, timeout=60)
    emails = [to for to, _mid in _messages(env)]
    assert sorted(emails) == sorted({*(u.email for u in users), "single@drill.example.com"})
    assert len(list(media.rglob("contracts/*.pdf"))) == 1
    assert len(list(media.rglob("payment-receipts/*.pdf"))) == 1
