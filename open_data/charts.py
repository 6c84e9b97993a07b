"""Dashboard charts as SVG (pygal), each with the table of the same figures.

A chart is an image with a text alternative; the table under it carries the data, and the
same rows download as CSV. Labels are in the reader's language."""

import math
from dataclasses import dataclass

import pygal
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pygal.style import Style

from procurement_portal.templatetags.portal import money

# GC Design System colours; large, legible type.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#333333",
    foreground_strong="#26374a",
    foreground_subtle="#555555",
    colors=("#26374a",),
    font_family="Noto Sans, Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    title_font_size=18,
)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    columns: tuple[str, str]
    rows: list[tuple[str, object]]
    horizontal: bool = False


TITLES = {
    "published": gettext_lazy("Opportunities published per month"),
    "proposals": gettext_lazy("Opportunities by number of proposals received"),
    "shares": gettext_lazy("Share of awards (%)"),
    "spending": gettext_lazy("Card payments by category (CAD)"),
    "concentration": gettext_lazy(
        "Share of awarded value that went to the 3 most-used vendors, by department (%)"
    ),
}


def charts(data: dict, category_names: dict[str, str]) -> list[Chart]:
    shares = data["shares"]
    french = (translation.get_language() or "en").startswith("fr")
    return [
        Chart(
            "published",
            str(TITLES["published"]),
            (_("Month"), _("Opportunities")),
            data["per_month"],
        ),
        Chart(
            "proposals",
            str(TITLES["proposals"]),
            (_("Proposals"), _("Opportunities")),
            data["proposals_histogram"],
        ),
        Chart(
            "shares",
            str(TITLES["shares"]),
            (_("Awards to"), _("Share (%)")),
            [
                (_("Small and medium businesses"), shares["sme"]),
                (_("First-time government vendors"), shares["first_time"]),
                (_("Verified diverse-owned vendors"), shares["diverse"]),
                (_("Verified eco-responsible vendors"), shares["eco"]),
            ],
            horizontal=True,
        ),
        Chart(
            "spending",
            str(TITLES["spending"]),
            (_("Category"), _("Amount (CAD)")),
            [
                (category_names.get(slug, slug or _("Uncategorised")), amount)
                for slug, amount in data["spending_by_category"]
            ],
            horizontal=True,
        ),
        Chart(
            "concentration",
            str(TITLES["concentration"]),
            (_("Department"), _("Share to the 3 most-used vendors (%)")),
            [
                (row["name_fr"] if french and row["name_fr"] else row["name_en"], row["top3"])
                for row in data.get("concentration", [])
            ],
            horizontal=True,
        ),
    ]


def render_svg(chart: Chart) -> str:
    kind = pygal.HorizontalBar if chart.horizontal else pygal.Bar
    graph = kind(
        style=STYLE,
        js=[],
        show_legend=False,
        disable_xml_declaration=False,
        width=800,
        height=400,
        print_values=True,
        title=chart.title,
        no_data_text=_("No data yet"),
        x_label_rotation=0 if chart.horizontal else 30,
        value_formatter=_formatter(chart.name),
        **_axis(chart),
    )
    graph.x_labels = [label for label, _value in chart.rows]
    graph.add(chart.columns[1], [value for _label, value in chart.rows])
    return graph.render(is_unicode=True)


COUNTS = {"published", "proposals"}
PERCENTS = {"shares", "concentration"}


def _axis(chart: Chart) -> dict:
    """Shares run on a 0–100 % axis; counts on whole-number ticks (never "0.5 opportunity")."""
    if chart.name in PERCENTS:
        return {"range": (0, 100), "y_labels": list(range(0, 101, 20))}
    if chart.name in COUNTS:
        values = [value for _label, value in chart.rows if isinstance(value, int | float)]
        highest = math.ceil(max(values, default=0))
        step = max(1, math.ceil(highest / 5))
        top = max(step, math.ceil(highest / step) * step)
        return {"range": (0, top), "y_labels": list(range(0, top + 1, step))}
    return {}


def _formatter(name: str):
    if name == "spending":
        return lambda value: money(value) if value is not None else ""
    if name in PERCENTS:
        # "50%" in English, "50 %" in French (a no-break space before the sign).
        space = "\u00a0" if (translation.get_language() or "en").startswith("fr") else ""
        return lambda value: f"{value:g}{space}%" if value is not None else ""
    if name in COUNTS:
        return lambda value: f"{round(value):d}" if value is not None else ""
    return lambda value: f"{value:g}" if value is not None else ""
