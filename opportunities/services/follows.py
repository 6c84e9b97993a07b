from procurement_portal.models import User

from ..models import Follow, Opportunity
from .access import ensure_vendor


def opportunity_follow(*, opportunity: Opportunity, actor: User) -> Follow:
    ensure_vendor(actor)
    follow, _created = Follow.objects.get_or_create(user=actor, opportunity=opportunity)
    return follow


def opportunity_unfollow(*, opportunity: Opportunity, actor: User) -> None:
    Follow.objects.filter(user=actor, opportunity=opportunity).delete()
