"""The buyer's assessment of a vendor's performance after a complete contract: recorded
once, audited, the vendor told and allowed one answer; seen by public servants on the
directory profile; never public, never in open data or OCDS, never on evaluators' pages."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from open_data.ocds import build_release
from opportunities.models import OpportunityStatus
from payments.models import PerformanceAssessment
from payments.services.performance import assessment_record, assessment_respond
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, OutboundMessage, Role
from tests.factories import make_user
from tests.vendors.factories import make_vendor

from .factories import quick_contract

pytestmark = pytest.mark.django_db

COMMENT = "Quibblewhisk delivered two days late"
RESPONSE = "Flanderzoot: the data arrived late"


def _complete(department, **kwargs):
    return quick_contract(department, status=OpportunityStatus.COMPLETE, **kwargs)


def _vendor_user(contract):
    return contract.vendor.members.get().user


def _assessed(department, **kwargs):
    contract, buyer = _complete(department, **kwargs)
    assessment = assessment_record(
        contract=contract, actor=buyer, on_time=2, quality=4, communication=3, comments=COMMENT
    )
    return contract, buyer, assessment


def test_record_audits_and_tells_the_vendor(department):
    contract, buyer = _complete(department)
    assessment = assessment_record(
        contract=contract, actor=buyer, on_time=2, quality=4, communication=3, comments=COMMENT
    )
    assert (assessment.on_time, assessment.quality, assessment.communication) == (2, 4, 3)
    entry = AuditEntry.objects.get(action="performance.record")
    assert entry.details["contract"] == contract.number and entry.department == department
    message = OutboundMessage.objects.get(template="emails/performance_recorded")
    assert message.recipient == _vendor_user(contract)


def test_record_is_refused_before_completion_by_others_and_twice(department):
    contract, buyer = quick_contract(department, status=OpportunityStatus.PAID)
    with pytest.raises(TransitionNotAllowed, match="complete"):
        assessment_record(contract=contract, actor=buyer, on_time=3, quality=3, communication=3)
    contract, buyer = _complete(department)
    with pytest.raises(TransitionNotAllowed):
        assessment_record(
            contract=contract,
            actor=make_user(Role.BUYER, department=department),
            on_time=3,
            quality=3,
            communication=3,
        )
    with pytest.raises(PortalError, match="ratings"):
        assessment_record(contract=contract, actor=buyer, on_time=7, quality=3, communication=3)
    assessment_record(contract=contract, actor=buyer, on_time=3, quality=3, communication=3)
    with pytest.raises(TransitionNotAllowed, match="already"):
        assessment_record(contract=contract, actor=buyer, on_time=1, quality=1, communication=1)
    assert PerformanceAssessment.objects.get().on_time == 3
    assert OutboundMessage.objects.filter(template="emails/performance_recorded").count() == 1


def test_vendor_answers_once(department):
    contract, buyer, assessment = _assessed(department)
    vendor_user = _vendor_user(contract)
    with pytest.raises(PortalError, match="response"):
        assessment_respond(assessment=assessment, actor=vendor_user, response="  ")
    with pytest.raises(TransitionNotAllowed):
        assessment_respond(assessment=assessment, actor=make_user(Role.VENDOR_MEMBER), response="x")
    answered = assessment_respond(assessment=assessment, actor=vendor_user, response=RESPONSE)
    assert answered.response == RESPONSE and answered.responded_by == vendor_user
    assert AuditEntry.objects.filter(action="performance.respond").count() == 1
    assert OutboundMessage.objects.get(template="emails/performance_answered").recipient == buyer
    with pytest.raises(TransitionNotAllowed, match="already"):
        assessment_respond(assessment=assessment, actor=vendor_user, response="Again")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_record_and_answer(client, department, language):
    contract, buyer = _complete(department)
    with translation.override(language):
        detail = reverse("contract_detail", kwargs={"pk": contract.pk})
        create = reverse("assessment_create", kwargs={"pk": contract.pk})
        respond = reverse("assessment_respond", kwargs={"pk": contract.pk})
    client.force_login(buyer)
    assert create in client.get(detail).content.decode()
    data = {"on_time": "3", "quality": "4", "communication": "2", "comments": COMMENT}
    confirmation = client.post(create, data)
    assert confirmation.status_code == 200 and not PerformanceAssessment.objects.exists()
    expected = "Exceeded expectations" if language == "en" else "A dépassé les attentes"
    assert expected in confirmation.content.decode()
    assert client.post(create, {**data, "confirm": "yes"}).status_code == 302
    assert PerformanceAssessment.objects.get().quality == 4
    assert client.get(create).status_code == 302  # once only: back to the contract
    vendor_user = _vendor_user(contract)
    client.force_login(vendor_user)
    page = client.get(detail).content.decode()
    assert COMMENT in page and respond in page
    client.post(respond, {"response": RESPONSE, "confirm": "yes"})
    assert PerformanceAssessment.objects.get().response == RESPONSE
    assert respond not in client.get(detail).content.decode()


def test_invalid_rating_is_a_translated_form_error(client, department):
    contract, buyer = _complete(department)
    client.force_login(buyer)
    with translation.override("fr"):
        url = reverse("assessment_create", kwargs={"pk": contract.pk})
    page = client.post(url, {"on_time": "9", "quality": "3", "communication": "3"})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    assert not PerformanceAssessment.objects.exists()


def test_directory_profile_shows_history_to_public_servants_and_the_business_only(
    client, department
):
    contract, _buyer, _assessment = _assessed(department)
    vendor = contract.vendor
    url = reverse("vendor_detail", kwargs={"pk": vendor.pk})
    readers = {
        "evaluator in another department": make_user(Role.EVALUATOR),
        "card holder": make_user(Role.CARD_HOLDER, department=department),
        "the business itself": _vendor_user(contract),
    }
    for who, user in readers.items():
        client.force_login(user)
        page = client.get(url).content.decode()
        assert COMMENT in page and "Performance on past contracts" in page, who
    other_business = make_vendor().members.get().user
    for who, user in {"visitor": None, "another business": other_business}.items():
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(url).content.decode()
        assert page.count(COMMENT) == 0 and "Performance on past contracts" not in page, who
    assert PerformanceAssessment.objects.visible_to(other_business).count() == 0


def test_never_on_public_pages_open_data_or_ocds(client, department):
    contract, _buyer, assessment = _assessed(department)
    assessment_respond(assessment=assessment, actor=_vendor_user(contract), response=RESPONSE)
    opportunity = contract.opportunity
    public = [
        reverse("home"),
        opportunity.get_absolute_url(),
        reverse("vendor_detail", kwargs={"pk": contract.vendor_id}),
        reverse("vendor_list"),
        reverse("award_notice", kwargs={"pk": opportunity.pk}),
        reverse("open_data_index"),
        reverse("dashboard"),
        reverse("open_data_contracts"),
        reverse("open_data_contracts_nil"),
        reverse("open_data_contractsa"),
        reverse("ocds_bulk"),
    ]
    for url in public:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        assert COMMENT not in text and RESPONSE not in text, url
    release = build_release(opportunity, tag="contract", release_id="t-1", date=timezone.now())
    text = json.dumps(release, ensure_ascii=False)
    assert COMMENT not in text and RESPONSE not in text
    assert "assessment" not in text.lower() and "Quibblewhisk" not in text
