"""Amounts and numbers as each language writes them, read back without guessing.

French (Canada) groups thousands with a space and marks decimals with a comma: "6 900,50";
English (Canada) groups with a comma and marks decimals with a period: "6,900.50". People
also type "6900,50" on a French page, a no-break or narrow no-break space pasted from a
document, or the other language's decimal mark. A value that could be read two ways
("6.900" on a French page: six thousand nine hundred, or six point nine?) is refused with a
message, never turned into another number (Django's DecimalField read "6900,50" as 690050
once thousand separators were stripped).
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import translation

SPACES = "\u00a0\u202f\u2009\u2007"  # no-break, narrow no-break, thin and figure spaces


class NotANumber(ValueError):
    """The text is not a number in the page's notation (or could be read two ways)."""


def _is_french(language: str | None) -> bool:
    return (language or translation.get_language() or "en").startswith("fr")


def example(language: str | None = None) -> str:
    """How to write 6900.50 on this page: "6 900,50" / "6,900.50"."""
    return "6\u00a0900,50" if _is_french(language) else "6,900.50"


def parse_decimal(text: str, language: str | None = None) -> Decimal:
    """ "6 900,50", "6900,50", "6 900,50 $" (fr) or "6,900.50", "$6900.50" (en) -> 6900.50."""
    value = str(text).strip()
    for space in SPACES:
        value = value.replace(space, " ")
    value = value.strip().removeprefix("$").removesuffix("$").removesuffix("%").strip()
    sign = ""
    if value[:1] in "+-":
        sign, value = value[0], value[1:].strip()
    french = _is_french(language)
    mark, other = (",", ".") if french else (".", ",")
    # The other language's decimal mark is read as one only where it cannot be a thousands
    # separator: once, with one or two digits after it, and no mark of our own.
    if mark not in value and value.count(other) == 1 and re.search(rf"\{other}\d{{1,2}}$", value):
        value = value.replace(other, mark)
    groups = r" " if french else r"[ ,]"
    match = re.fullmatch(
        rf"(\d{{1,3}}(?:({groups})\d{{3}})(?:\2\d{{3}})*|\d+)(?:\{mark}(\d+))?", value
    )
    if not match:
        raise NotANumber(value)
    whole = re.sub(r"[ ,]", "", match.group(1))
    decimals = match.group(3)
    try:
        return Decimal(f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}")
    except InvalidOperation as error:  # pragma: no cover - the pattern allows digits only
        raise NotANumber(value) from error


def percent_validators() -> list:
    """A percentage is between 0 and 100, both included."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    return [MinValueValidator(0), MaxValueValidator(100)]
