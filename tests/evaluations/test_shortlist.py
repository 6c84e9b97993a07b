"""Shortlist, then demonstration (issue 16, item 5): the top N written proposals are
shortlisted, named and invited; the others are debriefed at once and stay anonymous; the
award uses the combined ranking."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from evaluations.models import Demonstration, Evaluation
from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
from evaluations.services.bidders import revealed_names
from evaluations.services.shortlist import (
    demonstration_schedule,
    demonstration_score,
    final_rank,
    shortlist_make,
)
from opportunities.services.lifecycle import publish_problems
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from tests.opportunities.factories import ready_draft

from .factories import locked

pytestmark = pytest.mark.django_db

TWO_STAGES = {"shortlist_size": 2, "demonstration_weight": 40}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _proposal(owner):
    return owner.vendor_membership.vendor.proposals.get()


def _demonstrate(opportunity, member, chair, owner, score):
    proposal = _proposal(owner)
    demonstration_schedule(
        member=member,
        actor=chair,
        demonstration=proposal.demonstration,
        starts_at=timezone.now() + timedelta(days=3),
        place="https://meet.example/demo",
        notes="Thirty minutes.",
    )
    criteria = opportunity.criteria.demonstration()
    demonstration_score(
        member=member,
        actor=chair,
        proposal=proposal,
        scores={c.pk: (score, f"Demo {score}") for c in criteria},
    )


def test_shortlist_demonstrate_and_award_on_the_combined_ranking(
    client, department, mailoutbox, django_capture_on_commit_callbacks
):
    # Written: bidder 1 (9) 92 points, bidder 3 (8) 84, bidder 0 (6), bidder 2 (4).
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9, 4, 8], **TWO_STAGES)
    chair, member = evaluators[0], members[0]
    with pytest.raises(TransitionNotAllowed, match="Shortlist"):
        evaluation_reveal(member=member, actor=chair)
    with django_capture_on_commit_callbacks(execute=True):
        chosen = shortlist_make(member=member, actor=chair)
    assert {d.proposal for d in chosen} == {_proposal(owners[1]), _proposal(owners[3])}
    assert len(shortlist_make(member=member, actor=chair)) == 2  # repeating is harmless
    assert Evaluation.objects.get(opportunity=opportunity).status == "shortlisted"
    # Only the shortlisted are named; the others are settled and told, with their debrief.
    names = revealed_names(opportunity)
    assert set(names) == {_proposal(owners[1]).pk, _proposal(owners[3]).pk}
    for index in (0, 2):
        assert _proposal(owners[index]).status == "not_awarded"
    told = [m for m in mailoutbox if "written stage" in m.subject]
    assert sorted(m.to[0] for m in told) == sorted([owners[0].email, owners[2].email])
    client.force_login(owners[0])
    page = client.get(f"/en/debriefs/{_proposal(owners[0]).pk}/").content.decode()
    assert "Reason 0" in page and "3 of 4" in page and "Live demonstration" not in page
    client.force_login(owners[1])  # shortlisted: no debrief before the award
    assert client.get(f"/en/debriefs/{_proposal(owners[1]).pk}/").status_code == 404

    with pytest.raises(TransitionNotAllowed, match="demonstration scores"):
        evaluation_reveal(member=member, actor=chair)
    with django_capture_on_commit_callbacks(execute=True):
        _demonstrate(opportunity, member, chair, owners[1], 2)
        _demonstrate(opportunity, member, chair, owners[3], 10)
    invited = [m for m in mailoutbox if "Invitation to a demonstration" in m.subject]
    assert sorted(m.to[0] for m in invited) == sorted([owners[1].email, owners[3].email])
    assert "https://meet.example/demo" in invited[0].body
    rows = final_rank(opportunity)
    # 92 × 60% + 20 × 40% = 63.20; 84 × 60% + 100 × 40% = 90.40.
    assert [(r.proposal_id, r.total, r.rank) for r in rows] == [
        (_proposal(owners[3]).pk, Decimal("90.40"), 1),
        (_proposal(owners[1]).pk, Decimal("63.20"), 2),
    ]
    evaluation_reveal(member=member, actor=chair)
    for panel_member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=panel_member, actor=user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = award_decide(opportunity=opportunity, actor=buyer, kind="top")
    assert decision.proposal == _proposal(owners[3])
    assert _proposal(owners[1]).status == "not_awarded"
    # Told at the award: the shortlisted only (the others were told at the shortlist).
    assert sorted(m.to[0] for m in mailoutbox) == sorted([owners[1].email, owners[3].email])
    assert revealed_names(opportunity).keys() == {_proposal(o).pk for o in (owners[1], owners[3])}
    client.force_login(owners[1])
    page = client.get(f"/en/debriefs/{_proposal(owners[1]).pk}/").content.decode()
    assert "Demo 2" in page and "2 of 2" in page


def test_everyone_tied_at_the_cut_off_is_shortlisted(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [7, 7, 7, 3], **TWO_STAGES)
    chosen = shortlist_make(member=members[0], actor=evaluators[0])
    assert len(chosen) == 3
    assert _proposal(owners[3]).status == "not_awarded"


def test_shortlist_is_refused_by_a_member_before_the_lock_or_without_a_second_stage(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9], **TWO_STAGES)
    with pytest.raises(TransitionNotAllowed, match="chair"):
        shortlist_make(member=members[1], actor=evaluators[1])
    Evaluation.objects.filter(opportunity=opportunity).update(status="scoring")
    with pytest.raises(TransitionNotAllowed, match="Lock"):
        shortlist_make(member=members[0], actor=evaluators[0])
    assert not Demonstration.objects.exists()
    single, _, chairs, _, seats = locked(department, [6, 9])
    with pytest.raises(TransitionNotAllowed, match="no demonstration"):
        shortlist_make(member=seats[0], actor=chairs[0])


def test_demonstration_scores_are_for_shortlisted_proposals_and_demonstration_criteria(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9, 4], **TWO_STAGES)
    chair, member = evaluators[0], members[0]
    shortlist_make(member=member, actor=chair)
    written = opportunity.criteria.written().filter(is_price=False).first()
    demo = opportunity.criteria.demonstration().first()
    with pytest.raises(TransitionNotAllowed, match="not shortlisted"):
        demonstration_score(
            member=member, actor=chair, proposal=_proposal(owners[2]), scores={demo.pk: (5, "x")}
        )
    with pytest.raises(PortalError, match="not scored at the demonstration"):
        demonstration_score(
            member=member, actor=chair, proposal=_proposal(owners[1]), scores={written.pk: (5, "x")}
        )
    with pytest.raises(TransitionNotAllowed, match="chair"):
        demonstration_score(
            member=members[1],
            actor=evaluators[1],
            proposal=_proposal(owners[1]),
            scores={demo.pk: (5, "x")},
        )
    with pytest.raises(PortalError, match="future"):
        demonstration_schedule(
            member=member,
            actor=chair,
            demonstration=_proposal(owners[1]).demonstration,
            starts_at=timezone.now() - timedelta(hours=1),
            place="Room 2",
        )


def test_publishing_needs_demonstration_criteria_that_match_the_shortlist(department):
    draft = ready_draft(department=department, **TWO_STAGES)
    assert not publish_problems(draft)
    draft.criteria.demonstration().update(weight=30)
    assert any("demonstration criteria add up to 60" in p for _, p in publish_problems(draft))
    draft.demonstration_weight = 0
    assert any(field == "demonstration_weight" for field, _ in publish_problems(draft))
    single = ready_draft(department=department)
    assert not publish_problems(single)
    single.criteria.filter(name_en="Experience").update(stage=2)
    assert any(field == "shortlist_size" for field, _ in publish_problems(single))


def test_a_copy_keeps_the_shortlist_its_weight_and_the_demonstration_criteria(department):
    from opportunities.services.copies import opportunity_copy

    draft = ready_draft(department=department, **TWO_STAGES)
    copy = opportunity_copy(opportunity=draft, actor=draft.owner)
    assert (copy.shortlist_size, copy.demonstration_weight) == (2, 40)
    assert [c.name_en for c in copy.criteria.demonstration()] == ["Live demonstration", "Team"]
    assert not publish_problems(copy) or all(f != "criteria" for f, _ in publish_problems(copy))


def test_the_shortlist_button_asks_first_and_a_page_exists_only_for_the_shortlisted(
    client, department
):
    from django.urls import reverse

    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9, 4], **TWO_STAGES)
    client.force_login(evaluators[0])
    url = reverse("evaluation_ranking", args=[opportunity.pk])
    page = client.post(url, {"shortlist": "1"})
    assert page.status_code == 200 and "Shortlist the top 2 proposals?" in page.content.decode()
    assert not Demonstration.objects.exists()  # nothing happens without the confirmation
    client.post(url, {"shortlist": "1", "confirm": "yes"})
    assert Demonstration.objects.count() == 2
    out = _proposal(owners[2]).pseudonym.label
    inside = _proposal(owners[1]).pseudonym.label
    assert (
        client.get(reverse("evaluation_demonstration", args=[opportunity.pk, out])).status_code
        == 404
    )
    page = client.get(reverse("evaluation_demonstration", args=[opportunity.pk, inside]))
    assert page.status_code == 200 and "Schedule and email the vendor" in page.content.decode()
    client.force_login(evaluators[1])  # another member sees it, without the chair's forms
    page = client.get(reverse("evaluation_demonstration", args=[opportunity.pk, inside]))
    assert page.status_code == 200 and "Schedule and email the vendor" not in page.content.decode()
