from celery import shared_task

from .services.fanout import digest_send, fanout_batch, fanout_catch_up, fanout_start
from .services.lifecycle import opportunities_close_due


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def opportunities_close_due_task() -> int:
    return opportunities_close_due()


@shared_task(
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    max_retries=3,
    autoretry_for=(OSError,),
    retry_backoff=True,
)
def receipt_pdf_task(receipt_id: int) -> None:
    from .services.proposals import receipt_pdf_render

    receipt_pdf_render(receipt_id)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def receipts_catch_up_task() -> int:
    """Queue the receipt PDFs whose task never ran (the broker was down when they were due)."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import ProposalReceipt

    before = timezone.now() - timedelta(minutes=2)
    missing = list(
        ProposalReceipt.objects.filter(pdf="", submitted_at__lt=before).values_list(
            "pk", flat=True
        )[:1000]
    )
    for receipt_id in missing:
        receipt_pdf_task.delay(receipt_id)
    return len(missing)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def fanout_start_task(opportunity_id: int) -> int:
    return fanout_start(opportunity_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def fanout_batch_task(opportunity_id: int, user_ids: list[int]) -> int:
    return fanout_batch(opportunity_id, user_ids)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def fanout_catch_up_task() -> int:
    return fanout_catch_up()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def digest_task() -> int:
    return digest_send()
