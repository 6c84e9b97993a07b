import re
from typing import cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement_portal import kept
from procurement_portal.dates import long_datetime
from procurement_portal.forms import FilterForm, KeptChoiceField, PortalForm, PortalModelForm
from procurement_portal.models import Category
from procurement_portal.numbers import percent_validators
from procurement_portal.templatetags.portal import money

from .models import (
    CLAUSE_FIELDS,
    ContractClause,
    Criterion,
    Initiative,
    Opportunity,
    OpportunityStatus,
    OpportunityTemplate,
)
from .models.criteria import REGISTRY_POINT_FIELDS, RUBRIC_MAX, CriterionKind
from .services.lifecycle import earliest_closing

UNSAFE_MARKUP = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form)\b|\son\w+\s*=|"
    r"javascript\s*:",
    re.IGNORECASE,
)


def refuse_unsafe_markup(value: str) -> None:
    """Markdown is sanitised when shown; refusing scripts up front tells the author why."""
    if value and UNSAFE_MARKUP.search(value):
        raise forms.ValidationError(
            _("Scripts, frames and embedded content are not allowed. Use plain Markdown."),
            code="unsafe_markup",
        )


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent} › {obj}" if obj.parent_id else str(obj)


def _clause_label(clause) -> str:
    return f"{clause} — {clause.local('summary')}"


