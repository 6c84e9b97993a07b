"""make production-check: the production shape, run on this machine.

DJANGO_ENV=production with the real settings and manifest static files (collectstatic), two
gunicorn replicas behind a pretend reverse proxy, a Celery worker and a separate beat,
PostgreSQL, a throwaway Redis, an S3-compatible object store (moto in server mode) and an SMTP
catcher (aiosmtpd). A short journey crosses the replicas: evidence and a proposal document go
up through one and come down through the other, the worker renders a contract PDF into the
bucket, a notification arrives over SMTP with its text and HTML parts. Nothing lands on local
disk, the proxy headers are honoured as TRUSTED_PROXY_COUNT says, /healthz reports each part.

The commands and variables come from docker-compose.yml and the Dockerfile, so the stack a
department runs with `docker compose up` is the one tested here.
"""

import json
import re
import shlex
import sys
import time
from decimal import Decimal
from email import message_from_bytes
from pathlib import Path

import pytest
import requests
import yaml
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import attest_no_conflict
from opportunities.models import Proposal
from opportunities.services.lifecycle import opportunity_close
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from payments.models import Contract
from procurement_portal.models import AuditEntry, Role
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.integration.conftest import (  # noqa: F401 - fixtures
    ROOT,
    free_port,
    process_env,
    processes,
    run_django,
    wait_for,
)
from tests.opportunities.factories import past_deadline, published
from tests.vendors.factories import PDF, make_vendor
from vendors.models import CertificationType, EvidenceFile

pytestmark = [pytest.mark.integration, pytest.mark.production]

HOST = "portal.test"  # the name the reverse proxy serves
SECRET_KEY = "production-check-secret-key-not-used-anywhere-else-0123456789"  # noqa: S105
CLIENT_IP, SPOOFED_IP = "203.0.113.7", "198.51.100.66"
BUCKET = "portal"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATIC = re.compile(r'/static/[^"\']+\.[0-9a-f]{12}\.css')
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
# Variables only this check sets: where files would go on local disk (it must stay empty),
# log verbosity, and a faster beat so the check does not wait a minute.
CHECK_ONLY = {
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "LOG_LEVEL",
    "PYTHONUNBUFFERED",
    "PORTAL_OUTBOX_REQUEUE_INTERVAL",
}


def compose_command(service: str, **replace: str) -> list[str]:
    """A service's command from docker-compose.yml, run with this virtualenv's Python."""
    words = shlex.split(COMPOSE["services"][service]["command"])
    words = [replace.get(word, word) for word in words]
    return [sys.executable, "-m", *words]


def web_command(port: int, control: Path | None = None) -> list[str]:
    """The image's CMD (what each compose web replica runs), bound to a loopback port. Two
    replicas on one machine (not one per container) each need their own control socket."""
    line = next(line for line in (ROOT / "Dockerfile").read_text().split("\nCMD ")[1:])
    words = json.loads(line.replace("\\\n", " ").split("\n")[0])
    words = [f"127.0.0.1:{port}" if w == "0.0.0.0:8000" else w for w in words]
    if control:
        words += ["--control-socket", str(control)]
    return [sys.executable, "-m", *words]


class Inbox:
    """aiosmtpd handler: keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"


class Visitor:
    """A signed-in person behind the reverse proxy: every request carries the proxy's headers
    (Host, X-Forwarded-Proto, X-Forwarded-For) and goes to whichever replica we choose.
    Cookies are kept by hand: the portal marks them Secure, and the hop from the proxy to the
    replica is plain HTTP."""

    def __init__(self, user):
        client = Client()
        client.force_login(user)  # a session row every replica reads from the database
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

    def request(self, method: str, port: int, path: str, *, https=True, **kwargs):
        headers = {
            "Host": HOST,
            "X-Forwarded-For": f"{SPOOFED_IP}, {CLIENT_IP}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **kwargs.pop("headers", {}),
        }
        if https:
            headers["X-Forwarded-Proto"] = "https"
        response = requests.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self.cookies.update(response.cookies.items())
        return response

    def get(self, port: int, path: str, **kwargs):
        return self.request("GET", port, path, **kwargs)

    def post_form(self, port: int, path: str, data: dict, *, form_page: str, files=None):
        page = self.get(port, form_page)
        assert page.status_code == 200, (form_page, page.status_code)
        token = CSRF.search(page.text)[1]
        return self.request(
            "POST",
            port,
            path,
            data={"csrfmiddlewaretoken": token, **data},
            files=files,
            headers={"Referer": f"https://{HOST}{form_page}"},
        )


def test_docker_compose_is_in_step():
    """The check configures nothing compose does not, and runs compose's commands."""
    compose_env = set(COMPOSE["x-portal"]["environment"])
    check_env = set(
        production_environment(
            {"DATABASE_URL": "postgres://"},
            s3=0,
            redis=0,
            smtp=0,
            media=Path("/x"),
            static=Path("/y"),
        )
    )
    check_env -= CHECK_ONLY
    assert check_env - compose_env == set()
    # And everything compose gives the portal, the check gives it too, except the plain-HTTP
    # switch: the check keeps HTTPS redirects on, behind its pretend TLS proxy.
    assert compose_env - check_env == {"SECURE_SSL_REDIRECT"}
    assert {"web", "worker", "beat", "db", "redis", "minio", "mailpit"} <= set(COMPOSE["services"])
    assert compose_command("worker")[2:5] == ["celery", "-A", "procurement_portal"]
    assert "beat" in compose_command("beat")
    assert "gunicorn" in web_command(8000) and "127.0.0.1:8000" in web_command(8000)


