"""Public lists count their rows once per public change, and never count past a bound.

A COUNT over a filtered list of 100,000 public rows costs tens of milliseconds (more for
a common search word, ten times more at 1,000,000): more than the rest of the page. So:

- The count is kept under the page-cache generation and the query's SQL: pages 2 to 60 of
  the same filters, in either language, reuse the count of page 1. The SQL's times (an
  "open" filter compares with now) are taken to the minute in the key, or no two requests
  would ever share a count.
- It counts at most EXACT_UP_TO rows. Past that, on PostgreSQL, the list shows the
  planner's estimate as "about 54,000" (rounded to two significant figures, never below the
  bound). Nobody pages through ten thousand results; they add a filter. When the planner
  expects far more than the bound (COUNT_BELOW), nothing is counted at all.
"""

import hashlib
import json
from datetime import datetime
from functools import cached_property
from typing import cast

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet

from .page_cache import generation

COUNT_SECONDS = 15 * 60
EXACT_UP_TO = 10_000
# Counted only when the planner expects fewer than COUNT_BELOW × EXACT_UP_TO rows. Its
# estimate of a search is up to twice the truth (an English and a French word that are the
# same lexeme are counted twice), so a list it expects at 20,000 or more has, in practice,
# more than 10,000: the page shows the estimate either way.
COUNT_BELOW = 2


class PublicCountPaginator(Paginator):
    """For lists whose rows are the same for every reader (public querysets only). Its
    `count` may be an estimate: then `is_estimate` is true and the page says "about"."""

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        # Lists paged ids first (procurement_portal.listing.IdsFirst) are counted on their narrow
        # rows; the order changes no count, so it is left out (no sort, and every sort of the
        # same filters shares one count).
        rows = cast(QuerySet, getattr(self.object_list, "countable", self.object_list))
        rows = rows.order_by()
        key = public_query_key("public-count", rows)
        value = cache.get(key)
        if value is None:
            value = bounded_count(rows)
            cache.set(key, value, COUNT_SECONDS)
        return value

    @cached_property
    def count(self) -> int:
        return self._counted[0]

    @property
    def is_estimate(self) -> bool:
        return self._counted[1]


def public_query_key(kind: str, rows: QuerySet) -> str:
    """A cache key for what `rows` returns until the next public change: its SQL, with its
    times taken to the minute (an "open" filter compares with now)."""
    sql, params = rows.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{_to_the_minute(params)!r}".encode()).hexdigest()
    return f"{kind}:{generation()}:{digest}"


def bounded_count(rows) -> tuple[int, bool]:
    """(count, is_estimate): exact up to EXACT_UP_TO rows (the COUNT stops there), the
    planner's estimate past it on PostgreSQL; exact everywhere else (the demo's SQLite)."""
    if connection.vendor != "postgresql":
        return rows.count(), False
    estimate = planner_rows(rows)
    if estimate >= COUNT_BELOW * EXACT_UP_TO:
        # Far past the bound: what the page would show anyway, without counting (a common
        # search word's bounded COUNT still read every match from the GIN index: 33 ms).
        return _rounded(estimate), True
    exact = rows[: EXACT_UP_TO + 1].count()
    if exact <= EXACT_UP_TO:
        return exact, False
    return max(_rounded(estimate), EXACT_UP_TO), True


def planner_rows(rows) -> int:
    """How many rows PostgreSQL expects the query to return (EXPLAIN, nothing run)."""
    plan = json.loads(rows.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def _rounded(number: int) -> int:
    """Two significant figures: 53,916 → 54,000."""
    if number < 100:
        return number
    step = 10 ** (len(str(number)) - 2)
    return round(number / step) * step


def _to_the_minute(params) -> tuple:
    return tuple(
        p.replace(second=0, microsecond=0) if isinstance(p, datetime) else p for p in params
    )
