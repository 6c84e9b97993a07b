"""Public lists paged on narrow rows, and read whole only where a card is not cached.

A list page used to read its 20 or 25 rows whole (an opportunity row is about 3.4 kB, a
vendor's with its badges and categories takes four queries) and render every card. Now:

1. `IdsFirst` counts and cuts the list into pages on narrow rows: the id and what changes
   the card without a write (an opportunity's status moves when its deadline passes; a
   badge lapses when its certificate expires). Those come from an index-only scan of the
   sort's covering index where there is one (opportunities.models).
2. The page is a `ListedPage` of `Listed(pk, vary)`: enough to find each card in the
   cache (`{% cached_cards %}`, procurement_portal/templatetags/fragments.py).
3. Only the rows whose card is missing are read whole, by id, in one query (`load`).

The first WINDOW rows (pages 1 to 5) are read once and kept until the next public change:
a search ranks every match of its words to find any page of them (36 ms for a common word
at 100,000 opportunities), and visitors page through the first few.

4. A public change retires every cached page (procurement_portal/page_cache.py), yet most
   list pages show the same thing after it: a new opportunity in one category and one
   department changes the lists that filter on them and the pages it pushes down, not the
   others. `render_list` keeps each anonymous list page under what it shows (its count,
   each row with what changes its card and its row's stamp: procurement_portal.kept_pages):
   after a change the page counts and cuts its rows again (its SQL) and, when they are what
   it showed, is served without rendering (about half of its first visit,
   docs/benchmarks.md).
"""

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import render

from . import row_stamps
from .kept_pages import kept_page
from .pagination import COUNT_SECONDS, public_query_key

WINDOW = 100  # rows kept from the top of a list: five pages of 20, four of 25


class Listed(NamedTuple):
    """One row of a list page: what finds its card in the cache."""

    pk: int
    vary: str  # what changes the card without a write


Loader = Callable[[list[int]], dict[int, Model]]


class ListedPage(list):
    """A page of `Listed` rows; `load(pks)` reads rows whole, by id."""

    def __init__(self, rows, load: Loader):
        super().__init__(rows)
        self.load = load
        self._stamps: dict[str, dict] = {}

    def stamps(self, label: str) -> dict[Any, str]:
        """The rows' stamps (procurement_portal.row_stamps), read once for the page and its
        cards."""
        if label not in self._stamps:
            self._stamps[label] = row_stamps.stamps(label, [row.pk for row in self])
        return self._stamps[label]

    def whole(self) -> list:
        """The page's rows read whole, in order (those deleted since are left out)."""
        found = self.load([row.pk for row in self])
        return [found[row.pk] for row in self if row.pk in found]


class IdsFirst:
    """A list for the paginator. `rows` is an ordered `values_list` whose first column is
    the id; `vary(row)` says from the other columns what changes the card without a write;
    `load(pks)` reads rows whole."""

    ordered = True

    def __init__(self, rows, load: Loader, vary: Callable[[Sequence[Any]], str] = lambda r: ""):
        self.rows, self.load, self.vary = rows, load, vary

    @property
    def countable(self):
        return self.rows  # what PublicCountPaginator counts, and keys its count on

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if index.stop is not None and index.stop <= WINDOW and index.step is None:
            rows = self._window()[index]
        else:
            rows = self.rows[index]
        return ListedPage((Listed(row[0], self.vary(row)) for row in rows), self.load)

    def _window(self) -> list:
        """The list's first WINDOW rows, kept like its count (with the cache on)."""
        if not settings.PUBLIC_PAGE_CACHE_SECONDS:
            return list(self.rows[:WINDOW])
        key = public_query_key("public-window", self.rows)
        rows = cache.get(key)
        if rows is None:
            rows = list(self.rows[:WINDOW])
            cache.set(key, rows, COUNT_SECONDS)
        return rows


def render_list(request: HttpRequest, template_name: str, context: dict, stamps: str):
    """The list page of `context["page"]` (a page of `IdsFirst`, its rows' model named by
    `stamps` as in `{% cached_cards %}`), rendered only when what it shows has changed
    (4. above; procurement_portal.kept_pages)."""
    page = context["page"]

    def shown() -> list:
        stamp = page.object_list.stamps(stamps)
        rows = [(row.pk, row.vary, stamp[row.pk]) for row in page.object_list]
        return [page.paginator.count, page.paginator.is_estimate, rows]

    return kept_page(request, shown, lambda: (render(request, template_name, context), None))
