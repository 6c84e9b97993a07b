"""Issue 16: questions stop at their own deadline, before closing (default 2 business days)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from opportunities.models import Opportunity
from opportunities.services.lifecycle import (
    PublishBlocked,
    add_business_days,
    default_questions_deadline,
    opportunity_publish,
)
from opportunities.services.questions import question_ask
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import published, ready_draft

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")


def test_business_days_count_backwards_over_the_weekend():
    monday = datetime(2026, 11, 23, 14, 0, tzinfo=TORONTO)
    assert add_business_days(monday, -2) == datetime(2026, 11, 19, 14, 0, tzinfo=TORONTO)
    assert add_business_days(monday, -1).weekday() == 4  # Friday


def test_default_is_two_business_days_before_closing_in_the_opportunity_zone():
    # Monday 14:00 in Vancouver is Monday 22:00 UTC: the weekdays are Vancouver's.
    draft = ready_draft(time_zone="America/Vancouver")
    draft.closes_at = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
    deadline = default_questions_deadline(draft)
    assert deadline.astimezone(ZoneInfo("America/Vancouver")) == datetime(
        2026, 11, 19, 14, 0, tzinfo=ZoneInfo("America/Vancouver")
    )


def test_publishing_sets_the_default_deadline():
    opportunity = published()
    assert opportunity.questions_close_at == default_questions_deadline(opportunity)
    assert timezone.now() < opportunity.questions_close_at < opportunity.closes_at


@override_settings(PORTAL_QUESTIONS_BUSINESS_DAYS=3)
def test_the_default_is_configurable():
    opportunity = published()
    local = opportunity.closes_at.astimezone(TORONTO)
    assert opportunity.questions_close_at == add_business_days(local, -3)


def test_the_buyer_may_choose_the_deadline_which_publishing_keeps():
    draft = ready_draft()
    chosen = draft.closes_at - timedelta(days=1)
    draft.questions_close_at = chosen
    draft.save(update_fields=["questions_close_at"])
    assert opportunity_publish(opportunity=draft, actor=draft.owner).questions_close_at == chosen


@pytest.mark.parametrize("offset", [timedelta(hours=1), timedelta(0)])
def test_publishing_refuses_a_deadline_at_or_after_closing(offset):
    draft = ready_draft()
    draft.questions_close_at = draft.closes_at + offset
    draft.save(update_fields=["questions_close_at"])
    with pytest.raises(PublishBlocked) as blocked:
        opportunity_publish(opportunity=draft, actor=draft.owner)
    assert [field for field, _message in blocked.value.problems] == ["questions_close_at"]


def test_publishing_refuses_a_deadline_already_past():
    draft = ready_draft()
    draft.questions_close_at = timezone.now() - timedelta(minutes=1)
    draft.save(update_fields=["questions_close_at"])
    with pytest.raises(PublishBlocked):
        opportunity_publish(opportunity=draft, actor=draft.owner)


def _past_questions_deadline(opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        questions_close_at=timezone.now() - timedelta(seconds=1)
    )
    opportunity.refresh_from_db()
    return opportunity


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The deadline for questions was"),
        ("fr", "La date limite pour les questions était"),
    ],
)
def test_a_question_after_the_deadline_is_refused_with_a_clear_message(language, words):
    opportunity = _past_questions_deadline(published())
    vendor = make_user(Role.VENDOR_MEMBER)
    with translation.override(language), pytest.raises(TransitionNotAllowed) as refused:
        question_ask(opportunity=opportunity, actor=vendor, text="Too late?")
    assert words in refused.value.message
    assert not opportunity.questions.exists()
    assert opportunity.is_open  # proposals are still accepted until closing


def test_a_question_before_the_deadline_is_accepted():
    opportunity = published()
    question = question_ask(opportunity=opportunity, actor=make_user(Role.VENDOR_MEMBER), text="?")
    assert question.pk


def test_the_page_shows_the_deadline_and_refuses_after_it(client):
    opportunity = published()
    vendor = make_user(Role.VENDOR_MEMBER)
    client.force_login(vendor)
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Questions until" in page and "Send the question" in page
    local = opportunity.questions_close_at.astimezone(TORONTO)
    assert local.strftime("%Y-%m-%dT%H:%M") in page  # <time datetime> in the opportunity zone
    _past_questions_deadline(opportunity)
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Send the question" not in page
    assert "no longer takes questions" in page
    response = client.post(
        reverse("question_create", kwargs={"pk": opportunity.pk}), {"text": "Late?"}
    )
    assert "The deadline for questions was" in response.content.decode()
    assert not opportunity.questions.exists()


def test_the_draft_form_refuses_a_deadline_after_closing(client):
    draft = ready_draft()
    client.force_login(draft.owner)
    closes = draft.closes_at.astimezone(TORONTO)
    data = {
        "title_en": draft.title_en,
        "time_zone": "America/Toronto",
        "price_evaluation": "scored",
        "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        "questions_close_at": (closes + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("opportunity_edit", kwargs={"pk": draft.pk}), data)
    assert "The deadline for questions must come before the closing time." in (
        response.content.decode()
    )
    data["questions_close_at"] = (closes - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("opportunity_edit", kwargs={"pk": draft.pk}), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.questions_close_at == (closes - timedelta(days=1)).replace(second=0, microsecond=0)


def test_ocds_publishes_the_enquiry_period():
    from open_data.ocds import build_release

    opportunity = published()
    release = build_release(opportunity, tag="tender", release_id="r1", date=timezone.now())
    assert release["tender"]["enquiryPeriod"] == {
        "startDate": opportunity.published_at.isoformat(),
        "endDate": opportunity.questions_close_at.isoformat(),
    }
