"""Department templates: the texts and criteria a department's buyers start drafts from.
Saved from an opportunity ("Save as department template"), renamed or reworded later, and
used to start a new draft ("Start from a template")."""

from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Department, Role, User
from procurement_portal.services.audit import audit_record

from ..models import (
    Criterion,
    Opportunity,
    OpportunityStatus,
    OpportunityTemplate,
    TemplateCriterion,
)
from .copies import CRITERION_FIELDS
from .drafts import opportunity_create_draft

TEXT_FIELDS = [
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "description_en",
    "description_fr",
    "deliverables_en",
    "deliverables_fr",
]
EDITABLE_FIELDS = ["name_en", "name_fr", "category", "price_evaluation", *TEXT_FIELDS]


def ensure_manages_templates(actor: User, department: Department) -> None:
    if not (
        actor.has_role(Role.BUYER, department)
        or actor.has_role(Role.PROCUREMENT_OFFICER, department)
        or actor.has_role(Role.SITE_ADMIN)
    ):
        raise TransitionNotAllowed(
            _("Only a buyer or procurement officer of the department can do this.")
        )


def _names(name_en: str, name_fr: str) -> tuple[str, str]:
    name_en, name_fr = name_en.strip(), name_fr.strip()
    if not name_en:
        raise PortalError(_("Give the template a name in English."), field="name_en")
    if not name_fr:
        raise PortalError(_("Give the template a name in French."), field="name_fr")
    return name_en, name_fr


def template_save_from(
    *, opportunity: Opportunity, actor: User, name_en: str, name_fr: str
) -> OpportunityTemplate:
    """A template of `opportunity`'s department with its texts and criteria (any status:
    a call that went well is the best model for the next)."""
    from .access import ensure_manages

    ensure_manages(actor, opportunity)
    ensure_manages_templates(actor, opportunity.department)
    name_en, name_fr = _names(name_en, name_fr)
    with transaction.atomic():
        template = OpportunityTemplate.objects.create(
            department=opportunity.department,
            name_en=name_en,
            name_fr=name_fr,
            category=opportunity.category,
            price_evaluation=opportunity.price_evaluation,
            created_by=actor,
            **{name: getattr(opportunity, name) for name in TEXT_FIELDS},
        )
        TemplateCriterion.objects.bulk_create(
            [
                TemplateCriterion(
                    template=template, **{name: getattr(c, name) for name in CRITERION_FIELDS}
                )
                for c in opportunity.criteria.all()
            ]
        )
        audit_record(
            actor=actor,
            action="template.create",
            obj=template,
            department=template.department,
            details={"from_opportunity": opportunity.pk},
        )
    return template


def template_update(*, template: OpportunityTemplate, actor: User, **fields) -> OpportunityTemplate:
    ensure_manages_templates(actor, template.department)
    fields["name_en"], fields["name_fr"] = _names(
        fields.get("name_en", template.name_en), fields.get("name_fr", template.name_fr)
    )
    with transaction.atomic():
        template = OpportunityTemplate.objects.select_for_update().get(pk=template.pk)
        for name, value in fields.items():
            if name not in EDITABLE_FIELDS:
                raise ValueError(f"{name} is not a template field")
            setattr(template, name, value)
        template.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=actor, action="template.update", obj=template, department=template.department
        )
    return template


def opportunity_start_from_template(*, template: OpportunityTemplate, actor: User) -> Opportunity:
    """A new draft of the template's department with its texts and criteria; dates,
    budget and contact are the buyer's to set."""
    with transaction.atomic():
        template = OpportunityTemplate.objects.get(pk=template.pk)  # as last saved
        opportunity = opportunity_create_draft(
            actor=actor,
            department=template.department,
            category=template.category,
            price_evaluation=template.price_evaluation,
            **{name: getattr(template, name) for name in TEXT_FIELDS},
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    opportunity=opportunity,
                    **{name: getattr(c, name) for name in CRITERION_FIELDS},
                )
                for c in template.criteria.all()
            ]
        )
        audit_record(
            actor=actor,
            action="template.use",
            obj=opportunity,
            to_state=OpportunityStatus.DRAFT,
            department=template.department,
            details={"template": template.pk},
        )
    return opportunity
