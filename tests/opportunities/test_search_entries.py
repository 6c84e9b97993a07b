"""Issue 15: on PostgreSQL, search ranks and pages the narrow `SearchEntry` copy kept by a
trigger; the copy follows every change of the opportunity, however it is written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from opportunities.models import Opportunity, SearchEntry
from opportunities.search import search_opportunities
from opportunities.services.lifecycle import opportunity_cancel
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import published, ready_draft

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"),
]


def entry(opportunity):
    return SearchEntry.objects.get(opportunity=opportunity)


def test_the_copy_follows_publishing_cancelling_raw_updates_and_deletion(department):
    buyer = make_user(Role.BUYER, department=department)
    draft = ready_draft(owner=buyer)
    assert entry(draft).opportunity_status == "draft" and entry(draft).document is None
    opportunity = published(owner=buyer)
    assert entry(opportunity).opportunity_status == "published"
    assert (
        entry(opportunity).published_at == Opportunity.objects.get(pk=opportunity.pk).published_at
    )
    assert entry(opportunity).document is not None  # the words indexed at publishing
    opportunity_cancel(opportunity=opportunity, actor=buyer, reason="No longer needed")
    assert entry(opportunity).opportunity_status == "cancelled"
    later = timezone.now() + timedelta(days=9)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        max_budget=Decimal("1234.50"), closes_at=later, is_remote=True
    )
    copy = entry(opportunity)
    assert (copy.max_budget, copy.closes_at, copy.is_remote) == (Decimal("1234.50"), later, True)
    draft.delete()
    assert not SearchEntry.objects.filter(opportunity_id=draft.pk).exists()


def test_pages_of_ranked_results_read_whole_opportunities_in_rank_order(department):
    buyer = make_user(Role.BUYER, department=department)
    in_title = [
        published(owner=buyer, title_en=f"Translation {n}", title_fr=f"Traduction {n}")
        for n in range(3)
    ]
    in_body = published(owner=buyer, summary_en="Includes a translation of the summary.")
    ready_draft(owner=buyer, title_en="Translation draft")
    results = search_opportunities({"q": "translation"})
    assert results.count() == 4
    found = results[0:10].whole()  # a page's rows key cards; read whole on demand
    assert all(isinstance(o, Opportunity) for o in found)
    # The title matches first (newest first among equals), the body match last; no draft.
    assert [o.pk for o in found] == [o.pk for o in reversed(in_title)] + [in_body.pk]
    assert [o.pk for o in results[1:3]] == [in_title[1].pk, in_title[0].pk]
    assert results[3].pk == in_body.pk


def test_filters_and_sorts_apply_to_the_copy(department):
    buyer = make_user(Role.BUYER, department=department)
    cheap = published(owner=buyer, title_en="Translation A", max_budget=Decimal("1000.00"))
    dear = published(owner=buyer, title_en="Translation B", max_budget=Decimal("9000.00"))
    remote = published(owner=buyer, title_en="Translation C", is_remote=True)
    by_budget = search_opportunities({"q": "translation", "sort": "budget_low"})
    assert [o.pk for o in by_budget[0:2]] == [cheap.pk, remote.pk]
    assert [o.pk for o in search_opportunities({"q": "translation", "remote": True})[0:5]] == [
        remote.pk
    ]
    under = search_opportunities({"q": "translation", "budget_max": Decimal("8000")})
    assert dear.pk not in [o.pk for o in under[0:5]]
    assert search_opportunities({"q": "translation", "department": department}).count() == 3
