import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from vendors.models import (
    CertificationType,
    ClaimStatus,
    QuestionnaireQuestion,
    QuestionnaireVersion,
    Vendor,
)
from vendors.services.certifications import certification_add, expiry_reminders_send
from vendors.services.claims import claim_reject, claim_verify
from vendors.services.questionnaire import (
    answers_save,
    questionnaire_progress,
    questionnaire_version_publish,
)

from .factories import make_vendor, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_vendor(legal_name="Zephyr Green Works", operating_name="Zephyr")


@pytest.fixture
def owner(vendor):
    return vendor.members.get().user


@pytest.fixture
def officer(department):
    return make_user(Role.PROCUREMENT_OFFICER, department=department)


def badges(vendor):
    return Vendor.objects.with_badges().get(pk=vendor.pk).badges


def add_cert(vendor, owner, slug="b-corp", expires_on=None, **kw):
    return certification_add(
        vendor=vendor,
        actor=owner,
        kind=CertificationType.objects.get(slug=slug),
        number="N-1",
        issued_on=timezone.localdate() - timedelta(days=30),
        expires_on=expires_on,
        upload=pdf_upload(),
        **kw,
    )


def test_evidence_is_stored_without_its_metadata_under_a_server_name(vendor, owner):
    certification = add_cert(vendor, owner)
    evidence = certification.evidence
    data = evidence.file.read()
    assert b"Jane Secret" not in data and b"ACME" not in data
    assert not PdfReader(io.BytesIO(data)).metadata
    assert "policy" not in evidence.file.name and evidence.display_name == "policy.pdf"


def test_image_evidence_loses_its_exif(vendor, owner):
    from PIL import Image

    from vendors.services.evidence import evidence_store

    exif = Image.Exif()
    exif[0x013B] = "Jane Secret"  # Artist
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="JPEG", exif=exif)
    stored = evidence_store(
        vendor=vendor, actor=owner, upload=SimpleUploadedFile("photo.jpg", buffer.getvalue())
    )
    assert b"Jane Secret" not in stored.file.read()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "not one of the accepted"),
        (b"PK\x03\x04 a zip archive pretending", "not one of the accepted"),
        (b"%PDF-1.4 but then nothing a reader can use", "could not be read"),
    ],
)
def test_disguised_evidence_is_refused_and_nothing_is_half_saved(
    vendor, owner, content, message, tmp_path
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        certification_add(
            vendor=vendor,
            actor=owner,
            kind=CertificationType.objects.get(slug="b-corp"),
            number="",
            issued_on=timezone.localdate(),
            expires_on=None,
            upload=SimpleUploadedFile("cert.pdf", content),
        )
    assert not vendor.certifications.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_sixty_megabyte_evidence_is_refused_with_the_limit(vendor, owner):
    from django.core.exceptions import ValidationError

    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (60 * 1024 * 1024))
    with pytest.raises(ValidationError, match="the largest file accepted is 10.0"):
        certification_add(
            vendor=vendor,
            actor=owner,
            kind=CertificationType.objects.get(slug="b-corp"),
            number="",
            issued_on=timezone.localdate(),
            expires_on=None,
            upload=big,
        )


def test_expired_certificate_dates_are_refused(vendor, owner):
    with pytest.raises(PortalError) as error:
        add_cert(vendor, owner, expires_on=timezone.localdate() - timedelta(days=1))
    assert error.value.field == "expires_on"


def test_verification_is_audited_notified_and_earns_a_badge(
    vendor, owner, officer, mailoutbox, django_capture_on_commit_callbacks
):
    certification = add_cert(vendor, owner)
    assert badges(vendor) == []  # self-declared: no badge
    with django_capture_on_commit_callbacks(execute=True):
        claim_verify(claim=certification, actor=officer)
        claim_verify(claim=certification, actor=officer)  # harmless twice
    assert badges(vendor) == ["Eco-responsible"]
    assert AuditEntry.objects.filter(action="claim.verified").count() == 1
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert "Verified" in mailoutbox[0].subject


@pytest.mark.parametrize("role", [Role.BUYER, Role.EVALUATOR, Role.VENDOR_MEMBER, Role.FINANCE])
def test_only_officers_verify(vendor, owner, role, department):
    certification = add_cert(vendor, owner)
    with pytest.raises(TransitionNotAllowed):
        claim_verify(claim=certification, actor=make_user(role, department=department))
    certification.refresh_from_db()
    assert certification.status == ClaimStatus.SELF_DECLARED


