"""Write a first OCDS release for public opportunities that have none (for instance those
published before open data existed): one release showing their current state."""

from django.core.management.base import BaseCommand
from django.db import transaction

from opportunities.models import Opportunity, OpportunityStatus

from ...services import release_write

S = OpportunityStatus
TAG_FOR_STATUS = {
    S.PUBLISHED: "tender",
    S.CLOSED: "tender",
    S.UNDER_EVALUATION: "tender",
    S.CANCELLED: "tenderCancellation",
    S.AWARDED: "award",
    S.IN_DELIVERY: "contract",
    S.DELIVERY_ACCEPTED: "contract",
    S.PAID: "implementation",
    S.COMPLETE: "contractTermination",
}


class Command(BaseCommand):
    help = "Write a release for every public opportunity that has none."

    def handle(self, *args, **options):
        written = 0
        for opportunity in Opportunity.objects.public().filter(releases__isnull=True):
            if opportunity.published_at is None:
                continue  # cancelled as a draft: never public
            with transaction.atomic():
                release_write(opportunity_id=opportunity.pk, tag=TAG_FOR_STATUS[opportunity.status])
            written += 1
        self.stdout.write(f"{written} releases written.")
