import pytest
import tablib

from procurement_portal.exports import SafeCSV, SafeXLSX
from procurement_portal.models import Role
from tests.factories import make_user
from vendors.models import Vendor
from vendors.resources import VendorResource
from vendors.services.claims import claim_verify

from .factories import make_vendor

pytestmark = pytest.mark.django_db


def test_export_escapes_formulas_and_carries_verification(settings, tmp_path, department):
    settings.MEDIA_ROOT = tmp_path
    vendor = make_vendor(
        legal_name='=HYPERLINK("http://evil")', operating_name="@SUM(1)", phone="+1 613 555 0101"
    )
    from django.utils import timezone

    from vendors.models import CertificationType
    from vendors.services.certifications import certification_add

    from .factories import pdf_upload

    certification = certification_add(
        vendor=vendor,
        actor=vendor.members.get().user,
        kind=CertificationType.objects.get(slug="iso-14001"),
        number="1",
        issued_on=timezone.localdate(),
        expires_on=None,
        upload=pdf_upload(),
    )
    claim_verify(
        claim=certification, actor=make_user(Role.PROCUREMENT_OFFICER, department=department)
    )
    dataset = VendorResource().export()
    csv = SafeCSV().export_data(dataset)
    cells = next(iter(__import__("csv").reader(csv.splitlines()[1:])))
    assert cells[1] == '\'=HYPERLINK("http://evil")'
    assert cells[2] == "'@SUM(1)"
    assert cells[9] == "'+1 613 555 0101"
    xlsx = SafeXLSX().export_data(VendorResource().export())
    assert isinstance(xlsx, bytes) and xlsx[:2] == b"PK"
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["verified_badges"] == "Eco-responsible"
    assert row["claims_verified"] == 1


def test_import_updates_by_business_number_without_duplicates():
    vendor = make_vendor(legal_name="Old Name")
    dataset = tablib.Dataset(
        headers=[
            "business_number",
            "legal_name",
            "address",
            "city",
            "province",
            "postal_code",
            "contact_email",
            "employees",
            "revenue_band",
            "listed_in_directory",
            "is_suspended",
        ]
    )
    dataset.append(
        [
            vendor.business_number,
            "New Name",
            vendor.address,
            vendor.city,
            vendor.province,
            vendor.postal_code,
            vendor.contact_email,
            4,
            "under_500k",
            1,
            0,
        ]
    )
    result = VendorResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Vendor.objects.count() == 1
    assert Vendor.objects.get().legal_name == "New Name"


def test_import_refuses_an_invalid_business_number():
    dataset = tablib.Dataset(
        headers=[
            "business_number",
            "legal_name",
            "address",
            "city",
            "province",
            "postal_code",
            "contact_email",
            "employees",
            "revenue_band",
        ]
    )
    dataset.append(
        ["123456789", "Bad", "1 Main", "Ottawa", "ON", "K1A 0B1", "a@b.ca", 3, "under_500k"]
    )
    result = VendorResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Vendor.objects.exists()


def test_directory_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    from procurement_portal.models import Category

    category = Category.objects.get(slug="digital-design")
    for index in range(30):
        make_vendor(legal_name=f"Vendor {index:03}", categories=[category])
    Vendor.objects.bulk_create(
        [
            Vendor(
                legal_name=f"Bulk {index:03}",
                business_number=f"9{index:08}",
                address="1 Main",
                city="Ottawa",
                province="ON",
                postal_code="K1A 0B1",
                contact_email="x@example.com",
                employees=3,
                revenue_band="under_500k",
            )
            for index in range(500)
        ]
    )
    with django_assert_max_num_queries(8):
        response = client.get("/en/vendors/", {"badge": "", "province": "ON"})
    assert response.status_code == 200
    vendor = Vendor.objects.filter(legal_name="Vendor 000").get()
    with django_assert_max_num_queries(8):
        assert client.get(f"/en/vendors/{vendor.pk}/").status_code == 200
