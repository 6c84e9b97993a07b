from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from procurement_portal.models import OutboundMessage, Role
from procurement_portal.services.outbox import notify, outbox_deliver, outbox_requeue
from procurement_portal.tasks import outbox_deliver_task
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _notify(user):
    with transaction.atomic():
        return notify(
            template="emails/role_granted",
            context={"role": "buyer", "department_en": "Parks", "department_fr": "Parcs"},
            recipient=user,
        )


def test_message_is_stored_then_delivered_after_commit_in_the_recipient_language():
    user = make_user(Role.VENDOR_MEMBER)
    user.preferred_language = "fr"
    user.save()
    message = _notify(user)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fr"
    assert "Parcs" in mail.outbox[0].body and "Parks" not in mail.outbox[0].body
    assert "Acheteur" in mail.outbox[0].subject  # the role label, rendered in French


def test_nothing_is_sent_when_the_transaction_rolls_back():
    user = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(template="emails/role_granted", context={"role": "buyer"}, recipient=user)
        raise RuntimeError("the caller's transaction fails")
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_delivering_twice_sends_once():
    user = make_user(Role.VENDOR_MEMBER)
    message = _notify(user)
    assert outbox_deliver(message_id=message.pk) is False
    outbox_deliver_task.apply(args=[message.pk])
    assert len(mail.outbox) == 1


def _make_due(message):
    past = timezone.now() - timedelta(hours=2)
    OutboundMessage.objects.filter(pk=message.pk).update(next_attempt_at=past, last_queued_at=past)


def test_a_crash_during_sending_is_retried_by_beat_and_sends_one_email(monkeypatch):
    """The first attempt dies mid-send (connection lost); beat queues it again when due."""
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky_send(self, messages):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionResetError("SMTP connection lost")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky_send)
    user = make_user(Role.VENDOR_MEMBER)
    message = _notify(user)
    message.refresh_from_db()
    assert (message.status, message.attempts, len(mail.outbox)) == ("pending", 1, 0)
    assert "SMTP connection lost" in message.last_error
    assert message.next_attempt_at > timezone.now()  # backoff before the next try
    assert outbox_requeue() == 0  # not due yet
    _make_due(message)
    assert outbox_requeue() == 1
    message.refresh_from_db()
    assert calls["n"] == 2
    assert len(mail.outbox) == 1
    assert (message.status, message.attempts) == ("sent", 2)
    assert message.context == {}  # nothing (e.g. a reset link) kept once sent


def test_gives_up_after_the_last_attempt(monkeypatch, settings):
    from django.core.mail.backends.locmem import EmailBackend

    settings.PORTAL_OUTBOX_MAX_ATTEMPTS = 3

    def always_fail(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", always_fail)
    message = _notify(make_user(Role.VENDOR_MEMBER))
    for _ in range(4):
        _make_due(message)
        outbox_requeue()
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.FAILED
    assert message.attempts == 3
    assert message.context == {}


def test_due_skips_sent_failed_and_not_yet_due_messages():
    user = make_user(Role.VENDOR_MEMBER)
    sent = _notify(user)
    past = timezone.now() - timedelta(hours=2)
    pending = OutboundMessage.objects.create(
        to_email="a@example.com",
        language="en",
        template="emails/role_granted",
        last_queued_at=past,
        next_attempt_at=past,
    )
    OutboundMessage.objects.create(
        to_email="b@example.com",
        language="en",
        template="emails/role_granted",
        status="failed",
        last_queued_at=past,
        next_attempt_at=past,
    )
    OutboundMessage.objects.create(
        to_email="c@example.com",
        language="en",
        template="emails/role_granted",
        last_queued_at=past,
        next_attempt_at=timezone.now() + timedelta(minutes=5),
    )
    due = OutboundMessage.objects.due(older_than_seconds=60)
    assert list(due) == [pending]
    assert sent not in due


@override_settings(PORTAL_OUTBOX_REQUEUE_AFTER_SECONDS=0)
def test_requeue_picks_up_pending_messages(monkeypatch):
    queued = []
    monkeypatch.setattr(outbox_deliver_task, "delay", lambda message_id: queued.append(message_id))
    user = make_user(Role.VENDOR_MEMBER)
    message = _notify(user)
    assert queued == [message.pk]  # queued once on commit
    assert outbox_requeue() == 1  # and again by the beat task while still pending
    assert queued == [message.pk, message.pk]


def test_subjects_are_plain_text_never_html_escaped():
    from opportunities.models import Opportunity  # noqa: F401 - the template is theirs

    user = make_user(Role.VENDOR_MEMBER)
    with transaction.atomic():
        notify(
            template="emails/opportunity_new",
            recipient=user,
            context={
                "title": {"en": "Users' & partners survey"},
                "summary": {"en": ""},
                "url": "",
                "subscription_url": "",
            },
        )
    assert mail.outbox[-1].subject == "New opportunity: Users' & partners survey"
