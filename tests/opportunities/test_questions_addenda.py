import pytest
from django.db import IntegrityError

from opportunities.models import Addendum
from opportunities.models.addenda import AddendumIsAppendOnly
from opportunities.services.addenda import addendum_post
from opportunities.services.follows import opportunity_follow
from opportunities.services.questions import question_answer, question_ask
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import past_deadline, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity():
    return published()


@pytest.fixture
def vendor():
    return make_user(Role.VENDOR_MEMBER, email="asker@distinct-vendor.ca")


def test_vendor_asks_buyer_is_told(
    opportunity, vendor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = question_ask(opportunity=opportunity, actor=vendor, text="Is remote OK?")
    assert question.asked_by == vendor and question.answered_at is None
    assert [m.to for m in mailoutbox] == [[opportunity.owner.email]]
    assert "distinct-vendor" not in mailoutbox[0].body  # the buyer's email names nobody


def test_only_vendors_ask(opportunity):
    with pytest.raises(TransitionNotAllowed):
        question_ask(opportunity=opportunity, actor=make_user(Role.BUYER), text="?")


def test_a_question_one_second_after_the_deadline_is_refused(opportunity, vendor):
    past_deadline(opportunity, seconds=1)
    with pytest.raises(TransitionNotAllowed, match="closing date and time has passed"):
        question_ask(opportunity=opportunity, actor=vendor, text="Too late?")
    assert not opportunity.questions.exists()


def test_answer_is_published_without_the_askers_name(
    client, opportunity, vendor, mailoutbox, django_capture_on_commit_callbacks
):
    follower = make_user(Role.VENDOR_MEMBER)
    opportunity_follow(opportunity=opportunity, actor=follower)
    question = question_ask(opportunity=opportunity, actor=vendor, text="Can we work remotely?")
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(
            question=question,
            actor=opportunity.owner,
            answer_en="Yes, fully remote.",
            answer_fr="Oui, entièrement à distance.",
        )
        question_answer(
            question=question,
            actor=opportunity.owner,  # repeated: harmless
            answer_en="Changed?",
            answer_fr="Changé?",
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([vendor.email, follower.email])
    page = client.get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    assert "Can we work remotely?" in page and "Yes, fully remote." in page
    assert "Changed?" not in page
    assert vendor.email not in page and vendor.full_name not in page
    assert "distinct-vendor" not in page
    page_fr = client.get(f"/fr/occasions/{opportunity.pk}/").content.decode()
    assert "Oui, entièrement à distance." in page_fr


def test_answer_needs_both_languages_and_the_buyer(opportunity, vendor):
    question = question_ask(opportunity=opportunity, actor=vendor, text="?")
    with pytest.raises(PortalError) as error:
        question_answer(question=question, actor=opportunity.owner, answer_en="Yes", answer_fr="")
    assert error.value.field == "answer_fr"
    with pytest.raises(TransitionNotAllowed):
        question_answer(question=question, actor=vendor, answer_en="Yes", answer_fr="Oui")


def test_unanswered_questions_stay_private(client, opportunity, vendor):
    question_ask(opportunity=opportunity, actor=vendor, text="Secret question?")
    page = client.get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    assert "Secret question?" not in page


def test_addenda_are_numbered_notified_and_append_only(
    opportunity, vendor, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity_follow(opportunity=opportunity, actor=vendor)
    with django_capture_on_commit_callbacks(execute=True):
        first = addendum_post(
            opportunity=opportunity,
            actor=opportunity.owner,
            text_en="Deadline unchanged.",
            text_fr="Date inchangée.",
        )
        second = addendum_post(
            opportunity=opportunity,
            actor=opportunity.owner,
            text_en="New annex.",
            text_fr="Nouvelle annexe.",
        )
    assert (first.number, second.number) == (1, 2)
    assert len(mailoutbox) == 2 and mailoutbox[1].to == [vendor.email]
    assert "Addendum 2" in mailoutbox[1].subject
    first.text_en = "Rewritten"
    with pytest.raises(AddendumIsAppendOnly):
        first.save()
    with pytest.raises(AddendumIsAppendOnly):
        first.delete()
    with pytest.raises(IntegrityError):
        Addendum.objects.create(
            opportunity=opportunity, number=1, text_en="dup", created_by=opportunity.owner
        )


def test_addendum_refused_after_the_deadline_and_for_others(opportunity, vendor):
    with pytest.raises(TransitionNotAllowed):
        addendum_post(opportunity=opportunity, actor=vendor, text_en="x", text_fr="x")
    past_deadline(opportunity)
    with pytest.raises(TransitionNotAllowed):
        addendum_post(opportunity=opportunity, actor=opportunity.owner, text_en="x", text_fr="x")
    assert not opportunity.addenda.exists()


def test_follow_is_idempotent(opportunity, vendor):
    opportunity_follow(opportunity=opportunity, actor=vendor)
    opportunity_follow(opportunity=opportunity, actor=vendor)
    assert opportunity.follows.count() == 1


def test_the_question_form_posted_one_second_late_is_refused_with_a_message(
    client, opportunity, vendor
):
    client.force_login(vendor)
    page = client.get(f"/en/opportunities/{opportunity.pk}/ask/")
    assert page.status_code == 200  # the form was opened before the deadline...
    past_deadline(opportunity, seconds=1)  # ...and sent one second after it
    response = client.post(f"/en/opportunities/{opportunity.pk}/ask/", {"text": "Late?"})
    assert response.status_code == 200
    assert "closing date and time has passed" in response.content.decode()
    assert not opportunity.questions.exists()


def test_workspace_shows_the_next_action(client, opportunity, vendor):
    question_ask(opportunity=opportunity, actor=vendor, text="?")
    client.force_login(opportunity.owner)
    body = client.get("/en/workspace/").content.decode()
    assert "1 question to answer" in body
    officer = make_user(Role.PROCUREMENT_OFFICER, department=opportunity.department)
    client.force_login(officer)
    assert str(opportunity.title_en) in client.get("/en/workspace/").content.decode()
