"""Production mode: refuses a missing secret, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3y-" + "x7Qp9vLm2Rt8Zw4Nc6Hb1Jd5Fg0Sa3Ye" * 2
MFA_KEY = "0Gq1ifGmWq3tCC1lZ3OEvKcKAdhwLBpeH4-Gth_xkNQ="  # a Fernet key for these runs only


def manage(*args, **env):
    drop = {"SECRET_KEY", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="portal.example.gc.ca")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY="django-insecure-development-only-key-do-not-use-in-production",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_run_without_a_broker():
    result = manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="portal.example.gc.ca",
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_demo_data_is_refused_in_production():
    result = manage(
        "seed_demo",
        DJANGO_ENV="production",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="portal.example.gc.ca",
        REDIS_URL="redis://127.0.0.1:6379/0",
        MFA_ENCRYPTION_KEYS=MFA_KEY,
    )
    assert result.returncode != 0
    assert "never runs" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="portal.example.gc.ca",
        REDIS_URL="redis://127.0.0.1:6379/0",
        MFA_ENCRYPTION_KEYS=MFA_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_are_safe_to_run_without_any_environment():
    result = manage("check")
    assert result.returncode == 0, result.stderr


def _setting(expression: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "procurement_portal.settings", **env},
    ).stdout.strip()


def test_files_go_to_s3_compatible_storage_when_a_bucket_is_configured():
    assert _setting('settings.STORAGES["default"]["BACKEND"]') == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert (
        _setting('settings.STORAGES["default"]["BACKEND"]', AWS_STORAGE_BUCKET_NAME="portal")
        == "storages.backends.s3.S3Storage"
    )


def test_redis_carries_cache_sessions_and_tasks_when_configured():
    assert _setting("settings.CELERY_TASK_ALWAYS_EAGER") == "True"
    configured = _setting(
        "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
        "settings.CELERY_TASK_ALWAYS_EAGER",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert configured == (
        "procurement_portal.cache.ResilientRedisCache "
        "django.contrib.sessions.backends.cached_db False"
    )
