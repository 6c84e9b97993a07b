import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from procurement_portal.models import Role
from tests.factories import make_user
from vendors.services.organisation import vendor_create

_numbers = itertools.count(10_000_000)


def business_number(base: int | None = None) -> str:
    """A valid 9-digit business number (Luhn check digit)."""
    digits = str(base if base is not None else next(_numbers)).zfill(8)[:8]
    for check in range(10):
        candidate = digits + str(check)
        total = 0
        for index, char in enumerate(reversed(candidate)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def make_vendor(owner=None, categories=(), **fields):
    owner = owner or make_user(Role.VENDOR_MEMBER)
    values = {
        "legal_name": "Tremblay Accessibilité inc.",
        "operating_name": "Access Tremblay",
        "business_number": business_number(),
        "address": "12 rue Principale",
        "city": "Gatineau",
        "province": "QC",
        "postal_code": "J8X 1A1",
        "contact_email": owner.email,
        "employees": 4,
        "revenue_band": "under_500k",
        "serves_english": True,
        "serves_french": True,
    }
    values.update(fields)
    return vendor_create(actor=owner, categories=categories, **values)


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"4 0 obj<</Author(Jane Secret)/Title(ACME Confidential)/Producer(ACME Writer)>>endobj\n"
    b"xref\n0 5\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \n0000000164 00000 n \n"
    b"trailer<</Size 5/Root 1 0 R/Info 4 0 R>>\nstartxref\n251\n%%EOF\n"
)


def pdf_upload(name="policy.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
