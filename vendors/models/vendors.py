import functools
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PROVINCES = [
    ("AB", _("Alberta")),
    ("BC", _("British Columbia")),
    ("MB", _("Manitoba")),
    ("NB", _("New Brunswick")),
    ("NL", _("Newfoundland and Labrador")),
    ("NS", _("Nova Scotia")),
    ("NT", _("Northwest Territories")),
    ("NU", _("Nunavut")),
    ("ON", _("Ontario")),
    ("PE", _("Prince Edward Island")),
    ("QC", _("Quebec")),
    ("SK", _("Saskatchewan")),
    ("YT", _("Yukon")),
]

POSTAL_CODE = re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$")


def validate_business_number(value: str) -> None:
    """The 9 digits of a CRA business number, whose last digit is a Luhn check digit."""
    if not re.fullmatch(r"\d{9}", value or ""):
        raise ValidationError(
            _("A business number has 9 digits, for example 123456782."), code="format"
        )
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    if total % 10:
        raise ValidationError(
            _("This is not a valid business number: check the digits."), code="checksum"
        )


def validate_postal_code(value: str) -> None:
    if not POSTAL_CODE.match((value or "").upper().strip()):
        raise ValidationError(_("Enter a Canadian postal code, for example K1A 0B1."))


class Size(models.TextChoices):
    MICRO = "micro", _("Micro (1 to 4 employees)")
    SMALL = "small", _("Small (5 to 99 employees)")
    MEDIUM = "medium", _("Medium (100 to 499 employees)")
    LARGE = "large", _("Large (500 employees or more)")


class RevenueBand(models.TextChoices):
    UNDER_500K = "under_500k", _("Under $500,000")
    UNDER_5M = "under_5m", _("$500,000 to $5 million")
    UNDER_50M = "under_50m", _("$5 million to $50 million")
    OVER_50M = "over_50m", _("Over $50 million")


class PaymentMethod(models.TextChoices):
    LINK = "link", _("Our own secure payment link")
    TERMINAL = "terminal", _("An in-person card terminal")
    BOTH = "both", _("Either")


OWNERSHIP_FIELDS = [
    "owned_indigenous",
    "owned_women",
    "owned_black",
    "owned_racialized",
    "owned_disability",
    "owned_2slgbtqi",
    "owned_veteran",
]


class VendorQuerySet(models.QuerySet):
    def in_directory(self):
        return self.filter(listed_in_directory=True, is_suspended=False)

    def with_badges(self):
        """Annotate badge_eco, badge_diversity, badge_innovation: earned by a verified,
        current certification or a verified "yes" to a badge question."""
        return self.annotate(**_badge_annotations(timezone.localdate()))

    def for_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(members__user=user)


@functools.lru_cache(maxsize=2)
def _badge_annotations(today) -> dict:
    """The six subqueries of `with_badges`, built once a day: building them was a quarter
    of a vendor profile's time (annotate copies them; these are never changed)."""
    from .certifications import Badge, Certification
    from .claims import ClaimStatus
    from .questionnaire import QuestionnaireAnswer

    annotations = {}
    for badge in Badge:
        certificates = Certification.objects.filter(
            vendor=models.OuterRef("pk"),
            status=ClaimStatus.VERIFIED,
            kind__badge=badge,
        ).filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today))
        answers = QuestionnaireAnswer.objects.filter(
            vendor=models.OuterRef("pk"),
            status=ClaimStatus.VERIFIED,
            value="yes",
            question__badge=badge,
        )
        annotations[f"badge_{badge.value}"] = models.Exists(certificates) | models.Exists(answers)
    return annotations


