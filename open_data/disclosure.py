"""Proactive disclosure: contracts in the Government of Canada layout, nil reports, and the
yearly summary of acquisition-card transactions. Periods are fiscal (April to March)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

# The columns of the Government of Canada proactive-disclosure contracts table, in order.
CONTRACT_COLUMNS = [
    "reference_number", "procurement_id", "vendor_name", "vendor_postal_code", "buyer_name",
    "contract_date", "economic_object_code", "description_en", "description_fr",
    "contract_period_start", "delivery_date", "contract_value", "original_value",
    "amendment_value", "comments_en", "comments_fr", "additional_comments_en",
    "additional_comments_fr", "agreement_type_code", "trade_agreement", "land_claims",
    "commodity_type", "commodity_code", "country_of_vendor", "solicitation_procedure",
    "limited_tendering_reason", "trade_agreement_exceptions", "indigenous_business",
    "indigenous_business_excluding_psib", "intellectual_property",
    "potential_commercial_exploitation", "former_public_servant", "contracting_entity",
    "standing_offer_number", "instrument_type", "ministers_office", "number_of_bids",
    "article_6_exceptions", "award_criteria", "socioeconomic_indicator", "reporting_period",
    "owner_org", "owner_org_title",
]
NIL_COLUMNS = ["reporting_period", "owner_org", "owner_org_title"]
FIRST_YEAR, LAST_YEAR = 2000, 2100  # fiscal years a query may ask for
CARD_COLUMNS = ["fiscal_year", "owner_org", "owner_org_title", "transactions", "total_value"]
COMMODITY_TYPE = {"goods": "G", "services": "S", "digital": "S"}
INDIGENOUS_CERTIFICATION = "ccab-cib"


@dataclass(frozen=True)
class Quarter:
    """A fiscal quarter, e.g. 2026-2027-Q3 (October to December 2026)."""

    start_year: int
    number: int

    PATTERN = re.compile(r"^(\d{4})-(\d{4})-Q([1-4])$")

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        start_year = day.year if day.month >= 4 else day.year - 1
        return cls(start_year, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        match = cls.PATTERN.match(text or "")
        if not match or int(match[2]) != int(match[1]) + 1 \
                or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            raise ValueError(text)
        return cls(int(match[1]), int(match[3]))

    @property
    def first_day(self) -> date:
        month = 4 + (self.number - 1) * 3
        return date(self.start_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        """The day after the quarter."""
        following = Quarter(self.start_year + (self.number == 4), self.number % 4 + 1)
        return following.first_day

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}-Q{self.number}"


def _yes_no(value: bool) -> str:
    return "Y" if value else "N"


def contract_rows(quarter: Quarter):
    """One row per contract awarded in the quarter, in the disclosure layout."""
    from opportunities.models import ProposalStatus
    from payments.models import Contract
    from vendors.models import Certification

    # A current, verified certification (an expired one no longer counts).
    indigenous = Certification.objects.filter(
        vendor=OuterRef("vendor"), kind__slug=INDIGENOUS_CERTIFICATION, status="verified",
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()))
    contracts = (Contract.objects
                 .filter(created_at__date__gte=quarter.first_day,
                         created_at__date__lt=quarter.end)
                 .select_related("vendor", "department", "opportunity__category__parent")
                 .annotate(bids=Count("opportunity__proposals", filter=~Q(
                     opportunity__proposals__status__in=[ProposalStatus.DRAFT,
                                                         ProposalStatus.WITHDRAWN])),
                           indigenous=Exists(indigenous))
                 .order_by("created_at", "pk"))
    for contract in contracts.iterator(chunk_size=500):
        opportunity, vendor, department = contract.opportunity, contract.vendor, \
            contract.department
        category = opportunity.category
        top = (category.parent or category).slug if category else ""
        row = dict.fromkeys(CONTRACT_COLUMNS, "")
        row.update({
            "reference_number": contract.number,
            "procurement_id": str(opportunity.pk),
            "vendor_name": vendor.legal_name,
            "vendor_postal_code": vendor.postal_code.replace(" ", "")[:3].upper(),
            # The buying organisation, never a person (the buyer may chair the panel).
            "buyer_name": department.name_en,
            "contract_date": timezone.localdate(contract.created_at).isoformat(),
            "description_en": opportunity.title_en,
            "description_fr": opportunity.title_fr,
            "contract_period_start": (timezone.localdate(contract.accepted_at).isoformat()
                                      if contract.accepted_at else ""),
            "delivery_date": (opportunity.expected_delivery.isoformat()
                              if opportunity.expected_delivery else ""),
            "contract_value": f"{contract.price:.2f}",
            "original_value": f"{contract.price:.2f}",
            "amendment_value": "0.00",
            "commodity_type": COMMODITY_TYPE.get(top, ""),
            "country_of_vendor": "CA",
            "solicitation_procedure": "OB",  # open bidding: posted publicly on the portal
            "indigenous_business": _yes_no(contract.indigenous),
            "indigenous_business_excluding_psib": _yes_no(contract.indigenous),
            "former_public_servant": "N",
            "instrument_type": "C",
            "ministers_office": "N",
            "number_of_bids": str(contract.bids),
            "award_criteria": "3",  # highest combined rating of technical merit and price
            "socioeconomic_indicator": "FS" if vendor.is_sme else "",
            "reporting_period": str(quarter),
            "owner_org": department.slug,
            "owner_org_title": f"{department.name_en} | {department.name_fr}",
        })
        yield row


def nil_rows(quarter: Quarter):
    """Departments that awarded no contract in the quarter report nil."""
    from payments.models import Contract
    from procurement_portal.models import Department

    active = Contract.objects.filter(created_at__date__gte=quarter.first_day,
                                     created_at__date__lt=quarter.end).values("department")
    for department in Department.objects.exclude(pk__in=active).order_by("slug"):
        yield {"reporting_period": str(quarter), "owner_org": department.slug,
               "owner_org_title": f"{department.name_en} | {department.name_fr}"}


def card_rows(start_year: int):
    """Acquisition-card transactions per department for one fiscal year: count and value."""
    from payments.models import Payment

    totals = (Payment.objects
              .filter(paid_on__gte=date(start_year, 4, 1), paid_on__lt=date(start_year + 1, 4, 1))
              .values("card__department__slug", "card__department__name_en",
                      "card__department__name_fr")
              .annotate(count=Count("pk"), total=Sum("amount"))
              .order_by("card__department__slug"))
    for row in totals:
        yield {"fiscal_year": f"{start_year}-{start_year + 1}",
               "owner_org": row["card__department__slug"],
               "owner_org_title": f"{row['card__department__name_en']} | "
                                  f"{row['card__department__name_fr']}",
               "transactions": str(row["count"]), "total_value": f"{row['total']:.2f}"}
