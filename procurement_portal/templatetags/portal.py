from decimal import Decimal

from babel.numbers import format_currency
from django import template
from django.utils import translation

register = template.Library()

_BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}


@register.filter
def money(value, currency: str = "CAD") -> str:
    """Format an amount the Canadian way for the page's language: $1,234.56 / 1 234,56 $."""
    if value in (None, ""):
        return ""
    locale = _BABEL_LOCALES.get(translation.get_language() or "en", "en_CA")
    return format_currency(Decimal(value), currency, locale=locale)


@register.filter
def role_label(code: str) -> str:
    """The translated name of a role code (emails carry codes, not model instances)."""
    from procurement_portal.models import Role

    try:
        return str(Role(code).label)
    except ValueError:
        return code


@register.filter
def markdown(text: str):
    from procurement_portal.text import render_markdown

    return render_markdown(text)


@register.filter
def local(obj, name: str) -> str:
    """{{ opportunity|local:"title" }}: the field in the page's language."""
    return obj.local(name)


@register.filter
def in_language(value) -> str:
    """Pick the current language from {"en": ..., "fr": ...} (emails carry both)."""
    if isinstance(value, dict):
        language = translation.get_language() or "en"
        return value.get(language) or value.get("en") or ""
    return value


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
