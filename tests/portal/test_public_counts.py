"""Public lists count their rows once per public change; PostgreSQL runs without JIT."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from opportunities.services.lifecycle import opportunity_publish
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def count_queries(captured) -> int:
    return sum("COUNT(*)" in query["sql"] for query in captured)


def test_the_count_is_kept_across_pages_and_languages_until_a_publication(client):

    buyer = make_user(Role.BUYER)
    for _ in range(3):
        published(owner=buyer)
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("opportunity_list"))
    assert count_queries(first.captured_queries) == 1
    assert page.context["page"].paginator.count == 3
    with CaptureQueriesContext(connection) as again:
        french = client.get("/fr/occasions/")
    assert count_queries(again.captured_queries) == 0
    assert french.context["page"].paginator.count == 3
    opportunity_publish(opportunity=ready_draft(owner=buyer), actor=buyer)
    with CaptureQueriesContext(connection) as after:
        page = client.get(reverse("opportunity_list"))
    assert count_queries(after.captured_queries) == 1
    assert page.context["page"].paginator.count == 4


def test_each_filter_has_its_own_count(client):
    buyer = make_user(Role.BUYER)
    published(owner=buyer, is_remote=True)
    published(owner=buyer, is_remote=False)
    everything = client.get(reverse("opportunity_list"))
    remote = client.get(reverse("opportunity_list") + "?remote=on")
    assert everything.context["page"].paginator.count == 2
    assert remote.context["page"].paginator.count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")
def test_postgresql_runs_the_pages_queries_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_an_open_filter_reuses_its_count_although_now_moves_on(client):
    """The "open" filter compares with now: the count's key takes it to the minute."""
    buyer = make_user(Role.BUYER)
    published(owner=buyer)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("opportunity_list") + "?status=open")
    with CaptureQueriesContext(connection) as again:
        page = client.get(reverse("opportunity_list") + "?status=open&page=1")
    assert count_queries(first.captured_queries) == 1
    assert count_queries(again.captured_queries) == 0
    assert page.context["page"].paginator.count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate")
def test_past_the_bound_the_count_is_the_planners_estimate_and_says_about(client, monkeypatch):
    from procurement_portal import pagination
    from procurement_portal.templatetags.portal import number

    monkeypatch.setattr(pagination, "EXACT_UP_TO", 3)
    buyer = make_user(Role.BUYER)
    for _ in range(5):
        published(owner=buyer)
    _analyze()  # the planner expects 5: under twice the bound, so it is counted
    with CaptureQueriesContext(connection) as captured:
        english = client.get(reverse("opportunity_list"))
    # Copied now: the next request resets the connection's query log.
    queries = [query["sql"] for query in captured.captured_queries]
    french = client.get("/fr/occasions/")
    paginator = english.context["page"].paginator
    assert paginator.is_estimate
    assert paginator.count >= 3  # never below the bound, whatever the planner thinks
    # The COUNT stopped at the bound (a LIMIT inside it), and EXPLAIN gave the estimate.
    counts = [sql for sql in queries if "COUNT(*)" in sql]
    assert len(counts) == 1 and "LIMIT 4" in counts[0], counts
    assert any(sql.startswith("EXPLAIN") for sql in queries)
    # Formatted for each language (another test's ANALYZE can leave an estimate of 20,000).
    with translation.override("en"):
        assert f"About {number(paginator.count)} opportunities found" in english.content.decode()
    with translation.override("fr"):
        assert f"Environ {number(paginator.count)} occasions trouvées" in french.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate")
def test_far_past_the_bound_nothing_is_counted(client, monkeypatch):
    from procurement_portal import pagination

    monkeypatch.setattr(pagination, "EXACT_UP_TO", 3)
    buyer = make_user(Role.BUYER)
    for _ in range(12):
        published(owner=buyer)
    _analyze()  # the planner expects 12: four times the bound
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("opportunity_list"))
    queries = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in queries if "COUNT(*)" in sql], queries
    paginator = page.context["page"].paginator
    assert (paginator.count, paginator.is_estimate) == (12, True)
    assert "About 12 opportunities found" in page.content.decode()


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE opportunities_opportunity")


def test_under_the_bound_the_count_is_exact(client):
    buyer = make_user(Role.BUYER)
    for _ in range(3):
        published(owner=buyer)
    paginator = client.get(reverse("opportunity_list")).context["page"].paginator
    assert (paginator.count, paginator.is_estimate) == (3, False)


def test_rounding_to_two_significant_figures():
    from procurement_portal.pagination import _rounded

    assert [_rounded(n) for n in (7, 99, 123, 53_916, 1_049_999)] == [7, 99, 120, 54_000, 1_000_000]
