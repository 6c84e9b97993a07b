"""Proactive disclosure in the Government of Canada registry's own layouts.

- contractsa: contracts of $10,000 and under, in aggregate per calendar year (goods, services,
  construction) with the year's acquisition-card transactions: the registry's table for
  micro-procurements, field for field.
- contracts-nil: nil reports, for fiscal quarters that are over.
- contracts (per contract): our own extra. The registry's contracts table is for contracts over
  $10,000; we list every contract in its layout, with codes its triggers accept, so anyone can
  see each micro-procurement. Rows over $10,000 (a department with a higher threshold) are the
  ones the registry's contracts table takes.

Columns and codes come from the registry's definitions in open_data/registry/; the codes the
portal cannot know from its own records are explained in docs/open-data.md.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import registry

CONTRACT_COLUMNS = registry.columns("contracts")
NIL_COLUMNS = registry.columns("contracts-nil")
CONTRACTSA_COLUMNS = registry.columns("contractsa")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # years a query may ask for
# The registry's line between its contracts table and contractsa: fixed, not our threshold.
REGISTRY_THRESHOLD = Decimal("10000.00")
# Our category tree's top level → the registry's commodity type (goods, services, construction).
COMMODITY_TYPE = {"goods": "G", "services": "S", "digital": "S", "construction": "C"}
# UNSPSC codes (segment or family) for our categories; the registry's commodity_code takes any
# federal product code of at most eight characters.
COMMODITY_CODE = {
    "goods": "44000000",  # Office equipment and accessories and supplies
    "goods-equipment": "44000000",
    "goods-furniture": "56000000",  # Furniture and furnishings
    "services": "80000000",  # Management and business professionals and administrative
    "services-translation": "82110000",  # Writing and translations
    "services-training": "86000000",  # Education and training services
    "services-research": "80100000",  # Management advisory services
    "services-events": "80140000",  # Marketing and distribution
    "digital": "81110000",  # Computer services
}
INDIGENOUS_CERTIFICATION = "ccab-cib"
# What every micro-procurement on the portal is, in the registry's codes. Each is explained in
# docs/open-data.md ("Codes the portal decides").
MICRO_PROCUREMENT_CODES = {
    "agreement_type_code": "",  # discontinued for contracts since 2022-01-01
    "trade_agreement": "XX",  # far below every trade agreement's thresholds
    "land_claims": "NA",  # not a procurement for a Comprehensive Land Claims area
    "country_of_vendor": "CA",  # vendors register with a Canadian business number
    "solicitation_procedure": "TC",  # competitive, bids solicited on the portal, not on GETS
    "limited_tendering_reason": "00",  # an open competition: no limited tendering
    "trade_agreement_exceptions": "00",
    "indigenous_business": "NA",  # the portal has no PSIB set-aside
    "intellectual_property": "B",  # standard terms, clause 4: the vendor owns what it creates
    "potential_commercial_exploitation": "N",
    "former_public_servant": "N",
    "contracting_entity": "DC",  # the department awards the contract itself
    "instrument_type": "C",  # a contract (the portal has no amendments)
    "ministers_office": "N",
    "article_6_exceptions": "0",  # bids were solicited
    "socioeconomic_indicator": "NA",  # the Federal Contractors Program starts near $1M
}
# Bid evaluation methodology: weighted criteria with a scored price, or pass/fail price.
AWARD_CRITERIA = {"scored": "3", "pass_fail": "4"}


def owner(department) -> dict:
    """owner_org and owner_org_title: the registry's organization and its own title."""
    name = department.registry_org
    title = registry.organizations().get(name) or f"{department.name_en} | {department.name_fr}"
    return {"owner_org": name, "owner_org_title": title}


def economic_object_code(top: str) -> str:
    return settings.PORTAL_ECONOMIC_OBJECT_CODES.get(top, "")


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
        if (
            not match
            or int(match[2]) != int(match[1]) + 1
            or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR
        ):
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

    @property
    def previous(self) -> "Quarter":
        return Quarter(self.start_year - (self.number == 1), (self.number - 2) % 4 + 1)

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}-Q{self.number}"


def _yes_no(value: bool) -> str:
    return "Y" if value else "N"


def _top_category(opportunity) -> tuple[str, str]:
    """The opportunity's top-level category slug and its own slug."""
    category = opportunity.category
    if category is None:
        return "", ""
    return (category.parent or category).slug, category.slug


