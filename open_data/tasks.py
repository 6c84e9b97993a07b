from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def dashboard_refresh_task() -> int:
    """Recompute the dashboard for every department and period (beat, every 15 minutes)."""
    from .dashboard import refresh_all

    return refresh_all()
