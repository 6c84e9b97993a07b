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

# The buyer's own text and choices. Not copied: dates (closing, delivery: a new call needs
# new ones), the initiative and phase (a phase follows its predecessor through
# `next_phase`), the planned purchase (one opportunity each), the contact (the new owner's).
COPIED_FIELDS = [
    "category",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "description_en",
    "description_fr",
    "deliverables_en",
    "deliverables_fr",
    "location",
    "is_remote",
    "max_budget",
    "price_evaluation",
    "variants_allowed",
    "shortlist_size",
    "demonstration_weight",
    "time_zone",
]
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
