"""Remove document metadata (author, title, producer, EXIF, GPS...) from uploads.

Evidence and proposal files may name their author; evaluation must stay anonymous and
privacy demands we keep no more than the content.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader, PdfWriter


def strip_metadata(upload, mime: str) -> ContentFile:
    """A clean copy of the upload; a file we cannot read is refused with a clear message."""
    data = upload.read()
    upload.seek(0)
    try:
        if mime == "application/pdf":
            return ContentFile(_clean_pdf(data))
        if mime in {"image/png", "image/jpeg"}:
            return ContentFile(_clean_image(data, "PNG" if mime == "image/png" else "JPEG"))
    except Exception as error:  # pypdf and Pillow raise many kinds for damaged files
        raise ValidationError(
            _("This file could not be read: it may be damaged. Save or export it again, "
              "then add it."), code="unreadable") from error
    return ContentFile(data)


def _clean_pdf(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:  # pages only: the document /Info and XMP are left behind
        writer.add_page(page)
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _clean_image(data: bytes, fmt: str) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.load()
    out = io.BytesIO()
    # Saving without exif=/pnginfo= drops EXIF, GPS, XMP and text chunks.
    clean = image.convert("RGB") if fmt == "JPEG" and image.mode not in {"RGB", "L"} else image
    clean.save(out, format=fmt)
    return out.getvalue()
