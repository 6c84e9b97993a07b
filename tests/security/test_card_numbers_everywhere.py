"""Issue 18, finding 4: card numbers are refused everywhere (admin change forms, upload
names, short fields, any separator), at one enforcement point, and every refusal says so."""

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from procurement_portal.card_numbers import contains_card_number
from procurement_portal.models import Role
from tests.factories import make_user
from tests.vendors.factories import PDF, make_vendor

CARD = "4111 1111 1111 1111"
CARD_FILE = f"card {CARD}.pdf"
MESSAGE = "looks like a payment card number"


@pytest.mark.parametrize(
    "text",
    [
        "4111_1111_1111_1111",
        "4111.1111.1111.1111",
        "4111/1111/1111/1111",
        "4111  1111  1111  1111",
        "4111\u00a01111\u00a01111\u00a01111",
        "4111\u202f1111\u202f1111\u202f1111",
        "4111\t1111\t1111\t1111",
        "4111 - 1111 - 1111 - 1111",
        "card_4111_1111_1111_1111.pdf",
    ],
)
def test_card_numbers_written_with_any_separator_are_found(text):
    assert contains_card_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026/11/24",
        "v1.2.3.4",
        "Call 613.555.0199",
        "file_2026_11_24_v3.pdf",
        "10 000,00 $",
        "BN 123456789 RT0001",
    ],
)
def test_ordinary_numbers_with_those_separators_are_not(text):
    assert not contains_card_number(text)


def _admin_forms(request):
    """(label, form class) for every admin change form and inline form of the site."""
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model.__name__}"
        # As the admin builds it for a change: fields one may not change are left out.
        yield label, model_admin.get_form(request, None, change=True)
        for inline in model_admin.get_inline_instances(request, None):
            yield f"{label} inline {inline.model.__name__}", inline.get_formset(request).form


@pytest.mark.django_db
def test_every_admin_change_form_refuses_a_card_number():
    request = RequestFactory().get("/admin/")
    request.user = make_user(Role.SITE_ADMIN)
    checked = []
    for label, form_class in _admin_forms(request):
        form = form_class()
        free_text = [
            name
            for name, field in form.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
        ]
        if not free_text:
            continue
        bound = form_class(data={name: CARD for name in free_text})
        bound.is_valid()
        errors = bound.errors.as_data()
        for name in free_text:
            codes = [e.code for e in errors.get(name, [])]
            assert "card_number" in codes, f"admin {label}.{name} accepted a card number"
            checked.append(f"{label}.{name}")
    assert "procurement_portal.User.full_name" in checked
    assert "vendors.Vendor.city" in checked
    assert len(checked) > 20


