"""Anonymous public pages kept under what they show, so they outlive other rows' changes.

The page cache (procurement_portal/page_cache.py) keeps whole pages under the public-change
generation: one publication anywhere retires all of them, and every page is rendered again
on its next visit, though most show exactly what they showed (a new opportunity changes the
lists that show it and its own page, not the other 99,999 detail pages). So a view may say
what its page shows, in values that change with it: a detail page its row's stamp
(procurement_portal/row_stamps.py), a list page its count and its rows with their stamps.
`kept_page` then serves the page rendered for the same URL, language, reference generation
(the names of categories and departments) and `shown`, and renders it only when there is
none. Its response goes on to the page cache as any other, so the next visitor of the URL
gets it in one round trip.

What changes with the clock and no write (an opportunity's deadline passing) is the view's
to say too: `render_page` returns, with the response, the moment it stops being true
(`until`), and the page is not served from that moment.

Only anonymous requests are served or kept, as by the page cache; a page is kept as long as
a page of the page cache (PUBLIC_PAGE_CACHE_SECONDS), half as long as a row stamp.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from . import page_cache

Rendered = tuple[HttpResponse, datetime | None]  # the response, and when it stops being true


def kept_page(request: HttpRequest, shown: Callable[[], list], render_page: Callable[[], Rendered]):
    """The response of `render_page()`, or the one it gave for the same URL and `shown()`
    (asked only of anonymous requests)."""
    if not page_cache.cacheable(request):
        return render_page()[0]
    key = _key(request, shown())
    stored = cache.get(key)
    if stored is not None:
        until, *content = stored
        if until is None or timezone.now() < until:
            return page_cache.served(request, tuple(content))
    response, until = render_page()
    if page_cache.storable(request, response):
        stored = (until, *page_cache.to_store(request, response))
        cache.set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return response


def _key(request: HttpRequest, shown: list) -> str:
    page = [translation.get_language(), request.get_full_path(), shown]
    digest = hashlib.sha256(repr(page).encode()).hexdigest()
    return f"kept-page:{page_cache.reference_generation()}:{digest}"
