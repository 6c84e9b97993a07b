"""Validation and naming of uploaded files, shared by every upload in the portal."""

import hashlib
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .card_numbers import refuse_card_number_in_file_name

# Kinds of file we accept, by what their content is (not by their name).
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def validate_upload(upload, *, allowed: dict[str, str] = DOCUMENT_TYPES, max_bytes=None) -> str:
    """Check size and real type; return the detected MIME type or raise ValidationError."""
    max_bytes = max_bytes or settings.PORTAL_MAX_UPLOAD_BYTES
    refuse_card_number_in_file_name(upload)  # the name is kept (display name) and shown
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in allowed:
        raise ValidationError(
            _("This file is not one of the accepted kinds (%(kinds)s), whatever its name says.")
            % {"kinds": ", ".join(sorted({ext.upper() for ext in allowed.values()}))},
            code="bad_type",
        )
    if mime in ZIP_BASED_TYPES:
        _check_archive(upload)
    return mime


# Office files are zip archives: a small upload can unpack to gigabytes (a "zip bomb"), which
# cleaning or opening would then write out. Bound what the archive says it holds; Python's
# zipfile (used by mat2 too) never unpacks an entry past the size it declares.
ZIP_BASED_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
}


def _check_archive(upload) -> None:
    unreadable = ValidationError(
        _("This file could not be read: it may be damaged. Save or export it again, then add it."),
        code="unreadable",
    )
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise unreadable from error
    finally:
        upload.seek(0)
    if len(entries) > settings.PORTAL_MAX_ARCHIVE_ENTRIES:
        raise ValidationError(
            _(
                "This file holds more than %(count)s parts: save it again as a simpler "
                "document, or as a PDF."
            )
            % {"count": settings.PORTAL_MAX_ARCHIVE_ENTRIES},
            code="too_many_entries",
        )
    if sum(entry.file_size for entry in entries) > settings.PORTAL_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "Unpacked, this file would take more than %(max)s: save it again with smaller "
                "images, or as a PDF."
            )
            % {"max": filesizeformat(settings.PORTAL_MAX_UNPACKED_BYTES)},
            code="too_large_unpacked",
        )


def server_file_name(folder: str, mime: str, *, allowed: dict[str, str] = DOCUMENT_TYPES) -> str:
    """A name we choose: never trust the uploader's, which may hold paths or their identity."""
    return str(PurePath(folder) / f"{uuid.uuid4().hex}.{allowed[mime]}")


def clean_display_name(name: str) -> str:
    """The uploader's file name, reduced to a harmless label for display."""
    base = PurePath(name.replace("\\", "/")).name
    return "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')[:120] or "file"


# The kinds accepted where anonymity or privacy matters (evidence, proposal documents):
# formats evaluators and verifiers open safely. Every kind is cleaned (metadata.py).
CLEANABLE_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


@dataclass
class CleanUpload:
    """An upload checked by content, with its metadata removed, not stored yet."""

    mime: str
    content: ContentFile
    display_name: str
    size: int
    sha256: str


def clean_upload(upload, *, allowed: dict[str, str] = DOCUMENT_TYPES) -> CleanUpload:
    """Check size and real type, strip metadata; raise ValidationError with a clear message."""
    from .metadata import strip_metadata

    mime = validate_upload(upload, allowed=allowed)
    content = strip_metadata(upload, mime)
    data = content.read()
    content.seek(0)
    return CleanUpload(
        mime, content, clean_display_name(upload.name), len(data), hashlib.sha256(data).hexdigest()
    )


@contextmanager
def stored(clean: CleanUpload, *, folder: str, allowed: dict[str, str] = DOCUMENT_TYPES):
    """Save under a server-chosen name and yield it; if the block fails (the database row
    could not be written), delete the file again: nothing is half-saved."""
    name = default_storage.save(
        server_file_name(folder, clean.mime, allowed=allowed), clean.content
    )
    try:
        yield name
    except BaseException:
        default_storage.delete(name)
        raise
