"""A vendor's catalogue: what it sells "ready to buy". Any member of the business keeps it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from procurement_portal.exceptions import PortalError
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import CatalogueItem, Vendor
from ..models.catalogue import check_price_range
from .access import membership

FIELDS = (
    "kind",
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "category",
    "price_min",
    "price_max",
    "languages",
)


def catalogue_item_save(
    *, vendor: Vendor, actor: User, item: CatalogueItem | None = None, **fields
) -> CatalogueItem:
    """Add an item (no `item`) or change one of the vendor's own items."""
    membership(actor, vendor)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown catalogue fields: {sorted(unknown)}")
    try:
        check_price_range(fields.get("price_min"), fields.get("price_max"))
    except ValidationError as error:
        raise PortalError(error.message_dict["price_max"][0], field="price_max") from None
    with transaction.atomic():
        if item is None:
            item = CatalogueItem.objects.create(vendor=vendor, **fields)
            action = "catalogue.add"
        else:
            item = CatalogueItem.objects.select_for_update().get(pk=item.pk, vendor=vendor)
            for name, value in fields.items():
                setattr(item, name, value)
            item.save(update_fields=[*fields, "updated_at"])
            action = "catalogue.change"
        audit_record(actor=actor, action=action, obj=item, details={"vendor": vendor.pk})
    return item


def catalogue_item_delete(*, vendor: Vendor, actor: User, item: CatalogueItem) -> None:
    membership(actor, vendor)
    with transaction.atomic():
        deleted, _ = CatalogueItem.objects.filter(pk=item.pk, vendor=vendor).delete()
        if deleted:  # a second click on the button removes nothing and records nothing
            audit_record(
                actor=actor,
                action="catalogue.remove",
                obj=vendor,
                details={"item": item.pk, "name": item.name_en},
            )
