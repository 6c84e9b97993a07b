"""Evaluators declare a conflict themselves; panel members are emailed when named and when
scoring opens; score sheets say whose they are; names replace pseudonyms after the reveal."""

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.award import evaluation_reveal, revealed_vendors
from evaluations.services.conflicts import conflict_declare
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import (
    attest_no_conflict,
    labelled_sheets,
    scores_save,
    scores_submit,
    visible_sheets,
)
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import AuditEntry, OutboundMessage, Role
from procurement_portal.services.outbox import render_message
from tests.factories import make_user
from tests.opportunities.factories import published

from .factories import awarded, closed_with_bids, locked, opened

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _messages(template, user):
    return OutboundMessage.objects.filter(template=template, recipient=user)


def _score_all(member, user, proposal, value=5):
    criteria = member.opportunity.criteria.filter(is_price=False)
    attest_no_conflict(member=member, actor=user)
    scores_save(
        member=member,
        proposal=proposal,
        actor=user,
        scores={c.pk: (value, f"comment {value}") for c in criteria},
    )
    scores_submit(member=member, proposal=proposal, actor=user)


def test_a_declared_conflict_leaves_the_panel_and_tells_the_buyer_without_naming_a_bidder(
    client, department
):
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=2, panel=3, vendor_fields={0: {"legal_name": "Zephyrine Works Inc."}}
    )
    member = PanelMember.objects.get(opportunity=opportunity, user=evaluators[1])
    conflict_declare(member=member, actor=evaluators[1], note="My sister owns Zephyrine Works.")
    member.refresh_from_db()
    assert member.removed_at and member.conflict_declared_at
    assert member.conflict_note == "My sister owns Zephyrine Works."
    assert PanelMember.objects.active().filter(opportunity=opportunity).count() == 2

    # The buyer's email says who left, never which bidder, and not the note.
    [message] = _messages("emails/panel_conflict_declared", buyer)
    for language in ("en", "fr"):
        message.language = language
        email = render_message(message)
        assert str(evaluators[1]) in email.body
        assert "Zephyrine" not in email.subject + email.body
    # The audit entry says a note exists, not what it says.
    entry = AuditEntry.objects.get(action="panel.conflict_declared")
    assert "Zephyrine" not in str(entry.details) and entry.details["note"] is True

    # The evaluator no longer reaches the evaluation; the buyer reads the note.
    client.force_login(evaluators[1])
    assert client.get(reverse("evaluation_home", kwargs={"pk": opportunity.pk})).status_code == 404
    client.force_login(buyer)
    page = client.get(reverse("panel_manage", kwargs={"pk": opportunity.pk})).content.decode()
    assert "My sister owns Zephyrine Works." in page
    # Another evaluator never sees it.
    client.force_login(evaluators[0])
    page = client.get(reverse("evaluation_home", kwargs={"pk": opportunity.pk})).content.decode()
    assert "Zephyrine" not in page and "sister" not in page


def test_declaring_twice_is_harmless_and_only_for_oneself(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=2)
    member = PanelMember.objects.get(opportunity=opportunity, user=evaluators[0])
    with pytest.raises(TransitionNotAllowed):
        conflict_declare(member=member, actor=evaluators[1])
    conflict_declare(member=member, actor=evaluators[0])
    conflict_declare(member=member, actor=evaluators[0])
    assert _messages("emails/panel_conflict_declared", buyer).count() == 1
    assert AuditEntry.objects.filter(action="panel.conflict_declared").count() == 1


def test_declaring_after_the_award_is_refused(department):
    opportunity, buyer, decision, owners = awarded(department)
    member = PanelMember.objects.active().filter(opportunity=opportunity).first()
    with pytest.raises(TransitionNotAllowed):
        conflict_declare(member=member, actor=member.user)


def test_the_buyer_names_a_replacement_and_a_new_chair_after_a_declared_conflict(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=2)
    chair = PanelMember.objects.get(opportunity=opportunity, is_chair=True)
    conflict_declare(member=chair, actor=chair.user)
    replacement = make_user(Role.EVALUATOR, department=department)
    member = panel_add(opportunity=opportunity, actor=buyer, user=replacement, is_chair=True)
    assert member.is_chair and member.removed_at is None
    # Two again, with a chair: the panel is fixed.
    with pytest.raises(TransitionNotAllowed):
        panel_add(
            opportunity=opportunity,
            actor=buyer,
            user=make_user(Role.EVALUATOR, department=department),
        )


def test_a_conflicted_evaluators_scores_no_longer_show(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=3)
    members = [PanelMember.objects.get(opportunity=opportunity, user=e) for e in evaluators]
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    for member, user in zip(members, evaluators, strict=True):
        _score_all(member, user, proposal)
    assert visible_sheets(members[0], proposal).count() == 2
    conflict_declare(member=members[2], actor=evaluators[2])
    assert [s.member_id for s in visible_sheets(members[0], proposal)] == [members[1].pk]


