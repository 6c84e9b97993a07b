"""Initiatives and their phases: go / no-go decisions and the next phase."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import PortalModelForm, show_error
from procurement_portal.models import Role

from ..models import Initiative, PhaseDecision
from ..services.initiatives import initiative_create, next_phase_draft, phase_decide
from .buyer import _buyer_department, _managed


class InitiativeForm(PortalModelForm):
    class Meta:
        model = Initiative
        fields = ["name_en", "name_fr", "description_en", "description_fr"]


class DecisionForm(PortalModelForm):
    class Meta:
        model = PhaseDecision
        fields = ["decision", "reasons", "reasons_fr"]
        widgets = {
            "decision": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 4}),
            "reasons_fr": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons_fr"].required = settings.PORTAL_REQUIRE_BOTH_LANGUAGES


@role_required(Role.BUYER)
def initiative_create_view(request):
    department = _buyer_department(request.user)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = initiative_create(
            actor=request.user, department=department, **form.cleaned_data
        )
        messages.success(
            request, _("Initiative created. Link its first phase from a draft opportunity.")
        )
        return redirect(initiative)
    return render(request, "opportunities/initiative_form.html", {"form": form})


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def phase_decision_view(request, pk: int):
    opportunity = _managed(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase_decide(opportunity=opportunity, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Decision recorded and published."))
            return redirect(opportunity.initiative or opportunity)
    return render(
        request, "opportunities/phase_decision.html", {"opportunity": opportunity, "form": form}
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def next_phase_view(request, pk: int):
    opportunity = _managed(request, pk)
    try:
        draft = next_phase_draft(opportunity=opportunity, actor=request.user)
    except PortalError as error:
        show_error(request, error)
        return redirect(opportunity)
    messages.success(request, _("The next phase is drafted, linked to this one."))
    return redirect("opportunity_edit", pk=draft.pk)
