"""Department templates: saved from an opportunity, shared in the department, edited, and
the start of a new draft with their texts and criteria."""

import pytest
from django.urls import reverse
from django.utils import translation

from opportunities.models import Opportunity, OpportunityTemplate
from opportunities.services.department_templates import (
    opportunity_start_from_template,
    template_save_from,
    template_update,
)
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import DepartmentFactory, make_user

from .factories import published

pytestmark = pytest.mark.django_db


def test_save_share_edit_and_start_a_draft(department):
    source = published(department=department)
    source.criteria.filter(order=1).update(guidance_en="High: 5 audits", min_score=4)
    template = template_save_from(
        opportunity=source, actor=source.owner, name_en="Web audit", name_fr="Audit Web"
    )
    assert template.department == department and template.title_fr == source.title_fr
    assert [(c.name_en, c.weight, c.min_score, c.guidance_en) for c in template.criteria.all()] == [
        ("Approach", 50, 0, ""),
        ("Experience", 30, 4, "High: 5 audits"),
        ("Price", 20, 0, ""),
    ]
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    template_update(template=template, actor=officer, summary_en="A reusable audit")
    colleague = make_user(Role.BUYER, department=department)  # any buyer of the department

    draft = opportunity_start_from_template(template=template, actor=colleague)

    assert draft.is_draft and draft.owner == colleague and draft.department == department
    assert draft.summary_en == "A reusable audit" and draft.description_fr == source.description_fr
    assert draft.closes_at is None and draft.max_budget is None
    assert [(c.name_fr, c.weight, c.min_score) for c in draft.criteria.all()] == [
        ("Approche", 50, 0),
        ("Expérience", 30, 4),
        ("Prix", 20, 0),
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"template.create", "template.update", "template.use"} <= actions


def test_names_in_both_languages_and_other_departments_are_refused(department):
    source = published(department=department)
    with pytest.raises(PortalError) as error:
        template_save_from(opportunity=source, actor=source.owner, name_en="A", name_fr=" ")
    assert error.value.field == "name_fr"
    template = template_save_from(opportunity=source, actor=source.owner, name_en="A", name_fr="A")
    stranger = make_user(Role.BUYER, department=DepartmentFactory())
    with pytest.raises(TransitionNotAllowed):
        opportunity_start_from_template(template=template, actor=stranger)
    with pytest.raises(TransitionNotAllowed):
        template_update(template=template, actor=stranger, name_en="Mine")
    assert not OpportunityTemplate.objects.managed_by(stranger).exists()
    assert Opportunity.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pages_save_a_template_and_start_from_it(client, department, language):
    source = published(department=department)
    client.force_login(source.owner)
    with translation.override(language):
        save_url = reverse("template_create", args=[source.pk])
        list_url = reverse("template_list")
        create_url = reverse("opportunity_create")
        detail = reverse("opportunity_detail", args=[source.pk])
    assert save_url in client.get(detail).content.decode()
    assert list_url in client.get(create_url).content.decode()
    response = client.post(save_url, {"name_en": "", "name_fr": "Audit"})
    assert response.status_code == 200  # the form again, with its error
    response = client.post(save_url, {"name_en": "Web audit", "name_fr": "Audit Web"}, follow=True)
    template = OpportunityTemplate.objects.get()
    shown = "Audit Web" if language == "fr" else "Web audit"
    assert shown in response.content.decode()
    with translation.override(language):
        use_url = reverse("template_use", args=[template.pk])
    response = client.post(use_url, follow=True)
    draft = Opportunity.objects.exclude(pk=source.pk).get()
    with translation.override(language):
        assert response.redirect_chain == [(reverse("opportunity_edit", args=[draft.pk]), 302)]
    expected = "part du modèle" if language == "fr" else "starts from the template"
    assert expected in response.content.decode()
    assert draft.criteria.count() == 3
