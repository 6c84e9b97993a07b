"""A shortlisted vendor finds its demonstration invitation on "My proposals" and on its
proposal page, in the opportunity's time zone, not only in the email."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from evaluations.models import Demonstration
from evaluations.services.shortlist import demonstration_schedule, shortlist_make
from opportunities.models import Proposal
from opportunities.services.proposals import proposal_start
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor

from .factories import locked
from .time_zones import NBSP, VANCOUVER, next_january_15, server_in_toronto  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("server_in_toronto")]


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_the_invited_vendor_sees_its_invitation_and_the_others_do_not(client, department):
    opportunity, buyer, evaluators, owners, members = locked(
        department, [6, 9, 4, 8], shortlist_size=2, demonstration_weight=40, time_zone=VANCOUVER
    )
    shortlist_make(member=members[0], actor=evaluators[0])
    invited = owners[1].vendor_membership.vendor.proposals.get()
    demonstration_schedule(
        member=members[0],
        actor=evaluators[0],
        demonstration=invited.demonstration,
        starts_at=next_january_15(),
        place="https://meet.example/demo",
        notes="Thirty minutes, then questions.",
    )
    client.force_login(owners[1])
    mine = client.get(_url("my_proposals", "en")).content.decode()
    assert "Demonstration: <time" in mine and "10:00 a.m. PST</time>" in mine
    assert 'href="https://meet.example/demo"' in mine
    page = client.get(_url("proposal_edit", "en", pk=opportunity.pk)).content.decode()
    assert "Invitation to a demonstration" in page and "10:00 a.m. PST" in page
    assert "Thirty minutes, then questions." in page
    french = client.get(_url("proposal_edit", "fr", pk=opportunity.pk)).content.decode()
    assert "Invitation à une démonstration" in french
    assert f"10{NBSP}h{NBSP}00{NBSP}HNP" in french
    french_list = client.get(_url("my_proposals", "fr")).content.decode()
    assert f"Démonstration{NBSP}: <time" in french_list

    # Shortlisted but not scheduled yet, and not shortlisted: no invitation.
    for owner in (owners[3], owners[0]):
        client.force_login(owner)
        assert "Demonstration:" not in client.get(_url("my_proposals", "en")).content.decode()
        page = client.get(_url("proposal_edit", "en", pk=opportunity.pk)).content.decode()
        assert "Invitation to a demonstration" not in page


def _invited_rows(vendor, owner, count: int) -> None:
    """`count` proposals of one vendor, each shortlisted and scheduled (set up directly: this
    tests a read, the transitions have their own tests)."""
    for index in range(count):
        opportunity = published(time_zone=VANCOUVER)
        proposal = proposal_start(opportunity=opportunity, actor=owner)
        Proposal.objects.filter(pk=proposal.pk).update(status="under_evaluation")
        Demonstration.objects.create(
            proposal=proposal,
            opportunity=opportunity,
            written_rank=1,
            starts_at=next_january_15() + timedelta(hours=index),
            place=f"Room {index}",
        )


def test_my_proposals_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    vendor = make_vendor()
    owner = vendor.members.get().user
    client.force_login(owner)
    _invited_rows(vendor, owner, 1)
    with CaptureQueriesContext(connection) as one_row:
        client.get(_url("my_proposals", "en"))
    _invited_rows(vendor, owner, 11)
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(_url("my_proposals", "en"))
    assert response.content.decode().count("Demonstration: <time") == 12
