"""Keep payment-card numbers out of the portal.

The portal never holds card data (only the last four digits of a purchase card). People
still paste numbers into questions, proposals, notes or file names, so every free-text
value refuses a string that looks like a card number: 13 to 19 digits, optionally grouped
with spaces (ordinary, double, no-break, tabs), dashes, dots, slashes or underscores,
passing the Luhn check. Ordinary numbers (phone, business number, dates, amounts) are
shorter or fail Luhn.

There is one rule and three places it is enforced, so that a new form cannot forget it:
- every text field of the portal's models carries the validator, and so does every form
  field made from one (`guard_models`, run when the portal starts): our model forms, the
  admin's change forms and imports (which validate the model) all refuse;
- forms that are not model forms derive from `PortalForm` (`forms.CardNumberGuard`, which
  also checks the names of uploaded files; a test finds every form of the project);
- a last check before any row is saved (`pre_save`) refuses what got past both, so a card
  number is never stored, whatever the path.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A run of digits whose groups may be separated by up to three characters among spaces of
# any kind (\s covers no-break and narrow no-break spaces), dashes, dots, slashes, underscores.
SEPARATORS = r"[\s._/\-\u2010-\u2015]"
DIGIT_RUN = re.compile(rf"\d+(?:{SEPARATORS}{{1,3}}\d+)*")
GROUP_SPLIT = re.compile(rf"{SEPARATORS}+")
MIN_DIGITS, MAX_DIGITS = 13, 19

CARD_NUMBER_MESSAGE = _(
    "This looks like a payment card number. Never enter card numbers in the portal: remove "
    "it. Card holders record only the authorization code and the card's last four digits."
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _candidates(groups: list[str]):
    """Every run of whole consecutive groups with 13–19 digits: a card number pasted next to
    other figures ("ref 12 4111 1111 1111 1111 exp 09") is still found."""
    for start in range(len(groups)):
        digits = ""
        for group in groups[start:]:
            digits += group
            if len(digits) > MAX_DIGITS:
                break
            if len(digits) >= MIN_DIGITS:
                yield digits


def contains_card_number(text) -> bool:
    if not isinstance(text, str) or len(text) < MIN_DIGITS:
        return False
    for match in DIGIT_RUN.finditer(text):
        groups = GROUP_SPLIT.split(match.group())
        if any(luhn_valid(digits) for digits in _candidates(groups)):
            return True
    return False


def refuse_card_numbers(value) -> None:
    """Validator for every free-text form field."""
    if contains_card_number(value):
        raise ValidationError(CARD_NUMBER_MESSAGE, code="card_number")


def refuse_card_number_in_file_name(upload) -> None:
    """Validator for upload fields: the name a file was uploaded under is stored too."""
    if upload is not None and contains_card_number(getattr(upload, "name", "")):
        raise ValidationError(CARD_NUMBER_MESSAGE, code="card_number")


def mask_card_numbers(text: str) -> str:
    """For logs that must record something (the admin log's object name): digits out."""
    if not contains_card_number(text):
        return text
    return re.sub(r"\d", "•", text)


# The apps whose text fields are guarded, and fields that hold no text a person typed:
# digests and tokens we generate (hexadecimal may hold a Luhn-valid run of digits by chance),
# codes and names the portal chooses.
GUARDED_APPS = {
    "procurement_portal",
    "opportunities",
    "vendors",
    "evaluations",
    "payments",
    "auth",
    "account",
}
UNGUARDED_NAMES = {
    "password",
    "dedupe_key",
    "template",
    "last_error",
    "object_id",
    "to_email",
    "content_type",
    "token",
    "label",
    "codename",
}
UNGUARDED_FIELDS = {
    ("account", "emailconfirmation", "key"),
    # Written by the portal, never typed by a person, and made of digit groups that pass the
    # card-number test now and then: the tie-break draw's 32 random bytes in hexadecimal
    # (about one draw in a few hundred: a flaky 500), and the numbers of receipts,
    # contracts and payments once the ids are long enough (at 1,000,000 opportunities
    # "R1000123-100003-1" refused a vendor's submission).
    ("evaluations", "tiebreakdraw", "seed"),
    ("opportunities", "proposalreceipt", "number"),
    ("payments", "contract", "number"),
    ("payments", "payment", "number"),
}
UNGUARDED_SUFFIXES = ("sha256", "_hash", "_token")
# Written from other rows' names: masked rather than refused, so that an action on an old row
# is still recorded.
MASKED_FIELDS = {
    ("procurement_portal", "auditentry"): ["object_repr", "actor_label"],
    ("admin", "logentry"): ["object_repr", "change_message"],
}


def _is_guarded(field) -> bool:
    from django.db import models

    meta = field.model._meta
    return (
        isinstance(field, models.CharField | models.TextField)
        and (meta.app_label, meta.model_name, field.name) not in UNGUARDED_FIELDS
        and not field.choices
        and field.name not in UNGUARDED_NAMES
        and not field.name.endswith(UNGUARDED_SUFFIXES)
    )


def _guard_formfield(original):
    def formfield(**kwargs):
        form_field = original(**kwargs)
        if form_field is not None and refuse_card_numbers not in form_field.validators:
            form_field.validators.append(refuse_card_numbers)
        return form_field

    return formfield


def guarded_fields(model) -> list[str]:
    return getattr(model, "_card_guarded_fields", [])


def _refuse_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    masked = MASKED_FIELDS.get((sender._meta.app_label, sender._meta.model_name))
    if masked:
        for name in masked:
            value = getattr(instance, name, None)
            if isinstance(value, str):
                setattr(instance, name, mask_card_numbers(value))
        return
    names = guarded_fields(sender)
    if update_fields is not None:
        names = [name for name in names if name in update_fields]
    for name in names:
        if contains_card_number(getattr(instance, name, None)):
            raise ValidationError({name: ValidationError(CARD_NUMBER_MESSAGE, code="card_number")})


def guard_models() -> None:
    """Put the rule on every text field of the portal's models (see the module's notes)."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    for model in apps.get_models():
        if model._meta.app_label not in GUARDED_APPS:
            continue
        names = []
        for field in model._meta.concrete_fields:
            if not _is_guarded(field):
                continue
            names.append(field.name)
            if refuse_card_numbers not in field.validators:
                field.validators.append(refuse_card_numbers)
                field.formfield = _guard_formfield(field.formfield)  # type: ignore[method-assign]
        model._card_guarded_fields = names  # type: ignore[attr-defined]
    pre_save.connect(_refuse_on_save, dispatch_uid="card_numbers.refuse_on_save")
