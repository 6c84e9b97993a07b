from celery import shared_task

from .services.certifications import expiry_reminders_send


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def expiry_reminders_task() -> int:
    return expiry_reminders_send()