def test_panel_members_are_emailed_when_named_in_their_language(department):
    opportunity = published()
    buyer = opportunity.owner
    french = make_user(Role.EVALUATOR, department=opportunity.department)
    french.preferred_language = "fr"
    french.save(update_fields=["preferred_language"])
    panel_add(opportunity=opportunity, actor=buyer, user=french, is_chair=True)
    panel_add(opportunity=opportunity, actor=buyer, user=french)  # again: no second email
    panel_add(opportunity=opportunity, actor=buyer, user=buyer)  # the buyer adds themselves
    [message] = _messages("emails/panel_named", french)
    assert not _messages("emails/panel_named", buyer).exists()
    email = render_message(message)
    assert message.language == "fr"
    assert "Vous faites partie du comité d’évaluation" in email.subject
    assert "présidence" in email.body
    with translation.override("fr"):
        assert reverse("evaluation_home", kwargs={"pk": opportunity.pk}) in email.body


def test_panel_members_are_emailed_when_scoring_opens_once(department):
    opportunity, buyer, evaluators, owners = closed_with_bids(department, bidders=2, panel=2)
    assert not OutboundMessage.objects.filter(template="emails/scoring_open").exists()
    evaluation_open(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)  # again: nothing more
    for evaluator in evaluators:
        [message] = _messages("emails/scoring_open", evaluator)
        email = render_message(message)
        assert "2 proposals" in email.body
        assert "Scoring is open" in email.subject
        for owner in owners:
            assert owner.vendor_membership.vendor.legal_name not in email.body


def test_an_evaluator_removed_at_opening_is_not_told_scoring_opened(department):
    from evaluations.services.panel import tie_add

    opportunity, buyer, evaluators, owners = closed_with_bids(
        department, bidders=1, panel=3, vendor_fields={0: {"legal_name": "Cousin Consulting"}}
    )
    tie_add(actor=evaluators[2], organisation="Cousin Consulting")
    evaluation_open(opportunity=opportunity)
    assert not _messages("emails/scoring_open", evaluators[2]).exists()
    assert _messages("emails/scoring_open", evaluators[0]).count() == 1


def test_sheets_say_whose_they_are_names_to_the_chair_numbers_to_others(department):
    opportunity, buyer, evaluators, owners = opened(department, bidders=1, panel=3)
    members = [PanelMember.objects.get(opportunity=opportunity, user=e) for e in evaluators]
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    for member, user in zip(members, evaluators, strict=True):
        _score_all(member, user, proposal)
    chair, second, third = members
    assert chair.is_chair
    with translation.override("en"):
        by_chair = {
            sheet.member_id: label
            for label, sheet in labelled_sheets(chair, visible_sheets(chair, proposal))
        }
        assert by_chair == {second.pk: str(evaluators[1]), third.pk: str(evaluators[2])}
        seen = labelled_sheets(second, visible_sheets(second, proposal))
        by_second = [label for label, _ in seen]
        assert sorted(by_second) == ["Evaluator 1", "Evaluator 3"]
        assert str(evaluators[0]) not in by_second
        own = labelled_sheets(second, second.sheets.all())
        assert [label for label, _ in own] == ["Your scores"]


def test_names_replace_pseudonyms_only_after_the_reveal(department):
    opportunity, buyer, evaluators, owners, members = locked(department, [8, 6])
    assert revealed_vendors(opportunity) == {}
    evaluation_reveal(member=members[0], actor=evaluators[0])
    names = {str(v) for v in revealed_vendors(opportunity).values()}
    assert names == {str(o.vendor_membership.vendor) for o in owners}


def test_criterion_guidance_is_kept_from_the_opportunity_form(department):
    from opportunities.forms import CriterionFormSet

    opportunity = published()
    criteria = list(opportunity.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, criterion in enumerate(criteria):
        prefix = f"criteria-{index}-"
        data |= {
            prefix + "id": str(criterion.pk),
            prefix + "name_en": criterion.name_en,
            prefix + "name_fr": criterion.name_fr,
            prefix + "weight": str(criterion.weight),
            prefix + "min_score": str(criterion.min_score),
            prefix + "guidance_en": f"10: flawless {index}",
            prefix + "guidance_fr": f"10 : impeccable {index}",
        }
        if criterion.is_price:
            data[prefix + "is_price"] = "on"
    formset = CriterionFormSet(data, opportunity=opportunity, prefix="criteria")
    assert formset.is_valid(), formset.errors
    rows = formset.criteria_data()
    assert rows[0]["guidance_en"] == "10: flawless 0"
    assert rows[0]["guidance_fr"] == "10 : impeccable 0"
