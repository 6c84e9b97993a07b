"""Confirm before the irreversible (issue 12, item 3), on the opportunity side: publishing,
posting an addendum, cancelling, withdrawing a proposal. A POST without the explicit
`confirm` field only shows the confirmation (what happens, who is told, what cannot be
undone), so neither a browser without JavaScript nor a double click can skip it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from opportunities.models import Addendum, Opportunity, OpportunityStatus, Proposal
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import AuditEntry, OutboundMessage
from tests.vendors.factories import make_vendor

from .factories import published, ready_draft

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "asks", "permanent"),
    [
        ("en", "Publish now", "This cannot be undone."),
        ("fr", "Publier maintenant", "Cette action est irréversible."),
    ],
)
def test_publish_asks_first_and_publishes_only_when_confirmed(client, language, asks, permanent):
    opportunity = ready_draft()
    client.force_login(opportunity.owner)
    page = client.get(url("opportunity_publish", language, pk=opportunity.pk))
    assert asks in text(page) and permanent in text(page)
    assert 'name="confirm" value="yes"' in text(page)
    for _click in range(2):  # a double click on a form without the field
        client.post(url("opportunity_publish", language, pk=opportunity.pk))
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.DRAFT
    response = client.post(
        url("opportunity_publish", language, pk=opportunity.pk), {"confirm": "yes"}
    )
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.PUBLISHED


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("en", "is emailed the reason"),
        ("fr", "reçoivent le motif par courriel"),
    ],
)
def test_cancel_shows_the_reason_and_who_is_told_then_cancels(client, language, told):
    opportunity = published()
    client.force_login(opportunity.owner)
    data = {"reason": "The budget was withdrawn.", "reason_fr": "Le budget a été retiré."}
    response = client.post(url("opportunity_cancel", language, pk=opportunity.pk), data)
    page = text(response)
    assert response.status_code == 200
    assert told in page and "Le budget a été retiré." in page
    # The typed reasons travel as hidden fields to the confirmation's own POST.
    assert 'type="hidden" name="reason" value="The budget was withdrawn."' in page
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.PUBLISHED
    response = client.post(
        url("opportunity_cancel", language, pk=opportunity.pk), {**data, "confirm": "yes"}
    )
    assert response.status_code == 302
    cancelled = Opportunity.objects.get(pk=opportunity.pk)
    assert cancelled.status == OpportunityStatus.CANCELLED
    assert cancelled.cancellation_reason == "The budget was withdrawn."


def test_change_on_the_confirmation_brings_the_form_back_filled_in(client):
    opportunity = published()
    client.force_login(opportunity.owner)
    data = {"reason": "Wrong dates.", "reason_fr": "Mauvaises dates.", "edit": "1"}
    response = client.post(url("opportunity_cancel", pk=opportunity.pk), data)
    page = text(response)
    assert '<textarea name="reason"' in page and "Wrong dates.</textarea>" in page
    assert "This cannot be undone." not in page
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.PUBLISHED


def test_an_invalid_cancel_form_shows_its_errors_not_the_confirmation(client):
    opportunity = published()
    client.force_login(opportunity.owner)
    response = client.post(url("opportunity_cancel", pk=opportunity.pk), {"reason": ""})
    assert "There is a problem" in text(response)
    assert "This cannot be undone." not in text(response)


@pytest.mark.parametrize(
    ("language", "permanent"),
    [
        ("en", "An addendum cannot be edited or removed."),
        ("fr", "Une modification ne peut être ni corrigée ni retirée."),
    ],
)
def test_addendum_is_posted_only_once_confirmed(client, language, permanent):
    opportunity = published()
    client.force_login(opportunity.owner)
    data = {"text_en": "The closing time moves.", "text_fr": "L’heure de clôture change."}
    response = client.post(url("addendum_create", language, pk=opportunity.pk), data)
    assert permanent in text(response) and "L’heure de clôture change." in text(response)
    assert not Addendum.objects.exists()
    response = client.post(
        url("addendum_create", language, pk=opportunity.pk), {**data, "confirm": "yes"}
    )
    assert response.status_code == 302
    # Confirming twice (a double click on the confirmation) posts one addendum.
    client.post(url("addendum_create", language, pk=opportunity.pk), {**data, "confirm": "yes"})
    addendum = Addendum.objects.get()
    assert (addendum.number, addendum.text_en) == (1, "The closing time moves.")
    assert AuditEntry.objects.filter(action="addendum.post").count() == 1


@pytest.fixture
def submitted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opportunity = published()
    owner = make_vendor().members.get().user
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=Decimal("5000"),
        answers={c.pk: "A careful approach." for c in opportunity.criteria.filter(is_price=False)},
    )
    proposal_submit(proposal=proposal, actor=owner)
    return opportunity, owner, proposal


@pytest.mark.parametrize(
    ("language", "happens"),
    [
        ("en", "it will not be evaluated unless you submit it again"),
        ("fr", "elle ne sera pas évaluée à moins que vous ne la soumettiez de nouveau"),
    ],
)
def test_withdraw_has_a_confirmation_page_and_needs_the_field(client, submitted, language, happens):
    opportunity, owner, proposal = submitted
    client.force_login(owner)
    page = client.get(url("proposal_withdraw", language, pk=opportunity.pk))
    assert page.status_code == 200 and happens in text(page)
    client.post(url("proposal_withdraw", language, pk=opportunity.pk))
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
    response = client.post(
        url("proposal_withdraw", language, pk=opportunity.pk), {"confirm": "yes"}
    )
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == "withdrawn"


def test_the_proposal_page_links_to_the_withdraw_confirmation(client, submitted):
    opportunity, owner, _proposal = submitted
    client.force_login(owner)
    page = text(client.get(url("proposal_edit", pk=opportunity.pk)))
    assert f'href="{url("proposal_withdraw", pk=opportunity.pk)}"' in page
    assert not OutboundMessage.objects.filter(template__contains="withdraw").exists()
