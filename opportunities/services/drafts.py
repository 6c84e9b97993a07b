"""Creating and editing drafts: the buyer's own work before publishing."""

from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Department, Role, User
from procurement_portal.services.audit import audit_record

from ..models import Opportunity, OpportunityStatus
from .access import ensure_manages

DRAFT_FIELDS = [
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
    "closes_at",
    "questions_close_at",
    "expected_delivery",
    "contact_name",
    "contact_email",
    "initiative",
    "phase",
    "ip_clause",
    "licence_clause",
    "data_clause",
    "privacy_clause",
]


def opportunity_create_draft(*, actor: User, department: Department, **fields) -> Opportunity:
    if not actor.has_role(Role.BUYER, department):
        raise TransitionNotAllowed(_("Only a buyer of this department can draft opportunities."))
    with transaction.atomic():
        opportunity = Opportunity.objects.create(
            department=department,
            owner=actor,
            contact_name=fields.pop("contact_name", "") or actor.full_name,
            contact_email=fields.pop("contact_email", "") or actor.email,
            **fields,
        )
        audit_record(
            actor=actor,
            action="opportunity.create",
            obj=opportunity,
            to_state=OpportunityStatus.DRAFT,
            department=department,
        )
    return opportunity


def opportunity_update_draft(*, opportunity: Opportunity, actor: User, **fields) -> Opportunity:
    """Change a draft. Once published, changes are made by addenda, never by editing."""
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        ensure_manages(actor, opportunity)
        if opportunity.status != OpportunityStatus.DRAFT:
            raise TransitionNotAllowed(
                _("A published opportunity is changed by posting an addendum.")
            )
        for name, value in fields.items():
            if name not in DRAFT_FIELDS:
                raise ValueError(f"{name} is not a draft field")
            setattr(opportunity, name, value)
        opportunity.save(update_fields=[*fields, "updated_at"])
    return opportunity


def criteria_replace(*, opportunity: Opportunity, actor: User, criteria: list[dict]) -> None:
    """Set the evaluation criteria of a draft (the form sends the whole list)."""
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        ensure_manages(actor, opportunity)
        if opportunity.status != OpportunityStatus.DRAFT:
            raise TransitionNotAllowed(_("Criteria are fixed once the opportunity is published."))
        opportunity.criteria.all().delete()
        opportunity.criteria.bulk_create(
            [
                opportunity.criteria.model(opportunity=opportunity, order=index, **data)
                for index, data in enumerate(criteria)
            ]
        )
