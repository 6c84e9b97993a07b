from ..models import Follow, Opportunity
from .access import ensure_vendor


def opportunity_follow(*, opportunity: Opportunity, actor) -> Follow:
    ensure_vendor(actor)
    follow, _created = Follow.objects.get_or_create(user=actor, opportunity=opportunity)
    return follow


def opportunity_unfollow(*, opportunity: Opportunity, actor) -> None:
    Follow.objects.filter(user=actor, opportunity=opportunity).delete()
