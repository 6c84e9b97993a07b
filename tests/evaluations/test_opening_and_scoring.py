import pytest
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401

from evaluations.models import PanelMember, Pseudonym, ScoreSheet
from evaluations.services.opening import draw_labels, evaluation_open, evaluations_open_due
from evaluations.services.panel import panel_add, tie_add
from evaluations.services.scoring import (
    attest_no_conflict,
    scores_save,
    scores_submit,
    visible_sheets,
)
from opportunities.models import OpportunityStatus
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from tests.opportunities.factories import published

from .factories import closed_with_bids, opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_evaluation_opens_at_close_with_pseudonyms_and_is_harmless_twice(department):
    opportunity, buyer, evaluators, owners = closed_with_bids(department, bidders=4)
    assert evaluations_open_due() == 1
    assert evaluations_open_due() == 0
    evaluation = evaluation_open(opportunity=opportunity)  # again: the same evaluation
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.UNDER_EVALUATION
    labels = list(Pseudonym.objects.filter(opportunity=opportunity).values_list("label", flat=True))
    assert len(labels) == len(set(labels)) == 4
    assert all(label[0].isalpha() and label[1].isdigit() for label in labels)
    assert evaluation.opportunity == opportunity
    assert AuditEntry.objects.filter(action="evaluation.open").count() == 1


def test_evaluation_does_not_open_before_close(department):
    opportunity = published()
    with pytest.raises(TransitionNotAllowed):
        evaluation_open(opportunity=opportunity)


def test_pseudonyms_are_not_in_submission_order():
    """Over many draws, labels sorted alphabetically match submission order about 1 in 24
    times for 4 proposals (chance), never systematically."""
    runs, in_order = 400, 0
    for _ in range(runs):
        labels = draw_labels(4)
        in_order += labels == sorted(labels)
    assert in_order < runs * 0.12  # expected ~4%; systematic ordering would give 100%


