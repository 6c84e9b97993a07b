"""Public lists count their rows once per public change, not on every page view.

A COUNT over a filtered list of 100,000 public rows costs tens of milliseconds (more for
a common search word): more than the rest of the page once it is cached. The rows only
change with a public change, which renews the page-cache generation, so the count is kept
under that generation and the query's SQL: pages 2 to 60 of the same filters, in either
language, reuse the count of page 1.
"""

import hashlib
from functools import cached_property
from typing import cast

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet

from .page_cache import generation

COUNT_SECONDS = 15 * 60


class PublicCountPaginator(Paginator):
    """For lists whose rows are the same for every reader (public querysets only)."""

    @cached_property
    def count(self) -> int:
        rows = cast(QuerySet, self.object_list)
        sql, params = rows.query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        key = f"public-count:{generation()}:{digest}"
        value = cache.get(key)
        if value is None:
            value = rows.count()
            cache.set(key, value, COUNT_SECONDS)
        return value
