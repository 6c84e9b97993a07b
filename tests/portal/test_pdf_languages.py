"""The French half of every bilingual PDF is tagged French in the structure tree, so screen
readers switch voice (PDF/UA; WeasyPrint alone keeps only the document's language)."""

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from opportunities.services.proposals import proposal_submit, receipt_pdf_render
from payments.models import Contract
from payments.services.contracts import contract_render
from payments.services.payments import payment_approve
from procurement_portal.models import Role
from procurement_portal.pdf import render_pdf
from tests.evaluations.factories import awarded
from tests.factories import make_user
from tests.opportunities.factories import published
from tests.opportunities.test_proposals import ready
from tests.payments.factories import card_for, quick_request
from tests.pdf_reading import document_language, language_parts, pdf_text
from tests.vendors.factories import make_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _read(field) -> bytes:
    with default_storage.open(field.name, "rb") as handle:
        return handle.read()


def assert_french_half_tagged(data: bytes, french_words: str) -> None:
    assert document_language(data) == "en"
    sections = [(kind, lang, size) for kind, lang, size in language_parts(data) if kind == "/Sect"]
    french = [size for kind, lang, size in sections if lang == "fr"]
    assert french and max(french) > 5, sections  # the whole half, not an empty box
    assert french_words in pdf_text(data)


def test_a_lang_attribute_reaches_the_structure_tree():
    data = render_pdf("pdf/base.html", {}, language="en", title="t")
    assert language_parts(data) == []  # nothing tagged without a lang attribute


def test_contract_french_half(department):
    opportunity, *_ = awarded(department)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    assert_french_half_tagged(_read(contract.pdf), "Portée des travaux")


def test_payment_receipt_french_half(department, django_capture_on_commit_callbacks):
    holder = make_user(Role.CARD_HOLDER, department=department)
    request, _buyer = quick_request(department)
    with django_capture_on_commit_callbacks(execute=True):
        payment = payment_approve(
            request=request,
            actor=holder,
            card=card_for(department, holder),
            amount=request.amount,
            paid_on=timezone.localdate(request.requested_at),
            authorization_code="AB12",
        )
    payment.refresh_from_db()
    assert_french_half_tagged(payment.receipt_pdf.read(), "Reçu de paiement")


def test_proposal_receipt_is_bilingual_like_the_contract():
    opportunity = published()
    user = make_vendor().members.get().user
    receipt = proposal_submit(proposal=ready(opportunity, user), actor=user)
    receipt_pdf_render(receipt.pk)
    receipt.refresh_from_db()
    data = _read(receipt.pdf)
    text = pdf_text(data)
    assert "Proposal receipt" in text and "Accusé de réception de la proposition" in text
    assert text.count(receipt.sha256[:16]) == 2
    assert_french_half_tagged(data, "Conservez")
