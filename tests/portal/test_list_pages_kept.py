"""Issue 15: an anonymous list page is kept under what it shows (procurement_portal.listing,
`render_list`): after a public change that does not change its rows, count or cards it is
served again without rendering; any change to what it shows renders it again."""

import pytest

from opportunities.models import Opportunity
from procurement_portal.models import Category, Role
from procurement_portal.page_cache import public_pages_changed
from procurement_portal.row_stamps import row_changed
from tests.factories import make_user
from tests.opportunities.factories import published
from vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_cache_on")]

LIST = "/en/opportunities/"


def rendered(response) -> bool:
    """Did the view render the list's template (rather than serve what it kept)?"""
    return any(t.name == "opportunities/opportunity_list.html" for t in response.templates)


@pytest.fixture
def buyer(department):
    return make_user(Role.BUYER, department=department)


def test_a_page_a_change_leaves_as_it_was_is_served_without_rendering(client, buyer):
    published(owner=buyer, title_en="Kept as shown")
    first = client.get(LIST, {"sort": "closing"})
    assert rendered(first)
    public_pages_changed()  # e.g. a question answered elsewhere: not in this list
    again = client.get(LIST, {"sort": "closing"})
    assert not rendered(again)
    assert again.headers.get("X-Public-Page") != "hit"  # the view ran: counted, cut, looked
    nonces = str(first.wsgi_request._csp_nonce), str(again.wsgi_request._csp_nonce)
    assert again.content.decode() == first.content.decode().replace(*nonces)


def test_a_new_row_in_the_list_renders_it_again(client, buyer):
    published(owner=buyer, title_en="Already there")
    client.get(LIST)
    published(owner=buyer, title_en="Just published")
    again = client.get(LIST)
    assert rendered(again)
    assert "Just published" in again.content.decode()
    assert "2 opportunities found" in again.content.decode()


def test_a_new_row_another_list_does_not_show_leaves_that_list_kept(client, buyer):
    one, other = Category.objects.filter(parent__isnull=False)[:2]
    published(owner=buyer, category=one, title_en="In the first category")
    client.get(LIST, {"category": one.pk})
    published(owner=buyer, category=other, title_en="In another category")
    again = client.get(LIST, {"category": one.pk})
    assert not rendered(again)
    assert "In another category" not in again.content.decode()
    assert "In another category" in client.get(LIST).content.decode()


def test_a_listed_row_written_renders_the_page_again(client, buyer):
    opportunity = published(owner=buyer, title_en="Before")
    client.get(LIST)
    # Written without a signal, then announced as such writes must (row_stamps).
    Opportunity.objects.filter(pk=opportunity.pk).update(title_en="After")
    row_changed("opportunities.opportunity", opportunity.pk)
    public_pages_changed()
    again = client.get(LIST)
    assert rendered(again)
    assert "After" in again.content.decode()


def test_the_other_language_and_another_page_are_kept_apart(client, buyer):
    published(owner=buyer, title_en="English title", title_fr="Titre français")
    client.get(LIST)
    public_pages_changed()
    french = client.get("/fr/occasions/")
    assert rendered(french)
    assert "Titre français" in french.content.decode()


def test_a_signed_in_reader_never_gets_a_kept_page(client, buyer):
    published(owner=buyer, title_en="Seen by all")
    client.get(LIST)
    public_pages_changed()
    reader = make_user(Role.VENDOR_MEMBER, email="reader@example.com")
    client.force_login(reader)
    page = client.get(LIST)
    assert rendered(page)
    assert "Seen by all" in page.content.decode()


def test_a_kept_page_carries_this_responses_nonce(client, buyer):
    published(owner=buyer)
    first = client.get(LIST)
    public_pages_changed()
    again = client.get(LIST)
    assert not rendered(again)
    nonce = again.wsgi_request._csp_nonce
    assert str(nonce) in again.content.decode()
    assert str(first.wsgi_request._csp_nonce) not in again.content.decode()


