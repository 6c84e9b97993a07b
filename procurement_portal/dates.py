"""Dates and times in prose, the way each language writes them.

French follows the Translation Bureau (*Le guide du rédacteur*): "1er décembre 2026",
"14 h 55", "14 h 55 min 12 s", and time-zone abbreviations in French (HNE, HAE...).
Django's format strings cannot say "1er" or translate "EST", hence these helpers.
"""

from datetime import date, datetime

from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

# What zoneinfo calls the Canadian zones, and what French readers expect instead.
FRENCH_ZONE_ABBREVIATIONS = {
    "NST": "HNT",
    "NDT": "HAT",  # Terre-Neuve
    "AST": "HNA",
    "ADT": "HAA",  # Atlantique
    "EST": "HNE",
    "EDT": "HAE",  # Est
    "CST": "HNC",
    "CDT": "HAC",  # Centre
    "MST": "HNR",
    "MDT": "HAR",  # Rocheuses
    "PST": "HNP",
    "PDT": "HAP",  # Pacifique
    "UTC": "UTC",
}

NBSP = "\u00a0"


def _is_french() -> bool:
    return (translation.get_language() or "en").startswith("fr")


def _coerce(value):
    """Accept dates, datetimes and their ISO strings (email contexts are JSON)."""
    if isinstance(value, str):
        return parse_datetime(value) or parse_date(value) or value
    return value


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def zone_abbreviation(value) -> str:
    """EST / EDT in English, HNE / HAE in French, for the current time zone."""
    value = _coerce(value)
    if not isinstance(value, datetime) or not timezone.is_aware(value):
        return ""
    name = _local(value).tzname() or ""
    if _is_french():
        return FRENCH_ZONE_ABBREVIATIONS.get(name, name)
    return name


def long_date(value) -> str:
    """ "December 1, 2026" / "1er décembre 2026"."""
    value = _coerce(value)
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    if _is_french():
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day}{NBSP}{formats.date_format(value, 'F Y')}"
    return formats.date_format(value, "DATE_FORMAT")


def clock(value, *, seconds: bool = False) -> str:
    """ "2:55 p.m." / "14 h 55"; with seconds "2:55:12 p.m." / "14 h 55 min 12 s"."""
    value = _coerce(value)
    if not isinstance(value, datetime):
        return "" if value in (None, "") else str(value)
    value = _local(value)
    if _is_french():
        # The Translation Bureau writes "9 h 05", not "09 h 05": no leading zero on hours.
        text = f"{value.hour}{NBSP}h{NBSP}{value:%M}"
        return f"{text}{NBSP}min{NBSP}{value:%S}{NBSP}s" if seconds else text
    return formats.date_format(value, "g:i:s a" if seconds else "TIME_FORMAT")


def long_datetime(value, *, seconds: bool = False, zone: bool = True) -> str:
    """ "December 1, 2026, 2:55 p.m. EST" / "1er décembre 2026, 14 h 55 HNE"."""
    value = _coerce(value)
    if not isinstance(value, datetime):
        return long_date(value)
    text = f"{long_date(value)}, {clock(value, seconds=seconds)}"
    abbreviation = zone_abbreviation(value) if zone else ""
    space = NBSP if _is_french() else " "
    return f"{text}{space}{abbreviation}" if abbreviation else text


def long_datetime_in(value, zone_name: str) -> str:
    """long_datetime in a given zone (an opportunity's own), wherever the reader is."""
    if value is None:
        return ""
    with timezone.override(zone_name):
        return long_datetime(value)


def machine(value, *, day: bool = False) -> str:
    """The value of `<time datetime="...">`: local time with its offset, to the minute (or
    the second when there are seconds), never microseconds — "2026-12-01T14:55-05:00", a
    valid global date and time string of the HTML standard; a date (or, with `day`, the
    local day of a moment) is "2026-12-01"."""
    value = _coerce(value)
    if isinstance(value, datetime) and day:
        value = _local(value).date()
    if isinstance(value, datetime):
        value = _local(value)
        text = f"{value:%Y-%m-%dT%H:%M:%S}" if value.second else f"{value:%Y-%m-%dT%H:%M}"
        if value.utcoffset() is None:
            return text  # a naive value: a valid local date and time string
        offset = f"{value:%z}"
        return f"{text}{offset[:3]}:{offset[3:5]}"
    if isinstance(value, date):
        return value.isoformat()
    return ""
