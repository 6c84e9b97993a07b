"""Issue 18, finding 2: nothing of another evaluator's scoring (their scores, comments, the
chair's consensus and rationale, ranking points) is readable on any page or export until
one's own scores are submitted."""

import pytest
from django.urls import reverse

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.consensus import consensus_record
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from tests.evaluations.factories import opened

pytestmark = pytest.mark.django_db

CHAIR_COMMENT = "Chair-private-comment-q7"
RATIONALE = "Consensus-rationale-z3"


def _pages(opportunity, label):
    return [
        reverse("evaluation_consensus", kwargs={"pk": opportunity.pk, "label": label}),
        reverse("evaluation_ranking", kwargs={"pk": opportunity.pk}),
        reverse("evaluation_score_sheet", kwargs={"pk": opportunity.pk}),
        reverse("evaluation_score_sheet", kwargs={"pk": opportunity.pk}) + "?format=xlsx",
        reverse("evaluation_home", kwargs={"pk": opportunity.pk}),
        reverse("evaluation_proposal", kwargs={"pk": opportunity.pk, "label": label}),
        "/en/evaluations/",
    ]


def _read(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if url.endswith("xlsx") and body[:2] == b"PK":
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body)).active
        return " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    return body.decode()


def test_an_evaluator_who_has_not_submitted_reads_nothing_of_the_others(client, department):
    opportunity, _buyer, evaluators, _owners = opened(department, bidders=1, panel=2)
    chair_user, other_user = evaluators
    chair, other = (PanelMember.objects.get(user=u) for u in evaluators)
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    criteria = list(opportunity.criteria.filter(is_price=False))
    for member, user in [(chair, chair_user), (other, other_user)]:
        attest_no_conflict(member=member, actor=user)
    scores_save(
        member=chair,
        proposal=proposal,
        actor=chair_user,
        scores={c.pk: (9, CHAIR_COMMENT) for c in criteria},
    )
    scores_submit(member=chair, proposal=proposal, actor=chair_user)
    client.force_login(other_user)
    for url in _pages(opportunity, proposal.pseudonym.label):
        assert CHAIR_COMMENT not in _read(client, url), url
    # Once their own are in, they see the others' (the rule of the score page too).
    scores_save(
        member=other,
        proposal=proposal,
        actor=other_user,
        scores={c.pk: (4, "mine") for c in criteria},
    )
    scores_submit(member=other, proposal=proposal, actor=other_user)
    assert CHAIR_COMMENT in _read(client, _pages(opportunity, proposal.pseudonym.label)[0])


def test_a_replacement_reads_no_consensus_before_scoring(client, department):
    """The chair recorded a consensus, then a replacement joined: they read none of it."""
    from evaluations.services.panel import panel_add
    from procurement_portal.models import Role
    from tests.factories import make_user

    opportunity, buyer, evaluators, _owners = opened(department, bidders=1, panel=2)
    members = [PanelMember.objects.get(user=u) for u in evaluators]
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    criteria = list(opportunity.criteria.filter(is_price=False))
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
        scores_save(
            member=member,
            proposal=proposal,
            actor=user,
            scores={c.pk: (7, CHAIR_COMMENT) for c in criteria},
        )
        scores_submit(member=member, proposal=proposal, actor=user)
    consensus_record(
        member=members[0],
        actor=evaluators[0],
        proposal=proposal,
        scores={c.pk: (7, RATIONALE) for c in criteria},
    )
    # The second evaluator leaves (a conflict found later); a replacement joins.
    PanelMember.objects.filter(pk=members[1].pk).update(removed_at=members[1].added_at)
    replacement = make_user(Role.EVALUATOR, department=department)
    member = panel_add(opportunity=opportunity, actor=buyer, user=replacement)
    attest_no_conflict(member=member, actor=replacement)
    client.force_login(replacement)
    for url in _pages(opportunity, proposal.pseudonym.label):
        body = _read(client, url)
        assert RATIONALE not in body and CHAIR_COMMENT not in body, url
    ranking = _read(client, reverse("evaluation_ranking", kwargs={"pk": opportunity.pk}))
    assert "once you have submitted your own scores" in ranking
    assert f"Proposal {proposal.pseudonym.label}" not in ranking