def test_the_vendor_directory_is_kept_under_what_it_shows(client, buyer):
    from tests.vendors.factories import make_vendor

    make_vendor(legal_name="Listed Vendor Inc.", operating_name="")
    first = client.get("/en/vendors/")
    assert "Listed Vendor Inc." in first.content.decode()
    published(owner=buyer)  # a public change of another kind
    again = client.get("/en/vendors/")
    assert not any(t.name == "vendors/vendor_list.html" for t in again.templates)
    vendor = Vendor.objects.get(legal_name="Listed Vendor Inc.")
    vendor.legal_name = "Renamed Vendor Inc."
    vendor.save()
    renamed = client.get("/en/vendors/")
    assert "Renamed Vendor Inc." in renamed.content.decode()


# Detail pages: an opportunity's and a vendor's, kept under their row's stamp.


def detail_rendered(response) -> bool:
    return any(t.name == "opportunities/opportunity_detail.html" for t in response.templates)


def test_an_opportunitys_page_outlives_other_rows_changes(client, buyer):
    opportunity = published(owner=buyer, title_en="Kept page")
    url = f"/en/opportunities/{opportunity.pk}/"
    first = client.get(url)
    assert detail_rendered(first)
    published(owner=buyer, title_en="Another opportunity")  # a public change elsewhere
    again = client.get(url)
    assert not detail_rendered(again)
    nonces = str(first.wsgi_request._csp_nonce), str(again.wsgi_request._csp_nonce)
    assert again.content.decode() == first.content.decode().replace(*nonces)


def test_an_answer_an_addendum_and_an_initiative_change_the_opportunitys_page(client, buyer):
    from opportunities.models import Initiative
    from opportunities.services.addenda import addendum_post
    from opportunities.services.questions import question_answer, question_ask

    opportunity = published(owner=buyer)
    url = f"/en/opportunities/{opportunity.pk}/"
    client.get(url)
    vendor = make_user(Role.VENDOR_MEMBER, email="asker@example.com")
    question = question_ask(opportunity=opportunity, actor=vendor, text="Remote?")
    question_answer(question=question, actor=buyer, answer_en="Yes, remote.", answer_fr="Oui.")
    assert "Yes, remote." in client.get(url).content.decode()
    addendum_post(opportunity=opportunity, actor=buyer, text_en="New date.", text_fr="Date.")
    assert "New date." in client.get(url).content.decode()
    initiative = Initiative.objects.create(
        department=opportunity.department, owner=buyer, name_en="Finder", name_fr="Outil"
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(initiative=initiative, phase="discovery")
    row_changed("opportunities.opportunity", opportunity.pk)  # as such writes must
    assert "Finder" in client.get(url).content.decode()
    initiative.name_en = "Benefits finder"
    initiative.save()  # the initiative's own row: each of its phases' pages changes
    assert "Benefits finder" in client.get(url).content.decode()


def test_an_announced_change_renders_the_opportunitys_page_again(client, buyer):
    from procurement_portal.events import announce

    opportunity = published(owner=buyer)
    url = f"/en/opportunities/{opportunity.pk}/"
    client.get(url)
    announce(opportunity_id=opportunity.pk, tag="award")  # e.g. its award published
    assert detail_rendered(client.get(url))


def test_the_opportunitys_page_is_not_kept_past_its_deadline(client, buyer, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    opportunity = published(owner=buyer)
    url = f"/en/opportunities/{opportunity.pk}/"
    client.get(url)
    public_pages_changed()
    assert not detail_rendered(client.get(url))
    later = opportunity.closes_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # the clock passes the deadline
    public_pages_changed()
    assert detail_rendered(client.get(url))


def test_a_vendors_profile_outlives_other_changes_not_its_own(client, buyer):
    from tests.vendors.factories import make_vendor

    vendor = make_vendor(legal_name="Profile Vendor Inc.", operating_name="")
    url = f"/en/vendors/{vendor.pk}/"
    assert "Profile Vendor Inc." in client.get(url).content.decode()
    published(owner=buyer)  # a public change of another kind
    again = client.get(url)
    assert not any(t.name == "vendors/vendor_detail.html" for t in again.templates)
    vendor.legal_name = "Renamed Profile Inc."
    vendor.save()
    assert "Renamed Profile Inc." in client.get(url).content.decode()
