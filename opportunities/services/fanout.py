"""Telling subscribed vendors about new opportunities: instant fan-out in batches, and a
daily digest. Publishing only enqueues; the work happens in Celery tasks.

Subscriptions belong to the vendors app; this reads them through its queryset methods
(imports point opportunities → vendors, never back)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from procurement_portal.models import OutboundMessage, User
from procurement_portal.queueing import enqueue_on_commit
from procurement_portal.services.outbox import absolute_url, outbox_deliver
from vendors.models import Subscription
from vendors.services.subscriptions import subscription_digest_sent

from ..models import Opportunity

BATCH_SIZE = 500


def _category_ids(opportunity: Opportunity) -> set[int]:
    return {
        c
        for c in [
            opportunity.category_id,
            opportunity.category.parent_id if opportunity.category else None,
        ]
        if c
    }


def _text(opportunity: Opportunity) -> str:
    return " ".join(
        [opportunity.title_en, opportunity.title_fr, opportunity.summary_en, opportunity.summary_fr]
    )


def _matches(opportunity: Opportunity, frequency: str) -> set[int]:
    """People with an active subscription of this frequency that matches by kind of work
    or keyword."""
    return Subscription.objects.receiving(frequency).user_ids_matching(
        category_ids=_category_ids(opportunity), text=_text(opportunity)
    )


def fanout_schedule(opportunity: Opportunity) -> None:
    """Called by the publish service: queue the fan-out once the publication commits (with
    the broker down, fanout_catch_up starts it later)."""
    from ..tasks import fanout_start_task

    enqueue_on_commit(fanout_start_task, opportunity.pk)


def fanout_start(opportunity_id: int) -> int:
    """Write one outbox message per matching subscriber, then queue one task per batch.

    The rows are committed before anything is queued: if the broker fails half-way, the
    messages not yet sent are still pending rows, and the outbox's beat task sends them.
    Returns the number of batches.
    """
    from ..tasks import fanout_batch_task

    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("category")
            .get(pk=opportunity_id)
        )
        if opportunity.subscribers_notified_at:
            return 0  # started already
        user_ids = sorted(_matches(opportunity, Subscription.Frequency.INSTANT))
        users = User.objects.filter(pk__in=user_ids).only("pk", "email", "preferred_language")
        OutboundMessage.objects.bulk_create(
            [_message(opportunity, user) for user in users], batch_size=1000, ignore_conflicts=True
        )
        opportunity.subscribers_notified_at = timezone.now()
        opportunity.save(update_fields=["subscribers_notified_at"])
    batches = [user_ids[i : i + BATCH_SIZE] for i in range(0, len(user_ids), BATCH_SIZE)]
    for batch in batches:
        fanout_batch_task.delay(opportunity_id, batch)
    return len(batches)


def _dedupe_key(opportunity_id: int, user_id: int) -> str:
    return f"opportunity-new:{opportunity_id}:{user_id}"


def _message(opportunity: Opportunity, user) -> OutboundMessage:
    return OutboundMessage(
        recipient=user,
        to_email=user.email,
        language=user.preferred_language,
        template="emails/opportunity_new",
        dedupe_key=_dedupe_key(opportunity.pk, user.pk),
        context={
            "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
            "summary": {"en": opportunity.summary_en, "fr": opportunity.summary_fr},
            "url": absolute_url("opportunity_detail", user, pk=opportunity.pk),
            "subscription_url": absolute_url("subscription_edit", user),
        },
    )


def fanout_batch(opportunity_id: int, user_ids: list[int]) -> int:
    """Send this batch's pending messages (a re-run sends nothing twice)."""
    from procurement_portal.services.outbox import outbox_deliver_failed

    keys = [_dedupe_key(opportunity_id, user_id) for user_id in user_ids]
    sent = 0
    for message_id in OutboundMessage.objects.filter(
        dedupe_key__in=keys, status=OutboundMessage.Status.PENDING
    ).values_list("pk", flat=True):
        try:
            sent += outbox_deliver(message_id=message_id)
        except Exception as error:  # one bad address must not stop the batch
            outbox_deliver_failed(message_id=message_id, error=error)
    return sent


def fanout_catch_up(older_than=timedelta(minutes=2)) -> int:
    """Start the fan-out of anything published whose fan-out task was never queued."""
    cutoff = timezone.now() - older_than
    started = 0
    for opportunity_id in (
        Opportunity.objects.public()
        .filter(subscribers_notified_at=None, published_at__lte=cutoff)
        .values_list("pk", flat=True)
    ):
        fanout_start(opportunity_id)
        started += 1
    return started


def digest_send(now=None) -> int:
    """Once a day: one email per digest subscriber listing what matched since the last one."""
    now = now or timezone.now()
    sent = 0
    for subscription in (
        Subscription.objects.receiving(Subscription.Frequency.DAILY)
        .select_related("user")
        .prefetch_related("categories")
    ):
        since = subscription.last_digest_at or now - timedelta(days=1)
        opportunities = [
            o
            for o in Opportunity.objects.open(now)
            .filter(published_at__gt=since, published_at__lte=now)
            .select_related("category")
            if subscription.user_id in _matches_one(o, subscription)
        ]
        with transaction.atomic():
            if opportunities:
                from procurement_portal.services.outbox import notify

                user = subscription.user
                notify(
                    template="emails/opportunity_digest",
                    recipient=user,
                    dedupe_key=f"digest:{user.pk}:{now.date().isoformat()}",
                    context={
                        "items": [
                            {
                                "title": {"en": o.title_en, "fr": o.title_fr},
                                "url": absolute_url("opportunity_detail", user, pk=o.pk),
                            }
                            for o in opportunities
                        ],
                        "subscription_url": absolute_url("subscription_edit", user),
                    },
                )
                sent += 1
            subscription_digest_sent(subscription=subscription, at=now)
    return sent


def _matches_one(opportunity: Opportunity, subscription: Subscription) -> set[int]:
    hit = subscription.matches(category_ids=_category_ids(opportunity), text=_text(opportunity))
    return {subscription.user_id} if hit else set()
