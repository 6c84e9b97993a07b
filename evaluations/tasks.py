from celery import shared_task

from .services.opening import evaluations_open_due


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def evaluations_open_due_task() -> int:
    return evaluations_open_due()
