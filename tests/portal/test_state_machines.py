"""Every stateful model has its table and one owner; tests generated from the tables.

For each model: every move its table allows works through the owner (status saved, audit
entry from → to, the OCDS release the table names); every move it does not allow is refused
with the domain error and writes nothing; repeating a move that already happened writes
nothing (no second audit entry, no second release).
"""

from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from evaluations.models import Evaluation
from evaluations.services.status import evaluation_move
from opportunities.models import Opportunity, PlannedPurchase, Proposal
from opportunities.services.status import opportunity_move, planned_move, proposal_move
from payments.models import Contract, Delivery, PaymentRequest
from payments.services.status import contract_move, delivery_move, payment_request_move
from procurement_portal.events import public_change
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import AuditEntry, OutboundMessage, Role
from procurement_portal.services.status import message_move
from tests.factories import make_user
from tests.payments.factories import quick_contract
from vendors.models import Certification, EvidenceFile, QuestionnaireAnswer, QuestionnaireQuestion
from vendors.services.status import claim_move


def _stateful_models():
    return [m for m in apps.get_models() if any(f.name == "status" for f in m._meta.fields)]


def test_every_model_with_a_status_has_a_complete_table():
    models = _stateful_models()
    assert {m._meta.label for m in models} >= {
        "opportunities.Opportunity",
        "opportunities.Proposal",
        "opportunities.PlannedPurchase",
        "vendors.Certification",
        "vendors.QuestionnaireAnswer",
        "evaluations.Evaluation",
        "payments.Contract",
        "payments.Delivery",
        "payments.PaymentRequest",
        "procurement_portal.OutboundMessage",
    }
    for model in models:
        table = getattr(model, "TRANSITIONS", None)
        assert table is not None, f"{model._meta.label} has a status but no TRANSITIONS"
        states = {value for value, _label in model._meta.get_field("status").choices}
        assert set(table) == states, f"{model._meta.label}: every state needs a row"
        for moves in table.values():
            assert set(moves) <= states
        default = model._meta.get_field("status").default
        assert default in states


# How to make one row of each model, and its owner function.
def _make(model, department):
    contract, buyer = quick_contract(department)
    if model is Opportunity:
        return contract.opportunity
    if model is Proposal:
        return contract.proposal
    if model is Contract:
        return contract
    if model is PlannedPurchase:
        return PlannedPurchase.objects.create(
            department=department, owner=buyer, title_en="Plan", need_en="Need"
        )
    if model is Evaluation:
        return Evaluation.objects.create(opportunity=contract.opportunity)
    if model is Delivery:
        return Delivery.objects.create(
            contract=contract, note="Done", submitted_by=contract.vendor.members.first().user
        )
    if model is PaymentRequest:
        return PaymentRequest.objects.create(
            contract=contract, amount=Decimal("10.00"), requested_by=buyer
        )
    if model is QuestionnaireAnswer:
        return QuestionnaireAnswer.objects.create(
            vendor=contract.vendor, question=QuestionnaireQuestion.objects.first(), value="yes"
        )
    if model is Certification:
        from vendors.models import CertificationType

        owner = contract.vendor.members.first().user
        evidence = EvidenceFile.objects.create(
            vendor=contract.vendor,
            file="evidence/x.pdf",
            display_name="x.pdf",
            content_type="application/pdf",
            size=1,
            uploaded_by=owner,
        )
        return Certification.objects.create(
            vendor=contract.vendor,
            kind=CertificationType.objects.first(),
            issued_on=timezone.localdate(),
            evidence=evidence,
        )
    if model is OutboundMessage:
        return OutboundMessage.objects.create(
            to_email="a@example.com", language="en", template="emails/test"
        )
    raise AssertionError(model)


def _owner(model):
    def locked(obj):
        return type(obj).objects.select_for_update().get(pk=obj.pk)

    return {
        Opportunity: lambda o, to: opportunity_move(
            opportunity_id=o.pk, to=to, actor=None, action="test"
        ),
        Proposal: lambda o, to: proposal_move(proposal_id=o.pk, to=to, actor=None, action="test"),
        PlannedPurchase: lambda o, to: planned_move(
            planned_id=o.pk, to=to, actor=None, action="test"
        ),
        Evaluation: lambda o, to: evaluation_move(
            evaluation_id=o.pk, to=to, actor=None, action="test"
        ),
        Contract: lambda o, to: contract_move(contract_id=o.pk, to=to, actor=None, action="test"),
        Delivery: lambda o, to: delivery_move(delivery_id=o.pk, to=to, actor=None, action="test"),
        PaymentRequest: lambda o, to: payment_request_move(
            request_id=o.pk, to=to, actor=None, action="test"
        ),
        QuestionnaireAnswer: lambda o, to: claim_move(claim=o, to=to, actor=None, action="test"),
        Certification: lambda o, to: claim_move(claim=o, to=to, actor=None, action="test"),
        OutboundMessage: lambda o, to: message_move(message=locked(o), to=to),
    }[model]


