"""The buyer's side: draft, publish, answer, amend, cancel. Thin: forms in, services out."""

from typing import cast
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.confirm import (
    Confirmation,
    carried,
    confirmation_page,
    confirmed,
    editing,
)
from procurement_portal.dates import long_datetime_in
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
from ..services.copies import opportunity_copy
from ..services.drafts import criteria_replace, opportunity_create_draft, opportunity_update_draft
from ..services.lifecycle import (
    PublishBlocked,
    default_questions_deadline,
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


@role_required(Role.BUYER)
@require_POST
def opportunity_copy_view(request, pk: int):
    """ "Copy to a new draft": nothing irreversible (the copy is a draft that can be
    cancelled), so no confirmation step."""
    opportunity = _managed(request, pk)
    try:
        copy = opportunity_copy(opportunity=opportunity, actor=request.user)
    except PortalError as error:
        show_error(request, error)
        return redirect(opportunity)
    messages.success(
        request,
        _(
            "This is a new draft copied from “%(title)s”: its texts, budget and criteria. "
            "Set the closing date and time, and check everything before publishing."
        )
        % {"title": opportunity},
    )
    return redirect("opportunity_edit", pk=copy.pk)


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_edit(request, pk: int):
    opportunity = _managed(request, pk)
    with timezone.override(_time_zone(request, opportunity)):
        return _opportunity_edit(request, opportunity)


def _opportunity_edit(request, opportunity, *, remove: OpportunityAttachment | None = None):
    """The draft, its criteria and its documents are one form: the document buttons post it
    too (formaction), so what was typed is saved before a document is attached or removed."""
    pk = opportunity.pk
    if not opportunity.is_draft:
        messages.info(request, _("A published opportunity is changed by posting an addendum."))
        return redirect(opportunity)
    data = request.POST if request.method == "POST" else None
    form = OpportunityDraftForm(data, instance=opportunity, department=opportunity.department)
    criteria = cast(
        BaseCriterionFormSet, CriterionFormSet(data, opportunity=opportunity, prefix="criteria")
    )
    # Bound only to a chosen file: without one, "Attach" or "Save" is not an error.
    attachment_form = (
        AttachmentForm(data, request.FILES) if request.FILES.get("file") else AttachmentForm()
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
            if _documents_change(request, form, attachment_form, opportunity, remove):
                if "publish" in request.POST:
                    return redirect("opportunity_publish", pk=pk)
                anchor = (
                    "" if request.resolver_match.url_name == "opportunity_edit" else "#documents"
                )
                return redirect(reverse("opportunity_edit", kwargs={"pk": pk}) + anchor)
    return render(
        request,
        "opportunities/opportunity_form.html",
        {
            "form": form,
            "criteria": criteria,
            "opportunity": opportunity,
            "department": opportunity.department,
            "attachment_form": attachment_form,
        },
    )


def _documents_change(request, form, attachment_form, opportunity, remove) -> bool:
    """After the draft is saved: attach the chosen document, remove the one asked. False,
    with the reason in the form's error summary, when that failed."""
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            if not attachment_form.is_valid():
                for message in attachment_form.errors.get("file", []):
                    form.add_error(None, message)
                messages.success(request, _("Draft saved."))
                return False
            attachment_add(
                opportunity=opportunity,
                actor=request.user,
                upload=attachment_form.cleaned_data["file"],
            )
        if remove is not None:
            attachment_remove(attachment=remove, actor=request.user)
    except (PortalError, ValidationError) as error:  # the upload's size or real type too
        show_error(form, error)
        messages.success(request, _("Draft saved."))
        return False
    if upload is not None:
        messages.success(request, _("Draft saved and document attached."))
    elif remove is not None:
        messages.success(request, _("Draft saved and document removed."))
    else:
        messages.success(request, _("Draft saved."))
    return True


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def attachment_upload(request, pk: int):
    """The draft form's "Attach" button (formaction): save the draft, then attach."""
    opportunity = _managed(request, pk)
    with timezone.override(_time_zone(request, opportunity)):
        return _opportunity_edit(request, opportunity)


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    """A "Remove" button of the draft form (formaction): save the draft, then remove."""
    opportunity = _managed(request, pk)
    attachment = get_object_or_404(OpportunityAttachment, pk=attachment_pk, opportunity=opportunity)
    with timezone.override(_time_zone(request, opportunity)):
        return _opportunity_edit(request, opportunity, remove=attachment)


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_publish_view(request, pk: int):
    """The publish page is the confirmation: a POST without `confirm` only shows it again."""
    opportunity = _managed(request, pk)
    problems = publish_problems(opportunity) if opportunity.is_draft else []
    if confirmed(request):
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
        {
            "opportunity": opportunity,
            "problems": problems,
            "confirmation": _publish_confirmation(opportunity),
        },
    )


def _publish_confirmation(opportunity: Opportunity) -> Confirmation:
    closes = long_datetime_in(opportunity.closes_at, opportunity.time_zone)
    told = _(
        "Vendors subscribed to its category are emailed, at once or in their daily digest. "
        "It is listed on the portal and in the open data."
    )
    if opportunity.planned_purchase_id:
        told += " " + _("Vendors interested in the planned purchase are emailed too.")
    return Confirmation(
        title=_("Publish the opportunity"),
        happens=[
            _(
                "The opportunity becomes public: anyone can read it, vendors can ask "
                "questions until %(questions)s and submit proposals until %(closes)s."
            )
            % {
                "closes": closes,
                "questions": long_datetime_in(
                    opportunity.questions_close_at or default_questions_deadline(opportunity),
                    opportunity.time_zone,
                ),
            },
            _(
                "Its description, budget, closing date and time and evaluation criteria "
                "are fixed: any change is made by a numbered addendum."
            ),
        ],
        told=told,
        permanent=_(
            "A published opportunity cannot go back to draft or be deleted: it can only "
            "be amended by addenda or cancelled with a public reason."
        ),
        button=_("Publish now"),
        back_url=reverse("opportunity_edit", kwargs={"pk": opportunity.pk}),
        back_label=_("Back to the draft"),
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def opportunity_cancel_view(request, pk: int):
    opportunity = _managed(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and not editing(request) and form.is_valid():
        if not confirmed(request):
            return confirmation_page(
                request, _cancel_confirmation(request, opportunity, form), opportunity=opportunity
            )
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


def _cancel_confirmation(request, opportunity: Opportunity, form) -> Confirmation:
    if opportunity.is_draft:
        told = _("No one: the draft was never published.")
    else:
        told = _(
            "Everyone who follows the opportunity, asked a question or submitted a "
            "proposal is emailed the reason."
        )
    return Confirmation(
        title=_("Cancel the opportunity?"),
        happens=[
            _(
                "The opportunity is marked cancelled, with this public reason, on its page "
                "and in the open data."
            ),
            _("Vendors can no longer submit proposals, and none is evaluated."),
        ],
        told=told,
        permanent=_(
            "A cancelled opportunity cannot be reopened. To buy the same work, draft a new "
            "opportunity."
        ),
        button=_("Cancel the opportunity"),
        back_url=opportunity.get_absolute_url(),
        back_label=_("Keep the opportunity"),
        carry=carried(request, form),
        can_change=True,
        danger=True,
        summary=[
            (str(form.fields[name].label), form.cleaned_data[name])
            for name in ("reason", "reason_fr")
            if form.cleaned_data.get(name)
        ],
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
    if request.method == "POST" and not editing(request) and form.is_valid():
        if not confirmed(request):
            return confirmation_page(
                request, _addendum_confirmation(request, opportunity, form), opportunity=opportunity
            )
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


def _addendum_confirmation(request, opportunity: Opportunity, form) -> Confirmation:
    return Confirmation(
        title=_("Post this addendum?"),
        happens=[
            _(
                "The change is added to the opportunity as a dated, numbered addendum, "
                "shown with the opportunity and in the open data."
            ),
            _("Vendors who already started a proposal are asked to re-check it against it."),
        ],
        told=_(
            "Everyone who follows the opportunity, asked a question or submitted a "
            "proposal is emailed the change."
        ),
        permanent=_(
            "An addendum cannot be edited or removed. To correct it, post another addendum."
        ),
        button=_("Post the addendum"),
        back_url=opportunity.get_absolute_url(),
        back_label=_("Do not post"),
        carry=carried(request, form),
        can_change=True,
        summary=[
            (str(form.fields[name].label), form.cleaned_data[name])
            for name in ("text_en", "text_fr")
            if form.cleaned_data.get(name)
        ],
    )
