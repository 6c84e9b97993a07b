import pytest

from opportunities.models import OpportunityStatus, PlannedPurchase
from opportunities.services.initiatives import next_phase_draft, phase_decide
from opportunities.services.lifecycle import opportunity_publish
from opportunities.services.planned import (
    planned_convert,
    planned_create,
    planned_publish,
    planned_respond,
)
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import Role
from tests.factories import make_user

from .factories import ready_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(department):
    return make_user(Role.BUYER, department=department)


def test_planned_purchase_journey(
    client, buyer, department, mailoutbox, django_capture_on_commit_callbacks
):
    planned = planned_create(
        actor=buyer,
        department=department,
        title_en="Standing desks",
        title_fr="Bureaux debout",
        need_en="Ten desks",
        need_fr="Dix bureaux",
    )
    # A draft is not public: answered as a missing one.
    assert client.get(f"/en/planned-purchases/{planned.pk}/").status_code == 404
    planned_publish(planned=planned, actor=buyer)
    planned = planned_publish(planned=planned, actor=buyer)  # harmless twice
    vendor = make_user(Role.VENDOR_MEMBER)
    planned_respond(planned=planned, actor=vendor, interested=True, comment="Sit-stand?")
    planned_respond(planned=planned, actor=vendor, interested=True, comment="Updated")
    assert planned.responses.get().comment == "Updated"
    assert "Standing desks" in client.get("/en/planned-purchases/").content.decode()

    opportunity = planned_convert(planned=planned, actor=buyer)
    assert planned_convert(planned=planned, actor=buyer) == opportunity  # harmless twice
    planned.refresh_from_db()
    assert planned.status == PlannedPurchase.Status.CONVERTED
    assert opportunity.planned_purchase == planned and opportunity.status == "draft"
    assert opportunity.title_fr == "Bureaux debout"

    # Interested vendors hear when the opportunity opens.
    ready = ready_draft(owner=buyer)
    ready.planned_purchase = planned
    opportunity.planned_purchase = None
    opportunity.save(update_fields=["planned_purchase"])
    ready.save(update_fields=["planned_purchase"])
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_publish(opportunity=ready, actor=buyer)
    assert [m.to for m in mailoutbox] == [[vendor.email]]


def test_planned_purchase_rules(buyer, department):
    planned = planned_create(actor=buyer, department=department, title_en="x", need_en="y")
    vendor = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(TransitionNotAllowed):
        planned_respond(planned=planned, actor=vendor, interested=True, comment="")  # draft
    with pytest.raises(TransitionNotAllowed):
        planned_publish(planned=planned, actor=vendor)
    with pytest.raises(TransitionNotAllowed):
        planned_convert(planned=planned, actor=buyer)  # not published yet
    with pytest.raises(TransitionNotAllowed):
        planned_create(actor=vendor, department=department, title_en="x", need_en="y")


def test_go_no_go_and_next_phase(client, buyer, department):
    from opportunities.services.initiatives import initiative_create

    initiative = initiative_create(
        actor=buyer,
        department=department,
        name_en="Benefits finder",
        name_fr="Chercheur de prestations",
    )
    discovery = ready_draft(owner=buyer, initiative=initiative, phase="discovery")
    with pytest.raises(TransitionNotAllowed):  # not complete yet
        phase_decide(opportunity=discovery, actor=buyer, decision="go", reasons="Users need it")
    discovery.status = OpportunityStatus.COMPLETE  # the payment issue adds that transition
    discovery.awarded_amount = 9500
    discovery.save(update_fields=["status", "awarded_amount"])
    with pytest.raises(TransitionNotAllowed):
        next_phase_draft(opportunity=discovery, actor=buyer)  # no decision yet
    decision = phase_decide(
        opportunity=discovery, actor=buyer, decision="go", reasons="Users need it"
    )
    assert (
        phase_decide(
            opportunity=discovery, actor=buyer, decision="no_go", reasons="changed my mind"
        )
        == decision
    )  # recorded once
    alpha = next_phase_draft(opportunity=discovery, actor=buyer)
    assert next_phase_draft(opportunity=discovery, actor=buyer) == alpha
    assert (alpha.phase, alpha.previous_phase, alpha.initiative) == ("alpha", discovery, initiative)
    page = client.get(f"/en/initiatives/{initiative.pk}/").content.decode()
    assert "Users need it" in page and "$9,500.00" in page
    assert "Benefits finder" in page


def test_no_go_stops_the_initiative(buyer, department):
    from opportunities.services.initiatives import initiative_create

    initiative = initiative_create(actor=buyer, department=department, name_en="X", name_fr="X")
    beta = ready_draft(owner=buyer, initiative=initiative, phase="beta")
    beta.status = OpportunityStatus.COMPLETE
    beta.save(update_fields=["status"])
    phase_decide(opportunity=beta, actor=buyer, decision="no_go", reasons="Not worth it")
    with pytest.raises(TransitionNotAllowed):
        next_phase_draft(opportunity=beta, actor=buyer)
