"""Issue 15: the opportunity list keeps each result card and its filter form in the fragment
cache: shared by every page, sort and reader of the same language. A card is kept until its
own row is written (its stamp) or a category or department changes (the reference
generation), not by every public change; the filter fields until a category or department
changes."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.models import Opportunity
from opportunities.services.lifecycle import earliest_closing
from procurement_portal.models import Role
from procurement_portal.row_stamps import row_changed
from tests.factories import make_user

from .factories import published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_cache_on")]


def _fields_rendered(monkeypatch) -> list[str]:
    """The names of the filter fields rendered from now on (not taken from the cache)."""
    from procurement_portal.forms import AccessibleBoundField

    rendered: list[str] = []
    real = AccessibleBoundField.as_field_group

    def counted(field):
        rendered.append(field.name)
        return real(field)

    monkeypatch.setattr(AccessibleBoundField, "as_field_group", counted)
    return rendered


def signed_in(client):
    # Signed in, so the page itself is never served from the page cache: only fragments.
    client.force_login(make_user(Role.VENDOR_MEMBER))
    return client


def test_the_filter_form_is_rendered_once_for_every_page_of_the_same_filters(
    client, department, django_assert_max_num_queries
):
    buyer = make_user(Role.BUYER, department=department)
    for n in range(25):
        published(owner=buyer, title_en=f"Card {n}")
    client = signed_in(client)
    client.get("/en/opportunities/", {"status": "open"})
    with django_assert_max_num_queries(6) as captured:
        page_two = client.get("/en/opportunities/", {"status": "open", "page": 2})
    # The category and department options were not read again.
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert 'FROM "opportunities_category"' not in read
    assert 'FROM "procurement_portal_department"' not in read
    assert page_two.content.decode().count('class="result"') == 5
    assert '<option value="open" selected>' in page_two.content.decode()


def test_a_card_is_shared_by_every_list_that_shows_it(client, department):
    buyer = make_user(Role.BUYER, department=department)
    opportunity = published(owner=buyer, title_en="Rendered once")
    client = signed_in(client)
    client.get("/en/opportunities/")
    # Written without a signal: the card kept from the first list is what another sort and
    # filter show, and what the list shows after another row's change.
    Opportunity.objects.filter(pk=opportunity.pk).update(title_en="Not announced")
    other = client.get("/en/opportunities/", {"sort": "budget_high", "status": "open"})
    assert "Rendered once" in other.content.decode()
    published(owner=buyer, title_en="Another")  # a public change, of another row
    assert "Rendered once" in client.get("/en/opportunities/").content.decode()
    row_changed("opportunities.opportunity", opportunity.pk)  # what such writes must call
    assert "Not announced" in client.get("/en/opportunities/").content.decode()


def test_another_rows_change_renders_only_the_new_card(client, department):
    buyer = make_user(Role.BUYER, department=department)
    for n in range(3):
        published(owner=buyer, title_en=f"Card {n}")
    client = signed_in(client)
    client.get("/en/opportunities/")
    new = published(owner=buyer, title_en="Published since")
    reads = _whole_rows_read(client, "/en/opportunities/")
    assert len(reads) == 1 and f"IN ({new.pk})" in reads[0]
    assert "Published since" in client.get("/en/opportunities/").content.decode()


def test_a_renamed_department_is_on_every_card_at_once(client, department):
    published(owner=make_user(Role.BUYER, department=department))
    client = signed_in(client)
    assert department.name_en in client.get("/en/opportunities/").content.decode()
    department.name_en = "Department of Renamed Things"
    department.save(update_fields=["name_en"])  # the card's row is not written
    assert "Department of Renamed Things" in client.get("/en/opportunities/").content.decode()


def test_a_public_change_shows_at_once_and_each_language_has_its_own(client, department):
    buyer = make_user(Role.BUYER, department=department)
    opportunity = published(owner=buyer, title_en="Before", title_fr="Avant")
    client = signed_in(client)
    assert "Before" in client.get("/en/opportunities/").content.decode()
    assert "Avant" in client.get("/fr/occasions/").content.decode()
    opportunity.title_en = "After"
    opportunity.save(update_fields=["title_en"])  # a public change: a new generation
    page = client.get("/en/opportunities/").content.decode()
    assert "After" in page and "Before" not in page


def _clock_passes(monkeypatch, opportunity) -> None:
    """The clock moves past the deadline, and nothing is written (as in life: the closing
    task comes later). The model's clock is what the cards and the list read."""
    from opportunities.models import opportunities as model

    later = opportunity.closes_at + timedelta(seconds=1)
    monkeypatch.setattr(model, "timezone", SimpleNamespace(now=lambda: later))


