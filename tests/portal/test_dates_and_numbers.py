"""Issue 12 item 8: one formatter for date-times (pages, emails, PDFs) and `<time datetime>`
values the HTML standard accepts; amounts typed the reader's way, never misread."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from procurement_portal import dates
from procurement_portal.forms import PortalForm
from procurement_portal.numbers import NotANumber, parse_decimal

UTC = ZoneInfo("UTC")
# HTML Living Standard 2.3.5: a valid global date and time string ("2026-12-01T14:55-05:00",
# seconds optional, 1-3 fraction digits, "Z" or ±hh:mm), or a valid date string.
VALID_GLOBAL = re.compile(
    r"\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d"
    r"(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)"
)
VALID_DATE = re.compile(r"\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


def valid_time_value(value: str) -> bool:
    return bool(VALID_GLOBAL.fullmatch(value) or VALID_DATE.fullmatch(value))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 1, 19, 55, 0, 123456, tzinfo=UTC), "2026-12-01T14:55-05:00"),
        (datetime(2026, 7, 1, 18, 5, 9, 999999, tzinfo=UTC), "2026-07-01T14:05:09-04:00"),
        ("2026-12-01T20:28:12.654321+00:00", "2026-12-01T15:28:12-05:00"),
        (date(2026, 12, 1), "2026-12-01"),
    ],
)
def test_time_element_values_are_valid_html(moment, expected):
    assert dates.machine(moment) == expected
    assert valid_time_value(dates.machine(moment))


def test_djangos_c_format_used_before_was_refused():
    moment = datetime(2026, 12, 1, 19, 55, 0, 123456, tzinfo=UTC)
    before = Template("{{ m|date:'c' }}").render(Context({"m": moment}))
    assert not valid_time_value(before)  # microseconds: the Nu Html Checker refuses them


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("en", datetime(2026, 12, 1, 20, 9, 50, tzinfo=UTC), "December 1, 2026, 3:09 p.m. EST"),
        ("fr", datetime(2026, 12, 1, 20, 9, 50, tzinfo=UTC), "1er décembre 2026, 15 h 09 HNE"),
        ("en", datetime(2026, 7, 2, 18, 5, tzinfo=UTC), "July 2, 2026, 2:05 p.m. EDT"),
        ("fr", datetime(2026, 7, 2, 18, 5, tzinfo=UTC), "2 juillet 2026, 14 h 05 HAE"),
        ("en", datetime(2026, 12, 2, 14, 5, tzinfo=UTC), "December 2, 2026, 9:05 a.m. EST"),
        ("fr", datetime(2026, 12, 2, 14, 5, tzinfo=UTC), "2 décembre 2026, 9 h 05 HNE"),
    ],
)
def test_one_formatter_for_pages_emails_and_pdfs(language, moment, expected):
    template = Template("{% load portal %}{{ m|long_datetime }}|{{ m|machine }}")
    with translation.override(language):
        text, machine = template.render(Context({"m": moment})).split("|")
        assert text.replace("\xa0", " ") == expected
        assert dates.long_datetime(moment.isoformat()) == text  # emails carry ISO strings
    assert valid_time_value(machine)
    for wrong in (".:", "..", "T1", "T2", "+00", "UTC", ".123"):
        assert wrong not in text


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("fr", "6 900,50", "6900.50"),
        ("fr", "6900,50", "6900.50"),
        ("fr", "6\u00a0900,50", "6900.50"),
        ("fr", "6\u202f900,50", "6900.50"),
        ("fr", "6 900,50 $", "6900.50"),
        ("fr", "6900.50", "6900.50"),  # the other language's mark, where it cannot be a group
        ("en", "6,900.50", "6900.50"),
        ("en", "6900.50", "6900.50"),
        ("en", "$6,900.50", "6900.50"),
        ("en", "6900,50", "6900.50"),
        ("en", "1,234,567.89", "1234567.89"),
    ],
)
def test_amounts_in_the_readers_notation(language, typed, expected):
    assert parse_decimal(typed, language) == Decimal(expected)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "6.900"),  # six thousand nine hundred, or six point nine?
        ("fr", "6,900.50"),
        ("fr", "69 00,50"),
        ("en", "6.900,50"),
        ("en", "6,900,50"),
        ("en", "6,9000"),
        ("en", "six"),
    ],
)
def test_ambiguous_amounts_are_refused(language, typed):
    with pytest.raises(NotANumber):
        parse_decimal(typed, language)


class AmountForm(PortalForm):
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_portal_form_reads_the_readers_notation(language):
    typed = "6 900,50" if language == "fr" else "6,900.50"
    with translation.override(language):
        form = AmountForm({"amount": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["amount"] == Decimal("6900.50")
        shown = str(AmountForm(initial={"amount": Decimal("6900.50")})["amount"])
        assert ('value="6900,50"' if language == "fr" else 'value="6900.50"') in shown
        assert 'inputmode="decimal"' in shown and 'type="number"' not in shown
        refused = AmountForm({"amount": "6,900,50"})
        assert not refused.is_valid()
        message = refused.errors["amount"][0]
        assert ("6\u00a0900,50" if language == "fr" else "6,900.50") in message


def test_french_comma_never_becomes_digits():
    with translation.override("en"):
        form = AmountForm({"amount": "6900,50"})
        assert form.is_valid() and form.cleaned_data["amount"] == Decimal("6900.50")
    with translation.override("fr"):
        form = AmountForm({"amount": "1,234"})  # a decimal comma: three places, refused
        assert not form.is_valid()


def test_a_moment_shown_as_a_day_has_the_local_day():
    late = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)  # still December 1 in Toronto
    assert dates.machine(late, day=True) == "2026-12-01"
    rendered = Template('{% load portal %}{{ m|machine:"date" }}').render(Context({"m": late}))
    assert rendered == "2026-12-01"


@pytest.mark.django_db
@pytest.mark.parametrize(("weight", "valid"), [(0, True), (100, True), (101, False), (150, False)])
def test_criterion_weights_are_percentages(weight, valid):
    from opportunities.forms import CriterionForm

    form = CriterionForm(
        {"name_en": "Approach", "name_fr": "Approche", "weight": weight, "min_score": 0}
    )
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "weight" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "valid"), [("0", True), ("100", True), ("100,5", False)])
def test_a_share_asked_in_percent_is_0_to_100(typed, valid):
    from vendors.forms import QuestionnaireForm
    from vendors.models import QuestionnaireVersion

    version = QuestionnaireVersion.objects.current()
    question = version.questions.get(key="div-suppliers")
    assert question.is_percentage
    with translation.override("fr"):
        form = QuestionnaireForm({f"q_{question.pk}": typed}, version=version, answers={})
        assert form.is_valid() is valid, form.errors


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "14,411 opportunities found"), ("fr", "14\u00a0411 occasions")]
)
def test_list_counts_are_written_the_readers_way(language, shown):
    """ "14411 opportunities found" was hard to read; counts group their thousands."""
    template = Template(
        "{% load i18n portal %}{% blocktranslate trimmed count counter=n with shown=n|number %}"
        "{{ shown }} opportunity found{% plural %}{{ shown }} opportunities found"
        "{% endblocktranslate %}"
    )
    with translation.override(language):
        assert shown in template.render(Context({"n": 14411}))
