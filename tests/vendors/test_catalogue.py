"""Issue 17, item 2: a vendor's catalogue of what it sells, on its profile and in the
directory's search."""

from decimal import Decimal

import pytest

from procurement_portal.audit_labels import ACTION_LABELS
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Category, Role
from tests.factories import make_user
from tests.vendors.factories import make_vendor
from vendors.models import CatalogueItem
from vendors.services.catalogue import catalogue_item_delete, catalogue_item_save

pytestmark = pytest.mark.django_db


def _sub(slug=None):
    categories = Category.objects.filter(parent__isnull=False)
    return categories.get(slug=slug) if slug else categories.order_by("pk").first()


def item(vendor, **fields):
    values = {
        "kind": "service",
        "name_en": "Accessibility audit",
        "name_fr": "Audit d’accessibilité",
        "description_en": "A WCAG 2.1 AA audit of up to 20 pages.",
        "description_fr": "Un audit WCAG 2.1 AA d’au plus 20 pages.",
        "category": _sub(),
        "price_min": Decimal("1500.00"),
        "price_max": Decimal("4000.00"),
        "languages": "both",
    }
    values.update(fields)
    return catalogue_item_save(vendor=vendor, actor=vendor.members.get().user, **values)


def test_members_add_change_and_remove_items_and_each_is_audited():
    vendor = make_vendor()
    owner = vendor.members.get().user
    audit = item(vendor)
    assert AuditEntry.objects.filter(action="catalogue.add").count() == 1
    catalogue_item_save(
        vendor=vendor, actor=owner, item=audit, price_min=Decimal("1000"), price_max=Decimal("1000")
    )
    audit.refresh_from_db()
    assert audit.price_min == Decimal("1000.00") and audit.is_fixed_price
    catalogue_item_delete(vendor=vendor, actor=owner, item=audit)
    catalogue_item_delete(vendor=vendor, actor=owner, item=audit)  # a repeat removes nothing
    assert not CatalogueItem.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("catalogue.remove") == 1 and "catalogue.change" in actions
    assert {"catalogue.add", "catalogue.change", "catalogue.remove"} <= set(ACTION_LABELS)


def test_the_price_range_is_checked_and_others_cannot_touch_the_catalogue():
    vendor = make_vendor()
    with pytest.raises(PortalError) as refused:
        item(vendor, price_min=Decimal("500"), price_max=Decimal("100"))
    assert refused.value.field == "price_max"
    outsider = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(TransitionNotAllowed):
        catalogue_item_save(vendor=vendor, actor=outsider, **{"name_en": "x"})
    audit = item(vendor)
    with pytest.raises(TransitionNotAllowed):
        catalogue_item_delete(vendor=vendor, actor=outsider, item=audit)
    assert CatalogueItem.objects.count() == 1


