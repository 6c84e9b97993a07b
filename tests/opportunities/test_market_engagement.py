"""Issue 16: a planned purchase as a market engagement — aspects, preliminary studies,
retro-planning, questions to the market answered privately, and what the buyer learned
carried into the opportunity."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from opportunities.models import MarketAnswer, PlannedPurchase
from opportunities.services.planned import (
    market_question_add,
    market_question_remove,
    planned_convert,
    planned_document_add,
    planned_document_remove,
    planned_milestone_add,
    planned_notes_save,
    planned_respond,
    planned_update,
)
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import DepartmentFactory, make_user
from tests.opportunities.factories import published_plan
from tests.vendors.factories import make_vendor, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(department):
    return make_user(Role.BUYER, department=department)


@pytest.fixture
def planned(buyer, department):
    return published_plan(buyer, department)


@pytest.fixture
def question(planned, buyer):
    return market_question_add(
        planned=planned,
        actor=buyer,
        text_en="How long would 30 letters take?",
        text_fr="Combien de temps pour 30 lettres?",
    )


def _vendor_user(name):
    return make_vendor(legal_name=name).members.get().user


def test_the_page_shows_aspects_studies_milestones_and_questions(client, planned, buyer, question):
    planned_document_add(planned=planned, actor=buyer, kind="marketStudies", upload=pdf_upload())
    planned_milestone_add(
        planned=planned,
        actor=buyer,
        kind="call",
        title_en="Call published",
        title_fr="Appel publié",
        due_date=date(2027, 2, 1),
    )
    for language, words in [
        ("en", ["Tested with people", "Retro-planning", "Call published", "policy.pdf"]),
        ("fr", ["Testées avec les personnes", "Rétroplanification", "Appel publié", "Combien"]),
    ]:
        with translation.override(language):
            url = planned.get_absolute_url()
        page = client.get(url).content.decode()
        for word in words:
            assert word in page, (language, word)
    document = planned.documents.get()
    response = client.get(
        reverse("planned_document_download", kwargs={"pk": planned.pk, "document_pk": document.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_studies_are_checked_and_cleaned_like_every_upload(planned, buyer):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        planned_document_add(
            planned=planned,
            actor=buyer,
            kind="marketStudies",
            upload=SimpleUploadedFile("study.pdf", b"MZ not a pdf", content_type="application/pdf"),
        )
    assert not planned.documents.exists()
    document = planned_document_add(
        planned=planned, actor=buyer, kind="feasibilityStudy", upload=pdf_upload("Study.pdf")
    )
    assert document.display_name == "Study.pdf" and document.file.name.startswith("planned/")
    assert "Study" not in document.file.name  # stored under the server's own name
    planned_document_remove(document=document, actor=buyer)
    assert not planned.documents.exists()


def test_only_the_department_changes_a_plan(planned):
    stranger = make_user(Role.BUYER, department=DepartmentFactory())
    vendor = make_user(Role.VENDOR_MEMBER)
    for actor in (stranger, vendor):
        with pytest.raises(TransitionNotAllowed):
            market_question_add(planned=planned, actor=actor, text_en="?", text_fr="")
        with pytest.raises(TransitionNotAllowed):
            planned_update(planned=planned, actor=actor, need_en="Changed")


def test_vendors_answer_privately_and_the_buyer_reads_every_answer_in_one_place(
    client, planned, buyer, question
):
    first, second = _vendor_user("Clear Words Inc."), _vendor_user("Plume claire ltée")
    planned_respond(
        planned=planned,
        actor=first,
        interested=True,
        comment="",
        answers={question.pk: "About six weeks, secret pricing inside."},
    )
    planned_respond(
        planned=planned,
        actor=second,
        interested=False,
        comment="",
        answers={question.pk: "Quatre semaines."},
    )
    # Sending again updates the answer; an emptied answer is taken back.
    planned_respond(
        planned=planned,
        actor=first,
        interested=True,
        comment="",
        answers={question.pk: "About five weeks, secret pricing inside."},
    )
    assert MarketAnswer.objects.filter(user=first).get().text.startswith("About five weeks")

    # The buyer (and the department's officer) read them all, with who answered.
    officer = make_user(Role.PROCUREMENT_OFFICER, department=planned.department)
    for reader in (buyer, officer):
        client.force_login(reader)
        page = client.get(reverse("planned_answers", kwargs={"pk": planned.pk})).content.decode()
        assert "About five weeks" in page and "Quatre semaines" in page
        assert "Clear Words Inc." in page

    # Nobody else ever sees them: not the public, not another vendor, not another department.
    second_page = None
    for reader in (
        None,
        second,
        make_user(Role.BUYER, department=DepartmentFactory()),
        make_user(Role.EVALUATOR, department=planned.department),
    ):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        page = client.get(planned.get_absolute_url()).content.decode()
        assert "secret pricing" not in page
        answers_page = client.get(reverse("planned_answers", kwargs={"pk": planned.pk}))
        assert answers_page.status_code in {302, 403, 404}
        assert "secret pricing" not in answers_page.content.decode()
        if reader is second:
            second_page = page
    assert "Quatre semaines" in second_page  # a vendor sees their own answer, to change it
    assert list(MarketAnswer.objects.visible_to(second, planned)) == [
        MarketAnswer.objects.get(user=second)
    ]
    from django.contrib.auth.models import AnonymousUser

    assert not MarketAnswer.objects.visible_to(AnonymousUser(), planned).exists()


def test_the_answers_are_never_in_the_open_data(planned, buyer, question):
    from open_data.ocds import build_release

    planned_respond(
        planned=planned,
        actor=_vendor_user("Clear Words Inc."),
        interested=True,
        comment="",
        answers={question.pk: "secret pricing inside"},
    )
    planned_notes_save(planned=planned, actor=buyer, notes="Private lesson learned")
    opportunity = planned_convert(planned=planned, actor=buyer)
    release = str(build_release(opportunity, tag="tender", release_id="r", date=timezone.now()))
    assert "secret pricing" not in release and "Private lesson" not in release
    assert "Clear Words" not in release


def test_an_answered_question_stays(planned, buyer, question):
    planned_respond(
        planned=planned,
        actor=_vendor_user("Clear Words Inc."),
        interested=True,
        comment="",
        answers={question.pk: "Yes"},
    )
    with pytest.raises(TransitionNotAllowed):
        market_question_remove(question=question, actor=buyer)
    unanswered = market_question_add(planned=planned, actor=buyer, text_en="Other?", text_fr="")
    market_question_remove(question=unanswered, actor=buyer)
    assert list(planned.market_questions.all()) == [question]


def test_converting_carries_the_need_aspects_budget_and_notes(client, planned, buyer):
    planned_notes_save(planned=planned, actor=buyer, notes="Ask for a pilot on five letters first.")
    opportunity = planned_convert(planned=planned, actor=buyer)
    assert opportunity.max_budget == planned.rough_budget
    assert "Rewrite 30 letters." in opportunity.description_en
    assert "## Social aspects" in opportunity.description_en
    assert "Digital first" in opportunity.description_en
    assert "## Aspects environnementaux" in opportunity.description_fr
    client.force_login(buyer)
    page = client.get(reverse("opportunity_edit", kwargs={"pk": opportunity.pk})).content.decode()
    assert "From the planned purchase" in page
    assert "Ask for a pilot on five letters first." in page
    assert reverse("planned_answers", kwargs={"pk": planned.pk}) in page
    # Once an opportunity, the plan is what the opportunity publishes: it no longer changes.
    with pytest.raises(TransitionNotAllowed):
        planned_update(planned=planned, actor=buyer, need_en="Changed")
    planned.refresh_from_db()
    assert planned.status == PlannedPurchase.Status.CONVERTED


def test_the_buyer_edits_the_plan_through_the_pages(client, planned, buyer):
    client.force_login(buyer)
    edit = reverse("planned_edit", kwargs={"pk": planned.pk})
    assert client.get(edit).status_code == 200
    response = client.post(
        reverse("market_question_add", kwargs={"pk": planned.pk}),
        {"text_en": "", "text_fr": ""},
    )
    assert response.status_code == 200  # shown again with the error
    client.post(
        reverse("planned_milestone_add", kwargs={"pk": planned.pk}),
        {"kind": "call", "due_date": "2027-02-01", "title_en": "Call", "title_fr": "Appel"},
    )
    client.post(
        reverse("planned_document_add", kwargs={"pk": planned.pk}),
        {"kind": "needsAssessment", "file": pdf_upload()},
    )
    assert planned.milestones.get().title_fr == "Appel"
    assert planned.documents.get().kind == "needsAssessment"
