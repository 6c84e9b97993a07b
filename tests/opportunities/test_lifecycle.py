"""Publish, close, cancel: each works, is refused from a wrong state / role / department,
and repeating it is harmless."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opportunities.models import Opportunity, OpportunityStatus
from opportunities.services.lifecycle import (
    PublishBlocked,
    add_business_days,
    opportunities_close_due,
    opportunity_cancel,
    opportunity_close,
    opportunity_publish,
)
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import DepartmentFactory, make_user

from .factories import past_deadline, published, ready_draft

pytestmark = pytest.mark.django_db
S = OpportunityStatus


def test_publish_works_and_is_audited():
    opportunity = opportunity_publish(opportunity=(draft := ready_draft()), actor=draft.owner)
    assert opportunity.status == S.PUBLISHED and opportunity.published_at
    entry = AuditEntry.objects.get(action="opportunity.publish")
    assert (entry.from_state, entry.to_state, entry.actor) == ("draft", "published", draft.owner)


def test_publishing_twice_is_harmless():
    opportunity = published()
    again = opportunity_publish(opportunity=opportunity, actor=opportunity.owner)
    assert again.published_at == opportunity.published_at
    assert AuditEntry.objects.filter(action="opportunity.publish").count() == 1


@pytest.mark.parametrize(
    "role", [Role.VENDOR_MEMBER, Role.EVALUATOR, Role.CARD_HOLDER, Role.FINANCE]
)
def test_publish_refused_for_a_wrong_role(role):
    draft = ready_draft()
    intruder = make_user(role, department=draft.department)
    with pytest.raises(TransitionNotAllowed):
        opportunity_publish(opportunity=draft, actor=intruder)
    assert Opportunity.objects.get(pk=draft.pk).status == S.DRAFT


def test_publish_refused_for_a_buyer_of_another_department():
    draft = ready_draft()
    outsider = make_user(Role.BUYER, department=DepartmentFactory())
    with pytest.raises(TransitionNotAllowed):
        opportunity_publish(opportunity=draft, actor=outsider)


def test_an_officer_of_the_department_may_publish():
    draft = ready_draft()
    officer = make_user(Role.PROCUREMENT_OFFICER, department=draft.department)
    assert opportunity_publish(opportunity=draft, actor=officer).status == S.PUBLISHED


def test_publish_refused_from_a_wrong_state():
    opportunity = published()
    opportunity_cancel(opportunity=opportunity, actor=opportunity.owner, reason="No budget")
    with pytest.raises(TransitionNotAllowed):
        opportunity_publish(opportunity=opportunity, actor=opportunity.owner)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_fr": ""}, "title_fr"),
        ({"description_fr": "  "}, "description_fr"),
        ({"max_budget": Decimal("10000.01")}, "max_budget"),
        ({"max_budget": None}, "max_budget"),
        ({"closes_at": None}, "closes_at"),
        ({"category": None}, "category"),
        ({"contact_email": ""}, "contact_email"),
    ],
)
def test_publish_lists_what_is_missing_at_the_right_field(change, field):
    draft = ready_draft(**change)
    with pytest.raises(PublishBlocked) as blocked:
        opportunity_publish(opportunity=draft, actor=draft.owner)
    assert field in [f for f, _message in blocked.value.problems]
    assert Opportunity.objects.get(pk=draft.pk).status == S.DRAFT


def test_publish_refuses_a_closing_time_inside_the_posting_period():
    draft = ready_draft(closes_at=timezone.now() + timedelta(days=2))
    with pytest.raises(PublishBlocked) as blocked:
        opportunity_publish(opportunity=draft, actor=draft.owner)
    assert (
        "closes_at",
        "The closing time must leave at least 5 business days for vendors to respond.",
    ) in blocked.value.problems


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([(60, False), (30, False), (20, True)], "they must add up to 100"),
        ([(50, False), (20, False), (30, True)], "at most 20%"),
        ([(80, False), (20, False)], "exactly one price criterion"),
    ],
)
def test_criteria_rules(weights, message):
    draft = ready_draft()
    draft.criteria.all().delete()
    for index, (weight, is_price) in enumerate(weights):
        draft.criteria.create(
            order=index, name_en=f"C{index}", name_fr=f"C{index}", weight=weight, is_price=is_price
        )
    with pytest.raises(PublishBlocked) as blocked:
        opportunity_publish(opportunity=draft, actor=draft.owner)
    assert any(message in text for _field, text in blocked.value.problems)


def test_pass_fail_price_needs_no_price_criterion():
    draft = ready_draft(price_evaluation="pass_fail")
    draft.criteria.filter(is_price=True).delete()
    draft.criteria.filter(name_en="Approach").update(weight=70)
    assert opportunity_publish(opportunity=draft, actor=draft.owner).status == S.PUBLISHED


def test_business_days_skip_weekends():
    friday = timezone.datetime(2026, 11, 20, 12, tzinfo=timezone.get_current_timezone())
    assert add_business_days(friday, 5).date().isoformat() == "2026-11-27"
    assert add_business_days(friday, 1).date().isoformat() == "2026-11-23"


def test_close_at_the_deadline_is_audited_and_harmless_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = past_deadline(published())
    with django_capture_on_commit_callbacks(execute=True):
        assert opportunities_close_due() == 1
        assert opportunities_close_due() == 0
        opportunity_close(opportunity=opportunity)
    opportunity.refresh_from_db()
    assert opportunity.status == S.CLOSED and opportunity.closed_at
    assert AuditEntry.objects.filter(action="opportunity.close").count() == 1
    assert [m.to for m in mailoutbox] == [[opportunity.owner.email]]


def test_close_refused_before_the_deadline():
    opportunity = published()
    with pytest.raises(TransitionNotAllowed):
        opportunity_close(opportunity=opportunity)
    assert Opportunity.objects.get(pk=opportunity.pk).status == S.PUBLISHED


def test_past_deadline_reads_as_closed_before_the_beat_task_runs():
    opportunity = past_deadline(published())
    assert opportunity.status == S.PUBLISHED
    assert opportunity.effective_status == S.CLOSED and not opportunity.is_open
    assert not Opportunity.objects.open().filter(pk=opportunity.pk).exists()


@pytest.mark.parametrize("state", ["draft", "published", "closed"])
def test_cancel_from_any_state_before_award(state):
    opportunity = ready_draft() if state == "draft" else published()
    if state == "closed":
        opportunity_close(opportunity=past_deadline(opportunity))
    cancelled = opportunity_cancel(
        opportunity=opportunity, actor=opportunity.owner, reason="The need went away."
    )
    assert cancelled.status == S.CANCELLED
    assert cancelled.cancellation_reason == "The need went away."
    again = opportunity_cancel(opportunity=opportunity, actor=opportunity.owner, reason="x")
    assert again.cancellation_reason == "The need went away."


def test_cancel_refused_after_award():
    opportunity = published()
    Opportunity.objects.filter(pk=opportunity.pk).update(status=S.AWARDED)
    with pytest.raises(TransitionNotAllowed):
        opportunity_cancel(opportunity=opportunity, actor=opportunity.owner, reason="x")


def test_cancel_needs_a_reason_and_the_right_person():
    opportunity = published()
    with pytest.raises(Exception, match="reason"):
        opportunity_cancel(opportunity=opportunity, actor=opportunity.owner, reason=" ")
    with pytest.raises(TransitionNotAllowed):
        opportunity_cancel(opportunity=opportunity, actor=make_user(Role.VENDOR_MEMBER), reason="x")
