"""The one way to hand work to Celery from a service.

Work is queued only after the transaction that asked for it commits (a rolled-back award must
not render a contract), and a broker that refuses is logged, not raised: the request that
caused the work has already succeeded, and every kind of queued work has a beat catch-up that
finds what was left (outbox_requeue, fanout_catch_up, documents_catch_up)."""

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger("procurement_portal.queueing")


def enqueue(task: Any, *args: Any) -> bool:
    """Queue `task` now; True when the broker took it."""
    if task.app.conf.task_always_eager:
        task.delay(*args)  # in-process (demo, tests): let errors show
        return True
    try:
        task.delay(*args)
    except Exception:  # kombu raises several types when the broker is unreachable
        logger.warning("Could not queue %s%r; its catch-up task will", task.name, args)
        return False
    return True


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Queue `task` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args), robust=True)