class OpportunityDraftForm(PortalModelForm):
    """A draft may be saved incomplete; publishing checks the rest (see publish_problems)."""

    category = CategoryChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.filter(parent__isnull=False).select_related("parent"),
    )
    closes_at = forms.DateTimeField(
        label=_("Closing date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the opportunity's time zone."),
    )
    questions_close_at = forms.DateTimeField(
        label=_("Deadline for questions"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    expected_delivery = forms.DateField(
        label=_("Expected delivery date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "category",
            "description_en",
            "description_fr",
            "deliverables_en",
            "deliverables_fr",
            "max_budget",
            "price_evaluation",
            "variants_allowed",
            "shortlist_size",
            "demonstration_weight",
            "location",
            "is_remote",
            "time_zone",
            "closes_at",
            "questions_close_at",
            "expected_delivery",
            "contact_name",
            "contact_email",
            "initiative",
            "phase",
            "ip_clause",
            "licence_clause",
            "data_clause",
            "privacy_clause",
        ]
        widgets = {
            "ip_clause": forms.RadioSelect,
            "licence_clause": forms.RadioSelect,
            "data_clause": forms.RadioSelect,
            "privacy_clause": forms.RadioSelect,
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.department = department
        cast(
            forms.ModelChoiceField, self.fields["initiative"]
        ).queryset = Initiative.objects.filter(department=department)
        self.fields["variants_allowed"].required = False  # empty: no variants
        self.fields["shortlist_size"].required = False  # empty: a single stage
        self.fields["demonstration_weight"].required = False
        self.fields["max_budget"].help_text = _("At most %(threshold)s, taxes included.") % {
            "threshold": money(department.micro_procurement_threshold)
        }
        self.fields["questions_close_at"].help_text = _(
            "In the opportunity's time zone, before the closing time. Leave empty for the "
            "default: %(days)s business days before closing, set when you publish."
        ) % {"days": settings.PORTAL_QUESTIONS_BUSINESS_DAYS}
        self._clause_fields()

    def _clause_fields(self) -> None:
        """One choice per kind of clause against lock-in, among the current versions, the
        default preselected; a draft saved with an older version shows its current one."""
        current = list(ContractClause.objects.current())
        hints = {
            "ip_clause": _("Who owns what the vendor makes. Printed in the contract."),
            "licence_clause": _("The licence the source code is published under, if any."),
            "data_clause": _("Who owns the data, and how it comes back at the end."),
            "privacy_clause": _("How personal information is protected."),
        }
        for kind, name in CLAUSE_FIELDS.items():
            field = cast(forms.ModelChoiceField, self.fields[name])
            options = [c for c in current if c.kind == kind]
            field.queryset = ContractClause.objects.current().of_kind(kind)
            field.empty_label = None
            field.label_from_instance = _clause_label  # type: ignore[method-assign,assignment]
            field.help_text = hints[name]
            chosen = getattr(self.instance, f"{name}_id", None) if self.instance else None
            chosen_clause = getattr(self.instance, name) if chosen else None
            match = next(
                (c for c in options if chosen_clause and c.option == chosen_clause.option),
                None,
            ) or next((c for c in options if c.is_default), None)
            if match is not None:
                self.initial[name] = match.pk

    @property
    def needed_to_publish(self) -> set[str]:
        """Fields a draft may leave empty but publishing needs (publish_problems): their
        label says so instead of "(optional)"."""
        languages = ["en", "fr"] if settings.PORTAL_REQUIRE_BOTH_LANGUAGES else ["en"]
        texts = {
            f"{name}_{lang}" for name in ("title", "summary", "description") for lang in languages
        }
        return texts | {"category", "contact_email", "max_budget", "closes_at"}

    def clean_max_budget(self):
        budget = self.cleaned_data.get("max_budget")
        threshold = self.department.micro_procurement_threshold
        if budget is not None and budget <= 0:
            raise forms.ValidationError(_("The budget must be more than zero."))
        if budget is not None and budget > threshold:
            raise forms.ValidationError(
                _("This is above the micro-procurement threshold of %(threshold)s.")
                % {"threshold": money(threshold)},
                code="over_threshold",
            )
        return budget

    def clean_variants_allowed(self):
        # Left empty: no variants (a draft may be saved with any field empty).
        return self.cleaned_data.get("variants_allowed") or 0

    def clean_shortlist_size(self):
        return self.cleaned_data.get("shortlist_size") or 0

    def clean_demonstration_weight(self):
        return self.cleaned_data.get("demonstration_weight") or 0

    def clean_closes_at(self):
        closes_at = self.cleaned_data.get("closes_at")
        if closes_at is None:
            return None
        if closes_at <= timezone.now():
            raise forms.ValidationError(_("The closing time is in the past."), code="past")
        if closes_at < earliest_closing():
            raise forms.ValidationError(
                _("Leave vendors at least %(days)s business days: close on or after %(date)s.")
                % {
                    "days": settings.PORTAL_MIN_POSTING_BUSINESS_DAYS,
                    "date": long_datetime(earliest_closing()),
                },
                code="too_soon",
            )
        return closes_at

    def clean_questions_close_at(self):
        deadline = self.cleaned_data.get("questions_close_at")
        if deadline is not None and deadline <= timezone.now():
            raise forms.ValidationError(
                _("The deadline for questions is in the past."), code="past"
            )
        return deadline

    def clean(self):
        data = super().clean() or {}
        deadline, closes_at = data.get("questions_close_at"), data.get("closes_at")
        if deadline and closes_at and deadline >= closes_at:
            self.add_error(
                "questions_close_at",
                forms.ValidationError(
                    _("The deadline for questions must come before the closing time."),
                    code="after_closing",
                ),
            )
        for name in [
            "description_en",
            "description_fr",
            "deliverables_en",
            "deliverables_fr",
            "summary_en",
            "summary_fr",
        ]:
            try:
                refuse_unsafe_markup(data.get(name, ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data


class CriterionForm(PortalModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "guidance_en",
            "guidance_fr",
            "weight",
            "min_score",
            "is_price",
            "kind",
            "points_eco",
            "points_diversity",
            "points_innovation",
            "stage",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "guidance_en": forms.Textarea(attrs={"rows": 2}),
            "guidance_fr": forms.Textarea(attrs={"rows": 2}),
        }

    @property
    def needed_to_publish(self) -> set[str]:
        """A criterion needs its name in each language of the site to publish."""
        return {"name_en", "name_fr"} if settings.PORTAL_REQUIRE_BOTH_LANGUAGES else {"name_en"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        weight = self.fields["weight"]
        weight.validators += percent_validators()  # a weight is a percentage: 0 to 100
        weight.widget.attrs.update({"min": 0, "max": 100})
        self.fields["kind"].required = False  # empty is "scored by the panel"
        for name in REGISTRY_POINT_FIELDS.values():
            self.fields[name].required = False  # empty is 0: most criteria use none
            self.fields[name].widget.attrs.update({"min": 0, "max": RUBRIC_MAX})
        self.fields["stage"].required = False  # left out: the written proposal

    def has_changed(self):
        """An empty row stays empty when its kind and points are left at their defaults,
        or not sent at all."""
        defaults = {"kind": ("", CriterionKind.PANEL), "stage": ("", "1")} | {
            name: ("", "0") for name in REGISTRY_POINT_FIELDS.values()
        }
        for name in self.changed_data:
            if (
                name not in defaults
                or self.data.get(self.add_prefix(name), "") not in defaults[name]
            ):
                return True
        return False

    def clean_stage(self):
        return self.cleaned_data.get("stage") or 1

    def clean_min_score(self):
        value = self.cleaned_data["min_score"]
        if value > RUBRIC_MAX:
            raise forms.ValidationError(_("Scores are out of %(max)s.") % {"max": RUBRIC_MAX})
        return value

    def clean(self):
        data = super().clean() or {}
        data["kind"] = data.get("kind") or CriterionKind.PANEL
        for name in REGISTRY_POINT_FIELDS.values():
            data[name] = data.get(name) or 0
        points = [data[name] for name in REGISTRY_POINT_FIELDS.values()]
        if data.get("kind") == CriterionKind.REGISTRY:
            if data.get("is_price"):
                self.add_error("kind", _("The price criterion is scored from the prices."))
            elif not any(points):
                self.add_error("points_eco", _("Give points to at least one verified claim type."))
            elif sum(points) > RUBRIC_MAX:
                self.add_error(
                    "points_eco",
                    _("The points of all claim types add up to at most %(max)s.")
                    % {"max": RUBRIC_MAX},
                )
            data["min_score"] = 0  # nobody is screened out for not holding a certification
        else:
            for name in REGISTRY_POINT_FIELDS.values():  # points mean nothing for the panel
                data[name] = 0
        return data


class BaseCriterionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, opportunity, **kwargs):
        self.opportunity = opportunity
        kwargs["queryset"] = opportunity.criteria.all()
        super().__init__(*args, **kwargs)

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk)
            # Django's own test for a form ticked for deletion (not in the stubs).
            and not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.kept_forms() if f.cleaned_data]
        # Each stage is weighed on its own: the written criteria add up to 100, and so do
        # the demonstration's (the opportunity's demonstration weight combines them).
        for stage in sorted({f.cleaned_data.get("stage") or 1 for f in kept}):
            total = sum(
                f.cleaned_data.get("weight") or 0
                for f in kept
                if (f.cleaned_data.get("stage") or 1) == stage
            )
            if total != 100:
                raise forms.ValidationError(
                    _("The weights add up to %(total)s; they must add up to 100.")
                    % {"total": total}
                    if stage == 1
                    else _(
                        "The weights of the demonstration criteria add up to %(total)s; they "
                        "must add up to 100."
                    )
                    % {"total": total},
                    code="weights",
                )
        cap = settings.PORTAL_PRICE_WEIGHT_CAP
        for form in kept:
            if form.cleaned_data.get("is_price") and (form.cleaned_data.get("stage") or 1) != 1:
                form.add_error("stage", _("Price is part of the written proposal."))
            if form.cleaned_data.get("is_price") and form.cleaned_data["weight"] > cap:
                form.add_error("weight", _("Price may weigh at most %(cap)s%%.") % {"cap": cap})

    def criteria_data(self) -> list[dict]:
        return [
            {name: f.cleaned_data[name] for name in CriterionForm.Meta.fields}
            for f in self.kept_forms()
            if f.cleaned_data
        ]


CriterionFormSet = forms.modelformset_factory(
    Criterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    extra=4,
    can_delete=True,
    max_num=12,
)


class AttachmentForm(PortalForm):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, Word, Excel, OpenDocument, PNG or JPEG, up to 10 MB."),
    )


class BothLanguagesForm(PortalForm):
    """The French fields are required when the site publishes in both languages."""

    french_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.french_fields:
            self.fields[name].required = settings.PORTAL_REQUIRE_BOTH_LANGUAGES


class CancelForm(BothLanguagesForm):
    french_fields = ("reason_fr",)
    reason = forms.CharField(
        label=_("Public reason for cancelling (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Shown on the opportunity and sent to interested vendors."),
    )
    reason_fr = forms.CharField(
        label=_("Public reason for cancelling (French)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class QuestionForm(PortalForm):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The answer is published for everyone, without your name."),
    )


class AnswerForm(BothLanguagesForm):
    french_fields = ("answer_fr",)
    question_en = forms.CharField(
        label=_("Question as published (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The question is published with the answer, without who asked. Give it "
            "in each language (a translation of the vendor’s words); left blank, it is "
            "published as asked."
        ),
    )
    question_fr = forms.CharField(
        label=_("Question as published (French)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_en = forms.CharField(
        label=_("Answer (English)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    answer_fr = forms.CharField(
        label=_("Answer (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AddendumForm(BothLanguagesForm):
    french_fields = ("text_fr",)

    text_en = forms.CharField(
        label=_("The change (English)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    text_fr = forms.CharField(
        label=_("The change (French)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


# Every public state, in journey order (opportunities/search.py says what each finds).
STATUS_FILTERS = [
    ("", _("Any")),
    ("open", _("Open")),
    ("closed", _("Closed")),
    (OpportunityStatus.UNDER_EVALUATION, _("Under evaluation")),
    (OpportunityStatus.AWARDED, _("Awarded (contract under way or done)")),
    (OpportunityStatus.COMPLETE, _("Complete")),
    (OpportunityStatus.CANCELLED, _("Cancelled")),
]
SORTS = [
    ("newest", _("Newest first")),
    ("closing", _("Closing soonest")),
    ("budget_high", _("Highest budget")),
    ("budget_low", _("Lowest budget")),
    ("relevance", _("Best match")),
]


class OpportunitySearchForm(FilterForm):
    show_optional = False  # every filter is optional: no "(optional)" on each label
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in English or French."),
    )
    category = KeptChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.all(),
        rows=kept.categories,
        empty_label=_("Any"),
    )
    department: forms.ModelChoiceField = KeptChoiceField(
        label=_("Department"),
        required=False,
        empty_label=_("Any"),
        rows=kept.departments,
        queryset=None,
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)
    closing_within = forms.IntegerField(
        label=_("Closing within (days)"), required=False, min_value=1, max_value=365
    )
    budget_min = forms.DecimalField(
        label=_("Budget from"), required=False, min_value=0, decimal_places=2
    )
    budget_max = forms.DecimalField(
        label=_("Budget up to"), required=False, min_value=0, decimal_places=2
    )
    remote = forms.BooleanField(label=_("Can be done remotely"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from procurement_portal.models import Department

        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.all()
        if self.is_bound and self.data.get("q", "").strip() and not self.data.get("sort"):
            # Search words without a chosen sort are ranked by match: say so in the select
            # (its first option, "Newest first", is not what the results are in).
            self.data = {**dict(self.data.items()), "sort": "relevance"}


class TemplateNameForm(PortalModelForm):
    """ "Save as department template": the texts and criteria come from the opportunity."""

    class Meta:
        model = OpportunityTemplate
        fields = ["name_en", "name_fr"]


class TemplateForm(PortalModelForm):
    """A template's name and texts. Its criteria are changed by saving a new template from
    a draft that has the criteria wanted."""

    category = CategoryChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.filter(parent__isnull=False).select_related("parent"),
    )

    class Meta:
        model = OpportunityTemplate
        fields = [
            "name_en",
            "name_fr",
            "category",
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "description_en",
            "description_fr",
            "deliverables_en",
            "deliverables_fr",
            "price_evaluation",
        ]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
        }
