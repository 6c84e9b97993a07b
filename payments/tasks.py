import logging

from celery import shared_task

from procurement_portal.exceptions import TransitionNotAllowed

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    max_retries=3,
    autoretry_for=(OSError,),
    retry_backoff=True,
)
def contract_pdf_task(contract_id: int) -> None:
    from .services.contracts import contract_render

    try:
        contract_render(contract_id)
    except TransitionNotAllowed:
        # A late duplicate after the vendor accepted: the accepted file stays as it is.
        logger.info("contract %s is accepted; not re-rendered", contract_id)


@shared_task(
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    max_retries=3,
    autoretry_for=(OSError,),
    retry_backoff=True,
)
def payment_receipt_pdf_task(payment_id: int) -> None:
    from .services.payments import payment_receipt_render

    payment_receipt_render(payment_id)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def documents_catch_up_task() -> int:
    """Queue the PDFs whose task never ran (the broker was down when they were due)."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import Contract, Payment
    from .models.contracts import ContractStatus

    before = timezone.now() - timedelta(minutes=2)
    contracts = list(
        Contract.objects.filter(status=ContractStatus.PREPARING, created_at__lt=before).values_list(
            "pk", flat=True
        )
    )
    payments = list(
        Payment.objects.filter(receipt_pdf="", recorded_at__lt=before).values_list("pk", flat=True)
    )
    for contract_id in contracts:
        contract_pdf_task.delay(contract_id)
    for payment_id in payments:
        payment_receipt_pdf_task.delay(payment_id)
    return len(contracts) + len(payments)  # what was queued (counted before it ran)
