"""Issue 16: the planned purchase a call came from, in the OCDS planning section."""

from datetime import date

import pytest
from django.utils import timezone

from opportunities.services.lifecycle import opportunity_publish
from opportunities.services.planned import (
    planned_convert,
    planned_document_add,
    planned_milestone_add,
)
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published_plan
from tests.vendors.factories import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(department):
    return make_user(Role.BUYER, department=department)


@pytest.fixture
def planned(buyer, department):
    return published_plan(buyer, department)


def test_ocds_planning_section(planned, buyer, ocds_validator):
    from open_data.ocds import build_release, release_package
    from tests.opportunities.factories import ready_draft

    planned_document_add(planned=planned, actor=buyer, kind="marketStudies", upload=pdf_upload())
    planned_milestone_add(
        planned=planned,
        actor=buyer,
        kind="delivery",
        title_en="Letters delivered",
        title_fr="Lettres livrées",
        due_date=date(2027, 4, 1),
    )
    planned_convert(planned=planned, actor=buyer)
    ready = ready_draft(owner=buyer)
    ready.planned_purchase, converted = planned, planned.opportunity
    converted.planned_purchase = None
    converted.save(update_fields=["planned_purchase"])
    ready.save(update_fields=["planned_purchase"])
    opportunity = opportunity_publish(opportunity=ready, actor=buyer)
    release = build_release(opportunity, tag="tender", release_id="r1", date=timezone.now())
    planning = release["planning"]
    assert planning["rationale"].startswith("Rewrite 30 letters.")
    assert "Social aspects: Tested with people" in planning["rationale"]
    assert "Aspects environnementaux\u00a0: Numérique d’abord" in planning["rationale_fr"]
    assert planning["budget"]["amount"] == {"amount": 9000.0, "currency": "CAD"}
    assert planning["documents"][0]["documentType"] == "marketStudies"
    assert planning["documents"][0]["url"].endswith(
        f"/en/planned-purchases/{planned.pk}/studies/{planned.documents.get().pk}/"
    )
    assert planning["milestones"][0]["type"] == "delivery"
    assert planning["milestones"][0]["title_fr"] == "Lettres livrées"
    ocds_validator("release-package", release_package([release], uri="https://example.com/p"))
