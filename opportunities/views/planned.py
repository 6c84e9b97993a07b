"""Planned purchases (projets d'achat): announced before the call, open to comments."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import PortalForm, PortalModelForm, form_error_message, show_error
from procurement_portal.models import Role
from procurement_portal.page_cache import public_page
from procurement_portal.pagination import PublicCountPaginator

from ..models import MarketAnswer, PlannedPurchase, PlannedPurchaseResponse
from ..services.planned import planned_convert, planned_create, planned_publish, planned_respond
from .buyer import _buyer_department


class PlannedPurchaseForm(PortalModelForm):
    class Meta:
        model = PlannedPurchase
        fields = [
            "title_en",
            "title_fr",
            "need_en",
            "need_fr",
            "rough_budget",
            "expected_date",
            "social_aspects_en",
            "social_aspects_fr",
            "environmental_aspects_en",
            "environmental_aspects_fr",
        ]
        widgets = {
            "expected_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "social_aspects_en",
                    "social_aspects_fr",
                    "environmental_aspects_en",
                    "environmental_aspects_fr",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Published as is, for readers of each language: the text is required in English,
        # and in French too when the site publishes in both languages.
        for name in ("title_en", "need_en"):
            self.fields[name].required = True
        for name in ("title_fr", "need_fr"):
            self.fields[name].required = settings.PORTAL_REQUIRE_BOTH_LANGUAGES


class ResponseForm(PortalForm):
    interested = forms.BooleanField(
        label=gettext_lazy("We are interested in bidding"), required=False, initial=True
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment or suggestion"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Visible to the buyer only."),
    )

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        # One field per question to the market, answered privately to the buyer.
        for question in questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.local("text"),
                required=False,
                max_length=3000,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=gettext_lazy("Your answer is seen by the buyer only."),
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("answer_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }

    def answer_fields(self):
        return [self[name] for name in self.fields if name.startswith("answer_")]

    def response_fields(self):
        return [self[name] for name in ("interested", "comment")]


@public_page
def planned_list(request):
    planned = (
        PlannedPurchase.objects.public()
        .select_related("department")
        .annotate(interested=Count("responses", filter=Q(responses__interested=True)))
        .order_by("-published_at", "-id")
    )
    page = PublicCountPaginator(planned, 20).get_page(request.GET.get("page"))
    return render(request, "opportunities/planned_list.html", {"page": page})


def _visible(request, pk):
    queryset = PlannedPurchase.objects.select_related("department")
    planned = get_object_or_404(queryset, pk=pk)
    can_manage = request.user.is_authenticated and (
        request.user.has_role(Role.BUYER, planned.department_id)
        or request.user.has_role(Role.PROCUREMENT_OFFICER, planned.department_id)
    )
    if planned.status == PlannedPurchase.Status.DRAFT and not can_manage:
        raise Http404  # a draft is not public: answer as for an id that does not exist
    return planned, can_manage


@public_page
def planned_detail(request, pk: int):
    planned, can_manage = _visible(request, pk)
    mine = None
    if request.user.is_authenticated:
        mine = PlannedPurchaseResponse.objects.filter(
            planned_purchase=planned, user=request.user
        ).first()
    questions = list(planned.market_questions.all())
    # Private: a vendor sees only their own answers, the department all (on its own page).
    my_answers = {
        answer.question_id: answer.text
        for answer in MarketAnswer.objects.visible_to(request.user, planned).filter(
            user=request.user.pk
        )
    }
    form = ResponseForm(
        initial={
            "interested": mine.interested if mine else True,
            "comment": mine.comment if mine else "",
        },
        questions=questions,
        answers=my_answers,
    )
    responses = planned.responses.select_related("user") if can_manage else []
    return render(
        request,
        "opportunities/planned_detail.html",
        {
            "planned": planned,
            "questions": questions,
            "documents": planned.documents.all(),
            "milestones": planned.milestones.all(),
            "form": form,
            "mine": mine,
            "can_manage": can_manage,
            "responses": responses,
        },
    )


@role_required(Role.VENDOR_MEMBER)
@require_POST
def planned_respond_view(request, pk: int):
    planned, _can_manage = _visible(request, pk)
    form = ResponseForm(request.POST, questions=planned.market_questions.all())
    if form.is_valid():
        try:
            planned_respond(
                planned=planned,
                actor=request.user,
                interested=form.cleaned_data["interested"],
                comment=form.cleaned_data["comment"],
                answers=form.answers(),
            )
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Thank you: the buyer will see your response."))
    else:  # never dropped without a word (a card number, a comment too long)
        messages.error(request, form_error_message(form, _("Check your response.")))
    return redirect(planned)


@role_required(Role.BUYER)
def planned_create_view(request):
    department = _buyer_department(request.user)
    form = PlannedPurchaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        planned = planned_create(actor=request.user, department=department, **form.cleaned_data)
        messages.success(request, _("Planned purchase saved as a draft."))
        return redirect(planned)
    return render(request, "opportunities/planned_form.html", {"form": form})


@login_required
@require_POST
def planned_publish_view(request, pk: int):
    planned, can_manage = _visible(request, pk)
    if not can_manage:
        raise PermissionDenied
    try:
        planned_publish(planned=planned, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Published: vendors can now comment."))
    return redirect(planned)


@login_required
@require_POST
def planned_convert_view(request, pk: int):
    planned, can_manage = _visible(request, pk)
    if not can_manage:
        raise PermissionDenied
    try:
        opportunity = planned_convert(planned=planned, actor=request.user)
    except PortalError as error:
        show_error(request, error)
        return redirect(planned)
    messages.success(request, _("A draft opportunity was created from the planned purchase."))
    return redirect("opportunity_edit", pk=opportunity.pk)
