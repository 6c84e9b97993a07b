from procurement_portal.services.outbox import absolute_url, notify

from ..models import Opportunity


def notify_about(opportunity: Opportunity, *, template: str, recipients, extra=None) -> None:
    """One outbox message per person, with the opportunity's title in both languages."""
    for recipient in recipients:
        notify(
            template=template,
            recipient=recipient,
            context={
                "opportunity_id": opportunity.pk,
                "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                "url": absolute_url("opportunity_detail", recipient, pk=opportunity.pk),
                **(extra or {}),
            },
        )
