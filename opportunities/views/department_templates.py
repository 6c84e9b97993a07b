"""Department templates: save one from an opportunity, list and edit them, start a draft
from one. Thin: forms in, services out."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..forms import TemplateForm, TemplateNameForm
from ..models import Opportunity, OpportunityTemplate
from ..services.department_templates import (
    opportunity_start_from_template,
    template_save_from,
    template_update,
)

MANAGERS = (Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)


def _template(request, pk: int) -> OpportunityTemplate:
    return get_object_or_404(
        OpportunityTemplate.objects.managed_by(request.user).select_related("department"), pk=pk
    )


@role_required(*MANAGERS)
def template_list(request):
    """ "Start from a template": the templates of my departments."""
    templates = (
        OpportunityTemplate.objects.managed_by(request.user)
        .select_related("department", "category")
        .prefetch_related("criteria")
    )
    return render(
        request,
        "opportunities/template_list.html",
        {"templates": templates, "is_buyer": request.user.has_role(Role.BUYER)},
    )


@role_required(*MANAGERS)
def template_create(request, pk: int):
    """ "Save as department template" from an opportunity (any status)."""
    opportunity = get_object_or_404(Opportunity.objects.managed_by(request.user), pk=pk)
    form = TemplateNameForm(
        request.POST or None,
        initial={"name_en": opportunity.title_en, "name_fr": opportunity.title_fr},
    )
    if request.method == "POST" and form.is_valid():
        try:
            template = template_save_from(
                opportunity=opportunity, actor=request.user, **form.cleaned_data
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _("Template “%(name)s” saved. Buyers of %(department)s can start from it.")
                % {"name": template, "department": template.department},
            )
            return redirect("template_list")
    return render(
        request,
        "opportunities/template_create.html",
        {"opportunity": opportunity, "form": form},
    )


@role_required(*MANAGERS)
def template_edit(request, pk: int):
    template = _template(request, pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            template_update(template=template, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Template saved."))
            return redirect("template_list")
    return render(request, "opportunities/template_form.html", {"template": template, "form": form})


@role_required(Role.BUYER)
@require_POST
def template_use(request, pk: int):
    template = _template(request, pk)
    try:
        opportunity = opportunity_start_from_template(template=template, actor=request.user)
    except PortalError as error:
        show_error(request, error)
        return redirect("template_list")
    messages.success(
        request,
        _(
            "This draft starts from the template “%(name)s”. Set the budget and the closing "
            "date and time, and adapt the texts to this purchase."
        )
        % {"name": template},
    )
    return redirect("opportunity_edit", pk=opportunity.pk)
