"""What the government publishes is in both languages: answers and the question itself,
addenda, cancellation reasons, go / no-go reasons, override reasons; and places."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from opportunities.forms import AnswerForm, CancelForm
from opportunities.services.lifecycle import opportunity_cancel
from opportunities.services.questions import question_answer, question_ask
from payments.forms import OverrideForm
from procurement_portal.models import Role
from procurement_portal.places import place_name
from tests.factories import make_user
from tests.opportunities.factories import published

pytestmark = pytest.mark.django_db


def _page(client, opportunity, language):
    with translation.override(language):
        return client.get(
            reverse("opportunity_detail", kwargs={"pk": opportunity.pk})
        ).content.decode()


def test_question_is_shown_with_the_buyers_translation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = published()
    vendor = make_user(Role.VENDOR_MEMBER)
    question = question_ask(opportunity=opportunity, actor=vendor, text="Is PDF accepted?")
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(
            question=question,
            actor=opportunity.owner,
            answer_en="Yes.",
            answer_fr="Oui.",
            question_en="Is PDF accepted?",
            question_fr="Le format PDF est-il accepté?",
        )
    french, english = _page(client, opportunity, "fr"), _page(client, opportunity, "en")
    assert "Le format PDF est-il accepté?" in french and "Oui." in french
    assert "Is PDF accepted?" not in french
    assert "Is PDF accepted?" in english and "Le format PDF" not in english


def test_question_without_translation_shows_as_asked(client):
    opportunity = published()
    question = question_ask(
        opportunity=opportunity,
        actor=make_user(Role.VENDOR_MEMBER),
        text="Peut-on travailler le samedi?",
    )
    question_answer(question=question, actor=opportunity.owner, answer_en="Yes.", answer_fr="Oui.")
    assert "Peut-on travailler le samedi?" in _page(client, opportunity, "en")


def test_cancellation_reason_in_both_languages(client):
    opportunity = published()
    opportunity_cancel(
        opportunity=opportunity,
        actor=opportunity.owner,
        reason="The need went away.",
        reason_fr="Le besoin a disparu.",
    )
    assert "Le besoin a disparu." in _page(client, opportunity, "fr")
    assert "The need went away." in _page(client, opportunity, "en")


@pytest.mark.parametrize(
    ("form_class", "data", "french"),
    [
        (CancelForm, {"reason": "Gone."}, "reason_fr"),
        (AnswerForm, {"answer_en": "Yes."}, "answer_fr"),
    ],
)
def test_forms_require_french_when_the_site_requires_both(form_class, data, french):
    assert french in form_class(data).errors
    with override_settings(PORTAL_REQUIRE_BOTH_LANGUAGES=False):
        assert form_class(data).is_valid()


def test_override_form_requires_french_reason():
    data = {
        "check_code": "single_limit",
        "reason": "CFO approved.",
        "amount": "10.00",
        "day": "2026-12-01",
    }
    assert "reason_fr" in OverrideForm(data, failed=["single_limit"]).errors
    with override_settings(PORTAL_REQUIRE_BOTH_LANGUAGES=False):
        assert OverrideForm(data, failed=["single_limit"]).is_valid()


def test_place_names_in_the_readers_language():
    with translation.override("fr"):
        assert place_name("Quebec City, Quebec") == "Ville de Québec, Québec"
        assert place_name("Halifax, Nova Scotia") == "Halifax, Nouvelle-Écosse"
        assert place_name("Somewhere") == "Somewhere"
    with translation.override("en"):
        assert place_name("Ville de Québec, Québec") == "Quebec City, Quebec"
        assert place_name("Montréal") == "Montréal"


def test_go_no_go_and_override_reasons_read_in_the_readers_language():
    from opportunities.models import PhaseDecision
    from payments.models import GuardrailOverride

    decision = PhaseDecision(reasons="Users need it.", reasons_fr="Les usagers en ont besoin.")
    override = GuardrailOverride(reason="CFO approved.", reason_fr="Approuvé par le DPF.")
    with translation.override("fr"):
        assert decision.local("reasons") == "Les usagers en ont besoin."
        assert override.local("reason") == "Approuvé par le DPF."
    with translation.override("en"):
        assert decision.local("reasons") == "Users need it."
    with translation.override("fr"):  # no French given: the English stands
        assert PhaseDecision(reasons="Users need it.").local("reasons") == "Users need it."
