"""Issue 15: a vendor's directory card is kept until the vendor or a part of it shown on the
card is written (its categories, catalogue items, certificates, answers: row stamps), not
retired by every public change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procurement_portal.models import Category, Role
from tests.factories import make_user
from tests.opportunities.factories import published

from .factories import make_vendor
from .test_catalogue import item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_cache_on")]


@pytest.fixture
def directory(client):
    client.force_login(make_user(Role.VENDOR_MEMBER))  # signed in: cards, not whole pages
    return client


def _vendors_read_whole(client) -> list[str]:
    """The SQL of the queries reading vendors whole (their legal names) for the directory."""
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/vendors/")
    assert page.status_code == 200
    queries = [q["sql"] for q in list(captured.captured_queries)]
    return [sql for sql in queries if '"vendors_vendor"."operating_name"' in sql]


def test_another_public_change_keeps_every_vendor_card(directory, department):
    make_vendor(legal_name="Alpha inc."), make_vendor(legal_name="Beta inc.")
    assert len(_vendors_read_whole(directory)) == 1
    published(owner=make_user(Role.BUYER, department=department))  # a public change
    assert _vendors_read_whole(directory) == []


def test_a_vendors_own_parts_renew_its_card_and_no_other(directory):
    alpha = make_vendor(legal_name="Alpha inc.")
    beta = make_vendor(legal_name="Beta inc.")
    directory.get("/en/vendors/")
    category = Category.objects.filter(parent__isnull=False).order_by("pk").first()
    alpha.categories.add(category)  # a link, from the vendor's side
    reads = _vendors_read_whole(directory)
    assert len(reads) == 1 and f"IN ({alpha.pk})" in reads[0]
    assert category.name_en in directory.get("/en/vendors/").content.decode()
    category.vendors.add(beta)  # from the category's side
    reads = _vendors_read_whole(directory)
    assert len(reads) == 1 and f"IN ({beta.pk})" in reads[0]
    item(alpha, name_en="Plain-language review")  # a catalogue item: part of the card
    reads = _vendors_read_whole(directory)
    assert len(reads) == 1 and f"IN ({alpha.pk})" in reads[0]
    assert "Plain-language review" in directory.get("/en/vendors/").content.decode()
