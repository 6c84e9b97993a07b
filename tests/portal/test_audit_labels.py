"""The audit log speaks the reader's language: action and state labels, never raw codes."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from opportunities.services.lifecycle import opportunity_cancel
from procurement_portal.audit_labels import ACTION_LABELS, state_label
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published

pytestmark = pytest.mark.django_db
APPS = ["procurement_portal", "opportunities", "vendors", "evaluations", "payments"]


def recorded_actions() -> set[str]:
    found = set()
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            source = path.read_text()
            for argument in re.findall(r"action=([^,\n]+)", source):  # also `"a" if x else "b"`
                found |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', argument))
            for prefix in re.findall(r'action=f"([a-z_]+)\.\{\w+\}"', source):
                found |= {f"{prefix}.verified", f"{prefix}.rejected"}  # claim.{status}
    return found


def test_every_recorded_action_has_a_label():
    actions = recorded_actions()
    assert len(actions) > 40
    assert actions - set(ACTION_LABELS) == set()


def test_state_labels_come_from_the_models_choices():
    with translation.override("fr"):
        assert state_label("opportunities.opportunity", "under_evaluation") == "En évaluation"
        assert state_label("opportunities.proposal", "awarded") == "Retenue"
        assert "zzz" in state_label("opportunities.opportunity", "zzz")
        # A role grant moves a person's role: the role's name, not "(unknown state: …)".
        officer = state_label("procurement_portal.user", "procurement_officer")
        assert officer == str(Role.PROCUREMENT_OFFICER.label) and "inconnu" not in officer


def test_french_audit_log_shows_words_not_codes(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    buyer = make_user(Role.BUYER, department=department)
    opportunity = published(owner=buyer, department=department)
    opportunity_cancel(opportunity=opportunity, actor=buyer, reason="Budget")
    client.force_login(officer)
    with translation.override("fr"):
        body = client.get(reverse("audit_list")).content.decode()
    assert "Occasion annulée" in body and "Occasion publiée" in body
    assert "Ouverte" in body and "Annulée" in body
    assert "opportunity.cancel" not in body.split("<tbody>")[1]
    assert ">cancelled<" not in body and ">published<" not in body
