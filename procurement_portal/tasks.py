"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task

from .services.outbox import outbox_deliver, outbox_deliver_failed, outbox_requeue


@shared_task(acks_late=True, soft_time_limit=30, time_limit=45)
def outbox_deliver_task(message_id: int) -> bool:
    # One owner of retries: a failure is recorded with its backoff on the row, and the beat
    # task queues the message again when it is due (no Celery retry racing with it).
    try:
        return outbox_deliver(message_id=message_id)
    except Exception as error:
        outbox_deliver_failed(message_id=message_id, error=error)
        return False


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def outbox_requeue_task() -> int:
    return outbox_requeue()
