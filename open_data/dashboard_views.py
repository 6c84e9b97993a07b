"""The public dashboard: figures, charts (SVG images), their tables and CSV downloads."""

import csv
from typing import cast

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csp import csp_override

from procurement_portal.exports import neutralise
from procurement_portal.forms import FilterForm
from procurement_portal.models import Category, Department
from procurement_portal.page_cache import public_page

from .charts import charts, render_svg
from .dashboard import PERIODS, Filters, figures


class DashboardFilterForm(FilterForm):
    department = forms.ChoiceField(label=_("Department"), required=False)
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("12", _("Last 12 months")),
            ("24", _("Last 24 months")),
            ("all", _("Since the start")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["department"])
        field.choices = [("", _("All departments"))] + [
            (d.slug, d.name) for d in Department.objects.order_by("slug")
        ]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        return Filters(self.cleaned_data["department"] or "", self.cleaned_data["period"] or "12")


def _charts(request):
    form = DashboardFilterForm(request.GET or None)
    filters = form.filters()
    data = figures(filters)
    names = {c.slug: c.local("name") for c in Category.objects.filter(parent__isnull=True)}
    return form, filters, data, {chart.name: chart for chart in charts(data, names)}


@public_page
def dashboard(request):
    form, filters, data, by_name = _charts(request)
    query = request.GET.urlencode()
    return render(
        request,
        "open_data/dashboard.html",
        {
            "form": form,
            "data": data,
            "charts": list(by_name.values()),
            "query": query,
            "periods": PERIODS,
        },
    )


# The chart is an image: its own tiny policy lets the SVG's embedded style apply and
# nothing else (images never run scripts).
@csp_override({"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE]})
def chart_svg(request, name: str):
    _form, _filters, _data, by_name = _charts(request)
    if name not in by_name:
        raise Http404
    response = HttpResponse(render_svg(by_name[name]), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=300"
    return response


def chart_csv(request, name: str):
    _form, _filters, _data, by_name = _charts(request)
    if name not in by_name:
        raise Http404
    chart = by_name[name]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(chart.columns)
    for label, value in chart.rows:
        writer.writerow([neutralise(label), value])
    return response
