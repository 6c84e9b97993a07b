from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMessageQuerySet(models.QuerySet):
    def due(self, *, older_than_seconds: int) -> "OutboundMessageQuerySet":
        """Pending messages whose delivery task seems lost (broker down, worker died)."""
        cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
        return self.filter(
            status=OutboundMessage.Status.PENDING,
            next_attempt_at__lte=timezone.now(),
            last_queued_at__lte=cutoff,
        )


class OutboundMessage(models.Model):
    """An email to send, stored in the caller's transaction (the notification outbox).

    The row is the source of truth: a Celery task delivers it after commit, and the beat
    task re-queues anything still pending, so a broker outage or a dead worker loses nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbound_messages",
        verbose_name=_("recipient"),
    )
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    template = models.CharField(
        _("template"),
        max_length=200,
        help_text=_("Template prefix: <prefix>_subject.txt, _message.txt and _message.html."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_queued_at = models.DateTimeField(_("last queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set by callers that may run twice (fan-out batches, digests): one message per key.
    dedupe_key = models.CharField(_("deduplication key"), max_length=120, blank=True)

    objects = OutboundMessageQuerySet.as_manager()
    # `message_move` (procurement_portal/services/outbox.py) is the only writer of the
    # status. Not audited: the row is its own record, and a fan-out sends thousands.
    TRANSITIONS: dict[str, dict[str, str | None]] = {
        Status.PENDING: {Status.SENT: None, Status.FAILED: None},
        Status.SENT: {},
        Status.FAILED: {},
    }

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="outbox_dedupe_key_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.to_email} ({self.status})"
