"""Finding opportunities: search in both languages, filters, feed, constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.models import Opportunity
from opportunities.services.lifecycle import opportunity_cancel
from procurement_portal.models import Category, Role
from tests.factories import make_user

from .factories import past_deadline, published, ready_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(department):
    buyer = make_user(Role.BUYER, department=department)
    return {
        "audit": published(owner=buyer),
        "translation": published(
            owner=buyer,
            title_en="Translation of a training guide",
            title_fr="Traduction d’un guide de formation",
            summary_en="Translate forty pages from English to French.",
            summary_fr="Traduire quarante pages de l’anglais vers le français.",
            description_en="Forty pages.",
            description_fr="Quarante pages.",
            category=Category.objects.get(slug="services-translation"),
            max_budget=Decimal("3000.00"),
            is_remote=True,
        ),
        "draft": ready_draft(owner=buyer, title_en="Secret draft about translation"),
    }


def titles(response):
    return [o.title_en for o in response.context["page"].object_list.whole()]


@pytest.mark.parametrize("word", ["translation", "traduction", "guide"])
def test_search_finds_by_english_or_french_word(client, catalogue, word):
    found = titles(client.get("/en/opportunities/", {"q": word}))
    assert found == ["Translation of a training guide"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
@pytest.mark.parametrize("word", ["translating", "traductions", "formations"])
def test_search_understands_word_forms_in_both_languages(client, catalogue, word):
    assert titles(client.get("/en/opportunities/", {"q": word})) == [
        "Translation of a training guide"
    ]


def test_drafts_never_show(client, catalogue):
    assert (
        "Secret draft about translation"
        not in client.get("/en/opportunities/", {"q": "secret"}).content.decode()
    )
    assert client.get(f"/en/opportunities/{catalogue['draft'].pk}/").status_code == 404


def test_filters_combine_and_urls_are_shareable(client, catalogue):
    translation = Category.objects.get(slug="services-translation")
    assert titles(client.get("/en/opportunities/", {"remote": "on"})) == [
        "Translation of a training guide"
    ]
    assert titles(client.get("/en/opportunities/", {"budget_min": "5000"})) == [
        catalogue["audit"].title_en
    ]
    assert titles(client.get("/en/opportunities/", {"category": translation.parent_id})) == [
        "Translation of a training guide"
    ]
    assert titles(client.get("/en/opportunities/", {"sort": "budget_low"}))[0] == (
        "Translation of a training guide"
    )


def test_status_filter_uses_the_clock(client, catalogue):
    past_deadline(catalogue["audit"])
    assert titles(client.get("/en/opportunities/", {"status": "open"})) == [
        "Translation of a training guide"
    ]
    assert titles(client.get("/en/opportunities/", {"status": "closed"})) == [
        catalogue["audit"].title_en
    ]
    opportunity_cancel(
        opportunity=catalogue["translation"],
        actor=catalogue["translation"].owner,
        reason="No longer needed",
    )
    assert titles(client.get("/en/opportunities/", {"status": "cancelled"})) == [
        "Translation of a training guide"
    ]


def test_atom_feed_per_language(client, catalogue):
    en = client.get("/en/opportunities/feed/")
    assert en["Content-Type"].startswith("application/atom+xml")
    assert "Translation of a training guide" in en.content.decode()
    fr = client.get("/fr/occasions/fil/").content.decode()
    assert "Traduction d’un guide de formation" in fr
    assert "Secret draft" not in fr


def _many(department, count):
    buyer = make_user(Role.BUYER, department=department)
    template = published(owner=buyer)
    rows = []
    for index in range(count):
        template.pk = None
        template.title_en = f"Opportunity number {index}"
        fields = [f.attname for f in Opportunity._meta.concrete_fields if f.attname != "id"]
        rows.append(Opportunity(**{name: getattr(template, name) for name in fields}))
    Opportunity.objects.bulk_create(rows)


@pytest.mark.parametrize(
    "params", [{}, {"q": "opportunity"}, {"status": "open", "sort": "closing"}]
)
def test_list_and_search_keep_a_constant_number_of_queries(
    client, department, params, django_assert_max_num_queries
):
    _many(department, 220)
    with django_assert_max_num_queries(8):
        response = client.get("/en/opportunities/", params)
    assert response.status_code == 200


def test_detail_keeps_a_constant_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    from opportunities.services.questions import question_answer, question_ask

    opportunity = catalogue["audit"]
    vendor = make_user(Role.VENDOR_MEMBER)
    for index in range(15):
        question = question_ask(opportunity=opportunity, actor=vendor, text=f"Q{index}?")
        question_answer(question=question, actor=opportunity.owner, answer_en="A", answer_fr="R")
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/opportunities/{opportunity.pk}/")
    assert response.content.decode().count("<dt>Q") == 15 + 1  # and "Questions until"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_search_uses_the_gin_index(catalogue):
    """With many rows, a search reads the GIN index rather than every opportunity."""
    from opportunities.search import search_opportunities

    template = catalogue["audit"]
    with connection.cursor() as cursor:
        # 60,000 published opportunities in one statement; only a handful mention "pergola"
        # (at 20,000 short rows a sequential scan is as cheap as the index).
        _copies(
            cursor,
            template,
            60_000,
            title_en="CASE WHEN n %% 15000 = 0 THEN 'Build a pergola' ELSE 'Web audit ' || n END",
            title_fr="'Audit Web ' || n",
        )
        cursor.execute(
            "UPDATE opportunities_opportunity SET search_document = "
            "setweight(to_tsvector('english', title_en), 'A') || "
            "setweight(to_tsvector('french', title_fr), 'A') WHERE search_document IS NULL"
        )
        cursor.execute("ANALYZE opportunities_opportunity")
        cursor.execute("ANALYZE opportunities_searchentry")  # written by the trigger
        sql, params = search_opportunities({"q": "pergola"}).countable.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "opportunity_search_entry_gin" in plan, plan
    assert search_opportunities({"q": "pergola"}).count() == 4


def test_search_words_without_a_sort_say_the_results_are_by_best_match(client, catalogue):
    page = client.get("/en/opportunities/", {"q": "translation"}).content.decode()
    assert '<option value="relevance" selected>Best match</option>' in page
    plain = client.get("/en/opportunities/").content.decode()
    assert '<option value="relevance" selected>' not in plain
    chosen = client.get("/en/opportunities/", {"q": "translation", "sort": "closing"})
    assert '<option value="closing" selected>' in chosen.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's")
def test_a_deep_filtered_page_reads_its_ids_from_the_sort_index_not_the_rows(catalogue, client):
    """Page 40 of a filtered sort: the ids from an index-only scan of the covering sort
    index, then the page's 20 opportunities by id (procurement_portal.listing.IdsFirst)."""
    template = catalogue["audit"]
    with connection.cursor() as cursor:
        _copies(  # wide rows, as real ones are (about 3.4 kB): two per 8 kB page
            cursor,
            template,
            20_000,
            title_en="'Audit ' || n",
            title_fr="'Audit ' || n",
            summary_en="repeat('Summary ', 200)",
            summary_fr="repeat('Résumé ', 200)",
            description_en="repeat('Description ', 200)",
            description_fr="repeat('Description ', 200)",
            is_remote="n %% 2 = 0",
            max_budget="1000 + n",
            closes_at="now() + interval '10 days'",
        )
        cursor.execute("ANALYZE opportunities_opportunity")
    url = "/en/opportunities/?sort=budget_high&remote=on&page=40"
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    queries = [query["sql"] for query in captured.captured_queries]
    assert page.content.decode().count('class="result"') == 20
    ids = [sql for sql in queries if sql.startswith('SELECT "opportunities_opportunity"."id" AS')]
    assert len(ids) == 1 and "OFFSET 780" in ids[0], queries
    assert any('WHERE "opportunities_opportunity"."id" IN' in sql for sql in queries)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + ids[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan Backward using opportunity_budget" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's")
