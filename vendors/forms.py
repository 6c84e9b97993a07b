from django import forms
from django.utils.translation import gettext_lazy as _

from procurement_portal.forms import FilterForm, LocalDecimalField, PortalForm, PortalModelForm
from procurement_portal.models import Category
from procurement_portal.numbers import percent_validators

from .models import (
    PROVINCES,
    AnswerType,
    CatalogueItem,
    CertificationType,
    ItemKind,
    ServiceLanguages,
    Subscription,
    Vendor,
)
from .models.certifications import Badge
from .models.vendors import OWNERSHIP_FIELDS, Size


class CategoriesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Category.objects.filter(parent__isnull=False)
            .select_related("parent")
            .order_by("parent__name_en", "name_en"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.parent} › {obj}"


class VendorForm(PortalModelForm):
    categories = CategoriesField(label=_("Kinds of work you do"), required=False)

    class Meta:
        model = Vendor
        fields = [
            "legal_name",
            "operating_name",
            "business_number",
            "address",
            "city",
            "province",
            "postal_code",
            "website",
            "contact_email",
            "phone",
            "employees",
            "revenue_band",
            "serves_english",
            "serves_french",
            "categories",
            "payment_method",
            "payment_link",
            *OWNERSHIP_FIELDS,
            "listed_in_directory",
        ]
        widgets = {
            "business_number": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}
            ),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in OWNERSHIP_FIELDS:
            self.fields[name].help_text = ""
        self.fields["owned_indigenous"].help_text = _(
            "Optional and private: only public servants see self-identification, and only "
            "verified certifications show as badges."
        )

    def clean_business_number(self):
        return self.cleaned_data["business_number"].replace(" ", "").strip()

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].upper().replace(" ", "")
        return f"{value[:3]} {value[3:]}"

    def clean(self):
        data = super().clean() or {}
        if data.get("payment_method") in {"link", "both"} and not data.get("payment_link"):
            self.add_error("payment_link", _("Give the address of your secure payment page."))
        return data


