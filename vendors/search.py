import hashlib

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from procurement_portal import kept
from procurement_portal.listing import IdsFirst

from .models import CatalogueItem, Vendor
from .models.vendors import RevenueBand, Size

R = RevenueBand
LARGE = Q(employees__gte=500) | Q(revenue_band=R.OVER_50M)
MEDIUM = ~LARGE & (Q(employees__gte=100) | Q(revenue_band=R.UNDER_50M))
SMALL = ~LARGE & ~MEDIUM & (Q(employees__gte=5) | Q(revenue_band=R.UNDER_5M))
MICRO = Q(employees__lt=5, revenue_band=R.UNDER_500K)
SIZE_FILTERS = {Size.LARGE: LARGE, Size.MEDIUM: MEDIUM, Size.SMALL: SMALL, Size.MICRO: MICRO}


def directory(data: dict) -> IdsFirst:
    """The listed vendors the filters ask for, by name, paged on their ids; a page reads
    whole (badges, categories, catalogue items) only the vendors whose card is not cached
    (procurement_portal.listing)."""
    vendors = Vendor.objects.in_directory()
    if data.get("q"):
        vendors = vendors.filter(
            Q(legal_name__icontains=data["q"]) | Q(operating_name__icontains=data["q"])
        )
    if data.get("province"):
        vendors = vendors.filter(province=data["province"])
    if data.get("category"):
        vendors = vendors.filter(categories__in=kept.with_subcategories(data["category"]))
        vendors = vendors.distinct()
    if data.get("size"):
        vendors = vendors.filter(SIZE_FILTERS[data["size"]])
    if data.get("badge"):
        vendors = vendors.with_badges().filter(**{f"badge_{data['badge']}": True})
    # The catalogue: one item must meet every catalogue filter; the list shows those items
    # (one more query for the whole page, whatever the number of rows).
    items = CatalogueItem.objects.matching(data).select_related("category")
    filtered = bool(items.query.where)
    if filtered:
        vendors = vendors.filter(Exists(items.filter(vendor=OuterRef("pk"))))
    whole = (
        Vendor.objects.with_badges()
        .prefetch_related("categories", "categories__parent")
        .prefetch_related(Prefetch("catalogue_items", queryset=items, to_attr="listed_items"))
    )
    # A card changes without a write when a certificate expires (its badge lapses at
    # midnight), and shows the catalogue items the filters matched.
    vary = timezone.localdate().isoformat()
    if filtered:
        vary += ":" + hashlib.sha256(str(items.query).encode()).hexdigest()[:16]
    return IdsFirst(
        vendors.order_by("legal_name", "pk").values_list("pk", "legal_name"),
        load=whole.in_bulk,
        vary=lambda _row: vary,
    )
