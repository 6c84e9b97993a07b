"""A stamp per public row that changes when the row is written, so that what was rendered
from one row (its result card) outlives the other rows' changes.

Cards used to be kept under the public-change generation (procurement_portal/page_cache.py):
a publish anywhere retired all of them, and every list page after it rendered its 20 cards
again (12 of the 36 ms of a list page's first visit, docs/benchmarks.md). An opportunity's
card shows its row and the names of its category and department; a vendor's, the vendor
and its parts (categories, catalogue items, certificates, answers). So a card is kept under
its row's stamp and the reference generation instead (`{% cached_cards ... stamps=... %}`),
and what changes without a write (the status on the clock) is in its key as before.

A stamp is a random value, written when the row is saved or deleted and again when the
transaction commits (a card rendered from the old row in between must not outlive the
change). A row never written since it was created has no stamp (""): no card rendered
before a write can carry the stamp written after it. A stamp is kept twice as long as any
card (`stamp_seconds`), so when it expires the cards stored under it are gone too.

Writes that send no signal (`QuerySet.update`) of what a card shows must call `row_changed`
themselves.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .page_cache import reference_changed


def stamp_seconds() -> int:
    return 2 * settings.PUBLIC_PAGE_CACHE_SECONDS


def _key(label: str, pk: Any) -> str:
    return f"row-stamp:{label}:{pk}"


def stamps(label: str, pks: list) -> dict[Any, str]:
    """Each row's stamp (`label` as in `Model._meta.label_lower`), in one round trip."""
    keys = {pk: _key(label, pk) for pk in pks}
    found = cache.get_many(list(keys.values()))
    return {pk: found.get(key, "") for pk, key in keys.items()}


def row_changed(label: str, pk: Any) -> None:
    """The row was written: now, and again when the transaction commits."""
    _stamp(label, pk)
    transaction.on_commit(lambda: _stamp(label, pk))


def _stamp(label: str, pk: Any) -> None:
    cache.set(_key(label, pk), uuid.uuid4().hex, stamp_seconds())
    _log(label, pk)


# The rows written lately, numbered in order (a counter, and one entry per write): a list
# kept across public changes is brought up to date from the rows written since it was read
# (procurement_portal.listing, a search's first rows). An entry is kept as long as a stamp;
# one missing means "unknown", and the list is read again.


def log_key(label: str) -> str:
    """The number of the last write of `label` logged (0: none yet)."""
    return f"row-log:{label}"


def _log(label: str, pk: Any) -> None:
    counter = log_key(label)
    cache.add(counter, 0, None)
    number = cache.incr(counter)
    cache.set(f"{counter}:{number}", pk, stamp_seconds())


def written_between(label: str, after: int, upto: int, most: int) -> set | None:
    """The rows of the writes numbered after `after`, up to `upto`; None when more than
    `most` or when one of them is no longer known."""
    if upto - after > most or upto < after:
        return None
    keys = [f"{log_key(label)}:{number}" for number in range(after + 1, upto + 1)]
    found = cache.get_many(keys)
    if len(found) != len(keys):
        return None
    return set(found.values())


def stamp_on_write(*models: type[Model], via: str = "") -> None:
    """Keep a stamp for each row of these models. With `via` (a foreign key's name), their
    rows are part of the row it points to: writing one changes that row's stamp (a vendor's
    certificate is on the vendor's card). With `via` naming the other side of a foreign key
    (an initiative's `phases`), each row is shown on the rows pointing to it: writing
    it changes each of theirs (an initiative's name is on each of its opportunities' pages)."""
    for model in models:
        label = model._meta.label_lower
        field = model._meta.get_field(via) if via else None

        def written(sender, instance, _field=field, **_kwargs) -> None:
            if not settings.PUBLIC_PAGE_CACHE_SECONDS or instance.pk is None:
                return
            if _field is None:
                row_changed(sender._meta.label_lower, instance.pk)
            elif _field.one_to_many:
                shown_on = _field.related_model._meta.label_lower
                related = getattr(instance, _field.get_accessor_name())
                for pk in related.values_list("pk", flat=True):
                    row_changed(shown_on, pk)
            elif (owner := getattr(instance, _field.attname)) is not None:
                row_changed(_field.related_model._meta.label_lower, owner)

        # The rows pointing to a deleted one are read before it goes (they may be set null).
        deleted = pre_delete if field is not None and field.one_to_many else post_delete
        post_save.connect(written, sender=model, weak=False, dispatch_uid=f"row-stamp:{label}:s")
        deleted.connect(written, sender=model, weak=False, dispatch_uid=f"row-stamp:{label}:d")


def stamp_on_links(through: type[Model]) -> None:
    """A many-to-many table whose links are part of the rows on its `from` side (a vendor's
    categories): `.add()`, `.remove()` and `.set()` change those rows' stamps."""
    label = through._meta.label_lower

    def linked(sender, instance, action, reverse, model, pk_set, **_kwargs) -> None:
        if not settings.PUBLIC_PAGE_CACHE_SECONDS or not action.startswith("post_"):
            return
        if not reverse:  # vendor.categories.add(...): the vendor's row
            row_changed(instance._meta.label_lower, instance.pk)
        elif pk_set:  # category.vendors.add(...): each vendor named
            for pk in pk_set:
                row_changed(model._meta.label_lower, pk)
        else:  # category.vendors.clear(): which rows is not said; forget every card
            reference_changed()

    m2m_changed.connect(linked, sender=through, weak=False, dispatch_uid=f"row-stamp:{label}:m")