def test_the_database_refuses_a_backwards_range():
    from django.db import IntegrityError, transaction

    vendor = make_vendor()
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueItem.objects.create(
            vendor=vendor,
            name_en="x",
            name_fr="x",
            description_en="x",
            description_fr="x",
            category=_sub(),
            price_min=5,
            price_max=1,
        )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pages_add_change_and_remove_an_item(client, language):
    from django.urls import reverse
    from django.utils import translation

    vendor = make_vendor()
    client.force_login(vendor.members.get().user)
    with translation.override(language):
        add, mine = reverse("catalogue_item_add"), reverse("my_business")
    price = {"en": ("1,500.00", "900"), "fr": ("1 500,00", "900")}[language]
    data = {
        "kind": "service",
        "name_en": "Plain-language review",
        "name_fr": "Révision en langage clair",
        "description_en": "We rewrite a form in plain language.",
        "description_fr": "Nous réécrivons un formulaire en langage clair.",
        "category": _sub().pk,
        "price_min": price[0],
        "price_max": price[1],
        "languages": "fr",
    }
    response = client.post(add, data)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="id_price_max_error"' in body
    expected = {
        "en": "The highest price cannot be lower than the lowest price.",
        "fr": "Le prix le plus élevé ne peut pas être inférieur au prix le plus bas.",
    }[language]
    assert expected in body
    data["price_max"] = {"en": "2,000", "fr": "2 000"}[language]
    response = client.post(add, data)
    assert response.status_code == 302 and response["Location"].startswith(mine)
    saved = CatalogueItem.objects.get()
    assert (saved.price_min, saved.price_max) == (Decimal("1500.00"), Decimal("2000.00"))
    page = client.get(mine).content.decode()
    assert {"en": "Plain-language review", "fr": "Révision en langage clair"}[language] in page
    assert {"en": "$1,500.00 to $2,000.00", "fr": "1\xa0500,00\xa0$ à 2\xa0000,00\xa0$"}[
        language
    ] in page
    with translation.override(language):
        edit = reverse("catalogue_item_edit", kwargs={"pk": saved.pk})
        remove = reverse("catalogue_item_remove", kwargs={"pk": saved.pk})
    data["kind"] = "product"
    assert client.post(edit, data).status_code == 302
    saved.refresh_from_db()
    assert saved.kind == "product"
    # Removing asks first; only the confirmed POST removes.
    assert client.post(remove).status_code == 200
    assert CatalogueItem.objects.exists()
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not CatalogueItem.objects.exists()


def test_another_business_item_answers_like_a_missing_one(client):
    theirs = item(make_vendor())
    mine = make_vendor()
    client.force_login(mine.members.get().user)
    assert client.get(f"/en/my-business/catalogue/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/en/my-business/catalogue/{theirs.pk}/remove/", {"confirm": "yes"}
        ).status_code
        == 404
    )
    assert CatalogueItem.objects.filter(pk=theirs.pk).exists()


def test_the_public_profile_shows_the_catalogue_in_both_languages(client):
    vendor = make_vendor()
    item(vendor)
    english = client.get(f"/en/vendors/{vendor.pk}/").content.decode()
    assert "Accessibility audit" in english and "$1,500.00 to $4,000.00" in english
    assert "English and French" in english
    french = client.get(f"/fr/fournisseurs/{vendor.pk}/").content.decode()
    assert "Audit d’accessibilité" in french and "1\xa0500,00\xa0$ à 4\xa0000,00\xa0$" in french
    assert "Produits et services" in french


@pytest.fixture
def market():
    """Three vendors with different catalogues."""
    design = _sub("goods-furniture")
    other = _sub("services-translation")
    a = make_vendor(legal_name="Alpha Design", operating_name="")
    item(
        a,
        name_en="Logo design",
        name_fr="Conception de logo",
        category=design,
        price_min=Decimal("800"),
        price_max=Decimal("2500"),
        languages="en",
        kind="service",
    )
    b = make_vendor(legal_name="Beta Bilingue", operating_name="")
    item(
        b,
        name_en="Translation",
        name_fr="Traduction",
        category=other,
        price_min=Decimal("200"),
        price_max=Decimal("900"),
        languages="both",
        kind="service",
    )
    item(
        b,
        name_en="Ergonomic chair",
        name_fr="Chaise ergonomique",
        category=design,
        description_en="A chair.",
        description_fr="Une chaise.",
        price_min=Decimal("5000"),
        price_max=Decimal("6000"),
        languages="fr",
        kind="product",
    )
    make_vendor(legal_name="Gamma Nothing", operating_name="")
    return {"design": design, "other": other}


def _names(client, params, language="en"):
    path = "/en/vendors/" if language == "en" else "/fr/fournisseurs/"
    response = client.get(path, params)
    assert response.status_code == 200
    body = response.content.decode()
    return [n for n in ("Alpha Design", "Beta Bilingue", "Gamma Nothing") if n in body]


