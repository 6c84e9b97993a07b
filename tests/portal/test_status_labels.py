"""Status labels agree with the noun they qualify (pgettext contexts per model)."""

import pytest
from django.urls import reverse
from django.utils import translation

from opportunities.models import OpportunityStatus, ProposalStatus
from payments.models import Contract
from payments.models.contracts import CONTRACT_STATUS_LABELS
from payments.models.delivery import DeliveryStatus
from payments.models.payments import PaymentRequestStatus
from vendors.models.claims import ClaimStatus

pytestmark = pytest.mark.django_db

# (label, French): occasion, proposition, livraison, demande and déclaration are feminine;
# contrat is masculine.
AGREEMENT = [
    (OpportunityStatus.AWARDED.label, "Attribuée"),
    (OpportunityStatus.COMPLETE.label, "Terminée"),
    (ProposalStatus.SUBMITTED.label, "Soumise"),
    (DeliveryStatus.ACCEPTED.label, "Acceptée"),
    (PaymentRequestStatus.PAID.label, "Payée"),
    (ClaimStatus.VERIFIED.label, "Vérifiée"),
    (ClaimStatus.REJECTED.label, "Rejetée"),
    (ClaimStatus.SELF_DECLARED.label, "Autodéclarée"),
    (CONTRACT_STATUS_LABELS["awarded"], "Attribué"),
    (CONTRACT_STATUS_LABELS["paid"], "Payé"),
    (CONTRACT_STATUS_LABELS["complete"], "Terminé"),
]


@pytest.mark.parametrize(("label", "french"), AGREEMENT)
def test_french_label_agrees(label, french):
    with translation.override("fr"):
        assert str(label) == french


def test_the_contract_page_says_contrat_attribue(client, department):
    from tests.payments.factories import quick_contract

    contract, buyer = quick_contract(department, status=OpportunityStatus.AWARDED)
    client.force_login(buyer)
    with translation.override("fr"):
        body = client.get(reverse("contract_detail", kwargs={"pk": contract.pk})).content.decode()
        listing = client.get(reverse("contract_list")).content.decode()
    assert ">Attribué<" in body and ">Attribuée<" not in body
    assert ">Attribué<" in listing
    assert Contract.objects.get(pk=contract.pk).status_label == "Awarded"
