"""The bilingual open-data pages (inside the language prefix, with French slugs)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import dashboard_views, views

urlpatterns = [
    path(_("open-data/"), views.index, name="open_data_index"),
    path(_("awards/<int:pk>/"), views.award_notice, name="award_notice"),
    path(_("dashboard/"), dashboard_views.dashboard, name="dashboard"),
    path(_("dashboard/charts/<slug:name>.svg"), dashboard_views.chart_svg, name="dashboard_chart"),
    path(_("dashboard/data/<slug:name>.csv"), dashboard_views.chart_csv, name="dashboard_data"),
]
