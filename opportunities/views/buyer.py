"""The buyer's side: draft, publish, answer, amend, cancel. Thin: forms in, services out."""

from typing import cast
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Department, Role

from ..forms import (
    AddendumForm,
    AnswerForm,
    AttachmentForm,
    BaseCriterionFormSet,
    CancelForm,
    CriterionFormSet,
    OpportunityDraftForm,
)
from ..models import Opportunity, OpportunityAttachment, Question
from ..models.opportunities import CANADIAN_TIME_ZONES
from ..services.addenda import addendum_post
from ..services.attachments import attachment_add, attachment_remove
from ..services.drafts import criteria_replace, opportunity_create_draft, opportunity_update_draft
from ..services.lifecycle import (
    PublishBlocked,
    opportunity_cancel,
    opportunity_publish,
    publish_problems,
)
from ..services.questions import question_answer
from ..workspace import workspace_groups


def _managed(request, pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.managed_by(request.user).select_related("department"), pk=pk
    )


def _time_zone(request, opportunity=None) -> ZoneInfo:
    """The zone the buyer types the closing time in: the one chosen on the form (even when
    it is being changed), else the opportunity's."""
    chosen = request.POST.get("time_zone") or (opportunity.time_zone if opportunity else "")
    valid = {name for name, _label in CANADIAN_TIME_ZONES}
    return ZoneInfo(chosen if chosen in valid else "America/Toronto")


def _buyer_department(user) -> Department:
    departments = user.departments_for(Role.BUYER)
    if not departments:
        raise PermissionDenied
    return Department.objects.filter(pk__in=departments).order_by("name_en")[0]


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def workspace(request):
    """Opportunities I manage, grouped by state, each with its next action."""
    user = request.user
    opportunities = (
        Opportunity.objects.managed_by(user)
        .select_related("department", "owner", "contract")
        .annotate(unanswered=Count("questions", filter=Q(questions__answered_at=None)))
        .order_by("closes_at", "-id")
    )
    return render(
        request,
        "opportunities/workspace.html",
        {
            "groups": workspace_groups(opportunities),
            "now": timezone.now(),
            "is_buyer": user.has_role(Role.BUYER),
        },
    )


@role_required(Role.BUYER)
def opportunity_create(request):
    with timezone.override(_time_zone(request)):
        return _opportunity_create(request)


def _opportunity_create(request):
    department = _buyer_department(request.user)
    form = OpportunityDraftForm(request.POST or None, department=department)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = opportunity_create_draft(
                actor=request.user, department=department, **form.cleaned_data
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Draft saved. Add the evaluation criteria next."))
            return redirect("opportunity_edit", pk=opportunity.pk)
    return render(
        request, "opportunities/opportunity_form.html", {"form": form, "department": department}
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_edit(request, pk: int):
    opportunity = _managed(request, pk)
    with timezone.override(_time_zone(request, opportunity)):
        return _opportunity_edit(request, opportunity)


def _opportunity_edit(request, opportunity):
    pk = opportunity.pk
    if not opportunity.is_draft:
        messages.info(request, _("A published opportunity is changed by posting an addendum."))
        return redirect(opportunity)
    data = request.POST if request.method == "POST" else None
    form = OpportunityDraftForm(data, instance=opportunity, department=opportunity.department)
    criteria = cast(
        BaseCriterionFormSet, CriterionFormSet(data, opportunity=opportunity, prefix="criteria")
    )
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        try:
            # Both or nothing: a failing criteria save must not leave half a draft.
            with transaction.atomic():
                opportunity_update_draft(
                    opportunity=opportunity, actor=request.user, **form.cleaned_data
                )
                criteria_replace(
                    opportunity=opportunity, actor=request.user, criteria=criteria.criteria_data()
                )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Draft saved."))
            if "publish" in request.POST:
                return redirect("opportunity_publish", pk=pk)
            return redirect("opportunity_edit", pk=pk)
    return render(
        request,
        "opportunities/opportunity_form.html",
        {
            "form": form,
            "criteria": criteria,
            "opportunity": opportunity,
            "department": opportunity.department,
            "attachment_form": AttachmentForm(),
        },
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def attachment_upload(request, pk: int):
    opportunity = _managed(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                opportunity=opportunity, actor=request.user, upload=form.cleaned_data["file"]
            )
        except (PortalError, ValidationError) as error:  # the upload's size or real type too
            show_error(request, error)
        else:
            messages.success(request, _("Document attached."))
    else:
        for message in form.errors.get("file", []):
            messages.error(request, str(message))
    return redirect("opportunity_edit", pk=pk)


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    opportunity = _managed(request, pk)
    attachment = get_object_or_404(OpportunityAttachment, pk=attachment_pk, opportunity=opportunity)
    try:
        attachment_remove(attachment=attachment, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Document removed."))
    return redirect("opportunity_edit", pk=pk)


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_publish_view(request, pk: int):
    opportunity = _managed(request, pk)
    problems = publish_problems(opportunity) if opportunity.is_draft else []
    if request.method == "POST":
        try:
            opportunity_publish(opportunity=opportunity, actor=request.user)
        except PublishBlocked as blocked:
            problems = blocked.problems
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Published. Vendors can now find this opportunity."))
            return redirect(opportunity)
    return render(
        request,
        "opportunities/opportunity_publish.html",
        {"opportunity": opportunity, "problems": problems},
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_cancel_view(request, pk: int):
    opportunity = _managed(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity_cancel(opportunity=opportunity, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The opportunity is cancelled."))
            return redirect(opportunity)
    return render(
        request, "opportunities/opportunity_cancel.html", {"opportunity": opportunity, "form": form}
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def question_list(request, pk: int):
    """Every question on one of my opportunities, with a form to answer each."""
    opportunity = _managed(request, pk)
    questions = opportunity.questions.order_by("answered_at", "asked_at")
    return render(
        request,
        "opportunities/question_list.html",
        {"opportunity": opportunity, "questions": questions},
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def question_answer_view(request, pk: int, question_pk: int):
    opportunity = _managed(request, pk)
    question = get_object_or_404(Question, pk=question_pk, opportunity=opportunity)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_answer(question=question, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Answer published."))
            return redirect("question_list", pk=pk)
    return render(
        request,
        "opportunities/question_answer.html",
        {"opportunity": opportunity, "question": question, "form": form},
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def addendum_create(request, pk: int):
    opportunity = _managed(request, pk)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            addendum_post(opportunity=opportunity, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Addendum posted and sent to interested vendors."))
            return redirect(opportunity)
    return render(
        request, "opportunities/addendum_form.html", {"opportunity": opportunity, "form": form}
    )
