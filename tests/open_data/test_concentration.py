"""Issue 17, item 4: the dashboard shows, per department, the share of awarded value that went
to its most-used vendors and the repeat awards to the same vendor within a year."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from open_data.dashboard import Filters, compute
from payments.models import Contract
from tests.factories import DepartmentFactory
from tests.payments.factories import quick_contract
from tests.vendors.factories import make_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _contract(department, vendor, price, days_ago):
    contract, _buyer = quick_contract(department, vendor=vendor, price=price)
    Contract.objects.filter(pk=contract.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return contract


@pytest.fixture
def spending(department):
    a, b, c, d = (make_vendor() for _ in range(4))
    _contract(department, a, "5000", 10)
    _contract(department, a, "3000", 100)  # a repeat: 90 days after the one above... before
    _contract(department, a, "1000", 600)  # 500 days earlier: not a repeat within a year
    _contract(department, b, "1000", 20)
    _contract(department, c, "500", 30)
    _contract(department, d, "500", 40)
    other = DepartmentFactory(
        slug="cra", name_en="Canada Revenue Agency", name_fr="Agence du revenu du Canada"
    )
    _contract(other, a, "2000", 5)
    return department, other


def _rows(data):
    return {row["department"]: row for row in data["concentration"]}


def test_shares_of_the_top_vendors_and_repeats_per_department(spending):
    department, other = spending
    rows = _rows(compute(Filters(period="all")))
    ssc = rows[department.slug]
    # 11,000 awarded: a has 9,000 (81.8%), the top three 10,500 (95.5%).
    assert ssc["awards"] == 6 and ssc["vendors"] == 4 and ssc["total"] == 11000.0
    assert (ssc["top1"], ssc["top3"]) == (81.8, 95.5)
    assert ssc["repeats"] == 1
    # The same vendor in another department is no repeat there.
    assert rows["cra"] == {
        "department": "cra",
        "name_en": "Canada Revenue Agency",
        "name_fr": "Agence du revenu du Canada",
        "awards": 1,
        "vendors": 1,
        "total": 2000.0,
        "top1": 100.0,
        "top3": 100.0,
        "repeats": 0,
    }


def test_the_period_counts_a_repeat_of_an_award_made_before_it(spending):
    department, _other = spending
    rows = _rows(compute(Filters(period="12")))
    ssc = rows[department.slug]
    assert ssc["awards"] == 5 and ssc["total"] == 10000.0  # the 600-day-old one is out
    assert ssc["repeats"] == 1
    only = compute(Filters(department="cra", period="all"))["concentration"]
    assert [row["department"] for row in only] == ["cra"]


def test_a_constant_number_of_queries_whatever_the_departments(
    department, django_assert_num_queries
):
    for index in range(8):
        place = DepartmentFactory(slug=f"d{index}", name_en=f"Dept {index}", name_fr=f"Min {index}")
        for _ in range(3):
            _contract(place, make_vendor(), "100", index + 1)
    from open_data.concentration import concentration

    with django_assert_num_queries(1):
        rows = concentration(Contract.objects.all(), since=None)
    assert len(rows) == 8


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dashboard_shows_the_table_and_the_chart_in_both_languages(client, spending, language):
    path = {"en": "/en/open-data/dashboard/", "fr": "/fr/donnees-ouvertes/tableau-de-bord/"}
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("dashboard")
        chart = reverse("dashboard_chart", kwargs={"name": "concentration"})
        data = reverse("dashboard_data", kwargs={"name": "concentration"})
    assert path  # the addresses come from the URL names
    body = client.get(url, {"period": "all"}).content.decode()
    if language == "en":
        assert "Who each department buys from" in body
        assert "81.8%" in body and "95.5%" in body and "$11,000.00" in body
    else:
        assert "À qui chaque ministère achète" in body
        assert "81,8\xa0%" in body and "95,5\xa0%" in body and "11\xa0000,00\xa0$" in body
    svg = client.get(chart, {"period": "all"})
    assert svg.status_code == 200 and "<svg" in svg.content.decode()
    csv = client.get(data, {"period": "all"}).content.decode()
    assert "95.5" in csv
