import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    # Tests run tasks in-process, keep files on disk and mail in memory: reported, not errors.
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "eager",
        "storage": "local",
        "mail": "locmem",
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_the_broker_is_unreachable(client, settings):
    from procurement_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["broker"] == "error"


def test_healthz_fails_when_the_mail_server_is_unreachable(client, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["mail"] == "error"