@pytest.mark.django_db
def test_the_admin_refuses_a_card_number_and_says_so(client):
    vendor = make_vendor()
    client.force_login(make_user(Role.SITE_ADMIN))
    url = reverse("admin:vendors_vendor_change", args=[vendor.pk])
    page = client.get(url)
    data = {
        k: v
        for k, v in page.context["adminform"].form.initial.items()
        if v is not None and not isinstance(v, list)
    }
    data.update(
        {
            "city": "Ottawa 4111_1111_1111_1111",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "1",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
            "members-0-id": str(vendor.members.get().pk),
            "members-0-vendor": str(vendor.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    vendor.refresh_from_db()
    assert "4111" not in vendor.city
    from django.contrib.admin.models import LogEntry

    assert not any(contains_card_number(e.object_repr) for e in LogEntry.objects.all())


@pytest.mark.django_db
def test_nothing_stores_a_card_number_even_without_a_form():
    vendor = make_vendor()
    vendor.city = CARD
    with pytest.raises(ValidationError, match="card number"):
        vendor.save()
    user = make_user()
    user.full_name = "4111.1111.1111.1111"
    with pytest.raises(ValidationError):
        user.save(update_fields=["full_name"])


def test_an_upload_named_with_a_card_number_is_refused():
    from procurement_portal.uploads import clean_upload

    with pytest.raises(ValidationError, match="card number") as caught:
        clean_upload(SimpleUploadedFile(CARD_FILE, PDF, content_type="application/pdf"))
    assert caught.value.code == "card_number"


def _project_upload_forms():
    from tests.portal.test_card_numbers import _project_form_classes

    return [
        c
        for c in _project_form_classes()
        if any(isinstance(f, forms.FileField) for f in c.base_fields.values())
    ]


@pytest.mark.django_db
def test_every_upload_field_refuses_a_card_number_in_the_file_name(department):
    from tests.portal.test_card_numbers import _constructor_kwargs

    kwargs_for = _constructor_kwargs(department)
    classes = _project_upload_forms()
    assert len(classes) >= 3
    for form_class in classes:
        kwargs = kwargs_for.get(form_class.__name__, {})
        empty = form_class(**kwargs)
        names = [n for n, f in empty.fields.items() if isinstance(f, forms.FileField)]
        files = {
            n: SimpleUploadedFile(CARD_FILE, PDF, content_type="application/pdf") for n in names
        }
        form = form_class(data={}, files=files, **kwargs)
        form.is_valid()
        errors = form.errors.as_data()
        for name in names:
            assert "card_number" in [e.code for e in errors.get(name, [])], (
                f"{form_class.__name__}.{name} accepted a file named with a card number"
            )


@pytest.mark.django_db
def test_a_short_field_is_never_cut_short_by_the_browser():
    """A 16-digit card number in the 12-character authorization code: the page must not
    let the browser cut it to 12 characters (maxlength), and the server refuses it whole."""
    from payments.forms import PaymentApproveForm
    from payments.models import PurchaseCard

    form = PaymentApproveForm(cards=PurchaseCard.objects.none())
    html = str(form["authorization_code"])
    assert "maxlength" not in html
    bound = PaymentApproveForm(
        data={"authorization_code": "4111111111111111"}, cards=PurchaseCard.objects.none()
    )
    bound.is_valid()
    assert "card_number" in [e.code for e in bound.errors.as_data()["authorization_code"]]


@pytest.mark.django_db
def test_a_claim_rejection_reason_with_a_card_number_says_so(
    client, department, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from tests.vendors.factories import pdf_upload
    from vendors.models import CertificationType
    from vendors.services.certifications import certification_add

    vendor = make_vendor()
    claim = certification_add(
        vendor=vendor,
        actor=vendor.members.get().user,
        kind=CertificationType.objects.get(slug="b-corp"),
        number="B-1",
        issued_on=timezone.localdate(),
        expires_on=None,
        upload=pdf_upload(),
    )
    client.force_login(make_user(Role.PROCUREMENT_OFFICER, department=department))
    response = client.post(
        reverse("claim_decide", kwargs={"kind": "certification", "pk": claim.pk}),
        {"decision": "reject", "reason": f"Card {CARD} on it"},
        follow=True,
    )
    page = response.content.decode()
    assert MESSAGE in page
    claim.refresh_from_db()
    assert "4111" not in claim.rejection_reason


@pytest.mark.django_db
def test_a_planned_purchase_comment_with_a_card_number_says_so(client, department):
    from opportunities.models import PlannedPurchaseResponse
    from opportunities.services.planned import planned_create, planned_publish

    buyer = make_user(Role.BUYER, department=department)
    planned = planned_publish(
        planned=planned_create(
            actor=buyer, department=department, title_en="Chairs", need_en="Chairs"
        ),
        actor=buyer,
    )
    client.force_login(make_user(Role.VENDOR_MEMBER))
    response = client.post(
        reverse("planned_respond", kwargs={"pk": planned.pk}),
        {"interested": "on", "comment": f"pay {CARD}"},
        follow=True,
    )
    assert MESSAGE in response.content.decode()
    assert not PlannedPurchaseResponse.objects.exists()


@pytest.mark.parametrize(
    ("model", "field", "written", "typed"),
    [
        # A 32-byte hex seed has long digit runs now and then (a draw's 500, once in CI).
        ("evaluations.TieBreakDraw", "seed", "4111111111111111" + "ab" * 24, "winner_label"),
        # A receipt once the ids are long (the 1,000,000-opportunity bench's submission).
        ("opportunities.ProposalReceipt", "number", "R1000123-100003-1", None),
        # A contract or a payment past the 100,000,000th (4 + 9 digits).
        ("payments.Contract", "number", "C-2026-100000002", "accepted_name"),
        ("payments.Payment", "number", "P-2026-100000002", "authorization_code"),
    ],
)
def test_identifiers_the_portal_writes_are_not_guarded(model, field, written, typed):
    """Identifiers the portal writes that pass the card-number test must not turn the
    action that writes them into a server error; what people type still is guarded."""
    from django.apps import apps

    from procurement_portal.card_numbers import guarded_fields

    model_class = apps.get_model(model)
    assert contains_card_number(written)
    assert field not in guarded_fields(model_class)
    assert typed is None or typed in guarded_fields(model_class)
