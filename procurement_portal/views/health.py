import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _cache() -> str:
    cache.set("healthz", "ok", 10)
    return "ok" if cache.get("healthz") == "ok" else "error"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from procurement_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def _storage() -> str:
    """Object storage answers for our bucket ("local": files on this machine's disk)."""
    from django.core.files.storage import default_storage

    bucket = getattr(default_storage, "bucket", None)  # S3Storage only
    if bucket is None:
        return "local"
    bucket.meta.client.head_bucket(Bucket=bucket.name)
    return "ok"


def _mail() -> str:
    """The SMTP server greets us ("console" and the like: no mail server configured)."""
    import smtplib

    mailer: dict[str, Any] = settings.MAILERS["default"]
    if not mailer["BACKEND"].endswith("smtp.EmailBackend"):
        return mailer["BACKEND"].rsplit(".", 2)[-2]
    options = mailer.get("OPTIONS", {})
    with smtplib.SMTP(
        options.get("host", "localhost"), options.get("port", 25), timeout=2
    ) as server:
        code, _message = server.noop()
    return "ok" if code == 250 else "error"


CHECKS = (
    ("database", _database),
    ("cache", _cache),
    ("broker", _broker),
    ("storage", _storage),
    ("mail", _mail),
)
# What a check may answer besides "ok" without the portal being unhealthy: a development
# setup with tasks in-process, files on disk or mail on the console.
NOT_CONFIGURED = {"eager", "local", "console", "locmem", "filebased", "dummy"}


@never_cache
def healthz(request):
    """Liveness and readiness for load balancers: JSON, 200 when every dependency answers."""
    checks = {}
    for name, check in CHECKS:
        try:
            checks[name] = check()
        except Exception as error:
            logger.warning("healthz: %s unreachable: %s", name, error)
            checks[name] = "error"
    healthy = all(value == "ok" or value in NOT_CONFIGURED for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
