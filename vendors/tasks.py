from celery import shared_task

from .services.certifications import expiry_reminders_send
from .services.fanout import digest_send, fanout_batch, fanout_catch_up, fanout_start


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


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def expiry_reminders_task() -> int:
    return expiry_reminders_send()
