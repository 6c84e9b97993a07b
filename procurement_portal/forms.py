import hashlib
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .card_numbers import MAX_DIGITS, refuse_card_number_in_file_name, refuse_card_numbers
from .page_cache import reference_generation

# A card number written with separators is up to this long: a field shorter than that must
# not let the browser cut what was typed or pasted (maxlength) and keep the beginning; the
# server sees the whole value, refuses a card number and says when a value is too long.
CARD_NUMBER_MAX_WRITTEN = MAX_DIGITS + 6


class AccessibleBoundField(BoundField):
    """Links every input to its hint and its error message with aria-describedby."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_hint")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by and self.auto_id:
            attrs["aria-describedby"] = " ".join(described_by)
        max_length = getattr(self.field, "max_length", None)
        if max_length is not None and max_length < CARD_NUMBER_MAX_WRITTEN:
            attrs["maxlength"] = False  # rendered as no attribute at all
        elif max_length is not None and isinstance(self.field.widget, forms.Textarea):
            # Long text is never cut silently by the browser: the page counts what is left
            # (static/js/portal.js) and the server says when it is too long.
            attrs["maxlength"] = False
            attrs["data-max-length"] = max_length
            attrs["data-counter-left"] = _("Characters left: {n}")
            attrs["data-counter-over"] = _("Characters over the limit: {n}")
        return attrs


class AccessibleFormRenderer(TemplatesSetting):
    """Every form, ours and allauth's, renders through templates/includes/form.html."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = AccessibleBoundField


class CardNumberGuard:
    """Every free-text field of the form refuses payment-card numbers (card_numbers.py).

    Passwords are left alone (never stored or shown as typed), and so are hidden fields: the
    portal fills them (a SHA-256 in hexadecimal can look like a card number by chance)."""

    fields: dict[str, forms.Field]  # a mixin of Django forms

    def full_clean(self):
        # At validation time, so fields a form adds in its own __init__ are covered too.
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
                and refuse_card_numbers not in field.validators
            ):
                field.validators.append(refuse_card_numbers)
            # The name a file was uploaded under is stored and shown: it is free text too.
            if (
                isinstance(field, forms.FileField)
                and refuse_card_number_in_file_name not in field.validators
            ):
                field.validators.append(refuse_card_number_in_file_name)
        super().full_clean()  # type: ignore[misc]


class LocalDecimalField(forms.DecimalField):
    """An amount or number typed the reader's way ("6 900,50" on a French page, "6,900.50"
    on an English one), refused with a message when it could be read two ways
    (procurement_portal/numbers.py). Shown back in the page's notation."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def widget_attrs(self, widget):
        return {}  # no step/min/max: a text box (a number box refuses "6 900,50")

    def to_python(self, value):
        from .numbers import NotANumber, example, parse_decimal

        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except NotANumber:
            raise forms.ValidationError(
                _("Enter a number written like %(example)s.") % {"example": example()},
                code="invalid",
            ) from None


class LocalNumbers:
    """Every decimal field of a portal form reads the reader's notation (LocalDecimalField),
    hidden ones aside (the portal fills them)."""

    fields: dict[str, forms.Field]  # a mixin of Django forms

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.DecimalField and not field.widget.is_hidden:
                field.__class__ = LocalDecimalField  # same state; its reading of text changes
                attrs = {
                    key: value
                    for key, value in field.widget.attrs.items()
                    if key not in {"step", "min", "max"}
                }
                field.widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal"})
                field.widget.is_localized = field.localize = True


class PortalForm(LocalNumbers, CardNumberGuard, forms.Form):
    """The base of every form of the portal."""


class KeptFilterField(AccessibleBoundField):
    """A filter form's field, its rendering kept in the cache (FilterForm)."""

    form: "FilterForm"

    def as_field_group(self):
        kept = getattr(self.form, "kept_fields", {})
        if self.name not in kept:
            return super().as_field_group()
        html = kept[self.name]
        if html is None:  # not in the cache yet
            html = super().as_field_group()
            cache.set(self.form.field_key(self), str(html), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own field template


class FilterForm(PortalForm):
    """A public list's filters (a GET form). Each field's HTML depends only on its own value
    (and the language, and the categories and departments it may offer: the reference
    generation, procurement_portal/page_cache.py), so each is kept in the cache under those
    (options from any other table would need another key): a new combination of filters
    reuses the fields it shares with others (its `<select>` options were a third of a list
    page's time, the form a sixth of a first visit after the options were kept). A field
    with an error is rendered each time. One round trip for the whole form."""

    bound_field_class = KeptFilterField

    def get_context(self):
        context = super().get_context()
        self.kept_fields: dict[str, str | None] = {}
        if settings.PUBLIC_PAGE_CACHE_SECONDS:
            fields = [field for field, errors in context["fields"] if not errors]
            keys = {field.name: self.field_key(field) for field in fields}
            found = cache.get_many(list(keys.values()))
            self.kept_fields = {name: found.get(key) for name, key in keys.items()}
        return context

    def field_key(self, field: BoundField) -> str:
        name, data = field.html_name, self.data
        value = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        what = f"{type(self).__module__}.{type(self).__name__}|{name}|{value!r}"
        digest = hashlib.sha256(what.encode()).hexdigest()[:32]
        return f"filter-field:{reference_generation()}:{translation.get_language()}:{digest}"


class KeptChoiceIterator(ModelChoiceIterator):
    """The options of a `KeptChoiceField`, from the process's copy of the table."""

    field: "KeptChoiceField"

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows().values():
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self.field.rows()) + (self.field.empty_label is not None)


class KeptChoiceField(forms.ModelChoiceField):
    """A filter's choice among every row of a small public table, checked and offered from
    the process's copy of the table (`rows`, procurement_portal.kept, in the order of its
    model) instead of a query per request. `queryset` names the model for Django only."""

    iterator = KeptChoiceIterator

    def __init__(self, *, rows: Callable[[], dict[int, Model]], **kwargs):
        self.rows = rows
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.rows()[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


class PortalModelForm(LocalNumbers, CardNumberGuard, forms.ModelForm):
    """The base of every model form of the portal."""


def show_error(target, error) -> None:
    """The one way a view shows a service's error (a PortalError, or an upload's
    ValidationError). On a form: at its field when the form has one, else in the error
    summary at the top. For a button that posts no form (`target` is the request): as a
    message at the top of the page the view redirects to."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    texts = error.messages if isinstance(error, ValidationError) else [error.message]
    field = getattr(error, "field", None)
    for text in texts:
        if isinstance(target, forms.BaseForm):
            target.add_error(field if field in target.fields else None, text)
        else:
            messages.error(target, text)


def form_error_message(form, default) -> str:
    """A form's errors as one message (for a form answered with a message, not re-shown):
    what the form itself says when it says more than "this is required" (a card number, a
    length), else `default`."""
    said = [
        message
        for errors in form.errors.as_data().values()
        for error in errors
        if error.code != "required"
        for message in error.messages
    ]
    return " ".join(str(message) for message in said) or str(default)


class SignupNameForm(PortalForm):
    """What the portal adds to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the
    person's full name, required, so anonymity checks can warn a vendor who names a
    colleague in a proposal. Accounts made before it keep working with a blank name."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        # allauth calls this after saving the user; the adapter already stored the name.
        return None
