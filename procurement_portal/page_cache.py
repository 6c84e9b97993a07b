"""Rendered public pages for anonymous visitors, kept until the next public change.

Most visitors of the opportunity list, the detail pages, the vendor directory and the
other public pages are not signed in, and see exactly the same page as every other
anonymous visitor of the same URL. Rendering it again for each of them is most of the
cost of those pages (see docs/benchmarks.md), so the rendered page is kept in the cache
and served as it is.

Freshness: every stored page carries the *generation* it was rendered under, a value that
changes whenever a public model is written (each app lists its own in its `ready()`,
through `watch`) or the services announce a public change (procurement_portal.events). A
page is served only while its generation is the current one, so a change retires every
cached page at once; nothing has to know which URLs showed what. The generation and the
page are read in one round trip to Redis (a hit is mostly that read). Pages also expire
after PUBLIC_PAGE_CACHE_SECONDS, an upper bound for what no write marks, such as a
deadline passing before the closing task runs.

Only anonymous GET/HEAD requests without a session or pending messages are served from
or stored in the cache, and only views marked with `@public_page`. A page that set a
cookie or used the CSRF token is never stored. The CSP nonce is taken out of the stored
page and a fresh one put in for each response.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

GENERATION_KEY = "public-pages:generation"
# Changes only when a reference table is written (categories, departments, certification
# types: `watch(..., reference=True)`): what is rendered from their names and from one row
# (a result card, procurement_portal.row_stamps) or from those names alone (a filter
# form's options) outlives the other public changes.
REFERENCE_KEY = "public-pages:reference"
NONCE_MARK = "__csp_nonce__"
KEPT_HEADERS = ("Content-Type", "Content-Language")


def public_page(view: Callable) -> Callable:
    """Mark a view whose anonymous page is the same for everyone (the middleware caches it)."""
    view.public_page = True  # type: ignore[attr-defined]
    return view


# Inside a request each generation is read from Redis once (with the page, by the
# middleware, when it looks for one) and reused by everything the page reads under it
# (counts, cards, fragments, procurement_portal.kept): it was five round trips a page. A
# change announced by another process meanwhile leaves this page stale at once, never
# fresh-looking; one made by this request replaces the value read. Outside requests
# (tasks, commands) every call reads Redis.
_this_request = Local()


def generation() -> str:
    """Changes with every public change: whole pages, counts and lists are kept under it."""
    return _generation(GENERATION_KEY)


def reference_generation() -> str:
    """Changes when a reference table is written (REFERENCE_KEY)."""
    return _generation(REFERENCE_KEY)


def _generation(key: str) -> str:
    read = getattr(_this_request, "read", None)
    value = read.get(key) if read is not None else None
    if value is None:
        value = _read_generation(key)
        _remember(key, value)
    return value


def _read_generation(key: str) -> str:
    value = cache.get(key)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(key, value, None)
        value = cache.get(key, value)
    return value


def _remember(key: str, value: str) -> None:
    if getattr(_this_request, "inside", False):
        _this_request.read[key] = value


def _request_started(**_kwargs: Any) -> None:
    _this_request.inside, _this_request.read = True, {}


def _request_finished(**_kwargs: Any) -> None:
    _this_request.inside, _this_request.read = False, None


request_started.connect(_request_started, dispatch_uid="page-cache:generation:start")
request_finished.connect(_request_finished, dispatch_uid="page-cache:generation:end")


def public_pages_changed(**_kwargs: Any) -> None:
    """Forget every cached public page: now, and again when the transaction commits (a page
    rendered from the old rows in between must not outlive the change)."""
    _new_generation(GENERATION_KEY)
    transaction.on_commit(lambda: _new_generation(GENERATION_KEY))


def reference_changed(**_kwargs: Any) -> None:
    """A reference table was written: every public page, and what was rendered from its
    names (cards, filter options), are stale."""
    public_pages_changed()
    _new_generation(REFERENCE_KEY)
    transaction.on_commit(lambda: _new_generation(REFERENCE_KEY))


def _new_generation(key: str) -> None:
    value = uuid.uuid4().hex
    cache.set(key, value, None)
    _remember(key, value)


def watch(*models: type[Model], reference: bool = False) -> None:
    """Public pages show these models: any save or delete makes the cached pages stale.
    `reference`: their names are shown on many rows' cards (categories, departments,
    certification types), see REFERENCE_KEY."""
    changed = reference_changed if reference else public_pages_changed
    for model in models:
        label = model._meta.label_lower
        post_save.connect(changed, sender=model, dispatch_uid=f"pages:{label}:s")
        post_delete.connect(changed, sender=model, dispatch_uid=f"pages:{label}:d")
        if model._meta.auto_created:  # a many-to-many table: .add() and .set() send only this
            m2m_changed.connect(changed, sender=model, dispatch_uid=f"pages:{label}:m")


def _key(request: HttpRequest) -> str:
    path = request.get_full_path()
    digest = hashlib.sha256(f"{translation.get_language()}|{path}".encode()).hexdigest()
    return f"public-page:{digest}"


def _stored_page(key: str) -> tuple[str, tuple | None]:
    """The current generation and what is kept under `key`, in one round trip (with the
    reference generation, which a page's cards and filters need)."""
    found = cache.get_many([GENERATION_KEY, REFERENCE_KEY, key])
    for name in (GENERATION_KEY, REFERENCE_KEY):
        if name in found:
            _remember(name, found[name])
    return generation(), found.get(key)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # a session can carry state the page shows (sign-in, messages)
    if request.COOKIES.get("messages"):
        return False
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated)


