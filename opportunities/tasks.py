from celery import shared_task

from .services.lifecycle import opportunities_close_due


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def opportunities_close_due_task() -> int:
    return opportunities_close_due()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def receipt_pdf_task(receipt_id: int) -> None:
    from .services.proposals import receipt_pdf_render

    receipt_pdf_render(receipt_id)
