from django.db.models import Exists, OuterRef, Prefetch, Q

from .models import CatalogueItem, Vendor
from .models.vendors import RevenueBand, Size

R = RevenueBand
LARGE = Q(employees__gte=500) | Q(revenue_band=R.OVER_50M)
MEDIUM = ~LARGE & (Q(employees__gte=100) | Q(revenue_band=R.UNDER_50M))
SMALL = ~LARGE & ~MEDIUM & (Q(employees__gte=5) | Q(revenue_band=R.UNDER_5M))
MICRO = Q(employees__lt=5, revenue_band=R.UNDER_500K)
SIZE_FILTERS = {Size.LARGE: LARGE, Size.MEDIUM: MEDIUM, Size.SMALL: SMALL, Size.MICRO: MICRO}


def directory(data: dict):
    vendors = (
        Vendor.objects.in_directory()
        .with_badges()
        .prefetch_related("categories", "categories__parent")
    )
    if data.get("q"):
        vendors = vendors.filter(
            Q(legal_name__icontains=data["q"]) | Q(operating_name__icontains=data["q"])
        )
    if data.get("province"):
        vendors = vendors.filter(province=data["province"])
    if data.get("category"):
        vendors = vendors.filter(
            Q(categories=data["category"]) | Q(categories__parent=data["category"])
        ).distinct()
    if data.get("size"):
        vendors = vendors.filter(SIZE_FILTERS[data["size"]])
    if data.get("badge"):
        vendors = vendors.filter(**{f"badge_{data['badge']}": True})
    # The catalogue: one item must meet every catalogue filter; the list shows those items
    # (one more query for the whole page, whatever the number of rows).
    items = CatalogueItem.objects.matching(data).select_related("category")
    if items.query.where:
        vendors = vendors.filter(Exists(items.filter(vendor=OuterRef("pk"))))
    vendors = vendors.prefetch_related(
        Prefetch("catalogue_items", queryset=items, to_attr="listed_items")
    )
    return vendors.order_by("legal_name", "pk")
