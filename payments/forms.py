from typing import cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement_portal.forms import PortalForm, PortalModelForm
from procurement_portal.models import Role, User

from .models import PurchaseCard
from .services.guardrails import LABELS


class ContractAcceptForm(PortalForm):
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        help_text=_("Typing your name is your electronic signature."),
    )
    agreed = forms.BooleanField(
        label=_("I have read the contract and accept it on behalf of the business."), required=False
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class DeliveryForm(PortalForm):
    note = forms.CharField(
        label=_("What you delivered"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Summarise the work and anything the buyer should check."),
    )
    link = forms.URLField(
        label=_("Link to the work"),
        required=False,
        assume_scheme="https",
        help_text=_("A repository, a shared folder or a live site."),
    )
    # The form class keeps no attribute of that name (fields are collected apart), so the
    # bound form's uploaded `files` are untouched.
    files = MultipleFileField(
        label=_("Files"),
        required=False,  # type: ignore[assignment]
        help_text=_("Up to 5 files: PDF, images, Word, Excel or OpenDocument, 10 MB each."),
    )


class DeliveryReviewForm(PortalForm):
    decision = forms.ChoiceField(
        label=_("Your review"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", _("Accept the work and certify receipt")),
            ("changes", _("Ask for changes")),
        ],
    )
    certified_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        required=False,
        help_text=_("Needed to accept: you certify receipt under this name."),
    )
    attest = forms.BooleanField(
        label=_("I certify that the work was received as the contract describes."), required=False
    )
    reasons = forms.CharField(
        label=_("What needs to change"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PaymentRequestForm(PortalForm):
    amount = forms.DecimalField(
        label=_("Amount to pay (CAD, taxes included)"),
        min_value=0.01,
        max_digits=12,
        decimal_places=2,
    )


class PaymentRequestCancelForm(PortalForm):
    reason = forms.CharField(
        label=_("Why you cancel the request"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log and shown on the request."),
    )


class OverrideForm(PortalForm):
    check_code = forms.ChoiceField(label=_("Check to override"))
    card = forms.ModelChoiceField(
        label=_("Card"), queryset=PurchaseCard.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason (English)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the payment record and the audit log."),
    )
    reason_fr = forms.CharField(
        label=_("Reason (French)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The payment the checks were shown for: the override covers up to this amount.
    amount = forms.DecimalField(max_digits=12, decimal_places=2, widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args, failed=(), cards=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["check_code"]).choices = [
            (code, LABELS[code]) for code in failed
        ]
        self.fields["reason_fr"].required = settings.PORTAL_REQUIRE_BOTH_LANGUAGES
        if cards is not None:
            cast(forms.ModelChoiceField, self.fields["card"]).queryset = cards


class PaymentApproveForm(PortalForm):
    card = forms.ModelChoiceField(
        label=_("Card"), queryset=PurchaseCard.objects.none(), empty_label=None
    )
    amount = forms.DecimalField(
        label=_("Amount paid (CAD, taxes included)"),
        min_value=0.01,
        max_digits=12,
        decimal_places=2,
    )
    paid_on = forms.DateField(
        label=_("Payment date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    authorization_code = forms.RegexField(
        label=_("Authorization code"),
        max_length=12,
        regex=r"^[A-Za-z0-9]{4,12}$",
        error_messages={
            "invalid": _("Enter the 4 to 12 letters or digits of the authorization code.")
        },
        help_text=_(
            "From the payment terminal or the vendor's payment page. Never the card number."
        ),
    )

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["card"]).queryset = cards
        self.fields["paid_on"].initial = timezone.localdate()


class CardForm(PortalModelForm):
    class Meta:
        model = PurchaseCard
        fields = [
            "holder",
            "last4",
            "expiry_month",
            "expiry_year",
            "single_limit",
            "monthly_limit",
            "is_active",
        ]

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["holder"]).queryset = (
            User.objects.filter(
                role_assignments__role=Role.CARD_HOLDER, role_assignments__department=department
            )
            .distinct()
            .order_by("full_name")
        )
        self.fields["last4"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "size": 4}
        )


class TermsForm(PortalForm):
    body_en = forms.CharField(
        label=_("Terms (English)"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown."),
    )
    body_fr = forms.CharField(
        label=_("Terms (French)"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown."),
    )


def _rating_field(label, help_text):
    from .models.performance import Rating

    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )


class AssessmentForm(PortalForm):
    on_time = _rating_field(_("On time"), _("Was the work delivered by the dates agreed?"))
    quality = _rating_field(_("Quality"), _("Did the work meet the requirements of the contract?"))
    communication = _rating_field(_("Communication"), _("Was the vendor responsive and clear?"))
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Facts a colleague choosing a vendor would want to know. The vendor reads this "
            "and may answer."
        ),
    )


class AssessmentResponseForm(PortalForm):
    response = forms.CharField(
        label=_("Your response"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown beside the assessment, to public servants only. You answer once."),
    )