def test_a_categorys_count_reads_only_that_categorys_index_entries(catalogue):
    """A filter on one category counts from the category's own covering index, not by
    reading every entry of a sort index (procurement_portal/pagination.py)."""
    from opportunities.search import search_opportunities
    from procurement_portal.models import Category

    template = catalogue["audit"]
    rare = Category.objects.filter(parent__isnull=False).exclude(pk=template.category_id).first()
    with connection.cursor() as cursor:
        _copies(
            cursor,
            template,
            20_000,
            category_id=f"CASE WHEN n <= 300 THEN {rare.pk} ELSE category_id END",
        )
        cursor.execute("ANALYZE opportunities_opportunity")
    rows = search_opportunities({"category": rare}).countable.order_by()
    assert rows.count() == 300
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using opportunity_category" in plan, plan


def _copies(cursor, template, count: int, **columns: str) -> None:
    """`count` published copies of `template` in one INSERT … SELECT; `columns` replaces
    a column's SQL expression (`n` is the copy's number, 1 to count)."""
    expressions = {
        "department_id": "department_id",
        "owner_id": "owner_id",
        "category_id": "category_id",
        "status": "'published'",
        "title_en": "title_en",
        "title_fr": "title_fr",
        "summary_en": "'Summary'",
        "summary_fr": "'Résumé'",
        "description_en": "'Description'",
        "description_fr": "'Description'",
        "deliverables_en": "''",
        "deliverables_fr": "''",
        "location": "''",
        "is_remote": "false",
        "max_budget": "max_budget",
        "price_evaluation": "price_evaluation",
        "time_zone": "time_zone",
        "closes_at": "closes_at",
        "published_at": "now()",
        "contact_name": "contact_name",
        "contact_email": "contact_email",
        "cancellation_reason": "''",
        "cancellation_reason_fr": "''",
        "phase": "phase",
        "created_at": "now()",
        "updated_at": "now()",
        **columns,
    }
    cursor.execute(
        f"INSERT INTO opportunities_opportunity ({', '.join(expressions)}) "  # noqa: S608 - ours
        f"SELECT {', '.join(expressions.values())} "
        "FROM opportunities_opportunity, generate_series(1, %s) AS n WHERE id = %s",
        [count, template.pk],
    )
