"""Finding opportunities: full-text search in both languages, filters and sorting."""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from . import search_sqlite
from .models import Opportunity, OpportunityStatus

S = OpportunityStatus
AWARDED_OR_LATER = [S.AWARDED, S.IN_DELIVERY, S.DELIVERY_ACCEPTED, S.PAID, S.COMPLETE]


def text_query(q: str):
    """Match the English and the French index: a vendor may type either language."""
    return SearchQuery(q, config="english", search_type="websearch") | SearchQuery(
        q, config="french", search_type="websearch"
    )


def search_opportunities(data: dict):
    now = timezone.now()
    opportunities = Opportunity.objects.public().with_list_data()
    q = (data.get("q") or "").strip()
    if q:
        if connection.vendor == "postgresql":
            query = text_query(q)
            opportunities = opportunities.filter(search_document=query).annotate(
                rank=SearchRank(F("search_document"), query)
            )
        else:  # SQLite (the demo): its FTS5 index, ranked the same way
            opportunities = search_sqlite.search(opportunities, q)
    status = data.get("status")
    if status == "open":
        opportunities = opportunities.open(now)
    elif status == "closed":
        opportunities = opportunities.filter(
            Q(status=S.CLOSED) | Q(status=S.PUBLISHED, closes_at__lte=now)
        )
    elif status == S.AWARDED:  # awarded, whatever happened to the contract since
        opportunities = opportunities.filter(status__in=AWARDED_OR_LATER)
    elif status:
        opportunities = opportunities.filter(status=status)
    if data.get("category"):
        # The category and its subcategories by id: an OR across the join to the parent
        # cannot use the category index (a 0.8 s COUNT at 100,000 rows).
        category = data["category"]
        ids = [category.pk, *category.children.values_list("pk", flat=True)]
        opportunities = opportunities.filter(category_id__in=ids)
    if data.get("department"):
        opportunities = opportunities.filter(department=data["department"])
    if data.get("closing_within"):
        opportunities = opportunities.open(now).filter(
            closes_at__lte=now + timedelta(days=data["closing_within"])
        )
    if data.get("budget_min") is not None:
        opportunities = opportunities.filter(max_budget__gte=data["budget_min"])
    if data.get("budget_max") is not None:
        opportunities = opportunities.filter(max_budget__lte=data["budget_max"])
    if data.get("remote"):
        opportunities = opportunities.filter(is_remote=True)
    order = {
        "closing": ["closes_at", "id"],
        "budget_high": ["-max_budget", "-id"],
        "budget_low": ["max_budget", "id"],
        "newest": ["-published_at", "-id"],
    }.get(data.get("sort") or "")
    if order is None:
        order = ["-rank", "-published_at"] if q else ["-published_at", "-id"]
    return opportunities.order_by(*order)
