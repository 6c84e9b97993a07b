from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from evaluations.models import AwardDecision
from open_data.dashboard import Filters, compute, figures
from opportunities.models import Opportunity, Proposal, ProposalStatus
from payments.models import Payment, PaymentRequest
from payments.models.payments import PaymentRequestStatus
from tests.payments.factories import card_for, quick_contract
from tests.vendors.factories import make_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _award(department, vendor, *, published_days_ago, proposals, paid_days=None, amount="1000"):
    contract, buyer = quick_contract(department, vendor=vendor, price=amount)
    opportunity = contract.opportunity
    now = timezone.now()
    Opportunity.objects.filter(pk=opportunity.pk).update(
        published_at=now - timedelta(days=published_days_ago), closed_at=now - timedelta(days=1)
    )
    for _ in range(proposals - 1):  # the winner's proposal exists already
        other = make_vendor()
        Proposal.objects.create(
            opportunity=opportunity,
            vendor=other,
            status=ProposalStatus.NOT_AWARDED,
            price=Decimal(amount),
            created_by=other.members.get().user,
        )
    AwardDecision.objects.create(
        opportunity=opportunity, kind="top", proposal=contract.proposal, decided_by=buyer
    )
    if paid_days is not None:
        request = PaymentRequest.objects.create(
            contract=contract,
            amount=Decimal(amount),
            requested_by=buyer,
            status=PaymentRequestStatus.PAID,
        )
        card = card_for(department, last4=f"{request.pk:04d}")
        Payment.objects.create(
            request=request,
            number=f"P-D-{request.pk}",
            card=card,
            amount=Decimal(amount),
            paid_on=timezone.localdate(),
            authorization_code="D1",
            recorded_by=card.holder,
            days_from_acceptance=paid_days,
        )
    return contract


def test_figures_match_a_hand_computed_fixture(department):
    small = make_vendor(employees=4, revenue_band="under_500k")
    large = make_vendor(employees=900, revenue_band="over_50m")
    _award(department, small, published_days_ago=10, proposals=3, paid_days=3)
    _award(department, small, published_days_ago=20, proposals=1, paid_days=7, amount="2500")
    _award(department, large, published_days_ago=30, proposals=2)
    data = compute(Filters(period="all"))
    assert data["awards"] == 3
    # Small: two awards of three; first-timers: the small one's first and the large one.
    assert data["shares"] == {"sme": 66.7, "first_time": 66.7, "diverse": 0.0, "eco": 0.0}
    assert data["proposals_average"] == 2.0  # (3 + 1 + 2) / 3
    assert dict(data["proposals_histogram"]) == {"0": 0, "1": 1, "2": 1, "3": 1, "4": 0, "5+": 0}
    assert data["median_days_to_award"] == 20
    assert data["median_days_to_payment"] == 5
    assert data["spending_by_category"] == [("digital", 3500.0)]
    assert sum(n for _month, n in data["per_month"]) == 3
    other = compute(Filters(department="elsewhere", period="all"))
    assert other["awards"] == 0 and other["per_month"] == []


def test_the_page_reads_the_cache_and_its_queries_do_not_grow(
    department, client, django_assert_max_num_queries, django_assert_num_queries
):
    small = make_vendor()
    _award(department, small, published_days_ago=5, proposals=2, paid_days=1)
    figures(Filters())  # what the beat task does
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("dashboard")).status_code == 200
    for index in range(5):
        _award(
            department, make_vendor(), published_days_ago=index + 2, proposals=3, paid_days=index
        )
    cache.clear()
    figures(Filters())
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("dashboard"))
    body = page.content.decode()
    assert "<img" in body and "dashboard-" not in body  # charts are images, data in tables
    # A table per chart (five), and the vendor concentration per department (issue 17).
    assert body.count("<table") == 6


def test_charts_are_svg_with_their_csv(department, client):
    _award(department, make_vendor(), published_days_ago=3, proposals=2, paid_days=2)
    svg = client.get(reverse("dashboard_chart", kwargs={"name": "shares"}))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
    assert "'none'" in svg["Content-Security-Policy"]
    data = client.get(reverse("dashboard_data", kwargs={"name": "shares"}))
    lines = data.content.decode().splitlines()
    assert lines[0] == "Awards to,Share (%)" and lines[1] == "Small and medium businesses,100.0"
    assert client.get(reverse("dashboard_chart", kwargs={"name": "nope"})).status_code == 404


def test_closed_opportunities_without_a_proposal_are_the_zero_bar(department):
    """Counted from the proposals' side: closed opportunities with no proposal, or with only
    drafts and withdrawn ones, make the "0" bar and count in the average."""
    from procurement_portal.models import Role
    from tests.factories import make_user
    from tests.opportunities.factories import published

    _award(department, make_vendor(), published_days_ago=5, proposals=6)
    for status in (None, ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN):
        quiet = published(owner=make_user(Role.BUYER, department=department))
        Opportunity.objects.filter(pk=quiet.pk).update(closed_at=timezone.now())
        if status:
            vendor = make_vendor()
            Proposal.objects.create(
                opportunity=quiet,
                vendor=vendor,
                status=status,
                price=Decimal("100"),
                created_by=vendor.members.get().user,
            )
    published(owner=make_user(Role.BUYER, department=department))  # still open: not counted
    data = compute(Filters(period="all"))
    assert dict(data["proposals_histogram"]) == {"0": 3, "1": 0, "2": 0, "3": 0, "4": 0, "5+": 1}
    assert data["proposals_average"] == 1.5  # 6 proposals over 4 closed opportunities


def test_while_one_request_computes_the_figures_the_others_wait_for_them(monkeypatch):
    import open_data.dashboard as dashboard

    filters = Filters(period="all")
    computed = []
    monkeypatch.setattr(dashboard, "compute", lambda f: computed.append(f) or {"awards": 9})
    cache.add(f"{filters.key}:computing", 1, 10)  # another request is computing them

    def other_request_finishes(_seconds):
        cache.set(filters.key, {"awards": 7}, 60)

    monkeypatch.setattr(dashboard.time, "sleep", other_request_finishes)
    assert figures(filters) == {"awards": 7} and computed == []
    cache.delete(filters.key)
    cache.delete(f"{filters.key}:computing")  # nobody computing: this request does
    assert figures(filters) == {"awards": 9} and computed == [filters]
    assert cache.get(f"{filters.key}:computing") is None
