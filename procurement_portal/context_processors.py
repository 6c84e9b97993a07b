import json

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .navigation import navigation_for
from .page_cache import generation


def portal(request):
    """What every page needs: the other language's URL, the demo flag and the navigation."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    other = "fr" if current == "en" else "en"
    return {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        "demo_mode": settings.DEMO_MODE,
        "demo_totp_code": _demo_code(request),
        "navigation": navigation_for(request.user) if hasattr(request, "user") else [],
        # For `{% cache %}` fragments of public data, keyed like the page cache: the
        # generation is read once per page, and only by a page that uses it; 0 seconds
        # (the tests) caches nothing.
        "public_cache": {
            "seconds": settings.PUBLIC_PAGE_CACHE_SECONDS,
            "generation": SimpleLazyObject(generation),
        },
        "footer_links_json": json.dumps(
            {_("Home"): reverse("home"), _("Service status"): reverse("service_status")},
            ensure_ascii=False,
        ),
    }


def _demo_code(request) -> str | None:
    """In demo mode only, the shared demo authenticator's code, shown on the 2FA page."""
    if not settings.DEMO_MODE:
        return None
    match = getattr(request, "resolver_match", None)
    if not match or match.url_name != "mfa_authenticate":
        return None
    from .demo import current_demo_code

    return current_demo_code()
