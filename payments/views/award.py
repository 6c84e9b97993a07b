"""The award page. It lives here, not in evaluations, because awarding also creates the
contract (payments), and imports point evaluations → payments only."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from evaluations.forms import AwardForm
from evaluations.services.award import ranking_with_names
from opportunities.models import Opportunity, Proposal
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..services.award import opportunity_award


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def award(request, pk: int):
    opportunity = get_object_or_404(Opportunity.objects.managed_by(request.user), pk=pk)
    evaluation = getattr(opportunity, "evaluation", None)
    ranked = [row for row in ranking_with_names(opportunity) if row.rank] if evaluation else []
    form = AwardForm(
        request.POST or None,
        choices=[
            (str(row.proposal_id), f"{row.label} — {getattr(row, 'vendor', '')}") for row in ranked
        ],
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("proposal")
        try:
            opportunity_award(
                opportunity=opportunity,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                proposal=Proposal.objects.filter(pk=chosen).first() if chosen else None,
                justification=form.cleaned_data["justification"],
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Decision recorded. Every bidder is told and gets a debrief.")
            )
            return redirect(opportunity)
    return render(
        request,
        "evaluations/award.html",
        {
            "opportunity": opportunity,
            "evaluation": evaluation,
            "rows": ranked,
            "form": form,
            "decision": getattr(opportunity, "award_decision", None),
        },
    )
