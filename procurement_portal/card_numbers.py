"""Keep payment-card numbers out of the portal.

The portal never holds card data (only the last four digits of a purchase card). People
still paste numbers into questions, proposals or notes, so every free-text field refuses a
string that looks like a card number: 13 to 19 digits, optionally grouped with spaces or
dashes, passing the Luhn check. Ordinary numbers (phone, business number, dates, amounts)
are shorter or fail Luhn.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A run of digits in which single spaces or dashes may separate groups.
DIGIT_RUN = re.compile(r"\d+(?:[ \-]\d+)*")
MIN_DIGITS, MAX_DIGITS = 13, 19

CARD_NUMBER_MESSAGE = _(
    "This looks like a payment card number. Never enter card numbers in the portal: remove "
    "it. Card holders record only the authorization code and the card's last four digits.")


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
        groups = re.split(r"[ \-]", match.group())
        if any(luhn_valid(digits) for digits in _candidates(groups)):
            return True
    return False


def refuse_card_numbers(value) -> None:
    """Validator for every free-text form field."""
    if contains_card_number(value):
        raise ValidationError(CARD_NUMBER_MESSAGE, code="card_number")
