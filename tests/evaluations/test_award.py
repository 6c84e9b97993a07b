import pytest

from evaluations.models import AwardDecision, PanelMember, Pseudonym
from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
from opportunities.models import Opportunity
from procurement_portal.exceptions import PortalError, TransitionNotAllowed

from .factories import locked, opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_reveal_reattest_award_regret_and_debrief(
    client, department, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9, 4])
    with pytest.raises(TransitionNotAllowed):  # identities first
        award_decide(opportunity=opportunity, actor=buyer, kind="top")
    evaluation_reveal(member=members[0], actor=evaluators[0])
    with pytest.raises(TransitionNotAllowed, match="confirm again"):
        award_decide(opportunity=opportunity, actor=buyer, kind="top")
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        decision = award_decide(opportunity=opportunity, actor=buyer, kind="top")
        assert (
            award_decide(opportunity=opportunity, actor=buyer, kind="none", justification="x")
            == decision
        )  # decided once
    winner = owners[1].vendor_membership.vendor.proposals.get()
    assert decision.proposal == winner
    opportunity.refresh_from_db()
    assert opportunity.status == "awarded" and str(opportunity.awarded_amount) == "5000.00"
    statuses = sorted(o.vendor_membership.vendor.proposals.get().status for o in owners)
    assert statuses == ["awarded", "not_awarded", "not_awarded"]
    subjects = {
        m.to[0]: m.subject for m in mailoutbox if "Result" in m.subject or "awarded" in m.subject
    }
    assert subjects[owners[1].email].startswith("Contract awarded")
    assert subjects[owners[0].email].startswith("Result")

    loser = owners[0].vendor_membership.vendor.proposals.get()
    client.force_login(owners[0])
    page = client.get(f"/en/debriefs/{loser.pk}/").content.decode()
    assert "Reason 0" in page  # its own rationale
    assert "2 of 3" in page  # its rank out of N
    assert "Secret answer of bidder 1" not in page and "Reason 1" not in page  # nothing else
    assert client.get(f"/en/debriefs/{winner.pk}/").status_code == 404  # not theirs


def test_another_choice_or_no_award_needs_a_justification(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    second = owners[0].vendor_membership.vendor.proposals.get()
    with pytest.raises(PortalError) as error:
        award_decide(opportunity=opportunity, actor=buyer, kind="other", proposal=second)
    assert error.value.field == "justification"
    decision = award_decide(
        opportunity=opportunity,
        actor=buyer,
        kind="other",
        proposal=second,
        justification="The top proposal's firm is suspended.",
    )
    assert decision.proposal == second


def test_no_award_cancels_with_the_reason(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [6])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    reattest_no_conflict(member=members[0], actor=evaluators[0])
    reattest_no_conflict(member=members[1], actor=evaluators[1])
    award_decide(
        opportunity=opportunity,
        actor=buyer,
        kind="none",
        justification="Prices were far above the market.",
    )
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    assert opportunity.status == "cancelled"
    assert opportunity.cancellation_reason == "Prices were far above the market."
    assert AwardDecision.objects.get().kind == "none"


def test_reveal_only_after_lock_and_by_the_chair(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1)
    chair, other = [PanelMember.objects.get(user=e) for e in evaluators]
    with pytest.raises(TransitionNotAllowed, match="Lock"):
        evaluation_reveal(member=chair, actor=evaluators[0])
    with pytest.raises(TransitionNotAllowed, match="chair"):
        evaluation_reveal(member=other, actor=evaluators[1])
    assert Pseudonym.objects.filter(opportunity=opportunity).count() == 1