class Vendor(models.Model):
    """A business that bids: its profile is filled once and reused for every proposal."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    operating_name = models.CharField(
        _("operating name"),
        max_length=200,
        blank=True,
        help_text=_("If you trade under another name."),
    )
    business_number = models.CharField(
        _("business number"),
        max_length=9,
        unique=True,
        validators=[validate_business_number],
        help_text=_("The 9 digits of your Canada Revenue Agency business number."),
        # Never say who holds the number: that would leak the registry.
        error_messages={
            "unique": _(
                "This business number is already registered. If your "
                "business already has an account, ask one of its "
                "owners to invite you."
            )
        },
    )
    address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province or territory"), max_length=2, choices=PROVINCES)
    postal_code = models.CharField(
        _("postal code"), max_length=7, validators=[validate_postal_code]
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"))
    revenue_band = models.CharField(_("yearly revenue"), max_length=16, choices=RevenueBand.choices)
    serves_english = models.BooleanField(_("we serve clients in English"), default=True)
    serves_french = models.BooleanField(_("we serve clients in French"), default=False)
    categories = models.ManyToManyField(
        "procurement_portal.Category",
        blank=True,
        related_name="vendors",
        verbose_name=_("kinds of work"),
    )
    payment_method = models.CharField(
        _("how you accept card payments"),
        max_length=8,
        choices=PaymentMethod.choices,
        default=PaymentMethod.LINK,
        help_text=_(
            "The portal never stores card numbers: the card holder pays you through "
            "your own link or terminal."
        ),
    )
    payment_link = models.URLField(_("payment link"), blank=True)
    # Self-identification: optional, private. Only verified certifications show publicly.
    owned_indigenous = models.BooleanField(_("Indigenous-owned"), default=False)
    owned_women = models.BooleanField(_("women-owned"), default=False)
    owned_black = models.BooleanField(_("Black-owned"), default=False)
    owned_racialized = models.BooleanField(_("owned by racialized people"), default=False)
    owned_disability = models.BooleanField(_("owned by persons with disabilities"), default=False)
    owned_2slgbtqi = models.BooleanField(_("2SLGBTQI+-owned"), default=False)
    owned_veteran = models.BooleanField(_("veteran-owned"), default=False)
    listed_in_directory = models.BooleanField(
        _("list us in the public vendor directory"),
        default=True,
        help_text=_(
            "The public sees your name, province, kinds of work, size and verified badges only."
        ),
    )
    is_suspended = models.BooleanField(_("suspended"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["legal_name"]
        indexes = [
            # The directory's order: page 40 reads 1,000 rows from the index, not 20,000 sorted.
            models.Index(fields=["legal_name", "id"], name="vendor_directory_order"),
        ]

    def __str__(self) -> str:
        return self.operating_name or self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("vendor_detail", kwargs={"pk": self.pk})

    @property
    def size(self) -> str:
        """The larger of the size by headcount and the size by revenue."""
        order = [Size.MICRO, Size.SMALL, Size.MEDIUM, Size.LARGE]
        e = self.employees
        by_people = (
            Size.MICRO
            if e < 5
            else Size.SMALL
            if e < 100
            else (Size.MEDIUM if e < 500 else Size.LARGE)
        )
        by_revenue = {
            RevenueBand.UNDER_500K: Size.MICRO,
            RevenueBand.UNDER_5M: Size.SMALL,
            RevenueBand.UNDER_50M: Size.MEDIUM,
            RevenueBand.OVER_50M: Size.LARGE,
        }[RevenueBand(self.revenue_band)]
        return max(by_people, by_revenue, key=order.index)

    @property
    def badges(self) -> list[str]:
        """Verified badges; needs Vendor.objects.with_badges()."""
        from .certifications import Badge

        return [str(badge.label) for badge in Badge if getattr(self, f"badge_{badge.value}", False)]

    @property
    def size_label(self) -> str:
        return str(Size(self.size).label)

    @property
    def is_sme(self) -> bool:
        return self.size != Size.LARGE

    @property
    def self_identification(self) -> list[str]:
        return [
            str(getattr(self._meta.get_field(name), "verbose_name", name))
            for name in OWNERSHIP_FIELDS
            if getattr(self, name)
        ]