OWNED = [
    Opportunity,
    Proposal,
    PlannedPurchase,
    Evaluation,
    Contract,
    Delivery,
    PaymentRequest,
    QuestionnaireAnswer,
    Certification,
    OutboundMessage,
]


def _pairs(model, allowed: bool):
    states = [value for value, _label in model._meta.get_field("status").choices]
    return [
        (model, a, b)
        for a in states
        for b in states
        if (b in model.TRANSITIONS[a]) == allowed and (allowed or a != b)
    ]


def _ids(case):
    model, a, b = case
    return f"{model.__name__}:{a}->{b}"


@pytest.fixture
def releases():
    seen = []

    def receive(sender, opportunity_id, tag, **kwargs):
        seen.append((opportunity_id, tag))

    public_change.connect(receive, dispatch_uid="test_state_machines")
    yield seen
    public_change.disconnect(dispatch_uid="test_state_machines")


def _in_state(model, department, state):
    obj = _make(model, department)
    # Tests may place a row in any state directly; the application may not.
    model.objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()
    return obj


ALLOWED = [case for model in OWNED for case in _pairs(model, True)]
REFUSED = [case for model in OWNED for case in _pairs(model, False)]


@pytest.mark.django_db
@pytest.mark.parametrize("case", ALLOWED, ids=_ids)
def test_every_allowed_move_works_and_repeating_it_is_harmless(case, department, releases):
    model, from_state, to_state = case
    obj = _in_state(model, department, from_state)
    audits = AuditEntry.objects.count()
    move = _owner(model)(obj, to_state)
    obj.refresh_from_db()
    assert move.moved and move.from_state == from_state and obj.status == to_state
    tag = model.TRANSITIONS[from_state][to_state]
    assert releases == ([(obj.pk, tag)] if tag else [])
    if model is OutboundMessage:
        assert AuditEntry.objects.count() == audits  # the outbox row is its own record
    else:
        entry = AuditEntry.objects.latest("pk")
        assert (entry.from_state, entry.to_state, entry.object_id) == (
            from_state,
            to_state,
            str(obj.pk),
        )
        assert AuditEntry.objects.count() == audits + 1
    if to_state not in model.TRANSITIONS[to_state]:  # not a move to itself (a resubmission)
        audits, before = AuditEntry.objects.count(), list(releases)
        again = _owner(model)(obj, to_state)
        assert not again.moved
        assert AuditEntry.objects.count() == audits and releases == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", REFUSED, ids=_ids)
def test_every_move_the_table_does_not_list_is_refused(case, department, releases):
    model, from_state, to_state = case
    obj = _in_state(model, department, from_state)
    audits = AuditEntry.objects.count()
    with pytest.raises(TransitionNotAllowed):
        _owner(model)(obj, to_state)
    obj.refresh_from_db()
    assert obj.status == from_state
    assert AuditEntry.objects.count() == audits and releases == []


@pytest.mark.django_db
def test_a_refused_move_says_why_in_the_readers_language(department):
    from django.utils import translation

    obj = _in_state(Opportunity, department, "complete")
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        opportunity_move(opportunity_id=obj.pk, to="published", actor=None, action="test")
    assert "Terminée" in str(error.value) or "statut" in str(error.value)


@pytest.mark.django_db
def test_the_audit_entry_names_the_actor(department):
    buyer = make_user(Role.BUYER, department=department)
    obj = _in_state(Opportunity, department, "draft")
    opportunity_move(opportunity_id=obj.pk, to="cancelled", actor=buyer, action="test")
    assert AuditEntry.objects.latest("pk").actor == buyer


def test_the_architecture_notes_show_the_diagrams_of_the_tables_as_they_are():
    from pathlib import Path

    from procurement_portal.management.commands.state_diagrams import all_diagrams

    notes = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    section = notes.split("<!-- state-diagrams:start -->\n")[1].split(
        "<!-- state-diagrams:end -->"
    )[0]
    assert section == all_diagrams(), "run: python manage.py state_diagrams"
    assert "stateDiagram-v2" in section and "draft --> published: OCDS tender" in section
