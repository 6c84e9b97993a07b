"""The proposal as one form (issue 12, item 2: no lost input), the review before submitting
and the receipt's next steps (item 4)."""

from decimal import Decimal

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from opportunities.models import Proposal, ProposalAttachment, ProposalReceipt
from opportunities.services.proposals import proposal_attach, proposal_save, proposal_start
from tests.vendors.factories import make_vendor, pdf_upload

from .factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def opportunity():
    return published()


@pytest.fixture
def owner():
    vendor = make_vendor(legal_name="Quillfeather Analytics Ltd.", operating_name="Quillfeather")
    return vendor.members.get().user


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def typed(opportunity, price="6400.50", text="Three steps, tested with users."):
    data = {"price": price}
    for criterion in opportunity.criteria.filter(is_price=False):
        data[f"c_{criterion.pk}"] = f"{text} ({criterion.name_en})"
    return data


def test_attaching_saves_the_typed_price_and_answers_first(client, opportunity, owner):
    client.force_login(owner)
    response = client.post(
        url("proposal_attach", pk=opportunity.pk),
        {**typed(opportunity), "file": pdf_upload("plan.pdf")},
    )
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    proposal = Proposal.objects.get()
    assert proposal.price == Decimal("6400.50")
    assert sorted(a.text for a in proposal.answers.all()) == sorted(
        v for k, v in typed(opportunity).items() if k.startswith("c_")
    )
    assert [a.display_name for a in proposal.attachments.all()] == ["plan.pdf"]


def test_removing_saves_the_typed_values_then_removes(client, opportunity, owner):
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    attachment = proposal_attach(proposal=proposal, actor=owner, upload=pdf_upload())
    client.force_login(owner)
    response = client.post(
        url("proposal_detach", pk=opportunity.pk, attachment_pk=attachment.pk),
        typed(opportunity, price="7000", text="Changed before removing"),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.price == Decimal("7000")
    assert all(a.text.startswith("Changed before removing") for a in proposal.answers.all())
    assert not ProposalAttachment.objects.exists()


def test_a_refused_price_keeps_everything_typed_and_attaches_nothing(client, opportunity, owner):
    client.force_login(owner)
    data = typed(opportunity, price="99999", text="Kept after the error")
    response = client.post(
        url("proposal_attach", pk=opportunity.pk), {**data, "file": pdf_upload()}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "above the maximum budget" in page
    assert 'value="99999"' in page and "Kept after the error (Approach)</textarea>" in page
    assert not ProposalAttachment.objects.exists()


def test_a_chosen_document_is_attached_by_save_too(client, opportunity, owner):
    """Choosing a file then pressing "Save the draft" does not lose the file."""
    client.force_login(owner)
    client.post(
        url("proposal_edit", pk=opportunity.pk),
        {**typed(opportunity), "file": pdf_upload("annex.pdf")},
    )
    assert [a.display_name for a in ProposalAttachment.objects.all()] == ["annex.pdf"]


def test_the_document_buttons_belong_to_the_one_form(client, opportunity, owner):
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    attachment = proposal_attach(proposal=proposal, actor=owner, upload=pdf_upload())
    client.force_login(owner)
    page = client.get(url("proposal_edit", pk=opportunity.pk)).content.decode()
    assert (
        page.count("<form ") == page.count("<form method")
        and page.count('enctype="multipart/form-data"') == 1
    )
    main = page[page.index('enctype="multipart/form-data"') :]
    main = main[: main.index("</form>")]
    assert f'formaction="{url("proposal_attach", pk=opportunity.pk)}"' in main
    detach = url("proposal_detach", pk=opportunity.pk, attachment_pk=attachment.pk)
    assert f'formaction="{detach}"' in main and 'id="id_price"' in main


@pytest.fixture
def ready(opportunity, owner):
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=Decimal("6400.50"),
        answers={
            c.pk: f"Quillfeather answers {c.name_en}"
            for c in opportunity.criteria.filter(is_price=False)
        },
    )
    proposal_attach(proposal=proposal, actor=owner, upload=pdf_upload("work plan.pdf"))
    return proposal


@pytest.mark.parametrize(
    ("language", "price", "declaration"),
    [
        ("en", "$6,400.50", "the information in it is true and complete"),
        (
            "fr",
            "6\u00a0400,50\u00a0$",
            "les renseignements qu’elle contient sont exacts et complets",
        ),
    ],
)
def test_the_review_page_shows_everything_that_is_sent(
    client, opportunity, owner, ready, language, price, declaration
):
    client.force_login(owner)
    page = client.get(url("proposal_submit", language, pk=opportunity.pk)).content.decode()
    assert price in page
    for criterion in opportunity.criteria.filter(is_price=False):
        assert f"Quillfeather answers {criterion.name_en}" in page
    attachment = ready.attachments.get()
    with translation.override(language):
        size = filesizeformat(attachment.size)
    assert f'work plan.pdf <span class="muted">({size})</span>' in page  # name and size
    assert "Quillfeather" in page.split('role="note"')[1]  # the identity warning
    assert declaration in page and 'name="declaration"' in page


def test_submitting_needs_the_declaration(client, opportunity, owner, ready):
    client.force_login(owner)
    response = client.post(url("proposal_submit", pk=opportunity.pk))
    assert response.status_code == 200 and "Tick the declaration to submit." in (
        response.content.decode()
    )
    assert not ProposalReceipt.objects.exists()
    response = client.post(url("proposal_submit", pk=opportunity.pk), {"declaration": "on"})
    receipt = ProposalReceipt.objects.get()
    assert response["Location"] == url("proposal_receipt", number=receipt.number)


@pytest.mark.parametrize(
    ("language", "next_step"),
    [
        ("en", "you can change your proposal and submit it again"),
        ("fr", "vous pouvez modifier votre proposition et la soumettre de nouveau"),
    ],
)
def test_the_receipt_says_what_happens_next_and_when(
    client, opportunity, owner, ready, language, next_step
):
    from procurement_portal.dates import long_datetime_in

    client.force_login(owner)
    client.post(url("proposal_submit", pk=opportunity.pk), {"declaration": "on"})
    receipt = ProposalReceipt.objects.get()
    page = client.get(url("proposal_receipt", language, number=receipt.number)).content.decode()
    with translation.override(language):
        closes = long_datetime_in(opportunity.closes_at, opportunity.time_zone)
    assert next_step in page and closes in page
