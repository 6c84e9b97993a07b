"""Who hears about changes to an opportunity."""

from django.db.models import Q

from procurement_portal.models import User

from ..models import Opportunity


def opportunity_audience(opportunity: Opportunity) -> list[User]:
    """Everyone following it, who asked a question, or whose business bid, each once."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(follows__opportunity=opportunity)
            | Q(questions_asked__opportunity=opportunity)
            | Q(
                vendor_membership__vendor__proposals__opportunity=opportunity,
                vendor_membership__vendor__proposals__status="submitted",
            )
        )
        .distinct()
    )
