from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("evaluations/"), views.workspace, name="evaluation_workspace"),
    path(_("evaluations/ties/"), views.ties, name="evaluation_ties"),
    path(_("evaluations/ties/<int:pk>/remove/"), views.tie_delete, name="evaluation_tie_remove"),
    path(_("evaluations/<int:pk>/panel/"), views.panel_manage, name="panel_manage"),
    path(
        _("evaluations/<int:pk>/panel/<int:member_pk>/remove/"),
        views.panel_member_remove,
        name="panel_member_remove",
    ),
    path(_("evaluations/<int:pk>/"), views.evaluation_home, name="evaluation_home"),
    path(
        _("evaluations/<int:pk>/proposals/<str:label>/"),
        views.proposal_score,
        name="evaluation_proposal",
    ),
    path(
        _("evaluations/<int:pk>/proposals/<str:label>/demonstration/"),
        views.demonstration,
        name="evaluation_demonstration",
    ),
    path(_("evaluations/<int:pk>/ranking/"), views.ranking, name="evaluation_ranking"),
    path(_("debriefs/<int:pk>/"), views.debrief_view, name="debrief"),
    path(
        _("evaluations/<int:pk>/scores.csv"), views.score_sheet_csv, name="evaluation_score_sheet"
    ),
    path(
        _("evaluations/<int:pk>/proposals/<str:label>/consensus/"),
        views.consensus,
        name="evaluation_consensus",
    ),
    path(
        _("evaluations/<int:pk>/proposals/<str:label>/documents/<int:number>/"),
        views.proposal_document,
        name="evaluation_document",
    ),
]
