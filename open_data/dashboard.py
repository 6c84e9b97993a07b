"""The pilot's own measures, for the public dashboard.

Computed with a fixed number of aggregate queries, cached, and recomputed by a beat task for
every filter combination, so a page view never computes them (a cold cache computes once)."""

import time
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.core.cache import cache
from django.db.models import Count, Min, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

PERIODS = {"12": 12, "24": 24, "all": None}  # months
CACHE_SECONDS = 60 * 60
COMPUTING_SECONDS = 10  # how long others wait for the one computing the figures


@dataclass(frozen=True)
class Filters:
    department: str = ""  # a department slug, or every department
    period: str = "12"

    @property
    def key(self) -> str:
        return f"dashboard:v2:{self.department or 'all'}:{self.period}"

    def since(self, now):
        months = PERIODS[self.period]
        return now - timedelta(days=round(months * 30.44)) if months else None


def _scope(queryset, filters: Filters, *, department_path: str, date_path: str, now):
    if filters.department:
        queryset = queryset.filter(**{f"{department_path}__slug": filters.department})
    since = filters.since(now)
    if since:
        queryset = queryset.filter(**{f"{date_path}__gte": since})
    return queryset


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def compute(filters: Filters) -> dict:
    from evaluations.models import AwardDecision
    from opportunities.models import Opportunity, Proposal, ProposalStatus
    from payments.models import Contract, Payment
    from vendors.models import Vendor

    from .concentration import concentration

    now = timezone.now()
    opportunities = _scope(
        Opportunity.objects.filter(published_at__isnull=False),
        filters,
        department_path="department",
        date_path="published_at",
        now=now,
    )
    per_month = [
        (row["month"].date().isoformat()[:7], row["n"])
        for row in opportunities.annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    # Proposals per closed opportunity, counted from the proposals' side: only the
    # opportunities that received one come back (the rest are the "0" bar). Counting on
    # the opportunities' side brought back one row per closed opportunity (a million in
    # the 1,000,000 bench: seconds per computation).
    closed = opportunities.filter(closed_at__isnull=False)
    closed_count = closed.count()
    received = (
        Proposal.objects.filter(opportunity__in=closed.values("pk"))
        .exclude(status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])
        .values("opportunity")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    histogram = {"0": 0, "1": 0, "2": 0, "3": 0, "4": 0, "5+": 0}
    proposals = 0
    for n in received:
        histogram["5+" if n >= 5 else str(n)] += 1
        proposals += n
    histogram["0"] = closed_count - sum(histogram.values())

    contracts = _scope(
        Contract.objects.all(),
        filters,
        department_path="department",
        date_path="created_at",
        now=now,
    )
    awarded = list(contracts.values_list("vendor_id", "created_at", "pk"))
    vendor_ids = {vendor for vendor, _at, _pk in awarded}
    vendors = {v.pk: v for v in Vendor.objects.with_badges().filter(pk__in=vendor_ids)}
    # A vendor's first government contract here is its lowest-numbered one.
    firsts = dict(
        Contract.objects.filter(vendor_id__in=vendor_ids)
        .values("vendor_id")
        .annotate(first_pk=Min("pk"))
        .values_list("vendor_id", "first_pk")
    )
    total = len(awarded)
    shares = {
        "sme": _share(sum(vendors[v].is_sme for v, _at, _pk in awarded), total),
        "first_time": _share(sum(firsts.get(v) == pk for v, _at, pk in awarded), total),
        "diverse": _share(
            sum(bool(getattr(vendors[v], "badge_diversity", False)) for v, _at, _pk in awarded),
            total,
        ),
        "eco": _share(
            sum(bool(getattr(vendors[v], "badge_eco", False)) for v, _at, _pk in awarded), total
        ),
    }
    decisions = _scope(
        AwardDecision.objects.filter(proposal__isnull=False),
        filters,
        department_path="opportunity__department",
        date_path="decided_at",
        now=now,
    ).values_list("decided_at", "opportunity__published_at")
    to_award = [(decided - published).days for decided, published in decisions if published]
    payments = _scope(
        Payment.objects.all(),
        filters,
        department_path="request__contract__department",
        date_path="recorded_at",
        now=now,
    )
    to_pay = list(payments.values_list("days_from_acceptance", flat=True))
    by_category = [
        (row["category"] or "", row["total"])
        for row in payments.values(category=_top_category())
        .annotate(total=Sum("amount"))
        .order_by("-total")
    ]
    return {
        "per_month": per_month,
        "proposals_histogram": list(histogram.items()),
        "proposals_average": round(proposals / closed_count, 1) if closed_count else 0.0,
        "awards": total,
        "shares": shares,
        "median_days_to_award": median(to_award) if to_award else None,
        "median_days_to_payment": median(to_pay) if to_pay else None,
        "spending_by_category": [(slug, float(amount)) for slug, amount in by_category],
        "concentration": concentration(
            Contract.objects.all(), since=filters.since(now), department_slug=filters.department
        ),
        "computed_at": now.isoformat(),
    }


def _top_category():
    return Coalesce(
        "request__contract__opportunity__category__parent__slug",
        "request__contract__opportunity__category__slug",
    )


def figures(filters: Filters) -> dict:
    """The cached figures; a cold cache computes them once. While one request computes
    them, the others asking for the same figures wait for its result rather than compute
    them too (50 visitors after an award computed them 50 times at once)."""
    data = cache.get(filters.key)
    if data is not None:
        return data
    lock = f"{filters.key}:computing"
    if cache.add(lock, 1, COMPUTING_SECONDS):
        try:
            return refresh(filters)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + COMPUTING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        data = cache.get(filters.key)
        if data is not None:
            return data
        if cache.get(lock) is None:  # it failed, or took too long: compute here
            break
    return refresh(filters)


def refresh(filters: Filters) -> dict:
    data = compute(filters)
    cache.set(filters.key, data, CACHE_SECONDS)
    return data


def forget(department_slug: str) -> None:
    """Drop the cached figures a public change alters (every department's, and its own), so
    the dashboard shows an award or a payment at once instead of at the next beat refresh."""
    slugs = {"", department_slug}
    cache.delete_many([Filters(slug, period).key for slug in slugs for period in PERIODS])


def refresh_all() -> int:
    from procurement_portal.models import Department

    slugs = ["", *Department.objects.values_list("slug", flat=True)]
    for slug in slugs:
        for period in PERIODS:
            refresh(Filters(slug, period))
    return len(slugs) * len(PERIODS)
