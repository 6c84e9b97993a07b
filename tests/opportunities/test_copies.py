"""Copy to a new draft: the buyer's texts and criteria come along; nothing that happened to
the original does (proposals, questions, addenda, dates, award)."""

import pytest
from django.urls import reverse
from django.utils import translation

from opportunities.models import Opportunity, OpportunityStatus
from opportunities.services.copies import opportunity_copy
from opportunities.services.questions import question_ask
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from tests.vendors.factories import make_vendor

from .factories import published, ready_draft

pytestmark = pytest.mark.django_db


def test_copy_keeps_texts_budget_and_criteria_with_guidance_not_dates_or_questions(department):
    original = published(department=department, deliverables_fr="Un rapport", variants_allowed=2)
    original.criteria.filter(order=0).update(guidance_en="0: none", guidance_fr="0 : rien")
    vendor = make_vendor()
    question_ask(opportunity=original, actor=vendor.members.get().user, text="When?")
    colleague = make_user(Role.BUYER, department=department)
    with pytest.raises(TransitionNotAllowed):  # not theirs to copy
        opportunity_copy(opportunity=original, actor=colleague)

    copy = opportunity_copy(opportunity=original, actor=original.owner)

    assert copy.pk != original.pk and copy.status == OpportunityStatus.DRAFT
    for name in ["title_en", "title_fr", "summary_fr", "description_en", "deliverables_fr"]:
        assert getattr(copy, name) == getattr(original, name)
    assert copy.max_budget == original.max_budget and copy.category == original.category
    assert copy.variants_allowed == 2
    assert copy.licence_clause == original.licence_clause is not None  # fixed at publishing
    assert copy.closes_at is None and copy.published_at is None
    assert copy.questions.count() == 0 and copy.proposals.count() == 0
    assert [(c.name_fr, c.weight, c.is_price, c.guidance_fr) for c in copy.criteria.all()] == [
        (c.name_fr, c.weight, c.is_price, c.guidance_fr) for c in original.criteria.all()
    ]
    assert copy.criteria.first().guidance_fr == "0 : rien"
    assert original.criteria.count() == 3  # the original keeps its own
    entry = AuditEntry.objects.get(action="opportunity.copy")
    assert entry.object_id == str(copy.pk) and entry.details == {"copied_from": original.pk}


def test_an_officer_who_is_not_a_buyer_cannot_copy(department):
    original = ready_draft(department=department)
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    with pytest.raises(TransitionNotAllowed):
        opportunity_copy(opportunity=original, actor=officer)
    assert Opportunity.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_button_lands_on_the_new_draft_with_a_message(client, department, language):
    original = published(department=department)
    client.force_login(original.owner)
    with translation.override(language):
        detail = reverse("opportunity_detail", args=[original.pk])
        copy_url = reverse("opportunity_copy", args=[original.pk])
    assert copy_url in client.get(detail).content.decode()
    response = client.post(copy_url, follow=True)
    copy = Opportunity.objects.exclude(pk=original.pk).get()
    with translation.override(language):
        assert response.redirect_chain == [(reverse("opportunity_edit", args=[copy.pk]), 302)]
    expected = "nouvelle ébauche copiée" if language == "fr" else "new draft copied from"
    assert expected in response.content.decode()
