import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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


def run_checks() -> tuple[dict[str, str], bool]:
    checks = {}
    for name, check in CHECKS:
        try:
            checks[name] = check()
        except Exception as error:
            logger.warning("healthz: %s unreachable: %s", name, error)
            checks[name] = "error"
    healthy = all(value == "ok" or value in NOT_CONFIGURED for value in checks.values())
    return checks, healthy


@never_cache
def healthz(request):
    """Liveness and readiness for load balancers: JSON, 200 when every dependency answers."""
    checks, healthy = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


# What each part does for people, and how its answer reads (the footer's "Service status").
PARTS = {
    "database": gettext_lazy("Records (opportunities, proposals, contracts)"),
    "cache": gettext_lazy("Sessions and quick pages"),
    "broker": gettext_lazy("Emails and documents queued in the background"),
    "storage": gettext_lazy("Uploaded files and PDFs"),
    "mail": gettext_lazy("Sending emails"),
}


@never_cache
def service_status(request):
    """The same checks as /healthz, for people: a page in their language (503 when down)."""
    checks, healthy = run_checks()
    rows = [
        (
            PARTS[name],
            _("Working")
            if value == "ok"
            else _("Not used here (development setup)")
            if value in NOT_CONFIGURED
            else _("Not working"),
            value == "error",
        )
        for name, value in checks.items()
    ]
    return render(
        request,
        "procurement_portal/service_status.html",
        {"rows": rows, "healthy": healthy},
        status=200 if healthy else 503,
    )
