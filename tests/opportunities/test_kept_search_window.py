"""Issue 15: a search's first rows are kept across public changes and brought up to date
from the rows written since (procurement_portal.listing, 5.): after any mix of writes the
kept rows are exactly what the list's own query returns, and a search after one
publication ranks the rows kept and the one written, not every match."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.models import Opportunity
from opportunities.search import search_opportunities
from opportunities.services.lifecycle import opportunity_cancel, refresh_search_document
from procurement_portal import listing
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import published

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("public_cache_on"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="ranked search: PostgreSQL"),
]


def first_rows(data: dict) -> list[int]:
    return [row.pk for row in search_opportunities(data)[: listing.WINDOW]]


def truth(data: dict) -> list[int]:
    """What the list's own query says now, nothing kept."""
    return [row[0] for row in search_opportunities(data).rows[: listing.WINDOW]]


@pytest.fixture
def buyer(department):
    return make_user(Role.BUYER, department=department)


@pytest.fixture
def small_window(monkeypatch):
    """Three rows shown, five kept: the lists of these tests are longer than that."""
    monkeypatch.setattr(listing, "WINDOW", 3)
    monkeypatch.setattr(listing, "KEPT", 5)


def write_something(rng, buyer, opportunities: list) -> None:
    choice = rng.choice(["publish", "retitle", "cancel", "budget"])
    if choice == "publish" or not opportunities:
        words = rng.choice(["audit", "audit audit accessibility", "translation audit"])
        opportunities.append(
            published(owner=buyer, title_en=f"New {words}", max_budget=rng.randint(2, 9) * 1000)
        )
    elif choice == "retitle":
        opportunity = rng.choice(opportunities)
        opportunity.title_en = rng.choice(["Audit audit audit", "Nothing to find", "An audit"])
        opportunity.save()
        refresh_search_document(opportunity)
    elif choice == "cancel":
        opportunity = opportunities.pop(rng.randrange(len(opportunities)))
        opportunity_cancel(opportunity=opportunity, actor=buyer, reason="No", reason_fr="Non")
    else:
        opportunity = rng.choice(opportunities)
        opportunity.max_budget = rng.randint(2, 9) * 1000
        opportunity.save()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("data", [{"q": "audit"}, {"q": "audit", "sort": "budget_high"}, {}])
def test_the_kept_rows_are_the_lists_own_after_any_writes(buyer, small_window, seed, data):
    rng = random.Random(seed)
    opportunities = [
        published(owner=buyer, title_en=f"Audit {'audit ' * (n % 3)}{n}", max_budget=1000 * n)
        for n in range(2, 10)
    ]
    assert first_rows(data) == truth(data)
    for _ in range(20):
        write_something(rng, buyer, opportunities)
        assert first_rows(data) == truth(data)


def test_one_publication_ranks_the_kept_rows_and_it_not_every_match(buyer, small_window):
    for n in range(8):
        published(owner=buyer, title_en=f"Audit {n}")
    data = {"q": "audit"}
    first_rows(data)
    new = published(owner=buyer, title_en="Audit audit audit")
    with CaptureQueriesContext(connection) as captured:
        assert first_rows(data)[0] == new.pk
    [ranked] = [q["sql"] for q in captured.captured_queries]
    assert "ts_rank" in ranked and '."opportunity_id" IN (' in ranked


def test_a_write_no_longer_logged_reads_the_list_again(buyer, small_window):
    from django.core.cache import cache

    from procurement_portal.row_stamps import log_key

    for n in range(6):
        published(owner=buyer, title_en=f"Audit {n}")
    first_rows({"q": "audit"})
    newest = published(owner=buyer, title_en="Audit audit audit")
    label = "opportunities.opportunity"
    cache.delete(f"{log_key(label)}:{cache.get(log_key(label))}")  # its entry expired
    with CaptureQueriesContext(connection) as captured:
        assert first_rows({"q": "audit"})[0] == newest.pk
    assert all(" IN (" not in q["sql"] for q in captured.captured_queries)


def test_a_list_on_the_clock_is_not_kept_across_changes(buyer):
    opportunity = published(owner=buyer, title_en="Audit open")
    data = {"q": "audit", "status": "open"}
    assert first_rows(data) == [opportunity.pk]
    Opportunity.objects.filter(pk=opportunity.pk).update(status="closed")  # no log, no stamp
    from procurement_portal.page_cache import public_pages_changed

    public_pages_changed()
    assert first_rows(data) == []
