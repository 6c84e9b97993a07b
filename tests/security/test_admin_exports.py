"""Issue 18, finding 6: every admin export downloads, and no cell runs as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement_portal.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example")'


@pytest.fixture
def rows(department, settings, tmp_path):
    """One row per exported model, each carrying a formula in a text column."""
    settings.MEDIA_ROOT = tmp_path
    from evaluations.models import AwardDecision
    from tests.payments.factories import card_for, past_payment, quick_contract
    from tests.vendors.factories import make_vendor

    vendor = make_vendor(legal_name=EVIL)
    buyer = make_user(Role.BUYER, department=department)
    contract, _ = quick_contract(department, buyer=buyer, vendor=vendor)
    opportunity = contract.opportunity
    type(opportunity).objects.filter(pk=opportunity.pk).update(title_en=EVIL)
    AwardDecision.objects.create(
        opportunity=opportunity,
        kind="top",
        proposal=contract.proposal,
        decided_by=buyer,
        justification=EVIL,
    )
    past_payment(
        department, card_for(department), amount="100", paid_on=timezone.localdate(), vendor=vendor
    )
    return vendor


@pytest.mark.parametrize(
    "model",
    [
        "vendors_vendor",
        "opportunities_opportunity",
        "evaluations_awarddecision",
        "payments_contract",
        "payments_payment",
    ],
)
def test_each_admin_export_downloads_formula_safe(client, rows, model):
    client.force_login(make_user(Role.SITE_ADMIN))
    url = reverse(f"admin:{model}_export")
    form_page = client.get(url)
    assert form_page.status_code == 200
    form = form_page.context["form"]
    data = {"format": "0", "resource": "0"}
    for name, field in form.fields.items():
        if getattr(field, "is_selectable_field", False) or name.endswith(
            tuple(
                f"_{f}"
                for f in ("id", "number", "legal_name", "title_en", "vendor", "justification")
            )
        ):
            data[name] = "on"
    # Select every field the form offers.
    for name in form.fields:
        if name not in {"format", "resource", "export_items"}:
            data.setdefault(name, "on")
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    assert "csv" in response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    assert len(cells) > 1
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
    if model != "payments_payment":
        assert f"'{EVIL}" in cells


def test_the_vendor_import_page_opens(client):
    client.force_login(make_user(Role.SITE_ADMIN))
    assert client.get(reverse("admin:vendors_vendor_import")).status_code == 200
