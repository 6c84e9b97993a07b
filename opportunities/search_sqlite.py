"""The demo's search on SQLite: an FTS5 index that behaves like PostgreSQL's full-text search
(words, not substrings; stemmed; accents ignored; ranked with titles first) so what a visitor
sees in `make demo` is what production does. PostgreSQL uses `search_document` instead.

The index is a contentless copy of each public opportunity's text, written when it is
published (`refresh_search_document`), like the PostgreSQL vector."""

import re

from django.db import connection
from django.db.models import Value
from django.db.models.expressions import RawSQL

TABLE = "opportunity_search_fts"
# Porter stems English (PostgreSQL's "english" does too); unicode61 with diacritics removed
# lets "electricite" find "électricité". Columns: the titles, then the rest of the text.
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
# Titles weigh four times the body, like weight A against B in PostgreSQL's ranking.
RANK = f"-bm25({TABLE}, 4.0, 1.0)"
TEXT_FIELDS = ["summary", "description", "deliverables"]

# What a visitor types, read the way PostgreSQL's websearch_to_tsquery reads it:
# "a phrase", -excluded, `or` between alternatives, every other word required.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
WORD = re.compile(r"\w+")


def fts_query(q: str) -> str:
    """An FTS5 expression from free text; every term is quoted, so no input is a syntax error.
    Returns "" when nothing searchable is left."""
    required: list[str] = []
    excluded: list[str] = []
    alternative = False
    for match in TOKEN.finditer(q):
        negated = bool(match.group(1) or match.group(3))
        text = match.group(2) if match.group(2) is not None else match.group(4)
        words = WORD.findall(text)
        if not words:
            continue
        if match.group(4) is not None and text.lower() == "or" and required:
            alternative = True
            continue
        # A quoted phrase stays one term; "NEAR(a" outside quotes is two words.
        terms = (
            ['"' + " ".join(words) + '"']
            if match.group(2) is not None
            else [f'"{word}"' for word in words]
        )
        for term in terms:
            if negated:
                excluded.append(term)
            elif alternative:
                required[-1] = f"({required[-1]} OR {term})"
                alternative = False
            else:
                required.append(term)
    if not required:
        return ""  # only exclusions: FTS5 cannot start with NOT
    expression = " AND ".join(required)
    for term in excluded:
        expression = f"{expression} NOT {term}"
    return expression


# The SQL below names only the constant table above; every value is a bound parameter.


def index_opportunity(opportunity) -> None:
    """Write (or rewrite) one opportunity's row of the index."""
    title = " ".join(getattr(opportunity, f"title_{language}") for language in ["en", "fr"])
    body = " ".join(
        getattr(opportunity, f"{name}_{language}") or ""
        for name in TEXT_FIELDS
        for language in ["en", "fr"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [opportunity.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
            [opportunity.pk, title, body],
        )


def search(opportunities, q: str):
    """Filter to the matches and annotate `rank` (higher is better), as on PostgreSQL."""
    expression = fts_query(q)
    if not expression:
        return opportunities.none().annotate(rank=Value(0.0))
    table = opportunities.model._meta.db_table
    matches = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",  # noqa: S608
        [expression],
    )
    rank = RawSQL(  # noqa: S611
        f"(SELECT {RANK} FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid = {table}.id)",  # noqa: S608
        [expression],
    )
    return opportunities.filter(pk__in=matches).annotate(rank=rank)
