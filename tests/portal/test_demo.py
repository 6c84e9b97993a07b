import pytest
from django.core.management import call_command

from opportunities.models import Opportunity, PlannedPurchase
from procurement_portal.models import AuditEntry, RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_demo_data_loads_through_the_services_and_twice_is_harmless():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), RoleAssignment.objects.count(), Opportunity.objects.count(),
              PlannedPurchase.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (User.objects.count(), RoleAssignment.objects.count(), Opportunity.objects.count(),
            PlannedPurchase.objects.count(), AuditEntry.objects.count()) == counts
    statuses = set(Opportunity.objects.values_list("status", flat=True))
    assert {"draft", "published", "closed", "cancelled", "complete"} <= statuses
    assert User.objects.get(email="buyer@demo.gc.ca").has_role("buyer")
    assert AuditEntry.objects.filter(action="opportunity.publish").exists()
    from payments.models import PurchaseCard

    assert PurchaseCard.objects.filter(holder__email="cardholder@demo.gc.ca").count() == 2
