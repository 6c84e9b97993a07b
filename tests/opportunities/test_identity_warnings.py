"""Identity warnings catch near matches: a table of variants, found and not found."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opportunities.services.identity import (
    IdentityWarning,
    normalise,
    without_legal_suffix,
)
from opportunities.services.proposals import (
    identity_warnings,
    proposal_attach,
    proposal_save,
    proposal_start,
)
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor():
    owner = make_user(Role.VENDOR_MEMBER, email="owner@lumen-conseil.ca")
    owner.full_name = "Marie-Ève Tremblay"
    owner.save(update_fields=["full_name"])
    return make_vendor(
        owner=owner,
        legal_name="Lumen Conseil ltée",
        operating_name="Atelier Éclat s.e.n.c.",
        website="https://www.lumenconseil.com/fr/",
        contact_email="info@eclat-studio.ca",
        phone="(613) 555-0142",
        business_number="123456782",
    )


def proposal_with(vendor, *, answer="Our approach is careful and tested.", files=()):
    opportunity = published()
    owner = vendor.members.get().user
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=None,
        answers={c.pk: answer for c in opportunity.criteria.filter(is_price=False)},
    )
    for upload in files:
        proposal_attach(proposal=proposal, actor=owner, upload=upload)
    return proposal


# (text in an answer, the warning(s) expected, or None when nothing may be found)
VARIANTS = [
    # the legal name, with and without its suffix, any case, without accents
    ("Lumen Conseil ltée has done this.", "Lumen Conseil"),
    ("LUMEN CONSEIL LTEE has done this.", "Lumen Conseil"),
    ("Lumen Conseil Limitée", "Lumen Conseil"),
    ("We at Lumen Conseil know.", "Lumen Conseil"),
    ("lumen-conseil's team", "Lumen Conseil"),
    ("Lumen\nConseil", "Lumen Conseil"),
    # the operating name, without its s.e.n.c., accent- and case-insensitive
    ("Atelier Éclat s.e.n.c. will deliver.", "Atelier Éclat"),
    ("atelier eclat SENC will deliver.", "Atelier Éclat"),
    ("ATELIER ÉCLAT", "Atelier Éclat"),
    # a member's full name
    ("Marie-Ève Tremblay leads the work.", "Marie-Ève Tremblay"),
    ("marie eve tremblay leads the work.", "Marie-Ève Tremblay"),
    ("MARIE-EVE TREMBLAY", "Marie-Ève Tremblay"),
    # the website's domain, the email domains (contact and members')
    ("See www.lumenconseil.com/fr/projets.", "lumenconseil.com"),
    ("Write to hello@LumenConseil.com", "lumenconseil.com"),
    ("info@eclat-studio.ca", "eclat-studio.ca"),
    ("eclat-studio.ca/portfolio", "eclat-studio.ca"),
    ("owner@lumen-conseil.ca", ["Lumen Conseil", "lumen-conseil.ca"]),
    # the phone number, however it is written
    ("Call 613-555-0142.", "(613) 555-0142"),
    ("Call +1 (613) 555 0142.", "(613) 555-0142"),
    ("Call 6135550142.", "(613) 555-0142"),
    ("Call 1.613.555.0142", "(613) 555-0142"),
    # the business number, with spaces or its program account
    ("BN 123456782", "123456782"),
    ("BN 123 456 782", "123456782"),
    ("GST/HST 123456782RT0001", "123456782"),
    # near misses that must not be found: whole words only, other numbers
    ("We illuminate the conseil's work.", None),
    ("Lumens and Conseils", None),
    ("A lumen is a unit.", None),
    ("The atelier was bright.", None),
    ("Marie reviewed it; Tremblay is a common name.", None),
    ("lumenconseil.community", None),
    ("Call 613-555-0143.", None),
    ("Call 613-555-01421.", None),
    ("Reference 1234567820 and 12345678.", None),
    ("Our approach is careful and tested.", None),
]


@pytest.mark.parametrize(("text", "expected"), VARIANTS)
def test_identity_warnings_catch_near_matches_in_answers(vendor, text, expected):
    warnings = identity_warnings(proposal_with(vendor, answer=text))
    if expected is None:
        assert warnings == []
    else:
        assert warnings == (expected if isinstance(expected, list) else [expected])


def test_public_webmail_domains_are_not_warnings():
    owner = make_user(Role.VENDOR_MEMBER, email="someone@gmail.com")
    vendor = make_vendor(owner=owner, legal_name="Quartzite Works Inc.", operating_name="")
    assert identity_warnings(proposal_with(vendor, answer="Write to me at x@gmail.com")) == []


def test_warnings_keep_their_string_shape_and_say_what_and_where(vendor):
    proposal = proposal_with(
        vendor,
        answer="Lumen Conseil and lumenconseil.com",
        files=[pdf_upload("CV Marie-Eve Tremblay.pdf")],
    )
    warnings = identity_warnings(proposal)
    assert warnings == ["Lumen Conseil", "Marie-Ève Tremblay", "lumenconseil.com"]
    assert all(isinstance(w, str) and isinstance(w, IdentityWarning) for w in warnings)
    by_word = {str(w): w for w in warnings}
    assert by_word["Lumen Conseil"].kind == "legal_name"
    assert by_word["Marie-Ève Tremblay"].kind == "member_name"
    assert by_word["Marie-Ève Tremblay"].places == [f"file_name:{proposal.attachments.get().pk}"]
    assert all(p.startswith("answer:") for p in by_word["lumenconseil.com"].places)


def _pdf_saying(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prepared by LUMEN CONSEIL for the department.", ["Lumen Conseil"]),
        ("Contact: 613 555 0142", ["(613) 555-0142"]),
        ("We illuminate forms.", []),
    ],
)
def test_the_text_of_pdf_documents_is_searched(vendor, settings, tmp_path, text, expected):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("approach.pdf", _pdf_saying(text), "application/pdf")
    proposal = proposal_with(vendor, files=[upload])
    assert identity_warnings(proposal) == expected


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Lumen Conseil ltée", "lumen conseil"),
        ("Quillfeather Analytics Ltd.", "quillfeather analytics"),
        ("Tremblay & Cie ltée", "tremblay"),
        ("Atelier Éclat s.e.n.c.", "atelier eclat"),
        ("Northwind, Inc.", "northwind"),
        ("Blue Harbour Corp", "blue harbour"),
        ("Acme LLC", "acme"),
        ("Co", "co"),  # a name is never stripped to nothing
        ("Inc Spaces Inc.", "inc spaces"),
    ],
)
def test_legal_suffixes_come_off(name, core):
    assert without_legal_suffix(name) == core


def test_normalise_folds_case_accents_punctuation_and_spaces():
    assert normalise("  Ça  VA, l’Été_2026!") == "ca va l ete 2026"
