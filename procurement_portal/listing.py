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
5. A search ranks every match of its words to find its first rows (at 1,000,000
   opportunities, 144,000 matches of a common word), and a public change made it do so
   again. A list of `logged` rows whose filters do not depend on the clock keeps its
   first rows across public changes instead: the rows written since are in the log of
   row_stamps, and the list's own query ranks them with the rows kept, not every match
   (`_brought_up_to_date` says why that is the same answer).
"""

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
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
KEPT = WINDOW + 50  # rows kept of a list brought up to date (5.): room for rows to drop out
WRITES_MERGED = 50  # more rows written since, and the list is read again


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

    def __init__(
        self,
        rows,
        load: Loader,
        vary: Callable[[Sequence[Any]], str] = lambda r: "",
        logged: str = "",
    ):
        # `logged`: the label of the rows' model, whose writes row_stamps logs; then a list
        # that does not depend on the clock keeps its first rows across public changes (5.).
        self.rows, self.load, self.vary, self.logged = rows, load, vary, logged

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
        """The list's first WINDOW rows, kept like its count (with the cache on), or across
        public changes (5. above)."""
        if not settings.PUBLIC_PAGE_CACHE_SECONDS:
            return list(self.rows[:WINDOW])
        if self.logged and _without_the_clock(self.rows):
            return _kept_window(self.rows, self.logged)
        key = public_query_key("public-window", self.rows)
        rows = cache.get(key)
        if rows is None:
            rows = list(self.rows[:WINDOW])
            cache.set(key, rows, COUNT_SECONDS)
        return rows


def _without_the_clock(rows) -> bool:
    """Does the list say the same at any time (no "open now" filter, no date)?"""
    _sql, params = rows.query.sql_with_params()
    return not any(isinstance(p, date) for p in params)  # a datetime is a date too


def _kept_window(rows, label: str) -> list:
    """The first WINDOW rows, read once and then brought up to date from the rows written
    since (5. above): (position in the log, the rows, whether they are all the list has)."""
    sql, params = rows.query.sql_with_params()
    key = "kept-window:" + hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
    found = cache.get_many([key, row_stamps.log_key(label)])
    position = found.get(row_stamps.log_key(label), 0)
    if key in found:
        read_at, kept, complete = found[key]
        if read_at == position:
            return kept[:WINDOW]
        written = row_stamps.written_between(label, read_at, position, most=WRITES_MERGED)
        updated = _brought_up_to_date(rows, kept, complete, written) if written else None
        if updated is not None:
            cache.set(key, (position, *updated), COUNT_SECONDS)
            return updated[0][:WINDOW]
    kept = list(rows[:KEPT])  # read after the position: no write logged before it is missed
    cache.set(key, (position, kept, len(kept) < KEPT), COUNT_SECONDS)
    return kept[:WINDOW]


def _brought_up_to_date(rows, kept: list, complete: bool, written: set):
    """The list's first rows now, from those kept and the rows written since, ranked by the
    list's own query among them only; None when fewer than WINDOW of them are sure.

    A row neither kept nor written since ranks below every kept row (the kept rows were the
    first; neither its place nor theirs has moved), so the ranking is the list's own down to
    the last kept row not written since; below it, such a row may come first. When the kept
    rows were all the list had, there is no such row."""
    unchanged = {row[0] for row in kept if row[0] not in written}
    ranked = list(rows.filter(pk__in=[*unchanged, *written])[:KEPT])
    if complete:
        return ranked, len(ranked) < KEPT
    last = max((i for i, row in enumerate(ranked) if row[0] in unchanged), default=-1)
    sure = ranked[: last + 1]
    return (sure, False) if len(sure) >= WINDOW else None


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
