"""The department's side of a planned purchase: its need and aspects, preliminary studies,
retro-planning and questions to the market, and the market's private answers."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import PortalForm, PortalModelForm, show_error
from procurement_portal.models import Role

from ..models import (
    MarketAnswer,
    MarketQuestion,
    PlannedDocument,
    PlannedMilestone,
    PlannedPurchase,
)
from ..services.planned import (
    market_question_add,
    market_question_remove,
    planned_document_add,
    planned_document_remove,
    planned_milestone_add,
    planned_milestone_remove,
    planned_notes_save,
    planned_update,
)
from .planned import PlannedPurchaseForm

MANAGERS = (Role.BUYER, Role.PROCUREMENT_OFFICER)


class StudyForm(PortalForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of study"), choices=PlannedDocument.Kind)
    file = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy(
            "PDF, Word, Excel, OpenDocument, PNG or JPEG, up to 10 MB. Public with the "
            "planned purchase; its metadata (author, title) is removed."
        ),
    )


class MilestoneForm(PortalModelForm):
    class Meta:
        model = PlannedMilestone
        fields = ["kind", "due_date", "title_en", "title_fr"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class MarketQuestionForm(PortalModelForm):
    class Meta:
        model = MarketQuestion
        fields = ["text_en", "text_fr"]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_fr": forms.Textarea(attrs={"rows": 3}),
        }


class NotesForm(PortalModelForm):
    class Meta:
        model = PlannedPurchase
        fields = ["market_notes"]
        widgets = {"market_notes": forms.Textarea(attrs={"rows": 6})}


def _managed(request, pk: int) -> PlannedPurchase:
    """Another department's planned purchase answers as a missing one."""
    return get_object_or_404(
        PlannedPurchase.objects.managed_by(request.user).select_related("department"), pk=pk
    )


def _edit_page(request, planned, **forms_given):
    context = {
        "planned": planned,
        "form": PlannedPurchaseForm(instance=planned),
        "study_form": StudyForm(),
        "milestone_form": MilestoneForm(),
        "question_form": MarketQuestionForm(),
        "documents": planned.documents.all(),
        "milestones": planned.milestones.all(),
        "questions": planned.market_questions.all(),
    }
    context.update(forms_given)
    return render(request, "opportunities/planned_edit.html", context)


@role_required(*MANAGERS)
def planned_edit(request, pk: int):
    planned = _managed(request, pk)
    if not planned.can_change:
        messages.info(request, _("This planned purchase is now an opportunity."))
        return redirect(planned)
    form = PlannedPurchaseForm(request.POST or None, instance=planned)
    if request.method == "POST" and form.is_valid():
        try:
            planned_update(planned=planned, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Planned purchase saved."))
            return redirect("planned_edit", pk=pk)
    return _edit_page(request, planned, form=form)


@role_required(*MANAGERS)
@require_POST
def planned_document_add_view(request, pk: int):
    planned = _managed(request, pk)
    form = StudyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            planned_document_add(
                planned=planned,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except (PortalError, ValidationError) as error:  # the upload's size or real type too
            show_error(form, error)
        else:
            messages.success(request, _("Preliminary study published."))
            return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#studies")
    return _edit_page(request, planned, study_form=form)


@role_required(*MANAGERS)
@require_POST
def planned_document_remove_view(request, pk: int, document_pk: int):
    planned = _managed(request, pk)
    document = get_object_or_404(PlannedDocument, pk=document_pk, planned_purchase=planned)
    try:
        planned_document_remove(document=document, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Preliminary study removed."))
    return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#studies")


def planned_document_download(request, pk: int, document_pk: int):
    """Public with the planned purchase; a draft's only for its department."""
    visible = PlannedPurchase.objects.public() | PlannedPurchase.objects.managed_by(request.user)
    planned = get_object_or_404(visible.distinct(), pk=pk)
    document = get_object_or_404(PlannedDocument, pk=document_pk, planned_purchase=planned)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.display_name,
        content_type=document.content_type,
    )


@role_required(*MANAGERS)
@require_POST
def planned_milestone_add_view(request, pk: int):
    planned = _managed(request, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            planned_milestone_add(planned=planned, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Milestone added."))
            return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#milestones")
    return _edit_page(request, planned, milestone_form=form)


@role_required(*MANAGERS)
@require_POST
def planned_milestone_remove_view(request, pk: int, milestone_pk: int):
    planned = _managed(request, pk)
    milestone = get_object_or_404(PlannedMilestone, pk=milestone_pk, planned_purchase=planned)
    try:
        planned_milestone_remove(milestone=milestone, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Milestone removed."))
    return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#milestones")


@role_required(*MANAGERS)
@require_POST
def market_question_add_view(request, pk: int):
    planned = _managed(request, pk)
    form = MarketQuestionForm(request.POST)
    if form.is_valid():
        try:
            market_question_add(planned=planned, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Question added: vendors can answer it privately."))
            return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#questions")
    return _edit_page(request, planned, question_form=form)


@role_required(*MANAGERS)
@require_POST
def market_question_remove_view(request, pk: int, question_pk: int):
    planned = _managed(request, pk)
    question = get_object_or_404(MarketQuestion, pk=question_pk, planned_purchase=planned)
    try:
        market_question_remove(question=question, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Question removed."))
    return redirect(reverse("planned_edit", kwargs={"pk": pk}) + "#questions")


@role_required(*MANAGERS)
def planned_answers(request, pk: int):
    """Every answer of the market in one place, by question, with the buyer's notes on what
    they learned (carried to the draft opportunity)."""
    planned = _managed(request, pk)
    form = NotesForm(request.POST or None, instance=planned)
    if request.method == "POST" and form.is_valid():
        planned_notes_save(
            planned=planned, actor=request.user, notes=form.cleaned_data["market_notes"]
        )
        messages.success(request, _("Your notes are saved."))
        return redirect("planned_answers", pk=pk)
    answers = MarketAnswer.objects.visible_to(request.user, planned).select_related(
        "user__vendor_membership__vendor"
    )
    by_question: dict[int, list[MarketAnswer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    questions = [(q, by_question.get(q.pk, [])) for q in planned.market_questions.all()]
    responses = planned.responses.select_related("user__vendor_membership__vendor")
    return render(
        request,
        "opportunities/planned_answers.html",
        {"planned": planned, "questions": questions, "responses": responses, "form": form},
    )
