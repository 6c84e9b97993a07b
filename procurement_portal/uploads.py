"""Validation and naming of uploaded files, shared by every upload in the portal."""

import hashlib
import uuid
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
    return mime


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
    return CleanUpload(mime, content, clean_display_name(upload.name), len(data),
                       hashlib.sha256(data).hexdigest())


@contextmanager
def stored(clean: CleanUpload, *, folder: str, allowed: dict[str, str] = DOCUMENT_TYPES):
    """Save under a server-chosen name and yield it; if the block fails (the database row
    could not be written), delete the file again: nothing is half-saved."""
    name = default_storage.save(server_file_name(folder, clean.mime, allowed=allowed),
                                clean.content)
    try:
        yield name
    except BaseException:
        default_storage.delete(name)
        raise