class CategoryField(forms.ModelChoiceField):
    """One kind of work (a sub-category), named with its parent."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Category.objects.filter(parent__isnull=False)
            .select_related("parent")
            .order_by("parent__name_en", "name_en"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.parent} › {obj}"


class CatalogueItemForm(PortalModelForm):
    category = CategoryField(label=_("Kind of work"))

    class Meta:
        model = CatalogueItem
        fields = [
            "kind",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "category",
            "price_min",
            "price_max",
            "languages",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "languages": forms.RadioSelect,
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
        }


class InviteForm(PortalForm):
    email = forms.EmailField(label=_("Email address of the person to invite"))


class CertificationForm(PortalForm):
    kind = forms.ModelChoiceField(
        label=_("Certification"), queryset=CertificationType.objects.all()
    )
    number = forms.CharField(label=_("Certificate number"), required=False, max_length=100)
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("The certificate"),
        help_text=_(
            "PDF, PNG or JPEG, up to 10 MB. We remove the file's "
            "hidden information (author, location) when we "
            "store it."
        ),
    )


class QuestionnaireForm(PortalForm):
    """One field per question of a version (and a file field where evidence is asked)."""

    def __init__(self, *args, version, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(version.questions.all())
        yes_no = [("yes", _("Yes")), ("no", _("No"))]
        for question in self.questions:
            answer = answers.get(question.pk)
            initial = answer.value if answer else None
            label, hint = question.local("text"), question.local("help")
            field: forms.Field
            if question.answer_type == AnswerType.YES_NO:
                field = forms.ChoiceField(choices=yes_no, widget=forms.RadioSelect)
            elif question.answer_type == AnswerType.CHOICE:
                choices = [
                    (c["value"], question.choice_label(c["value"])) for c in question.choices
                ]
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            elif question.answer_type == AnswerType.NUMBER and question.is_percentage:
                field = LocalDecimalField(max_digits=5, decimal_places=2)
                field.validators += percent_validators()
            elif question.answer_type == AnswerType.NUMBER:
                field = LocalDecimalField(min_value=0, max_digits=12, decimal_places=2)
            else:
                field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
            field.label, field.help_text, field.initial = label, hint, initial
            field.required = False  # answer at your own pace; progress shows what is left
            self.fields[f"q_{question.pk}"] = field
            if question.asks_evidence:
                evidence = answer.evidence if answer else None
                self.fields[f"e_{question.pk}"] = forms.FileField(
                    label=_("Supporting evidence"),
                    required=False,
                    help_text=(
                        _("On file: %(name)s. Add a file to replace it.")
                        % {"name": evidence.display_name}
                    )
                    if evidence
                    else _("Optional: a PDF, PNG or JPEG that shows it (policy, certificate...)."),
                )

    def sections(self):
        from .models import Section

        grouped = []
        for section in Section:
            fields = []
            for question in self.questions:
                if question.section == section:
                    fields.append(self[f"q_{question.pk}"])
                    if question.asks_evidence:
                        fields.append(self[f"e_{question.pk}"])
            grouped.append((section.label, fields))
        return grouped

    def values(self):
        return {
            q.pk: self.cleaned_data.get(f"q_{q.pk}")
            for q in self.questions
            if self.cleaned_data.get(f"q_{q.pk}") not in (None, "")
        }

    def add_evidence_errors(self, error) -> bool:
        """A refusal of answers_save's, keyed by question id: each at its file's field.
        False when the error is not one of those (the caller shows it another way)."""
        if not hasattr(error, "error_dict"):
            return False
        for question_id, errors in error.error_dict.items():
            name = f"e_{question_id}"
            upload = self.cleaned_data.get(name)
            for refusal in errors:
                text = " ".join(refusal.messages)
                if upload:  # the summary lists every file: say which one
                    text = _("%(file)s: %(error)s") % {"file": upload.name, "error": text}
                self.add_error(name if name in self.fields else None, text)
        return True

    def uploads(self):
        return {
            q.pk: self.cleaned_data[f"e_{q.pk}"]
            for q in self.questions
            if q.asks_evidence and self.cleaned_data.get(f"e_{q.pk}")
        }


class SubscriptionForm(PortalModelForm):
    categories = CategoriesField(label=_("Kinds of work"), required=False)

    class Meta:
        model = Subscription
        fields = ["categories", "keywords", "frequency", "is_active"]
        widgets = {"frequency": forms.RadioSelect}


class RejectForm(PortalForm):
    reason = forms.CharField(
        label=_("Why the claim is rejected"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The vendor reads this and can correct the claim."),
    )


class DirectoryFilterForm(FilterForm):
    show_optional = False
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    province = forms.ChoiceField(
        label=_("Province or territory"), required=False, choices=[("", _("Any")), *PROVINCES]
    )
    category = forms.ModelChoiceField(
        label=_("Kind of work"),
        required=False,
        queryset=Category.objects.all(),
        empty_label=_("Any"),
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("Any")), *Size.choices]
    )
    badge = forms.ChoiceField(
        label=_("Verified badge"), required=False, choices=[("", _("Any")), *Badge.choices]
    )
    # What the vendor sells (its catalogue): one item must meet all of these.
    item_q = forms.CharField(
        label=_("Product or service"),
        required=False,
        max_length=100,
        help_text=_("Words in the name or description of what the vendor sells."),
    )
    item_kind = forms.ChoiceField(
        label=_("Product or service type"),
        required=False,
        choices=[("", _("Any")), *ItemKind.choices],
    )
    item_category = forms.ModelChoiceField(
        label=_("Kind of work of the product or service"),
        required=False,
        queryset=Category.objects.all(),
        empty_label=_("Any"),
    )
    item_language = forms.ChoiceField(
        label=_("Language of service"),
        required=False,
        choices=[("", _("Any")), *ServiceLanguages.choices],
    )
    max_price = LocalDecimalField(
        label=_("Budget up to (CAD)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Products and services whose lowest indicative price fits."),
    )

    CATALOGUE_FIELDS = ("item_q", "item_kind", "item_category", "item_language", "max_price")

    def catalogue_filtered(self) -> bool:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return any(data.get(name) not in (None, "") for name in self.CATALOGUE_FIELDS)