def test_rejection_needs_a_reason_and_tells_the_vendor(
    vendor, owner, officer, mailoutbox, django_capture_on_commit_callbacks
):
    certification = add_cert(vendor, owner)
    with pytest.raises(PortalError):
        claim_reject(claim=certification, actor=officer, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        claim_reject(claim=certification, actor=officer, reason="The certificate is illegible.")
    assert "illegible" in mailoutbox[0].body
    with pytest.raises(TransitionNotAllowed):
        claim_verify(claim=certification, actor=officer)  # decided; the vendor must change it


def test_expired_certifications_lose_their_badge_and_reminders_go_once(
    vendor, owner, officer, mailoutbox, django_capture_on_commit_callbacks
):
    certification = add_cert(vendor, owner, expires_on=timezone.localdate() + timedelta(days=20))
    claim_verify(claim=certification, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send() == 1
        assert expiry_reminders_send() == 0
    assert mailoutbox[-1].to == [owner.email] and "expires" in mailoutbox[-1].subject
    later = timezone.localdate() + timedelta(days=21)
    assert badges(vendor) == ["Eco-responsible"]
    type(certification).objects.filter(pk=certification.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert badges(vendor) == []
    assert later > timezone.localdate()


def test_questionnaire_answers_progress_and_badge_from_verified_evidence(vendor, owner, officer):
    version = QuestionnaireVersion.objects.current()
    policy = version.questions.get(key="env-policy")
    travel = version.questions.get(key="env-travel")
    assert questionnaire_progress(vendor, version) == (0, 20)
    answers_save(
        vendor=vendor,
        actor=owner,
        version=version,
        values={policy.pk: "yes", travel.pk: "no"},
        uploads={policy.pk: pdf_upload()},
    )
    assert questionnaire_progress(vendor, version) == (2, 20)
    answer = vendor.answers.get(question=policy)
    assert answer.evidence is not None and answer.status == ClaimStatus.SELF_DECLARED
    claim_verify(claim=answer, actor=officer)
    assert badges(vendor) == ["Eco-responsible"]
    # Saving the same answer again keeps the verification; changing it resets it.
    answers_save(vendor=vendor, actor=owner, version=version, values={policy.pk: "yes"})
    assert vendor.answers.get(question=policy).status == ClaimStatus.VERIFIED
    answers_save(vendor=vendor, actor=owner, version=version, values={policy.pk: "no"})
    assert vendor.answers.get(question=policy).status == ClaimStatus.SELF_DECLARED
    assert badges(vendor) == []


def test_a_new_version_carries_over_unchanged_answers_and_asks_only_new_ones(vendor, owner):
    v1 = QuestionnaireVersion.objects.current()
    answers_save(
        vendor=vendor,
        actor=owner,
        version=v1,
        values={q.pk: "yes" for q in v1.questions.filter(answer_type="yes_no")},
    )
    answered_v1, _total = questionnaire_progress(vendor, v1)
    v2 = QuestionnaireVersion.objects.create(number=2)
    for question in v1.questions.all():
        question.pk = None
        question.version = v2
        if question.key == "env-policy":
            question.text_en = "Do you have a written and public environmental policy?"
        question.save()
    QuestionnaireQuestion.objects.create(
        version=v2,
        key="env-new",
        section="eco",
        order=99,
        answer_type="yes_no",
        text_en="New?",
        text_fr="Nouveau?",
    )
    carried = questionnaire_version_publish(version=v2)
    assert QuestionnaireVersion.objects.current() == v2
    assert carried == answered_v1 - 1  # the reworded question is asked again
    assert questionnaire_progress(vendor, v2) == (answered_v1 - 1, 21)
    assert questionnaire_version_publish(version=v2) == 0  # harmless twice


def test_public_sees_verified_badges_only_and_never_self_identification(
    client, vendor, owner, officer, department
):
    Vendor.objects.filter(pk=vendor.pk).update(owned_women=True, owned_indigenous=True)
    add_cert(vendor, owner, slug="wbe-canada")  # self-declared
    page = client.get(f"/en/vendors/{vendor.pk}/").content.decode()
    assert "Women-owned" not in page and "women-owned" not in page
    assert "Indigenous-owned" not in page and "Diverse-owned" not in page
    assert vendor.business_number not in page
    claim_verify(claim=vendor.certifications.get(), actor=officer)
    page = client.get(f"/fr/fournisseurs/{vendor.pk}/").content.decode()
    assert "Entreprise issue de la diversité" in page
    client.force_login(make_user(Role.BUYER, department=department))
    government = client.get(f"/en/vendors/{vendor.pk}/").content.decode()
    assert "women-owned" in government and vendor.business_number in government


def test_one_bad_evidence_file_saves_nothing(vendor, owner, tmp_path):
    from django.core.exceptions import ValidationError

    version = QuestionnaireVersion.objects.current()
    policy = version.questions.get(key="env-policy")
    ownership = version.questions.get(key="div-ownership")
    with pytest.raises(ValidationError):
        answers_save(
            vendor=vendor,
            actor=owner,
            version=version,
            values={policy.pk: "yes", ownership.pk: "yes"},
            uploads={
                policy.pk: pdf_upload(),
                ownership.pk: SimpleUploadedFile("x.pdf", b"not a pdf at all"),
            },
        )
    assert not vendor.answers.exists()
    assert not list(tmp_path.rglob("*.*"))  # not even the good file
