"""Anonymous public pages come from the cache until a public change, never anyone else's."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from opportunities.services.lifecycle import opportunity_publish
from procurement_portal.models import Category, Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft
from tests.vendors.factories import make_vendor
from vendors.services.organisation import vendor_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_cache_on")]

NONCE = re.compile(r'<meta name="csp-nonce" content="([^"]+)">')


def test_the_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, django_assert_num_queries
):
    opportunity = published()
    url = reverse("opportunity_detail", args=[opportunity.pk])
    first = client.get(url)
    assert "X-Public-Page" not in first
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Public-Page"] == "hit"
    assert opportunity.title_en in second.content.decode()
    # Same page, but each response has its own CSP nonce, the one its header allows.
    first_nonce = NONCE.search(first.content.decode())[1]
    second_nonce = NONCE.search(second.content.decode())[1]
    assert first_nonce != second_nonce
    assert f"'nonce-{second_nonce}'" in second["Content-Security-Policy"]
    assert second_nonce not in first.content.decode()
    assert first.content.decode().replace(first_nonce, "N") == second.content.decode().replace(
        second_nonce, "N"
    )


def test_each_language_has_its_own_page(client):
    opportunity = published()
    for language, title in [("en", opportunity.title_en), ("fr", opportunity.title_fr)]:
        from django.utils import translation

        with translation.override(language):
            url = reverse("opportunity_detail", args=[opportunity.pk])
        client.get(url)
        page = client.get(url)
        assert page["X-Public-Page"] == "hit"
        assert page["Content-Language"] == language
        assert title in page.content.decode()


def test_a_publication_is_on_the_list_at_once(client):
    buyer = make_user(Role.BUYER)
    client.get(reverse("opportunity_list"))
    draft = ready_draft(owner=buyer, title_en="Plain-language rewrite of the benefits finder")
    assert "Plain-language rewrite" not in client.get(reverse("opportunity_list")).content.decode()
    opportunity_publish(opportunity=draft, actor=buyer)
    page = client.get(reverse("opportunity_list"))
    assert "X-Public-Page" not in page
    assert "Plain-language rewrite of the benefits finder" in page.content.decode()


def test_a_profile_change_and_its_categories_reach_the_directory_at_once(client):
    vendor = make_vendor(listed_in_directory=True)
    owner = vendor.members.get().user
    url = reverse("vendor_detail", args=[vendor.pk])
    client.get(url)
    assert client.get(url)["X-Public-Page"] == "hit"
    vendor_update(vendor=vendor, actor=owner, operating_name="Accès Tremblay")
    page = client.get(url)
    assert "X-Public-Page" not in page
    assert "Accès Tremblay" in page.content.decode()
    client.get(url)
    category = Category.objects.filter(parent__isnull=False).first()
    vendor_update(vendor=vendor, actor=owner, categories=[category])  # a many-to-many .set()
    page = client.get(url)
    assert "X-Public-Page" not in page
    assert category.name_en in page.content.decode()


def test_signed_in_people_get_their_own_page_and_leave_nothing_behind(client):
    opportunity = published()
    url = reverse("opportunity_detail", args=[opportunity.pk])
    vendor = make_user(Role.VENDOR_MEMBER)
    client.force_login(vendor)
    signed_in = client.get(url)
    assert "X-Public-Page" not in signed_in
    assert "Sign out" in signed_in.content.decode()
    assert "X-Public-Page" not in client.get(url)  # never served from the cache
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert "X-Public-Page" not in anonymous  # the signed-in page was not stored
    assert "Sign out" not in anonymous.content.decode()


def test_pages_with_a_session_messages_or_errors_are_not_stored(client):
    opportunity = published()
    url = reverse("opportunity_detail", args=[opportunity.pk])
    client.cookies["messages"] = "anything"
    client.get(url)
    assert "X-Public-Page" not in client.get(url)
    del client.cookies["messages"]
    missing = reverse("opportunity_detail", args=[opportunity.pk + 1000])
    client.get(missing)
    assert client.get(missing).status_code == 404
    assert "X-Public-Page" not in client.get(missing)


def test_pages_not_marked_public_are_never_cached(client):
    client.get(reverse("account_login"))
    assert "X-Public-Page" not in client.get(reverse("account_login"))


def test_a_hit_is_one_cache_read_and_a_page_from_an_older_generation_is_never_served(
    client, monkeypatch
):
    from procurement_portal import page_cache

    opportunity = published()
    url = reverse("opportunity_detail", args=[opportunity.pk])
    client.get(url)
    reads = []  # the middleware's own calls (a local-memory get_many calls get in turn)
    for name in ("get", "get_many"):
        real = getattr(cache, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            reads.append(_name)
            outer = len(reads)
            result = _real(*args, **kwargs)
            del reads[outer:]
            return result

        monkeypatch.setattr(cache, name, spy)
    assert client.get(url)["X-Public-Page"] == "hit"
    assert reads == ["get_many"]  # the generation and the page together
    monkeypatch.undo()
    page_cache.public_pages_changed()  # e.g. the buyer edits the opportunity
    again = client.get(url)
    assert "X-Public-Page" not in again
    assert client.get(url)["X-Public-Page"] == "hit"  # stored again, under the new generation


def test_a_page_rendered_for_the_cache_reads_the_generation_once(client, monkeypatch):
    """With the page (one round trip), then reused by its count, cards and fragments."""
    from procurement_portal.page_cache import GENERATION_KEY

    for n in range(3):
        published(title_en=f"Generation {n}")
    client.get("/en/opportunities/", {"sort": "budget_high"})  # fragments and count kept
    reads, inside = [], []  # local memory's get_many calls get: count the outer call only
    real_get, real_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not inside:
            reads.append(("get", key))
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.extend(("get_many", key) for key in keys)
        inside.append(True)
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    page = client.get("/en/opportunities/", {"sort": "budget_low"})  # a new page, same filters
    monkeypatch.undo()
    assert page.content.decode().count('class="result"') == 3
    assert [how for how, key in reads if key == GENERATION_KEY] == ["get_many"]
    assert "X-Public-Page" not in page


def test_a_hit_is_served_before_the_url_is_resolved_and_other_paths_are_not_looked_up(
    client, monkeypatch
):
    from django.urls.resolvers import URLResolver

    opportunity = published()
    url = reverse("opportunity_detail", args=[opportunity.pk])
    client.get(url)  # resolved once: this process knows the path is a public page's
    resolved, looked_up = [], []
    real_resolve, real_get_many = URLResolver.resolve, cache.get_many

    def resolve(self, path):
        resolved.append(path)
        return real_resolve(self, path)

    def get_many(keys, *args, **kwargs):
        looked_up.append(keys)
        return real_get_many(keys, *args, **kwargs)

    monkeypatch.setattr(URLResolver, "resolve", resolve)
    monkeypatch.setattr(cache, "get_many", get_many)
    assert client.get(url)["X-Public-Page"] == "hit"
    assert resolved == []
    looked_up.clear()
    login = reverse("account_login")
    client.get(login), client.get(login)
    assert resolved  # a page not marked public is resolved, and its page never looked for
    assert not any(any(str(k).startswith("public-page:") for k in keys) for keys in looked_up)
