"""Telling subscribed vendors about new opportunities: instant fan-out in batches, and a
daily digest. Publishing only enqueues; the work happens in Celery tasks."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opportunities.models import Opportunity
from procurement_portal.models import OutboundMessage, User
from procurement_portal.services.outbox import absolute_url, outbox_deliver

from ..models import Subscription

BATCH_SIZE = 500


def _matches(opportunity: Opportunity, frequency: str):
    """Active subscriptions of this frequency that match by category or keyword."""
    categories = [c for c in [opportunity.category_id,
                              opportunity.category.parent_id if opportunity.category else None]
                  if c]
    subscriptions = Subscription.objects.filter(is_active=True, frequency=frequency,
                                                user__is_active=True)
    by_category = set(subscriptions.filter(categories__in=categories)
                      .values_list("user_id", flat=True)) if categories else set()
    text = " ".join([opportunity.title_en, opportunity.title_fr, opportunity.summary_en,
                     opportunity.summary_fr]).lower()
    by_keyword = {user_id for user_id, keywords in
                  subscriptions.exclude(keywords="").values_list("user_id", "keywords")
                  if any(word.strip().lower() in text for word in keywords.split(",")
                         if word.strip())}
    return by_category | by_keyword


def fanout_schedule(opportunity: Opportunity) -> None:
    """Called by the publish service: queue the fan-out once the publication commits."""
    from procurement_portal.services.outbox import logger

    from ..tasks import fanout_start_task

    def enqueue():
        try:
            fanout_start_task.delay(opportunity.pk)
        except Exception:  # broker down: fanout_catch_up (beat) starts it later
            logger.warning("Fan-out of opportunity %s left for the catch-up task",
                           opportunity.pk)

    transaction.on_commit(enqueue, robust=True)


def fanout_start(opportunity_id: int) -> int:
    """Write one outbox message per matching subscriber, then queue one task per batch.

    The rows are committed before anything is queued: if the broker fails half-way, the
    messages not yet sent are still pending rows, and the outbox's beat task sends them.
    Returns the number of batches.
    """
    from ..tasks import fanout_batch_task

    with transaction.atomic():
        opportunity = (Opportunity.objects.select_for_update(of=("self",))
                       .select_related("category").get(pk=opportunity_id))
        if opportunity.subscribers_notified_at:
            return 0  # started already
        user_ids = sorted(_matches(opportunity, Subscription.Frequency.INSTANT))
        users = User.objects.filter(pk__in=user_ids).only("pk", "email", "preferred_language")
        OutboundMessage.objects.bulk_create(
            [_message(opportunity, user) for user in users], batch_size=1000,
            ignore_conflicts=True)
        opportunity.subscribers_notified_at = timezone.now()
        opportunity.save(update_fields=["subscribers_notified_at"])
    batches = [user_ids[i:i + BATCH_SIZE] for i in range(0, len(user_ids), BATCH_SIZE)]
    for batch in batches:
        fanout_batch_task.delay(opportunity_id, batch)
    return len(batches)


def _dedupe_key(opportunity_id: int, user_id: int) -> str:
    return f"opportunity-new:{opportunity_id}:{user_id}"


def _message(opportunity: Opportunity, user) -> OutboundMessage:
    return OutboundMessage(
        recipient=user, to_email=user.email, language=user.preferred_language,
        template="emails/opportunity_new", dedupe_key=_dedupe_key(opportunity.pk, user.pk),
        context={"title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                 "summary": {"en": opportunity.summary_en, "fr": opportunity.summary_fr},
                 "url": absolute_url("opportunity_detail", user, pk=opportunity.pk),
                 "subscription_url": absolute_url("subscription_edit", user)},
    )


def fanout_batch(opportunity_id: int, user_ids: list[int]) -> int:
    """Send this batch's pending messages (a re-run sends nothing twice)."""
    from procurement_portal.services.outbox import outbox_deliver_failed

    keys = [_dedupe_key(opportunity_id, user_id) for user_id in user_ids]
    sent = 0
    for message_id in OutboundMessage.objects.filter(
            dedupe_key__in=keys, status=OutboundMessage.Status.PENDING).values_list("pk",
                                                                                  flat=True):
        try:
            sent += outbox_deliver(message_id=message_id)
        except Exception as error:  # one bad address must not stop the batch
            outbox_deliver_failed(message_id=message_id, error=error)
    return sent


def fanout_catch_up(older_than=timedelta(minutes=2)) -> int:
    """Start the fan-out of anything published whose fan-out task was never queued."""
    cutoff = timezone.now() - older_than
    started = 0
    for opportunity_id in Opportunity.objects.public().filter(
            subscribers_notified_at=None, published_at__lte=cutoff).values_list("pk", flat=True):
        fanout_start(opportunity_id)
        started += 1
    return started


def digest_send(now=None) -> int:
    """Once a day: one email per digest subscriber listing what matched since the last one."""
    now = now or timezone.now()
    sent = 0
    for subscription in Subscription.objects.filter(
            is_active=True, frequency=Subscription.Frequency.DAILY).select_related("user") \
            .prefetch_related("categories"):
        since = subscription.last_digest_at or now - timedelta(days=1)
        opportunities = [
            o for o in Opportunity.objects.open(now).filter(published_at__gt=since,
                                                              published_at__lte=now)
            .select_related("category")
            if subscription.user_id in _matches_one(o, subscription)
        ]
        with transaction.atomic():
            if opportunities:
                from procurement_portal.services.outbox import notify

                user = subscription.user
                notify(template="emails/opportunity_digest", recipient=user,
                       dedupe_key=f"digest:{user.pk}:{now.date().isoformat()}",
                       context={"items": [
                           {"title": {"en": o.title_en, "fr": o.title_fr},
                            "url": absolute_url("opportunity_detail", user, pk=o.pk)}
                           for o in opportunities],
                           "subscription_url": absolute_url("subscription_edit", user)})
                sent += 1
            Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
    return sent


def _matches_one(opportunity: Opportunity, subscription: Subscription) -> set[int]:
    categories = {c.pk for c in subscription.categories.all()}
    text = " ".join([opportunity.title_en, opportunity.title_fr, opportunity.summary_en,
                     opportunity.summary_fr]).lower()
    hit = bool(categories & {opportunity.category_id,
                             opportunity.category.parent_id if opportunity.category else None})
    hit = hit or any(word in text for word in subscription.keyword_list)
    return {subscription.user_id} if hit else set()

