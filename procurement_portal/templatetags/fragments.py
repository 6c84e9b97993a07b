"""`{% cached_cards %}`: the result cards of a list page, read from the cache in two round
trips (the rows' stamps, then the cards) and rendered only where missing.

Django's `{% cache %}` reads one fragment per call: a list of 20 cards was 20 round trips to
Redis, about a sixth of an uncached list page (docs/benchmarks.md). A card's key has the
language, the row, what changes its card without a write (an opportunity's effective
status moves when its deadline passes), the row's stamp (`stamps` names its model) and the
reference generation: a card outlives other rows' changes, and no write of its own row,
its parts or the names it shows leaves it stale (procurement_portal/row_stamps.py).

`items` are model instances, or rows that only key their card, in a list with a `load(pks)`
that reads the instances (procurement_portal.listing.ListedPage): then only the cards
missing from the cache read their rows."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from procurement_portal import row_stamps
from procurement_portal.page_cache import reference_generation

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_cards(
    context, items, template_name: str, name: str, stamps: str, vary: str = ""
) -> list:
    """Each of `items` rendered with `template_name`, the item in the context as `name`."""
    card = context.template.engine.get_template(template_name)
    load = getattr(items, "load", None)
    read_stamps = getattr(items, "stamps", None)  # a ListedPage reads them once per page
    items = list(items)
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if not seconds:  # the cache is off (most tests): render every card
        return [_render(card, context, name, i) for i in _whole(items, load) if i is not None]
    stamp = read_stamps(stamps) if read_stamps else row_stamps.stamps(stamps, [i.pk for i in items])
    keys = _keys(items, template_name, vary, stamp)
    found = cache.get_many(keys)
    absent = [(key, item) for key, item in zip(keys, items, strict=True) if key not in found]
    missing = {}
    for (key, _item), whole in zip(absent, _whole([i for _k, i in absent], load), strict=True):
        if whole is not None:  # None: deleted since the page was cut
            found[key] = missing[key] = _render(card, context, name, whole)
    if missing:
        cache.set_many({key: str(html) for key, html in missing.items()}, seconds)
    return [mark_safe(found[key]) for key in keys if key in found]  # noqa: S308 - ours


def _keys(items: list, template_name: str, vary: str, stamp: dict) -> list[str]:
    prefix = f"card:{template_name}:{reference_generation()}:{translation.get_language()}"
    return [
        f"{prefix}:{item.pk}:{stamp[item.pk]}:{getattr(item, vary, '') if vary else ''}"
        for item in items
    ]


def _whole(items: list, load) -> list:
    """The instances for `items` (the same list when they are instances already)."""
    if load is None or not items:
        return items
    rows = load([item.pk for item in items])
    return [rows.get(item.pk) for item in items]


def _render(card, context, name: str, item) -> SafeString:
    with context.push({name: item}):
        return mark_safe(card.render(context))  # noqa: S308 - autoescaped by the template
