"""django-allauth's pages with French paths: /fr/comptes/connexion/ as well as
/en/accounts/login/. allauth declares fixed English routes; we rebuild its patterns with
routes that translate each path segment lazily (per request language), so the views, names
and `reverse()` calls stay allauth's own and the language toggle (translate_url) works."""

import re
from typing import Any

from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from django.utils.functional import lazy

# Path words of allauth's account and two-factor pages, in French (without accents: they
# travel in links).
FRENCH_SEGMENTS = {
    "login": "connexion",
    "logout": "deconnexion",
    "inactive": "inactif",
    "signup": "inscription",
    "reauthenticate": "reauthentification",
    "email": "courriel",
    "confirm-email": "confirmer-courriel",
    "password": "mot-de-passe",
    "change": "modifier",
    "set": "definir",
    "reset": "reinitialiser",
    "key": "cle",
    "done": "termine",
    "code": "code",
    "confirm": "confirmer",
    "2fa": "double-authentification",
    "authenticate": "authentification",
    "totp": "application",
    "activate": "activer",
    "deactivate": "desactiver",
    "recovery-codes": "codes-de-recuperation",
    "generate": "generer",
    "download": "telecharger",
}
_WORD = re.compile(
    r"(?<![\w<-])("
    + "|".join(sorted(map(re.escape, FRENCH_SEGMENTS), key=len, reverse=True))
    + r")(?![\w>-])"
)


def _in_language(route: str) -> str:
    if not (translation.get_language() or "").startswith("fr"):
        return route
    # Only the literal words: placeholders (<key>, (?P<key>...)) keep their names.
    return _WORD.sub(lambda match: FRENCH_SEGMENTS[match.group(1)], route)


_lazy_route = lazy(_in_language, str)


def _translated_pattern(pattern: Any) -> Any:
    # Django's own private attributes (what i18n_patterns' translated routes rely on too).
    if isinstance(pattern, RoutePattern):
        return RoutePattern(
            _lazy_route(pattern._route),  # type: ignore[attr-defined]
            name=pattern.name,
            is_endpoint=pattern._is_endpoint,  # type: ignore[attr-defined]
        )
    if isinstance(pattern, RegexPattern):
        return RegexPattern(
            _lazy_route(pattern._regex),  # type: ignore[attr-defined]
            name=pattern.name,
            is_endpoint=pattern._is_endpoint,  # type: ignore[attr-defined]
        )
    return pattern


def translated(patterns) -> list:
    result: list[Any] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            result.append(
                URLResolver(
                    _translated_pattern(entry.pattern),
                    translated(entry.url_patterns),
                    entry.default_kwargs,
                    entry.app_name,
                    entry.namespace,
                )
            )
        elif isinstance(entry, URLPattern):
            result.append(
                URLPattern(
                    _translated_pattern(entry.pattern),
                    entry.callback,
                    entry.default_args,
                    entry.name,
                )
            )
        else:
            result.append(entry)
    return result


def account_urlpatterns() -> list:
    import allauth.urls

    return translated(allauth.urls.urlpatterns)


def english_account_path(request, rest: str):
    """/fr/accounts/... (links sent before the French paths existed): the same page at its
    French address, query string kept."""
    with translation.override("en"):
        match = resolve(f"/en/accounts/{rest}")  # Http404 when there is no such page
    if match.func is english_account_path or (request.LANGUAGE_CODE or "en") == "en":
        raise Http404  # not an allauth page (and never a loop)
    with translation.override(request.LANGUAGE_CODE or "fr"):
        target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING")
    return redirect(f"{target}?{query}" if query else target, permanent=True)
