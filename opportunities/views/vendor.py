"""What a signed-in vendor does on an opportunity: follow it, ask a question."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..forms import QuestionForm
from ..models import Opportunity
from ..services.follows import opportunity_follow, opportunity_unfollow
from ..services.questions import question_ask


@role_required(Role.VENDOR_MEMBER)
@require_POST
def follow_toggle(request, pk: int):
    opportunity = get_object_or_404(Opportunity.objects.public(), pk=pk)
    try:
        if request.POST.get("follow") == "0":
            opportunity_unfollow(opportunity=opportunity, actor=request.user)
            messages.success(request, _("You no longer follow this opportunity."))
        else:
            opportunity_follow(opportunity=opportunity, actor=request.user)
            messages.success(request, _("You will get an email for each answer and addendum."))
    except PortalError as error:
        show_error(request, error)
    return redirect(opportunity)


@role_required(Role.VENDOR_MEMBER)
def question_create(request, pk: int):
    opportunity = get_object_or_404(Opportunity.objects.public(), pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_ask(
                opportunity=opportunity, actor=request.user, text=form.cleaned_data["text"]
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your question was sent. The answer will be published "
                    "here, without your name, and emailed to you."
                ),
            )
            return redirect(opportunity)
    return render(
        request, "opportunities/question_form.html", {"form": form, "opportunity": opportunity}
    )
