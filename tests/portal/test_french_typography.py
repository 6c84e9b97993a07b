"""French of equal quality: the Translation Bureau's rules (*Le guide du rédacteur*, Canadian
usage) hold in the catalogue and in what French readers get — pages, emails and PDFs."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from evaluations.models import PanelMember
from opportunities.services.addenda import addendum_post
from opportunities.services.proposals import receipt_pdf_render
from opportunities.services.questions import question_answer, question_ask
from payments.services.payments import payment_approve
from procurement_portal.models import Role
from procurement_portal.services.roles import role_grant
from tests.email_samples import email_prefixes, render
from tests.factories import make_user
from tests.french_typography import french_text_of_html, typography_errors
from tests.opportunities.factories import published
from tests.payments.factories import card_for, payment_requested
from tests.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db
CATALOGUES = [
    Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    Path(settings.BASE_DIR) / "locale" / "overrides" / "fr" / "LC_MESSAGES" / "django.po",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_checker_catches_each_rule():
    wrong = [
        "Motif: annulé",
        "«annulé»",
        "Vraiment ?",
        "Le 1 décembre 2026",
        "à 3:28 p.m.",
        "à 14h55",
        "14 h 55 EST",
        "Votre e-mail",
        "l'occasion",
        "Reçue le 2026-12-01T20:28:12+00:00",
    ]
    for text in wrong:
        assert typography_errors(text), text
    right = (
        "Motif\u00a0: annulé — «\u00a0annulé\u00a0» Vraiment? Le 1er décembre 2026, "
        "14 h 55 HNE, 2026-12-01 14:55, https://canada.ca, votre courriel, l’occasion"
    )
    assert typography_errors(right) == []


def catalogue_errors() -> list[str]:
    errors = []
    for path in CATALOGUES:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id or str(message.id).endswith("/"):  # URL paths are not prose
                continue
            strings = [message.string] if isinstance(message.string, str) else message.string
            for text in strings:
                errors += typography_errors(
                    text, f"{path.parent.parent.parent.name}: {str(message.id)[:40]!r}"
                )
    return errors


def french_pages(client, department, on_commit):
    """Pages with every kind of content: a published opportunity with a question, its answer
    and an addendum; an awarded one with its contract, delivery, payment and debrief."""
    open_one = published()
    vendor_user = make_user(Role.VENDOR_MEMBER)
    question = question_ask(
        opportunity=open_one, actor=vendor_user, text="Le format PDF est-il accepté?"
    )
    question_answer(
        question=question,
        actor=open_one.owner,
        answer_en="Yes.",
        answer_fr="Oui, le format PDF est accepté.",
    )
    addendum_post(
        opportunity=open_one,
        actor=open_one.owner,
        text_en="The deadline moves.",
        text_fr="La date de clôture est reportée.",
    )
    request, buyer, winner = payment_requested(department)
    contract = request.contract
    opportunity = contract.opportunity
    holder = make_user(Role.CARD_HOLDER, department=department)
    with on_commit(execute=True):  # the receipt PDF is rendered after commit
        payment = payment_approve(
            request=request,
            actor=holder,
            card=card_for(department, holder),
            amount=request.amount,
            paid_on=timezone.localdate(request.requested_at),
            authorization_code="AB12",
        )
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    role_grant(user=officer, role=Role.SITE_ADMIN, department=None)
    chair = PanelMember.objects.filter(opportunity=opportunity, is_chair=True).first().user
    proposal = contract.proposal
    visits = [
        (None, "home", {}),
        (None, "opportunity_list", {}),
        (None, "opportunity_detail", {"pk": open_one.pk}),
        (None, "opportunity_detail", {"pk": opportunity.pk}),
        (None, "award_notice", {"pk": opportunity.pk}),
        (None, "open_data_index", {}),
        (None, "planned_list", {}),
        (None, "vendor_list", {}),
        (open_one.owner, "question_list", {"pk": open_one.pk}),
        (open_one.owner, "buyer_workspace", {}),
        (buyer, "contract_detail", {"pk": contract.pk}),
        (buyer, "payment_request", {"pk": request.pk}),
        (officer, "audit_list", {}),
        (chair, "evaluation_home", {"pk": opportunity.pk}),
        (winner, "debrief", {"pk": proposal.pk}),
        (winner, "proposal_receipt", {"number": proposal.last_receipt.number}),
        (winner, "contract_detail", {"pk": contract.pk}),
        (winner, "my_business", {}),
    ]
    for person, name, kwargs in visits:
        client.logout()
        if person:
            client.force_login(person)
        with translation.override("fr"):
            url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()
    yield from french_pdfs(contract, payment, proposal)


def french_pdfs(contract, payment, proposal):
    """The French half of each bilingual PDF (pypdf text), from its French title on."""
    payment.refresh_from_db()
    receipt = proposal.last_receipt
    receipt_pdf_render(receipt.pk)
    receipt.refresh_from_db()
    for name, field, start, end in [
        ("contract", contract.pdf, "Contrat —", "Annex A"),
        ("payment receipt", payment.receipt_pdf, "Reçu de paiement", None),
        (
            "proposal receipt",
            receipt.pdf,
            "Accusé de réception de la proposition",
            "Proposal receipt",
        ),
    ]:
        with default_storage.open(field.name, "rb") as handle:
            text = pdf_text(handle.read())
        assert start in text, name
        french = text[text.index(start) :]
        yield f"PDF {name}", french.split(end)[0] if end else french


def test_french_typography_in_catalogue_pages_emails_and_pdfs(
    client, department, django_capture_on_commit_callbacks
):
    errors = catalogue_errors()
    checked = 0
    for where, content in french_pages(client, department, django_capture_on_commit_callbacks):
        text = content if where.startswith("PDF") else french_text_of_html(content)
        errors += typography_errors(text, where)
        checked += 1
    for prefix in email_prefixes():
        email = render(prefix, "fr")
        errors += typography_errors(email.subject, f"{prefix} subject")
        errors += typography_errors(email.body, f"{prefix} text")
        errors += typography_errors(french_text_of_html(email.alternatives[0][0]), f"{prefix} html")
        checked += 1
    assert checked > 40
    assert errors == [], f"{len(errors)} French typography errors:\n" + "\n".join(errors[:60])
