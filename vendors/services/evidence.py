from django.db import transaction

from procurement_portal.models import User
from procurement_portal.uploads import CLEANABLE_TYPES, CleanUpload, clean_upload, stored

from ..models import EvidenceFile, Vendor
from .access import membership


def evidence_prepare(upload) -> CleanUpload:
    """Check the file by its content and strip its metadata; store nothing yet."""
    return clean_upload(upload, allowed=CLEANABLE_TYPES)


def evidence_store(
    *, vendor: Vendor, actor: User, upload, prepared: CleanUpload | None = None
) -> EvidenceFile:
    """Store a checked, cleaned file under our own name (prepared: evidence_prepare's)."""
    membership(actor, vendor)
    clean = prepared or evidence_prepare(upload)
    with (
        stored(clean, folder=f"evidence/{vendor.pk}", allowed=CLEANABLE_TYPES) as name,
        transaction.atomic(),
    ):
        return EvidenceFile.objects.create(
            vendor=vendor,
            file=name,
            display_name=clean.display_name,
            content_type=clean.mime,
            size=clean.size,
            uploaded_by=actor,
        )