def test_the_card_follows_the_deadline_even_without_a_write(client, department, monkeypatch):
    opportunity = published(owner=make_user(Role.BUYER, department=department))
    client = signed_in(client)
    assert 'status-tag--published">Open<' in client.get("/en/opportunities/").content.decode()
    _clock_passes(monkeypatch, opportunity)
    assert Opportunity.objects.get(pk=opportunity.pk).effective_status == "closed"
    page = client.get("/en/opportunities/").content.decode()
    assert 'status-tag--closed">Closed<' in page and "status-tag--published" not in page


def test_the_page_reads_its_cards_in_one_round_trip(client, department, monkeypatch):
    buyer = make_user(Role.BUYER, department=department)
    for n in range(5):
        published(owner=buyer, title_en=f"Card {n}")
    client = signed_in(client)
    client.get("/en/opportunities/")
    reads = []  # the calls the page makes (a local-memory get_many calls get in turn)
    inside = []

    def spy(name, real):
        def call(keys, *args, **kwargs):
            if not inside:
                cards = [k for k in ([keys] if isinstance(keys, str) else keys) if "card" in k]
                reads.append((name, len(cards)))
            inside.append(name)
            try:
                return real(keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    monkeypatch.setattr(cache, "get", spy("get", cache.get))
    monkeypatch.setattr(cache, "get_many", spy("get_many", cache.get_many))
    page = client.get("/en/opportunities/").content.decode()
    monkeypatch.undo()
    assert [read for read in reads if read[1]] == [("get_many", 5)]
    assert page.count('class="result"') == 5


def _whole_rows_read(client, path: str) -> list[str]:
    """The SQL of the queries that read opportunities whole (their titles) for `path`."""
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = list(captured.captured_queries)  # the next request empties the list
    return [q["sql"] for q in queries if '"opportunities_opportunity"."title_en"' in q["sql"]]


def test_only_the_cards_missing_from_the_cache_read_their_rows(client, department, monkeypatch):
    buyer = make_user(Role.BUYER, department=department)
    # Deadlines a day apart: the clock passes the first one only.
    opportunities = [
        published(
            owner=buyer, title_en=f"Card {n}", closes_at=earliest_closing() + timedelta(days=n + 2)
        )
        for n in range(5)
    ]
    client = signed_in(client)
    assert len(_whole_rows_read(client, "/en/opportunities/")) == 1  # every card rendered
    assert _whole_rows_read(client, "/en/opportunities/") == []  # every card from the cache
    _clock_passes(monkeypatch, opportunities[0])  # its card's key changes; not the others
    reads = _whole_rows_read(client, "/en/opportunities/")
    assert len(reads) == 1
    assert f"IN ({opportunities[0].pk})" in reads[0]
    assert client.get("/en/opportunities/").content.decode().count('class="result"') == 5


def test_filters_are_checked_against_the_kept_categories_until_one_changes(client, department):
    from procurement_portal.models import Category

    buyer = make_user(Role.BUYER, department=department)
    parent = Category.objects.filter(parent__isnull=True).first()
    child = Category.objects.filter(parent=parent).first()
    published(owner=buyer, title_en="In the subcategory", category=child)
    client = signed_in(client)
    client.get("/en/opportunities/")  # the tables read and kept
    with CaptureQueriesContext(connection) as captured:  # new filters: the form is rendered
        page = client.get(
            "/en/opportunities/", {"category": parent.pk, "department": department.pk}
        )
    read = " ".join(q["sql"] for q in list(captured.captured_queries))
    assert f'FROM "{Category._meta.db_table}"' not in read  # neither checked nor offered
    assert 'FROM "procurement_portal_department"' not in read
    assert f'<option value="{parent.pk}" selected>' in page.content.decode()
    assert "In the subcategory" in page.content.decode()  # the parent includes its children
    published(owner=buyer, title_en="Another")  # a public change: the tables are still kept
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/opportunities/", {"category": child.pk})
    assert f'FROM "{Category._meta.db_table}"' not in " ".join(
        q["sql"] for q in list(captured.captured_queries)
    )
    added = Category.objects.create(slug="kept-test", name_en="Kept", name_fr="Gardée")
    assert client.get("/en/opportunities/", {"category": added.pk}).context["form"].is_valid()
    assert not client.get("/en/opportunities/", {"category": 999_999}).context["form"].is_valid()


def test_the_first_pages_of_a_list_share_one_read_of_its_top_rows(client, department):
    """Pages 1 to 5 come from one query of the first rows (a search ranks every match to
    find any page), kept; after a public change only those and the rows written since are
    ranked again (procurement_portal.listing, 5.)."""
    from procurement_portal.listing import KEPT

    buyer = make_user(Role.BUYER, department=department)
    for n in range(45):
        published(owner=buyer, title_en=f"Translation {n}")

    def ids_queries(params):
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/en/opportunities/", params)
        queries = [q["sql"] for q in list(captured.captured_queries)]
        narrow = [sql for sql in queries if '"closes_at" AS "closes_at"' in sql]
        return page, [s for s in narrow if "COUNT(*)" not in s and not s.startswith("EXPLAIN")]

    client = signed_in(client)
    first, read = ids_queries({"q": "translation"})
    assert len(read) == 1 and f"LIMIT {KEPT}" in read[0], read
    for number, shown in [(2, 20), (3, 5)]:
        page, read = ids_queries({"q": "translation", "page": number})
        assert read == [] and page.content.decode().count('class="result"') == shown
    published(owner=buyer, title_en="Translation 46")  # a public change: ranked again
    page, read = ids_queries({"q": "translation", "page": 3})
    assert len(read) == 1 and '"opportunity_id" IN (' in read[0], read
    assert page.content.decode().count('class="result"') == 6


def test_a_new_combination_of_filters_renders_only_the_fields_that_changed(
    client, department, monkeypatch
):
    published(owner=make_user(Role.BUYER, department=department))
    client = signed_in(client)
    client.get("/en/opportunities/", {"status": "open"})
    rendered = _fields_rendered(monkeypatch)
    page = client.get("/en/opportunities/", {"status": "open", "sort": "budget_high"})
    assert rendered == ["sort"]  # every other field as it was for the first combination
    body = page.content.decode()
    assert '<option value="budget_high" selected>' in body
    assert '<option value="open" selected>' in body
    french = client.get("/fr/occasions/", {"status": "open", "sort": "budget_high"})
    assert len(rendered) > 1 and "Trier par" in french.content.decode()  # its own language


def test_the_filter_fields_outlive_a_publication_but_not_a_new_department(
    client, department, monkeypatch
):
    from procurement_portal.models import Department

    buyer = make_user(Role.BUYER, department=department)
    published(owner=buyer)
    client = signed_in(client)
    client.get("/en/opportunities/", {"status": "open"})
    rendered = _fields_rendered(monkeypatch)
    published(owner=buyer, title_en="Another")
    client.get("/en/opportunities/", {"status": "open"})
    assert rendered == []  # a publication changes no option
    Department.objects.create(slug="new", name_en="Newly Created Agency", name_fr="Agence neuve")
    page = client.get("/en/opportunities/", {"status": "open"})
    assert "department" in rendered and "Newly Created Agency" in page.content.decode()
