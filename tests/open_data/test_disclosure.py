import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from open_data.disclosure import CONTRACT_COLUMNS, Quarter
from payments.models import Contract
from procurement_portal.models import Department

from .factories import full_journey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("day", "text", "first", "end"), [
    (date(2026, 11, 24), "2026-2027-Q3", date(2026, 10, 1), date(2027, 1, 1)),
    (date(2027, 2, 1), "2026-2027-Q4", date(2027, 1, 1), date(2027, 4, 1)),
    (date(2026, 4, 1), "2026-2027-Q1", date(2026, 4, 1), date(2026, 7, 1)),
    (date(2026, 3, 31), "2025-2026-Q4", date(2026, 1, 1), date(2026, 4, 1)),
])
def test_fiscal_quarters(day, text, first, end):
    quarter = Quarter.containing(day)
    assert str(quarter) == text and Quarter.parse(text) == quarter
    assert (quarter.first_day, quarter.end) == (first, end)


@pytest.mark.parametrize("text", ["2026-Q3", "2026-2028-Q1", "2026-2027-Q5", "x",
                                  "0000-0001-Q1", "9999-10000-Q1"])
def test_bad_quarters_are_refused(text, client):
    with pytest.raises(ValueError):
        Quarter.parse(text)
    assert client.get(reverse("open_data_contracts"), {"quarter": text}).status_code == 404


def _rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_contracts_csv_in_the_disclosure_layout(department, client):
    opportunity, buyer, owners, payment = full_journey(department)
    contract = Contract.objects.get(opportunity=opportunity)
    quarter = Quarter.containing(contract.created_at.date())
    response = client.get(reverse("open_data_contracts"), {"quarter": str(quarter)})
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0].split(",") == CONTRACT_COLUMNS
    row = next(csv.DictReader(io.StringIO(content)))
    vendor = contract.vendor
    assert row["reference_number"] == contract.number
    assert row["vendor_name"] == vendor.legal_name
    assert row["vendor_postal_code"] == vendor.postal_code.replace(" ", "")[:3]
    assert row["contract_value"] == f"{contract.price:.2f}"
    assert row["description_fr"] == opportunity.title_fr
    assert row["number_of_bids"] == "2" and row["solicitation_procedure"] == "OB"
    assert row["indigenous_business"] == "N"
    assert row["reporting_period"] == str(quarter) and row["owner_org"] == department.slug
    date.fromisoformat(row["contract_date"])  # ISO dates
    # The next quarter is empty: the department files a nil report for it.
    following = Quarter.containing(quarter.end)
    assert _rows(client.get(reverse("open_data_contracts"),
                            {"quarter": str(following)})) == []
    nil = _rows(client.get(reverse("open_data_contracts_nil"), {"quarter": str(following)}))
    assert [r["owner_org"] for r in nil] == list(
        Department.objects.order_by("slug").values_list("slug", flat=True))
    nil_now = _rows(client.get(reverse("open_data_contracts_nil"), {"quarter": str(quarter)}))
    assert department.slug not in [r["owner_org"] for r in nil_now]


def test_card_transactions_summary(department, client):
    _opportunity, _buyer, _owners, payment = full_journey(department)
    day = payment.paid_on
    start = day.year if day.month >= 4 else day.year - 1
    rows = _rows(client.get(reverse("open_data_cards"), {"year": f"{start}-{start + 1}"}))
    assert rows == [{"fiscal_year": f"{start}-{start + 1}", "owner_org": department.slug,
                     "owner_org_title": f"{department.name_en} | {department.name_fr}",
                     "transactions": "1", "total_value": f"{payment.amount:.2f}"}]
    for year in ("2026-2029", "0000-0001", "9999-10000"):
        assert client.get(reverse("open_data_cards"), {"year": year}).status_code == 404