def contract_rows(quarter: Quarter):
    """One row per contract awarded in the quarter, in the registry's contracts layout."""
    from opportunities.models import ProposalStatus
    from payments.models import Contract
    from vendors.models import Certification

    # A current, verified certification (an expired one no longer counts).
    indigenous = Certification.objects.filter(
        vendor=OuterRef("vendor"),
        kind__slug=INDIGENOUS_CERTIFICATION,
        status="verified",
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()))
    contracts = (
        Contract.objects.filter(
            created_at__date__gte=quarter.first_day, created_at__date__lt=quarter.end
        )
        .select_related("vendor", "department", "opportunity__category__parent")
        .annotate(
            bids=Count(
                "opportunity__proposals",
                filter=~Q(
                    opportunity__proposals__status__in=[
                        ProposalStatus.DRAFT,
                        ProposalStatus.WITHDRAWN,
                    ]
                ),
            ),
            indigenous=Exists(indigenous),
        )
        .order_by("created_at", "pk")
    )
    for contract in contracts.iterator(chunk_size=500):
        opportunity, vendor, department = contract.opportunity, contract.vendor, contract.department
        top, slug = _top_category(opportunity)
        row = dict.fromkeys(CONTRACT_COLUMNS, "")
        row.update(MICRO_PROCUREMENT_CODES)
        row.update(
            {
                "reference_number": contract.number,
                "procurement_id": str(opportunity.pk),
                "vendor_name": vendor.legal_name,
                "vendor_postal_code": vendor.postal_code.replace(" ", "")[:3].upper(),
                # The buying organisation, never a person (the buyer may chair the panel).
                "buyer_name": department.name_en,
                "contract_date": timezone.localdate(contract.created_at).isoformat(),
                "economic_object_code": economic_object_code(top),
                "description_en": opportunity.title_en,
                "description_fr": opportunity.title_fr,
                "contract_period_start": (
                    timezone.localdate(contract.accepted_at).isoformat()
                    if contract.accepted_at
                    else timezone.localdate(contract.created_at).isoformat()
                ),
                "delivery_date": (
                    opportunity.expected_delivery.isoformat()
                    if opportunity.expected_delivery
                    else timezone.localdate(contract.created_at).isoformat()
                ),
                "contract_value": f"{contract.price:.2f}",
                "original_value": f"{contract.price:.2f}",
                "amendment_value": "0.00",
                "commodity_type": COMMODITY_TYPE.get(top, ""),
                "commodity_code": COMMODITY_CODE.get(slug) or COMMODITY_CODE.get(top, ""),
                # The vendor's own status; "indigenous_business" is the PSIB set-aside (none).
                "indigenous_business_excluding_psib": _yes_no(contract.indigenous),
                "number_of_bids": str(contract.bids),
                "award_criteria": AWARD_CRITERIA.get(opportunity.price_evaluation, "3"),
                "reporting_period": str(quarter),
                **owner(department),
            }
        )
        yield row


def nil_rows(quarter: Quarter, *, today: date | None = None):
    """Departments that awarded no contract in a quarter that is over report nil. A quarter
    still under way (or to come) has no nil report: contracts may yet be awarded in it."""
    from payments.models import Contract
    from procurement_portal.models import Department

    if quarter.end > (today or timezone.localdate()):
        return
    active = Contract.objects.filter(
        created_at__date__gte=quarter.first_day, created_at__date__lt=quarter.end
    ).values("department")
    for department in Department.objects.exclude(pk__in=active).order_by("slug"):
        yield {"reporting_period": str(quarter), **owner(department)}


def contractsa_rows(year: int):
    """contractsa: per department, for one calendar year, the contracts of $10,000 and under
    (number, original value and net amendments for goods, services and construction) and
    every acquisition-card payment (number and total)."""
    from payments.models import Contract, Payment
    from procurement_portal.models import Department

    contracts = (
        Contract.objects.filter(created_at__year=year, price__lte=REGISTRY_THRESHOLD)
        .annotate(
            top=Coalesce("opportunity__category__parent__slug", "opportunity__category__slug")
        )
        .values("department_id", "top")
        .annotate(count=Count("pk"), total=Sum("price"))
    )
    by_kind: dict[tuple[int, str], tuple[int, Decimal]] = {}
    for group in contracts:
        key = (group["department_id"], COMMODITY_TYPE.get(group["top"] or "", "S"))
        count, total = by_kind.get(key, (0, Decimal(0)))
        by_kind[key] = (count + group["count"], total + group["total"])
    cards = {
        row["card__department_id"]: (row["count"], row["total"])
        for row in (
            Payment.objects.filter(paid_on__year=year)
            .values("card__department_id")
            .annotate(count=Count("pk"), total=Sum("amount"))
        )
    }
    for department in Department.objects.order_by("slug"):
        row = {"year": str(year)}
        for code, kind in (("G", "goods"), ("S", "service"), ("C", "construction")):
            count, total = by_kind.get((department.pk, code), (0, Decimal(0)))
            row[f"contract_{kind}_number_of"] = str(count)
            row[f"contracts_{kind}_original_value"] = f"{total:.2f}"
            # Contracts on the portal are never amended: no net amendment value.
            row[f"contracts_{kind}_amendment_value"] = "0.00"
        count, total = cards.get(department.pk, (0, Decimal(0)))
        row["acquisition_card_transactions_number_of"] = str(count)
        row["acquisition_card_transactions_total_value"] = f"{total:.2f}"
        row.update(owner(department))
        yield {column: row[column] for column in CONTRACTSA_COLUMNS}