def production_environment(
    base: dict, *, s3: int, redis: int, smtp: int, media: Path, static: Path
) -> dict:
    env = {
        k: v
        for k, v in base.items()
        if k
        not in {
            "EMAIL_BACKEND",
            "EMAIL_FILE_PATH",
            "CELERY_TASK_ALWAYS_EAGER",
            "DEBUG",
            # set by tests/conftest.py for Playwright; never in production
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return {
        **env,
        "DJANGO_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        # The keys this test process encrypts two-factor secrets with, so every process
        # reads the authenticators the test creates.
        "MFA_ENCRYPTION_KEYS": ",".join(django_settings.PORTAL_MFA_KEYS),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "PORTAL_BASE_URL": f"https://{HOST}",
        "REDIS_URL": f"redis://127.0.0.1:{redis}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis}/1",
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "portal",
        "AWS_SECRET_ACCESS_KEY": "portal-secret",
        "GOVERNMENT_EMAIL_DOMAINS": "gc.ca,canada.ca",
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(static),
        "LOG_LEVEL": "INFO",
        "PORTAL_OUTBOX_REQUEUE_INTERVAL": "2",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def _answers(port: int) -> bool:
    """A replica answers /healthz, whatever it says (its first request loads everything)."""
    try:
        return (
            requests.get(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": HOST}, timeout=30
            ).status_code
            > 0
        )
    except requests.RequestException:
        return False


def _s3_up(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/", timeout=1).status_code < 500
    except requests.RequestException:
        return False


def test_the_production_shape(  # noqa: F811
    process_env,  # noqa: F811
    processes,  # noqa: F811
    tmp_path,
    smtp,
    settings,
    monkeypatch,
    department,
):
    started = time.monotonic()
    smtp_port, inbox = smtp
    s3_port, redis_port = free_port(), free_port()
    media, static = tmp_path / "media", tmp_path / "static"
    media.mkdir()
    env = production_environment(
        process_env, s3=s3_port, redis=redis_port, smtp=smtp_port, media=media, static=static
    )

    # The services: object store, Redis, then the portal's processes.
    processes.start(
        "s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)], env
    )
    processes.redis(redis_port)
    wait_for(lambda: _s3_up(s3_port), timeout=30)
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="portal",
        aws_secret_access_key="portal-secret",
    )
    s3.create_bucket(Bucket=BUCKET)
    deploy = run_django(
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
        "call_command('collectstatic', interactive=False, verbosity=0)",
        env,
        timeout=240,
    )
    assert deploy.returncode == 0, deploy.stderr[-3000:]
    assert (static / "staticfiles.json").exists()  # the manifest
    replicas = [free_port(), free_port()]
    for port in replicas:
        processes.start(f"web-{port}", web_command(port, tmp_path / f"gunicorn-{port}.ctl"), env)
    processes.start("worker", compose_command("worker"), env)
    processes.start(
        "beat",
        compose_command("beat", **{"/tmp/celerybeat-schedule": str(tmp_path / "beat-schedule")}),  # noqa: S108
        env,
    )
    for port in replicas:
        wait_for(lambda port=port: _answers(port), timeout=90, interval=1)
    one, other = replicas

    # This test process prepares data through the services, as a third web process would:
    # same secret key (sessions), same bucket, nothing on disk.
    settings.SECRET_KEY = SECRET_KEY
    settings.MEDIA_ROOT = media
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, env[name])
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": env["AWS_S3_ENDPOINT_URL"],
                "region_name": "us-east-1",
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }

    # /healthz on each replica: every part answers.
    for port in replicas:
        health = requests.get(
            f"http://127.0.0.1:{port}/healthz", timeout=10, headers={"Host": HOST}
        )
        assert health.status_code == 200, health.text
        assert health.json()["checks"] == {
            "database": "ok",
            "cache": "ok",
            "broker": "ok",
            "storage": "ok",
            "mail": "ok",
        }

    # The proxy's headers: plain HTTP is sent to HTTPS; through the proxy, HSTS and the
    # manifest's hashed static files, served by the replica itself, cached for good.
    anonymous = Visitor.__new__(Visitor)
    anonymous.cookies = {}
    assert anonymous.get(one, "/en/", https=False).status_code == 301
    home = anonymous.get(one, "/en/")
    assert (
        home.status_code == 200 and "max-age=31536000" in home.headers["Strict-Transport-Security"]
    )
    stylesheet = STATIC.search(home.text)[0]
    css = anonymous.get(other, stylesheet)
    assert css.status_code == 200 and "immutable" in css.headers["Cache-Control"]

    # 1. Evidence: up through one replica, down through the other (by the verifying officer).
    vendor = make_vendor()
    owner = vendor.members.get().user
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    as_owner, as_officer = Visitor(owner), Visitor(officer)
    response = as_owner.post_form(
        one,
        reverse("certification_add"),
        form_page=reverse("certification_add"),
        data={
            "kind": CertificationType.objects.get(slug="b-corp").pk,
            "number": "BC-1",
            "issued_on": timezone.localdate().isoformat(),
        },
        files={"file": ("certificate.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302, response.text[:2000]
    evidence = EvidenceFile.objects.get(vendor=vendor)
    download = as_officer.get(other, reverse("evidence_download", kwargs={"pk": evidence.pk}))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    s3.head_object(Bucket=BUCKET, Key=evidence.file.name)

    # 2. A proposal document: attached through one replica, read by an evaluator through the
    # other once bids are closed and the evaluation is open.
    opportunity = published()
    evaluators = [make_user(Role.EVALUATOR, department=opportunity.department) for _ in range(2)]
    for index, user in enumerate(evaluators):
        panel_add(opportunity=opportunity, actor=opportunity.owner, user=user, is_chair=index == 0)
    edit_page = reverse("proposal_edit", kwargs={"pk": opportunity.pk})
    response = as_owner.post_form(
        one,
        reverse("proposal_attach", kwargs={"pk": opportunity.pk}),
        form_page=edit_page,
        data={},
        files={"file": ("plan.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(opportunity=opportunity, vendor=vendor)
    attachment = proposal.attachments.get()
    s3.head_object(Bucket=BUCKET, Key=attachment.file.name)
    proposal_save(
        proposal=proposal_start(opportunity=opportunity, actor=owner),
        actor=owner,
        price=Decimal("5000.00"),
        answers={c.pk: "Our plan." for c in opportunity.criteria.filter(is_price=False)},
    )
    proposal_submit(proposal=proposal, actor=owner)
    past_deadline(opportunity)
    opportunity_close(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)
    member = opportunity.panel.get(user=evaluators[1])
    attest_no_conflict(member=member, actor=evaluators[1])
    proposal.refresh_from_db()
    document = Visitor(evaluators[1]).get(
        other,
        reverse(
            "evaluation_document",
            kwargs={"pk": opportunity.pk, "label": proposal.pseudonym.label, "number": 1},
        ),
    )
    assert document.status_code == 200 and document.content.startswith(b"%PDF")

    # 3. The worker renders a contract PDF into the bucket; the winner reads it on a replica.
    awarded_opportunity, _buyer, _decision, owners = awarded(department)
    contract = Contract.objects.get(opportunity=awarded_opportunity)
    Contract.objects.filter(pk=contract.pk).update(pdf="", pdf_sha256="")
    queued = run_django(
        f"from payments.tasks import contract_pdf_task\ncontract_pdf_task.delay({contract.pk})", env
    )
    assert queued.returncode == 0, queued.stderr[-2000:]
    wait_for(lambda: Contract.objects.get(pk=contract.pk).pdf_sha256, timeout=90)
    contract.refresh_from_db()
    stored = s3.get_object(Bucket=BUCKET, Key=contract.pdf.name)["Body"].read()
    assert stored.startswith(b"%PDF") and "contract_pdf_task" in processes.log("worker")
    pdf = Visitor(owners[0]).get(one, reverse("contract_pdf", kwargs={"pk": contract.pk}))
    assert pdf.status_code == 200 and pdf.content == stored

    # 4. A notification over SMTP, text and HTML: an officer grants a role on one replica;
    # the worker sends the email. The audit log has the client's address as the one trusted
    # proxy saw it, not the address the client claimed before it.
    newcomer = make_user(None, email="new.buyer@example.gc.ca")
    response = as_officer.post_form(
        other,
        reverse("role_list"),
        form_page=reverse("role_list"),
        data={"email": newcomer.email, "role": Role.BUYER, "department": department.pk},
    )
    assert response.status_code == 302, response.text[:2000]
    wait_for(lambda: any(m["To"] == newcomer.email for m in inbox.messages), timeout=60)
    message = next(m for m in inbox.messages if m["To"] == newcomer.email)
    assert message.is_multipart()
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html"} <= set(parts)
    assert "<html" in parts["text/html"].get_payload(decode=True).decode()
    grant = AuditEntry.objects.get(
        action="role.grant", object_id=str(newcomer.pk), to_state=Role.BUYER
    )
    assert grant.ip_address == CLIENT_IP

    # The beat process runs on its own and the worker runs what it queues.
    wait_for(lambda: "outbox_requeue_task" in processes.log("worker"), timeout=30)
    assert "beat" in processes.log("beat").lower()

    # Nothing written to local disk: every file is in the bucket.
    assert [p for p in media.rglob("*") if p.is_file()] == []
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert evidence.file.name in keys and contract.pdf.name in keys
    assert time.monotonic() - started < 300
