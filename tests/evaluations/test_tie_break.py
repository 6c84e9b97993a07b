"""The recorded random tie-break: eligible proposals tied for first are settled by the
portal's draw, which anyone can re-run from the published seed and pseudonyms."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.models import Pseudonym, TieBreakDraw
from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
from evaluations.services.draw import METHOD, draw_order, verify
from procurement_portal.exceptions import PortalError
from procurement_portal.models import AuditEntry

from .factories import locked

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def openssl_hmac(seed: str, label: str) -> str:
    """The command the award notice gives the public: an implementation that is not ours."""
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"hexkey:{seed}"],
        input=label.encode(),
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().split("= ")[-1].strip()


def revealed(department, scores):
    opportunity, buyer, evaluators, owners, members = locked(department, scores)
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    proposals = [owner.vendor_membership.vendor.proposals.get() for owner in owners]
    for index, proposal in enumerate(proposals):
        proposal.vendor.legal_name = f"Bidder {index} Ltd."
        proposal.vendor.save(update_fields=["legal_name"])
    return opportunity, buyer, proposals


def label_of(proposal) -> str:
    return Pseudonym.objects.get(proposal=proposal).label


def test_the_draw_is_reproducible_with_openssl_from_the_seed_and_pseudonyms():
    seed = "5d" * 32
    order = draw_order(seed, ["K7", "B2", "M4"])
    assert [d.hmac for d in order] == sorted(openssl_hmac(seed, d.label) for d in order)
    assert draw_order(seed, ["M4", "K7", "B2"]) == order  # the input order does not matter
    assert {d.label for d in order} == {"K7", "B2", "M4"}


def test_a_tie_for_first_is_drawn_recorded_audited_and_done_once(department):
    opportunity, buyer, proposals = revealed(department, [9, 9, 4])
    tied = {label_of(proposals[0]): proposals[0], label_of(proposals[1]): proposals[1]}

    decision = award_decide(opportunity=opportunity, actor=buyer, kind="top")

    draw = TieBreakDraw.objects.get(opportunity=opportunity)
    assert draw.method == METHOD and len(draw.seed) == 64
    assert draw.labels == sorted(tied)  # the third proposal (4/10) was not in the draw
    # Re-run it as the public would: openssl over the published seed and pseudonyms.
    expected = min(draw.labels, key=lambda label: openssl_hmac(draw.seed, label))
    assert draw.winner_label == expected and draw.winner == tied[expected]
    assert decision.proposal == tied[expected] and verify(draw)
    entry = AuditEntry.objects.get(action="evaluation.tie_break")
    assert entry.details == {
        "method": METHOD,
        "seed": draw.seed,
        "tied": sorted(tied),
        "drawn": expected,
    }
    award = AuditEntry.objects.get(action="opportunity.award")
    assert award.details["tie_break_seed"] == draw.seed
    # Repeating the award is harmless: no second draw, the same winner.
    assert award_decide(opportunity=opportunity, actor=buyer, kind="top") == decision
    assert TieBreakDraw.objects.count() == 1
    assert AuditEntry.objects.filter(action="evaluation.tie_break").count() == 1


def test_a_forged_result_does_not_verify(department):
    opportunity, buyer, proposals = revealed(department, [8, 8])
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    draw = TieBreakDraw.objects.get()
    loser = next(label for label in draw.labels if label != draw.winner_label)
    draw.winner_label = loser
    assert not verify(draw)


def test_no_tie_no_draw(department):
    opportunity, buyer, proposals = revealed(department, [6, 9])
    decision = award_decide(opportunity=opportunity, actor=buyer, kind="top")
    assert decision.proposal == proposals[1]
    assert not TieBreakDraw.objects.exists()


def test_an_ineligible_proposal_is_not_in_the_draw(department):
    opportunity, buyer, proposals = revealed(department, [9, 9, 9])
    suspended = proposals[0].vendor
    suspended.is_suspended = True
    suspended.save(update_fields=["is_suspended"])
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    draw = TieBreakDraw.objects.get()
    assert draw.labels == sorted([label_of(proposals[1]), label_of(proposals[2])])


def test_the_buyer_cannot_pick_one_of_the_tied_proposals(department):
    opportunity, buyer, proposals = revealed(department, [9, 9, 4])
    with pytest.raises(PortalError) as error:
        award_decide(
            opportunity=opportunity,
            actor=buyer,
            kind="other",
            proposal=proposals[1],
            justification="I prefer this one.",
        )
    assert error.value.field == "proposal"
    assert not TieBreakDraw.objects.exists()
    # A justified award to a lower-ranked proposal stays possible (and is published).
    decision = award_decide(
        opportunity=opportunity,
        actor=buyer,
        kind="other",
        proposal=proposals[2],
        justification="Both tied firms are in a conflict found after the reveal.",
    )
    assert decision.proposal == proposals[2]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_award_page_warns_of_the_tie_and_the_notice_publishes_the_draw(
    client, department, language
):
    opportunity, buyer, proposals = revealed(department, [9, 9, 4])
    client.force_login(buyer)
    with translation.override(language):
        award_url = reverse("evaluation_award", args=[opportunity.pk])
        notice_url = reverse("award_notice", args=[opportunity.pk])
    page = client.get(award_url).content.decode()
    labels = sorted([label_of(proposals[0]), label_of(proposals[1])])
    warning = "à égalité" if language == "fr" else "tie for first"
    assert warning in page and ", ".join(labels) in page
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    draw = TieBreakDraw.objects.get()
    client.logout()
    notice = client.get(notice_url).content.decode()
    assert draw.seed in notice and f"printf %s {draw.winner_label}" in notice
    assert all(c["hmac"] in notice for c in draw.candidates)
    title = "Égalité au premier rang" if language == "fr" else "Tie for first"
    assert title in notice
    # The losing tied bidder stays a pseudonym: never named on the public notice.
    loser = next(p for p in proposals[:2] if p != draw.winner)
    assert loser.vendor.legal_name not in notice