def test_directory_filters_on_the_catalogue(client, market):
    assert _names(client, {}) == ["Alpha Design", "Beta Bilingue", "Gamma Nothing"]
    assert _names(client, {"item_q": "logo"}) == ["Alpha Design"]
    assert _names(client, {"item_q": "chaise"}, "fr") == ["Beta Bilingue"]
    assert _names(client, {"item_kind": "product"}) == ["Beta Bilingue"]
    assert _names(client, {"item_language": "fr"}) == ["Beta Bilingue"]
    assert _names(client, {"item_language": "en"}) == ["Alpha Design", "Beta Bilingue"]
    assert _names(client, {"item_language": "both"}) == ["Beta Bilingue"]
    assert _names(client, {"max_price": "1,000"}) == ["Alpha Design", "Beta Bilingue"]
    assert _names(client, {"max_price": "500"}) == ["Beta Bilingue"]
    assert _names(client, {"max_price": "500"}, "fr") == ["Beta Bilingue"]
    assert _names(client, {"item_category": market["design"].pk}) == [
        "Alpha Design",
        "Beta Bilingue",
    ]
    parent = market["design"].parent_id
    assert "Alpha Design" in _names(client, {"item_category": parent})
    # One item must meet all filters: Beta's product is French-only and dear, its service cheap.
    assert _names(client, {"item_kind": "product", "max_price": "1000"}) == []
    assert _names(client, {"item_kind": "product", "item_language": "en"}, "fr") == []
    # The list names the matching items only.
    body = client.get("/en/vendors/", {"item_kind": "product"}).content.decode()
    assert "Ergonomic chair" in body and ">Translation</a>" not in body
    assert "Matching products and services" in body


def test_a_bad_budget_is_told_in_the_readers_language(client, market):
    body = client.get("/fr/fournisseurs/", {"max_price": "abc"}).content.decode()
    assert "id_max_price_error" in body


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"item_q": "audit"},
        {"item_kind": "service", "item_language": "fr", "max_price": "5000"},
        {"q": "Co", "item_category": "1", "item_q": "a"},
    ],
)
def test_directory_with_catalogue_filters_keeps_a_constant_number_of_queries(
    client, params, django_assert_max_num_queries
):
    for index in range(30):
        vendor = make_vendor(legal_name=f"Co {index:02d}")
        for number in range(3):
            item(vendor, name_en=f"Audit {number}", languages=["en", "fr", "both"][number])
    with django_assert_max_num_queries(9):
        response = client.get("/en/vendors/", params)
    assert response.status_code == 200


def test_an_edit_refreshes_the_cached_public_pages(client, settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60  # on, as in production (off in other tests)
    cache.clear()
    vendor = make_vendor()
    audit = item(vendor)
    url = f"/en/vendors/{vendor.pk}/"
    assert "Accessibility audit" in client.get(url).content.decode()
    assert client.get(url)["X-Public-Page"] == "hit"  # kept
    client.get("/en/vendors/")
    catalogue_item_save(
        vendor=vendor, actor=vendor.members.get().user, item=audit, name_en="Usability test"
    )
    response = client.get(url)
    assert "X-Public-Page" not in response and "Usability test" in response.content.decode()
    assert "Usability test" in client.get("/en/vendors/").content.decode()


def test_directory_cards_are_kept_and_a_catalogue_filter_has_its_own(client, market, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    client.force_login(make_user(Role.VENDOR_MEMBER))  # signed in: cards, not whole pages
    client.get("/en/vendors/")
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/en/vendors/", {"page": 1}).content.decode()
    read = " ".join(q["sql"] for q in list(captured.captured_queries))
    assert "vendors_catalogueitem" not in read  # no vendor read whole: every card kept
    assert ">Translation</a>" in again and "Products and services" in again
    # The same vendors filtered on the catalogue show only the matching items.
    products = client.get("/en/vendors/", {"item_kind": "product"}).content.decode()
    assert "Ergonomic chair" in products and ">Translation</a>" not in products
    assert "Matching products and services" in products
    assert ">Translation</a>" in client.get("/en/vendors/").content.decode()
    cache.clear()
