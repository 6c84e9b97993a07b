"""The buyer's forms: bad input gets a clear message at the right field; nothing half-saved."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opportunities.models import Opportunity, OpportunityStatus
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import ready_draft

pytestmark = pytest.mark.django_db


def draft_post(opportunity, **changes):
    data = {
        "title_en": opportunity.title_en,
        "title_fr": opportunity.title_fr,
        "summary_en": opportunity.summary_en,
        "summary_fr": opportunity.summary_fr,
        "category": opportunity.category_id,
        "description_en": opportunity.description_en,
        "description_fr": opportunity.description_fr,
        "max_budget": "8500.00",
        "price_evaluation": "scored",
        "time_zone": "America/Toronto",
        "closes_at": timezone.localtime(opportunity.closes_at).strftime("%Y-%m-%dT%H:%M"),
        "contact_name": "A",
        "contact_email": "a@example.gc.ca",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "12",
    }
    for index, (name, weight, price) in enumerate(
        [("Approach", 50, ""), ("Team", 30, ""), ("Price", 20, "on")]
    ):
        data.update(
            {
                f"criteria-{index}-name_en": name,
                f"criteria-{index}-name_fr": name,
                f"criteria-{index}-weight": str(weight),
                f"criteria-{index}-min_score": "0",
            }
        )
        if price:
            data[f"criteria-{index}-is_price"] = price
    data.update(changes)
    return data


@pytest.fixture
def signed_in_buyer(client):
    def sign_in(opportunity):
        client.force_login(opportunity.owner)
        return client

    return sign_in


def test_buyer_creates_a_draft(client, department):
    buyer = make_user(Role.BUYER, department=department)
    client.force_login(buyer)
    response = client.post(
        "/en/opportunities/new/",
        {
            "title_en": "Translate a guide",
            "price_evaluation": "scored",
            "time_zone": "America/Toronto",
        },
    )
    opportunity = Opportunity.objects.get(title_en="Translate a guide")
    assert response.status_code == 302
    assert opportunity.status == OpportunityStatus.DRAFT and opportunity.owner == buyer
    assert opportunity.contact_email == buyer.email


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"max_budget": "12000.00"}, "max_budget", "above the micro-procurement threshold"),
        ({"closes_at": "2020-01-01T10:00"}, "closes_at", "in the past"),
        (
            {"closes_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
            "closes_at",
            "business days",
        ),
        ({"description_en": "Hi <script>alert(1)</script>"}, "description_en", "Scripts"),
        ({"criteria-0-weight": "60"}, None, "they must add up to 100"),
        (
            {"criteria-2-weight": "30", "criteria-0-weight": "40"},
            "criteria-2-weight",
            "at most 20%",
        ),
    ],
)
def test_bad_input_is_refused_at_the_right_field(signed_in_buyer, changes, field, text):
    opportunity = ready_draft()
    before = (opportunity.max_budget, list(opportunity.criteria.values_list("weight", flat=True)))
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/edit/", draft_post(opportunity, **changes)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body and text in body
    if field:
        assert f'id="id_{field}_error"' in body
        assert f'aria-describedby="id_{field}_error"' in body or (
            f"id_{field}_hint id_{field}_error" in body
        )
    opportunity.refresh_from_db()
    assert (
        opportunity.max_budget,
        list(opportunity.criteria.values_list("weight", flat=True)),
    ) == before


def test_a_valid_edit_saves_the_draft_and_its_criteria_together(signed_in_buyer):
    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/edit/", draft_post(opportunity, title_en="New title")
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title_en == "New title"
    assert list(opportunity.criteria.values_list("name_en", "weight")) == [
        ("Approach", 50),
        ("Team", 30),
        ("Price", 20),
    ]


def test_a_published_opportunity_is_not_edited(signed_in_buyer):
    from .factories import published

    opportunity = published()
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/edit/", draft_post(opportunity, title_en="Sneaky")
    )
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).title_en != "Sneaky"


from tests.vendors.factories import PDF  # noqa: E402 - a PDF whose /Info names its author


def test_attaching_and_removing_save_the_typed_draft_first(signed_in_buyer, settings, tmp_path):
    """The document buttons post the whole draft form (issue 12: no lost input)."""
    settings.MEDIA_ROOT = tmp_path
    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/documents/add/",
        {
            **draft_post(opportunity, title_en="Typed just before attaching"),
            "file": SimpleUploadedFile("annex.pdf", PDF),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    opportunity.refresh_from_db()
    assert opportunity.title_en == "Typed just before attaching"
    attachment = opportunity.attachments.get()
    client.post(
        f"/en/opportunities/{opportunity.pk}/documents/{attachment.pk}/remove/",
        draft_post(opportunity, title_en="Typed just before removing"),
    )
    opportunity.refresh_from_db()
    assert opportunity.title_en == "Typed just before removing"
    assert not opportunity.attachments.exists()
    page = client.get(f"/en/opportunities/{opportunity.pk}/edit/").content.decode()
    assert page.count("<form method") == page.count("<form ")
    assert f'formaction="/en/opportunities/{opportunity.pk}/documents/add/"' in page


def test_attachment_is_checked_by_content_and_stored_under_a_server_name(
    signed_in_buyer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    client.post(
        f"/en/opportunities/{opportunity.pk}/documents/add/",
        {**draft_post(opportunity), "file": SimpleUploadedFile("../../Terms of work.pdf", PDF)},
    )
    attachment = opportunity.attachments.get()
    assert attachment.display_name == "Terms of work.pdf"
    assert attachment.content_type == "application/pdf"
    assert "Terms" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    download = b"".join(
        client.get(
            f"/en/opportunities/{opportunity.pk}/documents/{attachment.pk}/"
        ).streaming_content
    )
    assert download.startswith(b"%PDF") and b"Jane Secret" not in download  # metadata gone


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", b"MZ\x90\x00 this is a Windows program", "not one of the accepted"),
        ("notes.pdf", b"", "empty"),
    ],
)
def test_disguised_or_empty_files_are_refused(
    signed_in_buyer, name, content, message, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/documents/add/",
        {**draft_post(opportunity), "file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not opportunity.attachments.exists()
    assert not list(tmp_path.rglob("*.*"))  # nothing half-written


def test_oversized_files_are_refused_with_the_limit(signed_in_buyer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_MAX_UPLOAD_BYTES = 1024
    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/documents/add/",
        {**draft_post(opportunity), "file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)},
        follow=True,
    )
    assert "the largest file accepted is 1.0\xa0KB" in response.content.decode()
    assert not opportunity.attachments.exists()


def test_publish_page_lists_problems_then_publishes(signed_in_buyer):
    opportunity = ready_draft(title_fr="")
    client = signed_in_buyer(opportunity)
    page = client.get(f"/fr/occasions/{opportunity.pk}/publier/").content.decode()
    # The one missing field, named in French (no-break or plain space before the colon).
    assert re.search(r"Il manque[\s\xa0\u202f]*:[\s\xa0]*Titre en français\.", page)
    assert "Résumé en français" not in page and "Titre en anglais" not in page
    Opportunity.objects.filter(pk=opportunity.pk).update(title_fr="Un titre")
    # Without the explicit confirmation the page only asks again (no JavaScript needed).
    response = client.post(f"/en/opportunities/{opportunity.pk}/publish/")
    assert response.status_code == 200 and "This cannot be undone." in response.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.DRAFT
    response = client.post(f"/en/opportunities/{opportunity.pk}/publish/", {"confirm": "yes"})
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.PUBLISHED


def test_markdown_is_sanitised_when_shown(client):
    from .factories import published

    opportunity = published(
        description_en="[x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**"
    )
    page = client.get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    assert "<strong>bold</strong>" in page
    assert "javascript:" not in page and "onerror" not in page


def test_closing_time_is_typed_and_shown_in_the_opportunity_time_zone(signed_in_buyer):
    from zoneinfo import ZoneInfo

    opportunity = ready_draft()
    client = signed_in_buyer(opportunity)
    local = (timezone.now() + timedelta(days=40)).astimezone(ZoneInfo("America/Vancouver"))
    typed = local.replace(hour=14, minute=0, second=0, microsecond=0)
    response = client.post(
        f"/en/opportunities/{opportunity.pk}/edit/",
        draft_post(
            opportunity, time_zone="America/Vancouver", closes_at=typed.strftime("%Y-%m-%dT%H:%M")
        ),
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.closes_at == typed  # 14:00 in Vancouver, whatever the server's zone
    page = client.get(f"/en/opportunities/{opportunity.pk}/edit/").content.decode()
    assert f'value="{typed.strftime("%Y-%m-%dT%H:%M")}"' in page
    shown = client.get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    assert "2:00 p.m. P" in shown  # PST or PDT
