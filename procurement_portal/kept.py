"""The small public tables every list page asks about (categories, departments), kept in
each process until one of them changes.

A list page's filters named a category and a department: validating them and finding the
category's subcategories took three queries, about a tenth of an uncached list page
(docs/benchmarks.md). Both tables are tens of rows that change a few times a year, and each
write changes the reference generation (procurement_portal/apps.py watches them), so each
process keeps one copy under it (procurement_portal/page_cache.py): the first request
after a change to either table reads them again, in every process. With the public
cache off (PUBLIC_PAGE_CACHE_SECONDS = 0, most tests) nothing is kept."""

from collections.abc import Callable
from typing import Any

from django.conf import settings

from .page_cache import reference_generation

_copies: dict[str, tuple[str, Any]] = {}  # name → (generation, value); one dict per process


def kept(name: str, read: Callable[[], Any]) -> Any:
    """`read()`, read again only after a category or a department changes."""
    if not settings.PUBLIC_PAGE_CACHE_SECONDS:
        return read()
    current = reference_generation()
    found = _copies.get(name)
    if found is None or found[0] != current:
        found = _copies[name] = (current, read())
    return found[1]


def categories() -> dict[int, Any]:
    """Every category by id, each with its parent."""
    from .models import Category

    return kept("categories", lambda: {c.pk: c for c in Category.objects.select_related("parent")})


def departments() -> dict[int, Any]:
    from .models import Department

    return kept("departments", lambda: {d.pk: d for d in Department.objects.all()})


def with_subcategories(category) -> list[int]:
    """The category's id and its subcategories' (a list filters on both)."""
    return [category.pk, *(pk for pk, c in categories().items() if c.parent_id == category.pk)]
