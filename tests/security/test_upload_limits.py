"""Issue 18, finding 7: zip-based files are bounded when unpacked, and an oversized request
is refused before its body is read (spooled to disk)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement_portal.models import Role
from procurement_portal.uploads import validate_upload
from tests.factories import make_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
    '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main"
    '+xml"/></Types>'
)


def _docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_that_inflates_past_the_limit_is_refused(settings):
    settings.PORTAL_MAX_UNPACKED_BYTES = 20 * 1024 * 1024
    bomb = _docx({"word/media/zeros.bin": b"\0" * (64 * 1024 * 1024)})  # 64 MiB of zeros
    assert len(bomb) < 1024 * 1024  # a small upload
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile("plan.docx", bomb, content_type=DOCX))
    assert caught.value.code == "too_large_unpacked"


def test_a_docx_with_too_many_entries_is_refused(settings):
    settings.PORTAL_MAX_ARCHIVE_ENTRIES = 100
    many = _docx({f"word/part{i}.xml": b"<x/>" for i in range(150)})
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile("plan.docx", many, content_type=DOCX))
    assert caught.value.code == "too_many_entries"


def test_an_ordinary_docx_is_accepted():
    ordinary = _docx({"word/styles.xml": b"<w:styles/>" * 100})
    assert validate_upload(SimpleUploadedFile("plan.docx", ordinary)) == DOCX


@pytest.mark.django_db
def test_an_oversized_request_is_refused_before_its_body_is_read(client, settings):
    """The body is never read: a stream that fails when read proves it."""
    settings.PORTAL_MAX_REQUEST_BYTES = 1024 * 1024
    client.force_login(make_user(Role.VENDOR_MEMBER))

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

        readinto = read

    response = client.generic(
        "POST",
        reverse("vendor_create"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_a_request_within_the_limit_goes_through(client):
    client.force_login(make_user(Role.VENDOR_MEMBER))
    response = client.post(reverse("vendor_create"), {"legal_name": ""})
    assert response.status_code == 200
