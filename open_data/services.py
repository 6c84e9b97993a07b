"""Writing OCDS releases when a public change happens."""

from datetime import timedelta

from django.utils import timezone

from opportunities.models import Opportunity

from .models import Release
from .ocds import build_release, ocid_for


def release_write(*, opportunity_id: int, tag: str) -> Release:
    """Store the release for a public change. Called inside the change's own transaction
    (through procurement_portal.events), so a change is never public without its release."""
    opportunity = Opportunity.objects.select_related(
        "department",
        "category__parent",
        "ip_clause",
        "licence_clause",
        "data_clause",
        "privacy_clause",
    ).get(pk=opportunity_id)
    ocid = ocid_for(opportunity.pk)
    sequence = Release.objects.filter(opportunity=opportunity).count() + 1
    now = timezone.now()
    last = Release.objects.filter(opportunity=opportunity).order_by("-date").first()
    if last and last.date >= now:
        # Release dates must be unique and in order within a process.
        now = last.date + timedelta(microseconds=1)
    release_id = f"{ocid}-{sequence:03d}-{tag}"
    data = build_release(opportunity, tag=tag, release_id=release_id, date=now)
    return Release.objects.create(
        opportunity=opportunity, ocid=ocid, release_id=release_id, date=now, tag=tag, data=data
    )


def dashboard_forget_on_commit(*, opportunity_id: int) -> None:
    """A public change alters the dashboard's figures: once it commits (a rolled-back award
    changes nothing), drop the cached ones so the next visit computes them afresh."""
    from django.db import transaction

    from .dashboard import forget

    slug = (
        Opportunity.objects.filter(pk=opportunity_id)
        .values_list("department__slug", flat=True)
        .first()
    )
    transaction.on_commit(lambda: forget(slug or ""), robust=True)
