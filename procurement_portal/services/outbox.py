import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..email_html import text_to_html
from ..models import OutboundMessage
from .status import message_move

logger = logging.getLogger(__name__)


def notify(
    *,
    template: str,
    context: dict,
    recipient=None,
    to_email: str | None = None,
    language: str | None = None,
    dedupe_key: str = "",
) -> OutboundMessage:
    """Store a message in the caller's transaction; it is delivered after commit.

    `template` is a prefix: `<prefix>_subject.txt`, `<prefix>_message.txt` and optionally
    `<prefix>_message.html` are rendered in the recipient's language at delivery time.
    `context` must be JSON-serialisable (ids and strings, never model instances).
    """
    if recipient is None and not to_email:
        raise ValueError("notify() needs a recipient or an address.")
    if dedupe_key:
        existing = OutboundMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing:
            return existing  # the caller ran twice: one message only
    message = OutboundMessage.objects.create(
        dedupe_key=dedupe_key,
        recipient=recipient,
        to_email=to_email or recipient.email,
        language=language
        or getattr(recipient, "preferred_language", None)
        or translation.get_language()
        or settings.LANGUAGE_CODE,
        template=template,
        context=context,
    )
    transaction.on_commit(lambda: outbox_enqueue(message_id=message.pk), robust=True)
    return message


def absolute_url(url_name: str, recipient=None, **kwargs) -> str:
    """A full link for an email, in the recipient's language (emails are read outside the site)."""
    language = getattr(recipient, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        return settings.PORTAL_BASE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs or None)


def outbox_enqueue(*, message_id: int) -> None:
    """Hand a message to Celery. A dead broker is logged, not raised: the row stays pending
    and the beat task (outbox_requeue) queues it again later."""
    from ..queueing import enqueue
    from ..tasks import outbox_deliver_task

    enqueue(outbox_deliver_task, message_id)


def render_message(message: OutboundMessage) -> EmailMultiAlternatives:
    with translation.override(message.language):
        context = {**message.context, "site_name": str(settings.SITE_NAME)}
        subject: str = render_to_string(f"{message.template}_subject.txt", context)
        body = render_to_string(f"{message.template}_message.txt", context)
        # One line, keeping no-break spaces ("Fermée : …"): str.split() would eat them.
        subject = re.sub(r"[ \t\r\n]+", " ", subject).strip()
        html_context = {**context, "subject": subject}
        try:
            html = render_to_string(f"{message.template}_message.html", html_context)
        except TemplateDoesNotExist:
            # No HTML template of its own: the same words in the accessible HTML layout.
            html = render_to_string(
                "emails/generic_message.html", {**html_context, "body_html": text_to_html(body)}
            )
    email = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        # A stable id lets mail servers and clients drop the rare duplicate (at-least-once).
        headers={
            "Content-Language": message.language,
            "Message-ID": f"<outbox-{message.pk}@{settings.PORTAL_MAIL_DOMAIN}>",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def outbox_deliver(*, message_id: int) -> bool:
    """Send one message, once. Returns True when this call sent it.

    The row lock makes concurrent deliveries of the same message wait for each other, and a
    message already sent is never sent again: duplicate task messages are harmless.
    """
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboundMessage.Status.PENDING:
            return False
        # A failure raises and rolls back; the task records it with outbox_deliver_failed.
        render_message(message).send()
        # The context may hold one-time secrets (password-reset links): keep none once sent.
        message_move(
            message=message,
            to=OutboundMessage.Status.SENT,
            fields={
                "attempts": message.attempts + 1,
                "sent_at": timezone.now(),
                "last_error": "",
                "context": {},
            },
        )
    return True


def retry_delay_seconds(attempts: int) -> int:
    """Exponential backoff: 1 min, 2 min, 4 min... capped at one hour."""
    return min(3600, 30 * 2**attempts)


def outbox_deliver_failed(*, message_id: int, error: Exception) -> None:
    """Record a failed attempt and when to try again, or give up after the last one."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboundMessage.Status.PENDING:
            return
        attempts = message.attempts + 1
        fields = {
            "attempts": attempts,
            "last_error": f"{type(error).__name__}: {error}"[:2000],
            "next_attempt_at": timezone.now() + timedelta(seconds=retry_delay_seconds(attempts)),
            "last_queued_at": timezone.now(),
        }
        if attempts >= settings.PORTAL_OUTBOX_MAX_ATTEMPTS:
            message_move(
                message=message, to=OutboundMessage.Status.FAILED, fields={**fields, "context": {}}
            )
            logger.error("Giving up on message %s after %s attempts", message.pk, attempts)
        else:
            for name, value in fields.items():
                setattr(message, name, value)
            message.save(update_fields=list(fields))


def outbox_requeue() -> int:
    """Queue again every pending message whose task seems lost. Called by beat every minute."""
    due = OutboundMessage.objects.due(
        older_than_seconds=settings.PORTAL_OUTBOX_REQUEUE_AFTER_SECONDS
    ).values_list("pk", flat=True)[:1000]
    ids = list(due)
    if ids:
        OutboundMessage.objects.filter(pk__in=ids).update(last_queued_at=timezone.now())
        for message_id in ids:
            outbox_enqueue(message_id=message_id)
    return len(ids)