def _nonce(request: HttpRequest) -> str | None:
    nonce = getattr(request, "_csp_nonce", None)
    return str(nonce) if nonce is not None else None


# The paths whose view is marked `@public_page`, as each process resolved them: the pages
# of those are looked for before the URL is resolved again (PublicPageCacheMiddleware).
_public_paths: dict[str, bool] = {}
PATHS_KEPT = 50_000  # about 5 MB a process; forgotten all at once past it


class PublicPageCacheMiddleware:
    """Serve and keep anonymous renderings of the views marked `@public_page`.

    A path this process has resolved to such a view has its page looked for before the
    URL is resolved again: resolving a translated URL tries its patterns one by one (about
    70 for a vendor's profile, 0.4 ms, a third of a hit). Other paths (a bare view, the
    sign-in page) are not looked for at all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _public_paths.get(request.path_info) and cacheable(request):
            found = self._look_up(request)
            if found is not None:
                return found
        response = self.get_response(request)
        miss = getattr(request, "_public_page_miss", None)
        if miss and storable(request, response):
            key, rendered_under = miss
            cache.set(
                key,
                (rendered_under, *to_store(request, response)),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
        return response

    def process_view(self, request: HttpRequest, view: Callable, args: Any, kwargs: Any):
        public = getattr(view, "public_page", False)
        if len(_public_paths) >= PATHS_KEPT:
            _public_paths.clear()
        _public_paths[request.path_info] = public
        if not public or not cacheable(request):
            return None
        if hasattr(request, "_public_page_miss"):  # looked for already, before resolving
            return None
        return self._look_up(request)

    @staticmethod
    def _look_up(request: HttpRequest) -> HttpResponse | None:
        key = _key(request)
        current, stored = _stored_page(key)
        if stored is None or stored[0] != current:
            # Stored with the generation read *before* rendering: a change made while the
            # page renders leaves it already stale, never fresh-looking.
            request._public_page_miss = (key, current)  # type: ignore[attr-defined]
            return None
        response = served(request, stored[1:])
        response["X-Public-Page"] = "hit"
        return response


def cacheable(request: HttpRequest) -> bool:
    """May this request be answered with, and its answer kept as, an anonymous page?"""
    return bool(settings.PUBLIC_PAGE_CACHE_SECONDS) and _cacheable_request(request)


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Is this response the same for every anonymous visitor (no cookie, token or message)?"""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_messages", None)
    )


def to_store(request: HttpRequest, response: HttpResponse) -> tuple[bytes, dict]:
    """What is stored of a response: its content without this response's CSP nonce, and
    the headers that describe it."""
    content = response.content
    nonce = _nonce(request)
    if nonce:
        content = content.replace(nonce.encode(), NONCE_MARK.encode())
    return content, {name: response[name] for name in KEPT_HEADERS if name in response}


def served(request: HttpRequest, stored: tuple[bytes, dict]) -> HttpResponse:
    """A response from what `to_store` made, with this response's CSP nonce."""
    content, headers = stored
    nonce = _nonce(request) or ""
    response = HttpResponse(content.replace(NONCE_MARK.encode(), nonce.encode()))
    for name, value in headers.items():
        response[name] = value
    return response
