"""Nothing private in any open-data output: every dataset and public page is fetched and
searched for strings that only private records hold."""

import json

import pytest
from django.urls import reverse

from evaluations.models import PanelMember
from open_data.disclosure import Quarter
from open_data.ocds import ocid_for
from payments.models import Contract
from procurement_portal.models import Role, User
from vendors.models import Vendor

from .factories import full_journey

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_open_data_holds_no_private_fact(department, client):
    opportunity, buyer, owners, payment = full_journey(department)
    loser = owners[1].vendor_membership.vendor
    Vendor.objects.filter(pk=loser.pk).update(legal_name="Plumbatrix Unsuccessful Ltd.")
    loser.refresh_from_db()
    Vendor.objects.filter(pk=owners[0].vendor_membership.vendor_id).update(
        owned_women=True, owned_indigenous=True
    )
    contract = Contract.objects.get(opportunity=opportunity)
    ocid = ocid_for(opportunity.pk)
    quarter = Quarter.containing(contract.created_at.date())
    evaluators = [m.user for m in PanelMember.objects.filter(opportunity=opportunity)]
    secrets = {
        "the losing proposal": "Secret answer of bidder 1",
        "the losing vendor": loser.legal_name,
        "an evaluator": evaluators[0].full_name,
        "an evaluator's email": evaluators[1].email,
        "the card": "9753",
        "the authorization code": "QW12ER",
        "the card holder": User.objects.filter(role_assignments__role=Role.CARD_HOLDER)
        .first()
        .email,
        "self-identification": "owned_",
        "the signature IP": "192.0.2.",
        "the contract's buyer email": buyer.email,
        "the buyer's name (who may chair the panel)": buyer.full_name,
        "the winner's business number": owners[0].vendor_membership.vendor.business_number,
    }
    urls = [
        reverse("ocds_bulk"),
        reverse("ocds_release_package", kwargs={"ocid": ocid}),
        reverse("ocds_record_package", kwargs={"ocid": ocid}),
        reverse("open_data_contracts") + f"?quarter={quarter}",
        reverse("open_data_contracts_nil") + f"?quarter={quarter}",
        reverse("open_data_contractsa"),
        reverse("open_data_index"),
        reverse("award_notice", kwargs={"pk": opportunity.pk}),
        reverse("dashboard"),
        *[
            reverse("dashboard_data", kwargs={"name": n})
            for n in ("published", "proposals", "shares", "spending")
        ],
        *[
            reverse("dashboard_chart", kwargs={"name": n})
            for n in ("published", "proposals", "shares", "spending")
        ],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = _body(response)
        for what, secret in secrets.items():
            assert secret not in body, f"{what} appears in {url}"
    bulk = json.loads(_body(client.get(reverse("ocds_bulk"))))
    assert bulk["releases"]  # the search above looked at real data
