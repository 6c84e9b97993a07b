"""Proactive disclosure, checked against the registry's own definitions (open_data/registry/):
the columns field for field, every code from its choice lists, every row through its triggers
(re-expressed in Python, see test_registry_triggers.py)."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from open_data import registry
from open_data.disclosure import CONTRACT_COLUMNS, CONTRACTSA_COLUMNS, NIL_COLUMNS, Quarter
from open_data.registry.triggers import contracts_errors, contractsa_errors, nil_errors
from opportunities.models import Opportunity
from payments.models import Contract
from procurement_portal.models import Category, Department
from tests.factories import DepartmentFactory

from .factories import full_journey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "text", "first", "end"),
    [
        (date(2026, 11, 24), "2026-2027-Q3", date(2026, 10, 1), date(2027, 1, 1)),
        (date(2027, 2, 1), "2026-2027-Q4", date(2027, 1, 1), date(2027, 4, 1)),
        (date(2026, 4, 1), "2026-2027-Q1", date(2026, 4, 1), date(2026, 7, 1)),
        (date(2026, 3, 31), "2025-2026-Q4", date(2026, 1, 1), date(2026, 4, 1)),
    ],
)
def test_fiscal_quarters(day, text, first, end):
    quarter = Quarter.containing(day)
    assert str(quarter) == text and Quarter.parse(text) == quarter
    assert (quarter.first_day, quarter.end) == (first, end)
    assert Quarter.containing(first - timedelta(days=1)) == quarter.previous


@pytest.mark.parametrize(
    "text", ["2026-Q3", "2026-2028-Q1", "2026-2027-Q5", "x", "0000-0001-Q1", "9999-10000-Q1"]
)
def test_bad_quarters_are_refused(text, client):
    with pytest.raises(ValueError):
        Quarter.parse(text)
    assert client.get(reverse("open_data_contracts"), {"quarter": text}).status_code == 404


def test_columns_are_the_registry_definitions():
    assert CONTRACTSA_COLUMNS == [
        "year",
        "contract_goods_number_of",
        "contracts_goods_original_value",
        "contracts_goods_amendment_value",
        "contract_service_number_of",
        "contracts_service_original_value",
        "contracts_service_amendment_value",
        "contract_construction_number_of",
        "contracts_construction_original_value",
        "contracts_construction_amendment_value",
        "acquisition_card_transactions_number_of",
        "acquisition_card_transactions_total_value",
        "owner_org",
        "owner_org_title",
    ]
    assert NIL_COLUMNS == ["reporting_period", "owner_org", "owner_org_title"]
    assert CONTRACT_COLUMNS[:3] == ["reference_number", "procurement_id", "vendor_name"]
    assert len(CONTRACT_COLUMNS) == 43 and CONTRACT_COLUMNS[-3] == "reporting_period"


def _rows(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def _assert_codes_from_the_choice_lists(table: str, row: dict):
    for definition in registry.fields(table):
        name = definition["datastore_id"]
        allowed = registry.choices(table, name)
        if not allowed or not row[name]:
            continue
        values = (
            row[name].split(",") if definition.get("datastore_type") == "_text" else [row[name]]
        )
        assert set(values) <= set(allowed), (name, row[name])
    assert row["owner_org"] in registry.organizations()
    assert row["owner_org_title"] == registry.organizations()[row["owner_org"]]


def test_contracts_csv_passes_the_registry(department, client):
    opportunity, buyer, owners, payment = full_journey(department)
    contract = Contract.objects.get(opportunity=opportunity)
    quarter = Quarter.containing(timezone.localdate(contract.created_at))
    response = client.get(reverse("open_data_contracts"), {"quarter": str(quarter)})
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0].split(",") == CONTRACT_COLUMNS
    [row] = csv.DictReader(io.StringIO(content))
    assert contracts_errors(row) == {}
    _assert_codes_from_the_choice_lists("contracts", row)
    vendor = contract.vendor
    assert row["reference_number"] == contract.number
    assert row["vendor_name"] == vendor.legal_name
    assert row["vendor_postal_code"] == vendor.postal_code.replace(" ", "")[:3]
    assert row["contract_value"] == f"{contract.price:.2f}"
    assert row["description_fr"] == opportunity.title_fr
    assert row["number_of_bids"] == "2" and row["solicitation_procedure"] == "TC"
    # A set-aside under the Procurement Strategy for Indigenous Business: none on the portal;
    # the vendor's own status is the other column.
    assert row["indigenous_business"] == "NA"
    assert row["indigenous_business_excluding_psib"] == "N"
    assert row["socioeconomic_indicator"] == "NA" and row["trade_agreement"] == "XX"
    assert row["economic_object_code"] == "0499" and row["commodity_code"] == "81110000"
    assert row["reporting_period"] == str(quarter) and row["owner_org"] == "ssc-spc"
    assert row["owner_org_title"] == "Shared Services Canada | Services partagés Canada"


def test_a_goods_contract_needs_the_departments_economic_object_code(department, client, settings):
    opportunity, *_ = full_journey(department)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        category=Category.objects.get(slug="goods-furniture")
    )
    quarter = Quarter.containing(timezone.localdate())
    [row] = _rows(client.get(reverse("open_data_contracts"), {"quarter": str(quarter)}))
    assert row["commodity_type"] == "G" and row["commodity_code"] == "56000000"
    # No safe default for goods: the registry would refuse the row, and the docs say so.
    assert set(contracts_errors(row)) == {"economic_object_code"}
    settings.PORTAL_ECONOMIC_OBJECT_CODES = {
        **settings.PORTAL_ECONOMIC_OBJECT_CODES,
        "goods": "1234",
    }
    [row] = _rows(client.get(reverse("open_data_contracts"), {"quarter": str(quarter)}))
    assert contracts_errors(row) == {}


def test_nil_reports_only_for_quarters_that_are_over(department, client):
    DepartmentFactory(slug="tbs", registry_org="tbs-sct")
    full_journey(department)
    this_quarter = Quarter.containing(timezone.localdate())
    # Contracts may still be awarded this quarter: no nil report for it, nor for the next.
    for quarter in (this_quarter, Quarter.containing(this_quarter.end)):
        assert (
            _rows(client.get(reverse("open_data_contracts_nil"), {"quarter": str(quarter)})) == []
        )
    last = this_quarter.previous
    rows = _rows(client.get(reverse("open_data_contracts_nil")))  # default: the last quarter
    assert [r["owner_org"] for r in rows] == ["ssc-spc", "tbs-sct"]
    for row in rows:
        assert row["reporting_period"] == str(last)
        assert row["reporting_period"] in registry.choices("contracts-nil", "reporting_period")
        assert nil_errors(row) == {}
        _assert_codes_from_the_choice_lists("contracts-nil", row)


def test_contractsa_matches_the_registry(department, client):
    other = DepartmentFactory(slug="tbs", registry_org="tbs-sct")
    opportunity, _buyer, _owners, payment = full_journey(department)
    contract = Contract.objects.get(opportunity=opportunity)
    year = timezone.localdate().year
    response = client.get(reverse("open_data_contractsa"), {"year": str(year)})
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0].split(",") == CONTRACTSA_COLUMNS
    rows = {r["owner_org"]: r for r in csv.DictReader(io.StringIO(content))}
    ours, theirs = rows["ssc-spc"], rows[other.registry_org]
    for row in rows.values():
        assert contractsa_errors(row) == {}, row
        _assert_codes_from_the_choice_lists("contractsa", row)
    assert ours["year"] == str(year)
    assert (ours["contract_service_number_of"], ours["contracts_service_original_value"]) == (
        "1",
        f"{contract.price:.2f}",
    )
    assert ours["contract_goods_number_of"] == ours["contract_construction_number_of"] == "0"
    assert (
        ours["acquisition_card_transactions_number_of"],
        ours["acquisition_card_transactions_total_value"],
    ) == ("1", f"{payment.amount:.2f}")
    assert theirs["contract_service_number_of"] == "0"
    assert theirs["acquisition_card_transactions_total_value"] == "0.00"
    # Over $10,000 (a department with a higher threshold): the contracts table, not this one.
    Contract.objects.filter(pk=contract.pk).update(price=Decimal("10000.01"))
    rows = {r["owner_org"]: r for r in _rows(client.get(reverse("open_data_contractsa")))}
    assert rows["ssc-spc"]["contract_service_number_of"] == "0"
    # The previous year is a calendar year too; a year to come is refused, as the registry does.
    assert (
        _rows(client.get(reverse("open_data_contractsa"), {"year": str(year - 1)}))[0][
            "contract_service_number_of"
        ]
        == "0"
    )
    for text in (str(year + 1), "26", "2026-2027", "1999", "٢٠٢٦"):
        assert client.get(reverse("open_data_contractsa"), {"year": text}).status_code == 404


def test_the_demo_departments_are_registry_organizations():
    from procurement_portal.demo import DEMO_DEPARTMENTS

    for data in DEMO_DEPARTMENTS:
        assert data["registry_org"] in registry.organizations()
        assert (
            registry.organizations()[data["registry_org"]]
            == f"{data['name_en']} | {data['name_fr']}"
        )
    assert Department._meta.get_field("registry_org").verbose_name
