from django.db import transaction

from ..models import Subscription


def subscription_save(
    *, user, categories, keywords: str, frequency: str, is_active: bool
) -> Subscription:
    with transaction.atomic():
        subscription, _created = Subscription.objects.update_or_create(
            user=user,
            defaults={"keywords": keywords.strip(), "frequency": frequency, "is_active": is_active},
        )
        subscription.categories.set(categories)
    return subscription


def subscription_digest_sent(*, subscription: Subscription, at) -> None:
    """The digest went out at `at`: the next one lists what is published after it."""
    Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=at)
