"""Public lists count their rows once per public change; PostgreSQL runs without JIT."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    return sum('COUNT(*) AS "__count"' in query["sql"] for query in captured)


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
