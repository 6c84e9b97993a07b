"""Copying an opportunity to a new draft: a buyer reuses the wording and criteria of a past
call instead of typing them again. Only what the buyer wrote is copied; what happened to the
original (proposals, questions, addenda, dates, award) belongs to it alone."""

from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record

from ..models import Criterion, Opportunity, OpportunityStatus
from .access import ensure_manages
from .drafts import DRAFT_FIELDS

# Every field the buyer drafts (so a new one is copied without anyone remembering to),
# except: the dates (a new call needs new ones), the initiative and phase (a phase follows
# its predecessor through `next_phase`) and the contact (the new owner's). Clauses are copied
# as chosen; publishing the copy fixes their versions.
NOT_COPIED = {
    "closes_at",
    "questions_close_at",
    "expected_delivery",
    "contact_name",
    "contact_email",
    "initiative",
    "phase",
}
COPIED_FIELDS = [name for name in DRAFT_FIELDS if name not in NOT_COPIED]
CRITERION_FIELDS = [
    "order",
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "guidance_en",
    "guidance_fr",
    "weight",
    "min_score",
    "is_price",
]


def opportunity_copy(*, opportunity: Opportunity, actor: User) -> Opportunity:
    """A new draft, owned by `actor`, with the texts and criteria of `opportunity` (any
    status). The copy is audited on both: the new draft says where it came from."""
    ensure_manages(actor, opportunity)
    department = opportunity.department
    if not actor.has_role(Role.BUYER, department):
        raise TransitionNotAllowed(_("Only a buyer of this department can draft opportunities."))
    with transaction.atomic():
        copy = Opportunity.objects.create(
            department=department,
            owner=actor,
            contact_name=actor.full_name,
            contact_email=actor.email,
            **{name: getattr(opportunity, name) for name in COPIED_FIELDS},
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    opportunity=copy,
                    stage=c.stage,  # not in CRITERION_FIELDS: department templates have one stage
                    **{name: getattr(c, name) for name in CRITERION_FIELDS},
                )
                for c in opportunity.criteria.all()
            ]
        )
        audit_record(
            actor=actor,
            action="opportunity.copy",
            obj=copy,
            to_state=OpportunityStatus.DRAFT,
            department=department,
            details={"copied_from": opportunity.pk},
        )
    return copy
