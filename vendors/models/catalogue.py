from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procurement_portal.text import BilingualMixin


class ItemKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")


class ServiceLanguages(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    BOTH = "both", _("English and French")


class CatalogueItemQuerySet(models.QuerySet):
    def matching(self, data: dict) -> "CatalogueItemQuerySet":
        """Items that meet every catalogue filter of the directory (an item must meet them
        all by itself: a cheap product and a French service are not "a cheap French one")."""
        items = self
        if data.get("item_q"):
            text = data["item_q"]
            items = items.filter(
                models.Q(name_en__icontains=text)
                | models.Q(name_fr__icontains=text)
                | models.Q(description_en__icontains=text)
                | models.Q(description_fr__icontains=text)
            )
        if data.get("item_kind"):
            items = items.filter(kind=data["item_kind"])
        if data.get("item_category"):
            category = data["item_category"]
            items = items.filter(models.Q(category=category) | models.Q(category__parent=category))
        if data.get("item_language"):
            language = data["item_language"]
            wanted = {language, ServiceLanguages.BOTH}
            if language == ServiceLanguages.BOTH:
                wanted = {ServiceLanguages.BOTH}
            items = items.filter(languages__in=wanted)
        if data.get("max_price") is not None:
            # Within the budget: the item can be had for that much (its lowest price).
            items = items.filter(price_min__lte=data["max_price"])
        return items


class CatalogueItem(BilingualMixin, models.Model):
    """A product or service a vendor sells "ready to buy", with an indicative price range."""

    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="catalogue_items",
        verbose_name=_("vendor"),
    )
    kind = models.CharField(
        _("product or service"), max_length=8, choices=ItemKind.choices, default=ItemKind.SERVICE
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    description_en = models.TextField(
        _("short description (English)"),
        max_length=1000,
        help_text=_("What the buyer gets, in a few sentences."),
    )
    description_fr = models.TextField(_("short description (French)"), max_length=1000)
    category = models.ForeignKey(
        "procurement_portal.Category",
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        verbose_name=_("kind of work"),
    )
    price_min = models.DecimalField(
        _("lowest indicative price (CAD)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    price_max = models.DecimalField(
        _("highest indicative price (CAD)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The same as the lowest price when the price is fixed."),
    )
    languages = models.CharField(
        _("languages of service"),
        max_length=4,
        choices=ServiceLanguages.choices,
        default=ServiceLanguages.BOTH,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CatalogueItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["kind", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__gte=0)
                & models.Q(price_min__lte=models.F("price_max")),
                name="catalogue_price_range",
            ),
        ]

    def __str__(self) -> str:
        return self.local("name")

    def get_absolute_url(self) -> str:
        return reverse("vendor_detail", kwargs={"pk": self.vendor_id}) + f"#item-{self.pk}"

    def clean(self) -> None:
        check_price_range(self.price_min, self.price_max)

    @property
    def is_fixed_price(self) -> bool:
        return self.price_min == self.price_max


def check_price_range(price_min, price_max) -> None:
    if price_min is not None and price_max is not None and price_min > price_max:
        raise ValidationError(
            {"price_max": _("The highest price cannot be lower than the lowest price.")},
            code="price_range",
        )
