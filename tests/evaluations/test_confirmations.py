"""Confirm before the irreversible (issue 12, item 3), on the evaluation side: locking the
consensus scores, revealing identities, recording the award. The chair's and the buyer's
buttons lead to a confirmation that says what happens, who is told and what cannot be
undone; only its POST, with the explicit `confirm` field, acts."""

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.models import AwardDecision, Evaluation, PanelMember
from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from opportunities.models import Opportunity

from .factories import locked, opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(
    ("language", "permanent"),
    [
        ("en", "Locked consensus scores cannot be changed"),
        ("fr", "Les notes consensuelles verrouillées ne peuvent plus être modifiées"),
    ],
)
def test_lock_asks_first_then_locks(client, department, language, permanent):
    opportunity, _buyer, evaluators, _owners = opened(department, bidders=2)
    client.force_login(evaluators[0])  # the chair
    response = client.post(url("evaluation_ranking", language, pk=opportunity.pk))
    assert response.status_code == 200 and permanent in response.content.decode()
    assert not Evaluation.objects.get(opportunity=opportunity).is_locked
    # Confirmed, the lock itself runs (and refuses: no consensus is recorded yet).
    response = client.post(
        url("evaluation_ranking", language, pk=opportunity.pk), {"confirm": "yes"}, follow=True
    )
    assert 'class="message message--error"' in response.content.decode()
    assert response.redirect_chain[-1][1] == 302


@pytest.mark.parametrize(
    ("language", "permanent"),
    [
        ("en", "Anonymity ends for this evaluation"),
        ("fr", "L’anonymat prend fin pour cette évaluation"),
    ],
)
def test_reveal_asks_first_then_reveals(client, department, language, permanent):
    opportunity, _buyer, evaluators, _owners, _members = locked(department, [9, 5])
    client.force_login(evaluators[0])
    response = client.post(url("evaluation_ranking", language, pk=opportunity.pk), {"reveal": "1"})
    page = response.content.decode()
    assert permanent in page and 'type="hidden" name="reveal" value="1"' in page
    assert not Evaluation.objects.get(opportunity=opportunity).is_revealed
    client.post(
        url("evaluation_ranking", language, pk=opportunity.pk), {"reveal": "1", "confirm": "yes"}
    )
    assert Evaluation.objects.get(opportunity=opportunity).is_revealed


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("en", "Every bidder is emailed"),
        ("fr", "Chaque soumissionnaire reçoit un courriel"),
    ],
)
def test_award_shows_the_decision_and_who_is_told_then_records_it(
    client, department, language, told
):
    opportunity, buyer, evaluators, owners, members = locked(department, [9, 5])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    winner = owners[0].vendor_membership.vendor
    client.force_login(buyer)
    response = client.post(url("evaluation_award", language, pk=opportunity.pk), {"kind": "top"})
    page = response.content.decode()
    assert told in page and str(winner) in page  # who wins, by name, before it is final
    assert not AwardDecision.objects.exists()
    response = client.post(
        url("evaluation_award", language, pk=opportunity.pk), {"kind": "top", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert AwardDecision.objects.get().proposal.vendor == winner
    assert Opportunity.objects.get(pk=opportunity.pk).status == "awarded"


def test_a_panel_member_who_is_not_chair_gets_no_confirmation_and_no_lock(client, department):
    opportunity, _buyer, evaluators, _owners = opened(department, bidders=2)
    assert not PanelMember.objects.get(user=evaluators[1]).is_chair
    client.force_login(evaluators[1])
    response = client.post(url("evaluation_ranking", pk=opportunity.pk))
    assert response.status_code == 302
    assert not Evaluation.objects.get(opportunity=opportunity).is_locked


def test_an_award_missing_its_justification_is_refused_before_the_confirmation(client, department):
    opportunity, buyer, evaluators, _owners, members = locked(department, [9, 5])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    client.force_login(buyer)
    response = client.post(url("evaluation_award", pk=opportunity.pk), {"kind": "none"})
    page = response.content.decode()
    assert "Justify not awarding." in page and "This cannot be undone." not in page
    assert not AwardDecision.objects.exists()
