"""Issue 18, finding 3: a tie that appears after the panel was formed removes the evaluator
silently, as at opening; nobody is ever both a member of a bidding business and on its panel."""

import pytest
from django.urls import reverse

from evaluations.models import PanelMember
from evaluations.services.panel import panel_add, tie_add
from procurement_portal.exceptions import PortalError
from procurement_portal.models import Role
from tests.evaluations.factories import closed_with_bids, opened
from tests.factories import make_user
from vendors.services.members import invitation_accept, member_invite

pytestmark = pytest.mark.django_db


def _bidder(owners):
    return owners[0].vendor_membership.vendor


def _assert_removed_quietly(client, opportunity, evaluator, bidder, mailoutbox):
    member = PanelMember.objects.get(opportunity=opportunity, user=evaluator)
    assert member.removed_at is not None
    client.force_login(evaluator)
    assert client.get(reverse("evaluation_home", kwargs={"pk": opportunity.pk})).status_code == 404
    told = [m for m in mailoutbox if evaluator.email in m.to]
    assert told, "the evaluator is told they no longer sit on the panel"
    for message in mailoutbox:
        text = message.subject + message.body
        assert bidder.legal_name not in text and bidder.business_number not in text


def test_an_evaluator_who_joins_a_bidding_business_is_removed(
    client, department, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity, _buyer, evaluators, owners = opened(department, bidders=2, panel=3)
    evaluator, bidder = evaluators[1], _bidder(owners)
    invitation = member_invite(vendor=bidder, actor=owners[0], email=evaluator.email)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(token=invitation.token, actor=evaluator)
    _assert_removed_quietly(client, opportunity, evaluator, bidder, mailoutbox)
    assert PanelMember.objects.active().filter(opportunity=opportunity).count() == 2


def test_a_tie_added_after_opening_removes_the_evaluator(
    client, department, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity, _buyer, evaluators, owners = opened(department, bidders=2, panel=3)
    evaluator, bidder = evaluators[2], _bidder(owners)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tie_add(actor=evaluator, organisation=bidder.legal_name)
    _assert_removed_quietly(client, opportunity, evaluator, bidder, mailoutbox)


def test_a_bidder_renamed_to_match_a_tie_removes_the_evaluator(department):
    from vendors.services.organisation import vendor_update

    opportunity, _buyer, evaluators, owners = opened(department, bidders=1, panel=3)
    tie_add(actor=evaluators[0], organisation="Quillbrook Analytics")
    assert PanelMember.objects.get(user=evaluators[0]).removed_at is None
    vendor_update(vendor=_bidder(owners), actor=owners[0], legal_name="Quillbrook Analytics")
    assert PanelMember.objects.get(user=evaluators[0]).removed_at is not None


def test_a_member_of_a_bidding_business_is_removed_at_opening(department):
    from evaluations.services.opening import evaluation_open

    opportunity, _buyer, evaluators, owners = closed_with_bids(department, bidders=2, panel=3)
    evaluator, bidder = evaluators[0], _bidder(owners)
    invitation_accept(
        token=member_invite(vendor=bidder, actor=owners[0], email=evaluator.email).token,
        actor=evaluator,
    )
    evaluation_open(opportunity=opportunity)
    assert PanelMember.objects.get(user=evaluator).removed_at is not None


def test_a_member_of_a_bidding_business_cannot_replace_an_evaluator(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=2)
    PanelMember.objects.filter(user=evaluators[1]).update(
        removed_at=PanelMember.objects.get(user=evaluators[1]).added_at
    )
    candidate = make_user(Role.EVALUATOR, department=department)
    invitation_accept(
        token=member_invite(vendor=_bidder(owners), actor=owners[0], email=candidate.email).token,
        actor=candidate,
    )
    with pytest.raises(PortalError, match="cannot join"):
        panel_add(opportunity=opportunity, actor=buyer, user=candidate)
