"""Settings for the micro-procurement portal.

One file, read from environment variables. The defaults are a safe development setup
(SQLite, eager Celery tasks, console mail). DJANGO_ENV=production switches on secure defaults
and refuses to start without a real SECRET_KEY.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

_DEV_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs a real SECRET_KEY (at least 50 random characters)."
    )

# The demo is shown to people: our own error pages, never Django's technical 404 listing
# every URL (scripts/demo.sh serves the static files with `runserver --insecure`).
DEBUG = env_bool("DEBUG", default=not PRODUCTION and not env_bool("DEMO_MODE", default=False))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The demo mode seeds fictitious data and shows a banner on every page.
DEMO_MODE = env_bool("DEMO_MODE", default=False)
# What `make demo` keeps besides its database: the mailbox, the broker's folder, the cache.
DEMO_DIR = Path(os.environ.get("PORTAL_DEMO_DIR", BASE_DIR / ".demo"))
# The demo seeds one opportunity that closes this many minutes after seeding.
PORTAL_DEMO_CLOSES_IN_MINUTES = int(os.environ.get("PORTAL_DEMO_CLOSES_IN_MINUTES", "5"))

INSTALLED_APPS = [
    "procurement_portal",
    "opportunities",
    "vendors",
    "evaluations",
    "payments",
    "open_data",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "import_export",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads the body (CSRF reads the form in process_view, which comes after
    # every middleware's request step): oversized uploads get a 413; after authentication, so
    # the page still shows who is signed in.
    "procurement_portal.middleware.RequestBodyLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "procurement_portal.middleware.RequestContextMiddleware",
    "procurement_portal.middleware.RequireMFAForGovernmentRolesMiddleware",
    # Last, so it sees the signed-in user and the view: anonymous public pages from the cache.
    "procurement_portal.page_cache.PublicPageCacheMiddleware",
]

if PRODUCTION:
    # gunicorn serves the collected static files itself (compressed, cached forever).
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

# Covering indexes (INCLUDE) are PostgreSQL's; SQLite, the demo's database, builds the same
# indexes without the included columns, which is all the warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

ROOT_URLCONF = "procurement_portal.urls"
WSGI_APPLICATION = "procurement_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "procurement_portal.context_processors.portal",
            ],
        },
    },
]
# Every Django form (ours and allauth's) renders through the one accessible include.
FORM_RENDERER = "procurement_portal.forms.AccessibleFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo database, shared by the demo's web server and its Celery worker: a transaction
    # takes the write lock when it begins and others wait for it (up to 20 s), as row locks
    # make them wait on PostgreSQL. Deferred transactions would both read, then one fail with
    # "database is locked" when it writes. WAL lets readers read while one process writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytic queries, but a page's queries take
    # milliseconds and the planner's cost estimates (a list's ORDER BY ... LIMIT, the badge
    # subqueries) start it anyway: 360 ms of JIT on a 10 ms directory page (docs/benchmarks.md).
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "procurement_portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- django-allauth -------------------------------------------------------------------------
ACCOUNT_ADAPTER = "procurement_portal.adapters.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Adds the required full name (identity warnings compare proposals with members' names).
ACCOUNT_SIGNUP_FORM_CLASS = "procurement_portal.forms.SignupNameForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
LOGIN_REDIRECT_URL = "account_dashboard"
LOGIN_URL = "account_login"
# Sign-in is rate-limited per IP and per account (allauth counts in the cache).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Behind N reverse proxies, the client's IP is the Nth from the right in X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and recovery seeds are encrypted at rest (procurement_portal/mfa.py). Keys are
# Fernet keys, comma-separated, newest first; development derives one from SECRET_KEY.
MFA_ADAPTER = "procurement_portal.mfa.PortalMFAAdapter"
PORTAL_MFA_KEYS = env_list("MFA_ENCRYPTION_KEYS")
if not PORTAL_MFA_KEYS and not PRODUCTION:
    # Development and tests only: a key derived from SECRET_KEY (production refuses below).
    PORTAL_MFA_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(b"procurement-portal mfa secrets\x00" + SECRET_KEY.encode()).digest()
        ).decode()
    ]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Micro-procurement portal")

# Government roles may only be granted to addresses in these domains (and their subdomains).
GOVERNMENT_EMAIL_DOMAINS = env_list("GOVERNMENT_EMAIL_DOMAINS", "gc.ca,canada.ca")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# Our catalogue first, then our corrections of django-allauth's text (locale/overrides/),
# both ahead of the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
FORMAT_MODULE_PATH = ["procurement_portal.formats"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Files go through the storage API: a local folder by default, S3-compatible object storage
# when a bucket is configured, so every web and worker process on every machine shares them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads them).
    _s3_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _s3_endpoint,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # S3-compatible stores on a plain host name (MinIO, moto) need path-style URLs.
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE")
            or ("path" if _s3_endpoint else None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# --- Cache, sessions, Celery ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "procurement_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is down: the database answers instead.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    # Redis first, the database behind it: an evicted key does not sign anyone out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEMO_MODE:
    # The demo's web server and worker share the cache through files, so the dashboard the
    # worker's beat refreshes is the one the web server shows.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DEMO_DIR / "cache"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous public pages are kept until the next public change, and at most this long
# (procurement_portal/page_cache.py); 0 turns the page cache off.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
# No broker configured: run tasks in-process (development, demo, most tests).
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
if PRODUCTION and (CELERY_TASK_ALWAYS_EAGER or not CELERY_BROKER_URL or not REDIS_URL):
    # Without a broker there is no worker, no beat (outbox re-queue, closing at the deadline)
    # and rate limits would be counted per process: refuse rather than run half a portal.
    raise ImproperlyConfigured("DJANGO_ENV=production needs REDIS_URL (and no eager tasks).")
if PRODUCTION and not PORTAL_MFA_KEYS:
    # Encrypted two-factor secrets need a key that is not derived from anything in the code.
    raise ImproperlyConfigured(
        'DJANGO_ENV=production needs MFA_ENCRYPTION_KEYS (a Fernet key: python -c "from '
        'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
    )
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
# Keep the JSON log handler in workers and beat.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, so a worker killed mid-task loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must fail fast when the broker is down: the outbox row is already stored and
# the beat task re-queues it later, so a request never hangs on a dead broker.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# A task whose worker died (acks_late: not acknowledged) is delivered again after the
# visibility timeout. It must exceed the longest task time limit (660 s, the digest).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": int(os.environ.get("PORTAL_BROKER_VISIBILITY_TIMEOUT", "900")),
    # Look for such abandoned tasks every 10 s (kombu's default scans every 100 s).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport: an embedded broker in a folder, for the demo (no Redis).
    _broker_folder = os.environ.get("CELERY_BROKER_FOLDER", str(DEMO_DIR / "broker"))
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {  # type: ignore[no-redef]
        "data_folder_in": _broker_folder,
        "data_folder_out": _broker_folder,
        "control_folder": str(Path(_broker_folder) / "control"),
        "polling_interval": 1,
    }
CELERY_BEAT_SCHEDULE = {
    "evaluations-open-due": {
        "task": "evaluations.tasks.evaluations_open_due_task",
        "schedule": 60.0,
    },
    "opportunities-fanout-catch-up": {
        "task": "opportunities.tasks.fanout_catch_up_task",
        "schedule": 300.0,
    },
    "opportunities-daily-digest": {
        "task": "opportunities.tasks.digest_task",
        "schedule": crontab(hour=11, minute=0),  # 6 or 7 a.m. in Ottawa
    },
    "vendors-expiry-reminders": {
        "task": "vendors.tasks.expiry_reminders_task",
        "schedule": crontab(hour=12, minute=0),
    },
    "opportunities-close-due": {
        "task": "opportunities.tasks.opportunities_close_due_task",
        "schedule": 60.0,
    },
    "opportunities-receipts-catch-up": {
        "task": "opportunities.tasks.receipts_catch_up_task",
        "schedule": 300.0,
    },
    "payments-documents-catch-up": {
        "task": "payments.tasks.documents_catch_up_task",
        "schedule": 300.0,
    },
    "open-data-dashboard": {
        "task": "open_data.tasks.dashboard_refresh_task",
        "schedule": 900.0,
    },
    "outbox-requeue": {
        "task": "procurement_portal.tasks.outbox_requeue_task",
        "schedule": float(os.environ.get("PORTAL_OUTBOX_REQUEUE_INTERVAL", "60")),
    },
}
if DEMO_MODE:
    # A visitor watches deadlines pass: in the demo every periodic job runs at least this
    # often (the daily digest and reminders keep their time of day).
    _demo_beat = float(os.environ.get("PORTAL_DEMO_BEAT_SECONDS", "15"))
    for _entry in CELERY_BEAT_SCHEDULE.values():
        if isinstance(_entry["schedule"], float):
            _entry["schedule"] = min(_entry["schedule"], _demo_beat)

# --- Mail -----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@micro-procurement.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_MAIL_DOMAIN = DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1]
_mail_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    # The demo keeps each message as a file that its mailbox page lists (a quiet console).
    else "procurement_portal.demo_mail.DemoMailboxBackend"
    if DEMO_MODE
    else "django.core.mail.backends.console.EmailBackend",
)
_mail_options: dict = {}
if _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "timeout": 10,
    }
elif _mail_backend.endswith("DemoMailboxBackend"):
    _mail_options = {"folder": os.environ.get("PORTAL_DEMO_MAIL_DIR", str(DEMO_DIR / "mail"))}
elif _mail_backend.endswith("filebased.EmailBackend"):
    _mail_options = {"file_path": os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))}
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Strict CSP: only our own files. The GC Design System runtime injects one <style> element;
# it copies the nonce from <meta name="csp-nonce"> in base.html, so no 'unsafe-inline'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# --- Logging: one JSON object per line in production, readable text in development ----------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"request_id": {"()": "procurement_portal.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if PRODUCTION or env_bool("LOG_JSON") else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Spreadsheet exports neutralise cells a spreadsheet would run as a formula (see exports.py).
# django-import-export wants the classes themselves (dotted strings made every export a 500).
from import_export.formats.base_formats import CSV, XLSX  # noqa: E402

from procurement_portal.exports import SafeCSV, SafeXLSX  # noqa: E402

EXPORT_FORMATS = [SafeCSV, SafeXLSX]
IMPORT_FORMATS = [CSV, XLSX]
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# --- Portal rules ---------------------------------------------------------------------------
PORTAL_MAX_UPLOAD_BYTES = int(os.environ.get("PORTAL_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# A request carrying files is refused (413) before its body is read when it is larger than
# this: five documents (a delivery's most) and the form around them.
PORTAL_MAX_REQUEST_BYTES = int(
    os.environ.get("PORTAL_MAX_REQUEST_BYTES", str(5 * PORTAL_MAX_UPLOAD_BYTES + 1024 * 1024))
)
# Office files are zip archives: bounds on what one may unpack to.
PORTAL_MAX_UNPACKED_BYTES = int(os.environ.get("PORTAL_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
PORTAL_MAX_ARCHIVE_ENTRIES = int(os.environ.get("PORTAL_MAX_ARCHIVE_ENTRIES", "1000"))
# Publishing needs both languages (Official Languages Act); a department may relax it.
PORTAL_REQUIRE_BOTH_LANGUAGES = env_bool("PORTAL_REQUIRE_BOTH_LANGUAGES", default=True)
# Shortest time between publishing and closing, in business days (Monday to Friday).
PORTAL_MIN_POSTING_BUSINESS_DAYS = int(os.environ.get("PORTAL_MIN_POSTING_BUSINESS_DAYS", "5"))
# Questions close this many business days before the closing time, unless the buyer sets
# another deadline on the draft (the last answers must reach every bidder in time).
PORTAL_QUESTIONS_BUSINESS_DAYS = int(os.environ.get("PORTAL_QUESTIONS_BUSINESS_DAYS", "2"))
# Highest weight price may carry when it is scored rather than pass/fail.
PORTAL_PRICE_WEIGHT_CAP = int(os.environ.get("PORTAL_PRICE_WEIGHT_CAP", "20"))
# Open data: the OCID prefix registered with the Open Contracting Partnership (the default is
# a placeholder) and the publisher named in every OCDS package.
PORTAL_OCID_PREFIX = os.environ.get("PORTAL_OCID_PREFIX", "ocds-mpca01")
PORTAL_OCDS_PUBLISHER = os.environ.get(
    "PORTAL_OCDS_PUBLISHER", "Government of Canada micro-procurement portal"
)
# Proactive disclosure: the chart of accounts' economic object code per top-level category,
# as "goods=…,services=0499,digital=0499". 0499 is "Other professional services not elsewhere
# specified"; goods have no safe default: the department's finance sets theirs.
PORTAL_ECONOMIC_OBJECT_CODES = dict(
    item.split("=", 1)
    for item in env_list("PORTAL_ECONOMIC_OBJECT_CODES", "services=0499,digital=0499")
    if "=" in item
)
# Split-purchase detection: payments to one vendor by one department inside this many days
# are added up and compared with the micro-procurement threshold.
PORTAL_SPLIT_PURCHASE_WINDOW_DAYS = int(os.environ.get("PORTAL_SPLIT_PURCHASE_WINDOW_DAYS", "30"))
# Time evaluators have to submit their individual scores once evaluation opens.
PORTAL_EVALUATION_BUSINESS_DAYS = int(os.environ.get("PORTAL_EVALUATION_BUSINESS_DAYS", "5"))
PORTAL_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("PORTAL_OUTBOX_MAX_ATTEMPTS", "8"))
# How long a message may sit undelivered before the beat task queues it again.
PORTAL_OUTBOX_REQUEUE_AFTER_SECONDS = int(os.environ.get("PORTAL_OUTBOX_REQUEUE_AFTER", "60"))
SITE_NAME = _("Micro-procurement portal")
# Where people reach the portal: links in emails and documents start with this.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
