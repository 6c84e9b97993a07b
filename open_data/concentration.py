"""Against lock-in: how much of each department's awarded value goes to its most-used
vendors, and how often it awards the same vendor again within a year.

One query for the whole dashboard (the contracts of the period, plus the year before it so
a repeat at the start of the period is seen), whatever the number of departments."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

REPEAT_WINDOW = timedelta(days=365)
TOP = (1, 3)


def _share(part: Decimal, whole: Decimal) -> float:
    return float(round(100 * part / whole, 1)) if whole else 0.0


def concentration(contracts, *, since, department_slug: str = "") -> list[dict]:
    """Per department: awards, awarded value, the share of the top 1 and top 3 vendors, and
    the number of awards to a vendor the department had already awarded in the 365 days
    before. `contracts` is a Contract queryset not yet limited to the period."""
    if department_slug:
        contracts = contracts.filter(department__slug=department_slug)
    if since is not None:
        contracts = contracts.filter(created_at__gte=since - REPEAT_WINDOW)
    rows = contracts.order_by("created_at", "pk").values_list(
        "department__slug",
        "department__name_en",
        "department__name_fr",
        "vendor_id",
        "price",
        "created_at",
    )
    names: dict[str, tuple[str, str]] = {}
    value_by_vendor: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    awards: dict[str, int] = defaultdict(int)
    repeats: dict[str, int] = defaultdict(int)
    last_award: dict[tuple[str, int], object] = {}
    for slug, name_en, name_fr, vendor_id, price, created_at in rows:
        previous = last_award.get((slug, vendor_id))
        last_award[(slug, vendor_id)] = created_at
        if since is not None and created_at < since:
            continue  # only the look-back for repeats
        names[slug] = (name_en, name_fr)
        awards[slug] += 1
        value_by_vendor[slug][vendor_id] += price
        if previous is not None and created_at - previous <= REPEAT_WINDOW:
            repeats[slug] += 1
    result = []
    for slug in sorted(names, key=lambda s: names[s][0]):
        values = sorted(value_by_vendor[slug].values(), reverse=True)
        total = sum(values, Decimal(0))
        result.append(
            {
                "department": slug,
                "name_en": names[slug][0],
                "name_fr": names[slug][1],
                "awards": awards[slug],
                "vendors": len(values),
                "total": float(total),
                **{f"top{n}": _share(sum(values[:n], Decimal(0)), total) for n in TOP},
                "repeats": repeats[slug],
            }
        )
    return result