def test_a_conflicted_evaluator_is_removed_quietly(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity, buyer, evaluators, owners = closed_with_bids(
        department, bidders=2, panel=3, vendor_fields={1: {"legal_name": "Cousin Consulting Inc."}}
    )
    tie_add(actor=evaluators[2], organisation="cousin consulting")
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_open(opportunity=opportunity)
    member = PanelMember.objects.get(opportunity=opportunity, user=evaluators[2])
    assert member.removed_at is not None
    assert PanelMember.objects.active().filter(opportunity=opportunity).count() == 2
    to_evaluator = [m for m in mailoutbox if m.to == [evaluators[2].email]][0]
    to_buyer = [m for m in mailoutbox if m.to == [buyer.email] and "Panel" in m.subject][0]
    for email in [to_evaluator, to_buyer]:
        assert "Cousin" not in email.body and "Cousin" not in email.subject  # neutral


def test_tie_by_business_number(department):
    from tests.vendors.factories import business_number

    number = business_number()
    opportunity, buyer, evaluators, owners = closed_with_bids(
        department, bidders=1, vendor_fields={0: {"business_number": number}}
    )
    tie_add(actor=evaluators[1], organisation="Someone", business_number=number)
    evaluation_open(opportunity=opportunity)
    assert PanelMember.objects.get(user=evaluators[1]).removed_at is not None


def test_panel_rules(department):
    opportunity = published()
    outsider = make_user(Role.EVALUATOR)  # another department
    with pytest.raises(PortalError):
        panel_add(opportunity=opportunity, actor=opportunity.owner, user=outsider)
    vendor = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(TransitionNotAllowed):
        panel_add(opportunity=opportunity, actor=vendor, user=opportunity.owner)
    chair = panel_add(
        opportunity=opportunity, actor=opportunity.owner, user=opportunity.owner, is_chair=True
    )
    assert chair.is_chair
    assert (
        panel_add(opportunity=opportunity, actor=opportunity.owner, user=opportunity.owner) == chair
    )  # harmless twice


def test_blind_scoring(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=2)
    first, second = [PanelMember.objects.get(user=e) for e in evaluators]
    proposal = Pseudonym.objects.filter(opportunity=opportunity).first().proposal
    criteria = list(opportunity.criteria.filter(is_price=False))
    with pytest.raises(TransitionNotAllowed, match="Attest"):
        scores_save(
            member=first, proposal=proposal, actor=evaluators[0], scores={criteria[0].pk: (7, "ok")}
        )
    for member, user in [(first, evaluators[0]), (second, evaluators[1])]:
        attest_no_conflict(member=member, actor=user)
    scores_save(
        member=second,
        proposal=proposal,
        actor=evaluators[1],
        scores={c.pk: (4, "second's view") for c in criteria},
    )
    scores_submit(member=second, proposal=proposal, actor=evaluators[1])
    scores_save(
        member=first, proposal=proposal, actor=evaluators[0], scores={criteria[0].pk: (8, "first")}
    )
    assert list(visible_sheets(first, proposal)) == []  # not before submitting one's own
    with pytest.raises(PortalError, match="every criterion"):
        scores_submit(member=first, proposal=proposal, actor=evaluators[0])
    scores_save(
        member=first,
        proposal=proposal,
        actor=evaluators[0],
        scores={c.pk: (8, "first") for c in criteria},
    )
    sheet = scores_submit(member=first, proposal=proposal, actor=evaluators[0])
    assert scores_submit(member=first, proposal=proposal, actor=evaluators[0]) == sheet
    assert [s.member for s in visible_sheets(first, proposal)] == [second]
    with pytest.raises(TransitionNotAllowed):  # submitted: no more changes
        scores_save(
            member=first, proposal=proposal, actor=evaluators[0], scores={criteria[0].pk: (1, "")}
        )
    with pytest.raises(PortalError):
        scores_save(
            member=second,
            proposal=Pseudonym.objects.exclude(proposal=proposal).first().proposal,
            actor=evaluators[1],
            scores={criteria[0].pk: (11, "")},
        )
    assert ScoreSheet.objects.filter(submitted_at__isnull=False).count() == 2


def test_evaluators_see_nothing_that_identifies_a_bidder(client, department):
    """The leak test for what exists so far: every evaluator page and download."""
    distinctive = {
        0: {
            "legal_name": "Zyxwquartz Holdings Inc.",
            "operating_name": "Zyxwquartz",
            "website": "https://zyxwquartz.example",
            "phone": "613-555-0199",
            "answer": "A careful plan.",
            "file_name": "Zyxwquartz-CV.pdf",
        },
        1: {
            "legal_name": "Plumbatrix Ltd.",
            "operating_name": "Plumbatrix",
            "answer": "Another plan.",
            "file_name": "plumbatrix.pdf",
        },
    }
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=2, attach=True, vendor_fields=distinctive
    )
    secrets_ = [
        "Zyxwquartz",
        "zyxwquartz",
        "Plumbatrix",
        "plumbatrix",
        "613-555-0199",
        *[o.email for o in owners],
        *[o.full_name for o in owners],
        *[o.vendor_membership.vendor.business_number for o in owners],
        "Jane Secret",
        "ACME",
    ]
    for user in [*evaluators, buyer]:
        client.force_login(user)
        member = PanelMember.objects.filter(user=user, opportunity=opportunity).first()
        if member:
            attest_no_conflict(member=member, actor=user)
        urls = [
            "/en/evaluations/",
            f"/en/evaluations/{opportunity.pk}/",
            f"/en/evaluations/{opportunity.pk}/panel/",
            f"/en/evaluations/{opportunity.pk}/ranking/",
            f"/fr/evaluations/{opportunity.pk}/classement/",
            f"/en/evaluations/{opportunity.pk}/scores.csv",
        ]
        for pseudonym in Pseudonym.objects.filter(opportunity=opportunity):
            urls += [
                f"/en/evaluations/{opportunity.pk}/proposals/{pseudonym.label}/",
                f"/en/evaluations/{opportunity.pk}/proposals/{pseudonym.label}/consensus/",
                f"/en/evaluations/{opportunity.pk}/proposals/{pseudonym.label}/documents/1/",
            ]
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
            body = (
                b"".join(response.streaming_content) if response.streaming else response.content
            ).decode("latin-1")
            headers = str(response.headers)
            for secret in secrets_:
                assert secret not in body and secret not in headers, (user, url, secret)


def test_a_panel_needs_two_and_a_replacement_is_checked_for_ties(department):
    from evaluations.services.consensus import consensus_record

    opportunity, buyer, evaluators, owners = closed_with_bids(
        department, bidders=1, panel=2, vendor_fields={0: {"legal_name": "Kin Works Inc."}}
    )
    tie_add(actor=evaluators[1], organisation="Kin Works")
    evaluation_open(opportunity=opportunity)
    chair = PanelMember.objects.get(user=evaluators[0])
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    attest_no_conflict(member=chair, actor=evaluators[0])
    criteria = list(opportunity.criteria.filter(is_price=False))
    scores_save(
        member=chair,
        proposal=proposal,
        actor=evaluators[0],
        scores={c.pk: (5, "") for c in criteria},
    )
    scores_submit(member=chair, proposal=proposal, actor=evaluators[0])
    with pytest.raises(TransitionNotAllowed, match="at least two"):
        consensus_record(
            member=chair,
            actor=evaluators[0],
            proposal=proposal,
            scores={c.pk: (5, "ok") for c in criteria},
        )
    tied = make_user(Role.EVALUATOR, department=department)
    tie_add(actor=tied, organisation="kin works inc")
    with pytest.raises(PortalError, match="cannot join"):
        panel_add(opportunity=opportunity, actor=buyer, user=tied)
    replacement = make_user(Role.EVALUATOR, department=department)
    panel_add(opportunity=opportunity, actor=buyer, user=replacement)
    with pytest.raises(TransitionNotAllowed, match="fixed"):
        panel_add(
            opportunity=opportunity,
            actor=buyer,
            user=make_user(Role.EVALUATOR, department=department),
        )
