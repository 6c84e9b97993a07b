from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.uploads import clean_upload, stored

from ..models import Opportunity, OpportunityAttachment, OpportunityStatus
from .access import ensure_manages


def attachment_add(*, opportunity: Opportunity, actor: User, upload) -> OpportunityAttachment:
    """Attach a document to a draft; the file is stored under a name the server chooses."""
    ensure_manages(actor, opportunity)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise TransitionNotAllowed(
            _("Documents are attached before publishing; after, post an addendum.")
        )
    clean = clean_upload(upload)  # every kind loses its metadata (metadata.py)
    with stored(clean, folder=f"opportunities/{opportunity.pk}") as name, transaction.atomic():
        attachment = OpportunityAttachment.objects.create(
            opportunity=opportunity,
            file=name,
            display_name=clean.display_name,
            content_type=clean.mime,
            size=clean.size,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor, action="attachment.add", obj=attachment, department=opportunity.department
        )
    return attachment


def attachment_remove(*, attachment: OpportunityAttachment, actor: User) -> None:
    opportunity = attachment.opportunity
    ensure_manages(actor, opportunity)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise TransitionNotAllowed(_("Published documents stay; post an addendum instead."))
    name = attachment.file.name
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="attachment.remove",
            obj=attachment,
            department=opportunity.department,
        )
        attachment.delete()
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))
