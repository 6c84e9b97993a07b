"""Issue 12 item 7 and 11: the dashboard shows a public change at once, counts on
whole-number axes and shares on a 0–100 % axis."""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from open_data.charts import Chart, render_svg
from open_data.dashboard import Filters, figures
from procurement_portal.events import announce
from tests.opportunities.factories import published

pytestmark = pytest.mark.django_db(transaction=True)


def _labels(svg: str) -> list[str]:
    axis = re.search(r'<g class="axis y[^"]*">(.*?)</g>\s*</g>', svg, flags=re.S)
    text = axis.group(1) if axis else svg
    return re.findall(r"<text[^>]*>([^<]*)</text>", text)


def test_counts_are_drawn_on_whole_numbers():
    chart = Chart("proposals", "Proposals", ("Proposals", "Opportunities"), [("1", 1), ("2", 3)])
    labels = _labels(render_svg(chart))
    assert labels and all(re.fullmatch(r"\d+", label) for label in labels), labels


@pytest.mark.parametrize(("language", "sign"), [("en", "100%"), ("fr", "100\u00a0%")])
def test_shares_run_from_0_to_100_percent(language, sign):
    chart = Chart("shares", "Shares", ("Awards to", "Share (%)"), [("SME", 37.5)], True)
    with translation.override(language):
        svg = render_svg(chart)
    assert sign in svg and ("0%" in svg or "0\u00a0%" in svg)


def test_a_public_change_drops_the_cached_figures(department):
    cache.clear()
    opportunity = published(department=department)
    before = figures(Filters())
    assert cache.get(Filters().key) == before
    figures(Filters(department.slug))
    with transaction.atomic():
        announce(opportunity_id=opportunity.pk, tag="award")
        assert cache.get(Filters().key) is not None  # not before the change commits
    assert cache.get(Filters().key) is None
    assert cache.get(Filters(department.slug).key) is None
