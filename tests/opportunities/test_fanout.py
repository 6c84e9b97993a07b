from datetime import timedelta

import pytest
from django.utils import timezone

from opportunities.services import fanout
from procurement_portal.models import Category, OutboundMessage, Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft
from vendors.models import Subscription
from vendors.services.subscriptions import subscription_save

pytestmark = pytest.mark.django_db


def subscribe(user, *, categories=(), keywords="", frequency="instant"):
    return subscription_save(
        user=user, categories=categories, keywords=keywords, frequency=frequency, is_active=True
    )


@pytest.fixture
def accessibility():
    return Category.objects.get(slug="digital-accessibility")


def test_publishing_only_enqueues_and_batches_reach_every_match_once(
    monkeypatch, accessibility, mailoutbox, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 3)
    by_category = [make_user(Role.VENDOR_MEMBER) for _ in range(5)]
    for user in by_category:
        subscribe(user, categories=[accessibility])
    by_parent = make_user(Role.VENDOR_MEMBER)
    subscribe(by_parent, categories=[accessibility.parent])
    by_keyword = make_user(Role.VENDOR_MEMBER)
    subscribe(by_keyword, keywords="wcag, formulaire")
    daily = make_user(Role.VENDOR_MEMBER)
    subscribe(daily, categories=[accessibility], frequency="daily")
    unrelated = make_user(Role.VENDOR_MEMBER)
    subscribe(unrelated, keywords="chairs")

    batches = []
    from opportunities import tasks

    # Run each batch task inline, recording its size (eager Celery would too).
    monkeypatch.setattr(
        tasks.fanout_batch_task,
        "delay",
        lambda opportunity_id, ids: batches.append(ids) or fanout.fanout_batch(opportunity_id, ids),
    )
    with django_capture_on_commit_callbacks(execute=True):
        opportunity = published()
    assert len(batches) == 3  # 7 instant subscribers in batches of 3: one task per batch
    new = [m for m in mailoutbox if m.subject.startswith("New opportunity")]
    assert sorted(m.to[0] for m in new) == sorted(
        u.email for u in [*by_category, by_parent, by_keyword]
    )
    # Running the start or a batch again sends nothing more (idempotent).
    assert fanout.fanout_start(opportunity.pk) == 0
    fanout.fanout_batch(opportunity.pk, batches[0])
    assert len([m for m in mailoutbox if m.subject.startswith("New opportunity")]) == 7
    assert OutboundMessage.objects.filter(template="emails/opportunity_new").count() == 7


def test_catch_up_starts_a_fan_out_whose_task_was_lost(monkeypatch, accessibility, mailoutbox):
    subscriber = make_user(Role.VENDOR_MEMBER)
    subscribe(subscriber, categories=[accessibility])
    opportunity = published()  # no on-commit run here: as if the broker had been down
    opportunity.published_at = timezone.now() - timedelta(minutes=5)
    opportunity.save(update_fields=["published_at"])
    assert fanout.fanout_catch_up() == 1
    assert fanout.fanout_catch_up() == 0
    assert [m.to for m in mailoutbox] == [[subscriber.email]]


def test_daily_digest_sends_one_email_per_subscriber(
    accessibility, mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_user(Role.VENDOR_MEMBER)
    subscribe(reader, categories=[accessibility], frequency="daily")
    published()
    published(title_en="Second audit", title_fr="Deuxième audit")
    ready_draft()  # drafts never go out
    with django_capture_on_commit_callbacks(execute=True):
        assert fanout.digest_send() == 1
        assert fanout.digest_send() == 0  # nothing new since the last digest
    assert len(mailoutbox) == 1 and "2 new opportunities" in mailoutbox[0].subject
    assert "Second audit" in mailoutbox[0].body
    assert Subscription.objects.get(user=reader).last_digest_at is not None


def test_a_broker_failure_half_way_loses_no_message(
    monkeypatch, accessibility, mailoutbox, settings
):
    """Rows are written before any batch is queued: the outbox's beat task sends the rest."""
    from datetime import timedelta

    from django.utils import timezone

    from opportunities import tasks
    from procurement_portal.services.outbox import outbox_requeue

    monkeypatch.setattr(fanout, "BATCH_SIZE", 2)
    subscribers = [make_user(Role.VENDOR_MEMBER) for _ in range(5)]
    for user in subscribers:
        subscribe(user, categories=[accessibility])
    opportunity = published()
    calls = {"n": 0}

    def flaky_delay(opportunity_id, ids):
        calls["n"] += 1
        if calls["n"] > 1:
            raise ConnectionError("broker went away")
        fanout.fanout_batch(opportunity_id, ids)

    monkeypatch.setattr(tasks.fanout_batch_task, "delay", flaky_delay)
    with pytest.raises(ConnectionError):
        fanout.fanout_start(opportunity.pk)
    assert OutboundMessage.objects.filter(template="emails/opportunity_new").count() == 5
    past = timezone.now() - timedelta(hours=1)
    OutboundMessage.objects.filter(status="pending").update(last_queued_at=past)
    outbox_requeue()  # beat, once the broker is back
    new = sorted(m.to[0] for m in mailoutbox if m.subject.startswith("New opportunity"))
    assert new == sorted(u.email for u in subscribers)
