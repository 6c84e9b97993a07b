"""No payment-card number gets into the portal through any free-text field."""

import importlib
import pkgutil

import pytest
from django import forms

from procurement_portal.card_numbers import contains_card_number, luhn_valid
from procurement_portal.forms import CardNumberGuard

CARD = "4111 1111 1111 1111"
APPS = ["procurement_portal", "opportunities", "vendors", "evaluations", "payments"]


@pytest.mark.parametrize(
    "text",
    [
        "4111111111111111",
        CARD,
        "4111-1111-1111-1111",
        "pay with 5500 0000 0000 0004 please",
        "3782 822463 10005",  # American Express, 15 digits
        "ref 12 4111 1111 1111 1111 exp 09",  # next to other figures
        "4111 1111 1111 1111 123",  # followed by the security code
    ],
)
def test_card_numbers_are_found(text):
    assert contains_card_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # fails Luhn
        "Call 613-555-0199",
        "BN 123456789",
        "2026-11-24",
        "$10,000.00",
        "",
        "79927398713",  # Luhn-valid but only 11 digits
        "1234567890123456789012345",  # a long identifier, not a card
    ],
)
def test_ordinary_numbers_are_not(text):
    assert not contains_card_number(text)


def test_luhn():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def _project_form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    seen, stack = set(), [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return sorted(
        (
            c
            for c in seen
            if c.__module__.split(".")[0] in APPS
            and c not in {CardNumberGuard}
            and not c.__name__.startswith("Portal")
        ),
        key=lambda c: f"{c.__module__}.{c.__name__}",
    )


def _constructor_kwargs(department):
    """What each form needs to be built; a new form with required arguments must be added."""
    from opportunities.models import Criterion
    from payments.models import PurchaseCard
    from procurement_portal.models import Department
    from tests.opportunities.factories import ready_draft
    from vendors.models import QuestionnaireVersion

    opportunity = ready_draft(department=department)
    criteria = list(Criterion.objects.filter(opportunity=opportunity))
    return {
        "OpportunityDraftForm": {"department": department},
        "QuestionnaireForm": {"version": QuestionnaireVersion.objects.first(), "answers": {}},
        "ScoreForm": {"criteria": criteria},
        "ConsensusForm": {"criteria": criteria, "existing": {}},
        "AwardForm": {"choices": []},
        "RoleGrantForm": {"departments": Department.objects.all()},
        "ProposalForm": {"opportunity": opportunity},
        "DemonstrationForm": {"opportunity": opportunity},
        "OverrideForm": {"failed": ["single_limit"], "cards": PurchaseCard.objects.all()},
        "PaymentApproveForm": {"cards": PurchaseCard.objects.all()},
        "CardForm": {"department": department},
    }


@pytest.mark.django_db
def test_every_free_text_field_of_every_form_refuses_a_card_number(department):
    classes = _project_form_classes()
    assert len(classes) > 30  # the discovery works
    kwargs_for = _constructor_kwargs(department)
    checked = 0
    for form_class in classes:
        assert issubclass(form_class, CardNumberGuard), (
            f"{form_class.__module__}.{form_class.__name__} must derive from PortalForm or "
            "PortalModelForm"
        )
        try:
            empty = form_class(**kwargs_for.get(form_class.__name__, {}))
        except TypeError as error:
            pytest.fail(f"Add constructor arguments for {form_class.__name__}: {error}")
        free_text = [
            name
            for name, field in empty.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
        ]
        if not free_text:
            continue
        form = form_class(
            data={name: CARD for name in free_text}, **kwargs_for.get(form_class.__name__, {})
        )
        form.is_valid()
        errors = form.errors.as_data()
        for name in free_text:
            codes = [e.code for e in errors.get(name, [])]
            assert "card_number" in codes, f"{form_class.__name__}.{name} accepted a card number"
            checked += 1
    assert checked > 40


def test_the_message_is_clear_and_translated():
    from django.utils import translation

    form_class = type("F", (CardNumberGuard, forms.Form), {"note": forms.CharField()})
    with translation.override("fr"):
        form = form_class(data={"note": f"my card {CARD}"})
        assert not form.is_valid()
        assert "carte" in form.errors["note"][0]


@pytest.mark.django_db
def test_allauth_email_fields_refuse_card_numbers_too(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "4111111111111111@example.com",
            "password1": "a-long-password-9",
            "password2": "a-long-password-9",
        },
    )
    assert response.status_code == 200
    assert "payment card number" in response.content.decode()


def test_hidden_fields_the_portal_fills_are_not_mistaken_for_cards():
    """A SHA-256 in hexadecimal can hold a Luhn-valid run of digits by chance."""
    from payments.forms import ContractAcceptForm

    digest = "4111111111111111" + "a" * 48
    assert contains_card_number(digest)
    form = ContractAcceptForm(data={"sha256": digest, "full_name": "W", "agreed": "on"})
    assert form.is_valid(), form.errors
