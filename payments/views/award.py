"""The award page. It lives here, not in evaluations, because awarding also creates the
contract (payments), and imports point evaluations → payments only."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from evaluations.forms import AwardForm
from evaluations.services.award import ranking_with_names
from evaluations.services.draw import tied_for_first
from opportunities.models import Opportunity, Proposal
from procurement_portal.confirm import (
    Confirmation,
    carried,
    confirmation_page,
    confirmed,
    editing,
)
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..services.award import opportunity_award


def _variant(row) -> list[str]:
    return (
        [pgettext("proposal", "variant %(number)s") % {"number": row.variant}]
        if row.variant
        else []
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def award(request, pk: int):
    opportunity = get_object_or_404(Opportunity.objects.managed_by(request.user), pk=pk)
    evaluation = getattr(opportunity, "evaluation", None)
    ranked = [row for row in ranking_with_names(opportunity) if row.rank] if evaluation else []
    # Eligible proposals tied for first: the portal draws among them when the buyer awards.
    tied = tied_for_first(ranked, lambda row: row.eligible)
    tied = tied if len(tied) > 1 else []
    form = AwardForm(
        request.POST or None,
        choices=[
            (str(row.proposal_id), " — ".join([row.label, str(row.vendor), *_variant(row)]))
            for row in ranked
        ],
    )
    if request.method == "POST" and not editing(request) and form.is_valid():
        chosen = form.cleaned_data.get("proposal")
        if not confirmed(request):
            return confirmation_page(
                request,
                _award_confirmation(request, opportunity, form, ranked, tied),
                opportunity=opportunity,
            )
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
            "tied_labels": ", ".join(sorted(row.label for row in tied)),
            "form": form,
            "decision": getattr(opportunity, "award_decision", None),
            "draw": getattr(opportunity, "tie_break_draw", None),
        },
    )


def _award_confirmation(request, opportunity, form, ranked, tied) -> Confirmation:
    data = form.cleaned_data
    kind = data["kind"]
    labels = dict(form.fields["kind"].choices)
    chosen = None
    if kind == "top":
        chosen = next((row for row in ranked if row.eligible), None)
    elif kind == "other":
        chosen = next((row for row in ranked if str(row.proposal_id) == data["proposal"]), None)
    summary = [(str(form.fields["kind"].label), str(labels[kind]))]
    if kind == "top" and tied:
        summary.append(
            (
                _("Proposal"),
                _("Drawn at random by the portal among %(labels)s")
                % {"labels": ", ".join(sorted(row.label for row in tied))},
            )
        )
    elif chosen is not None:
        summary.append(
            (_("Proposal"), " — ".join([chosen.label, str(chosen.vendor), *_variant(chosen)]))
        )
    if data["justification"]:
        summary.append((str(form.fields["justification"].label), data["justification"]))
    if kind == "none":
        happens = [
            _(
                "No contract is awarded: the opportunity is closed without an award and "
                "shows your justification."
            )
        ]
    else:
        happens = [
            _(
                "The chosen proposal is awarded and a contract is created for the vendor "
                "to accept. The other proposals are not awarded."
            )
        ]
    if kind == "top" and tied:
        happens.insert(
            0,
            _(
                "Proposals %(labels)s tie for first. The portal draws the winner at random "
                "now, from a recorded seed; the seed and the method are published with the "
                "award so anyone can check the draw."
            )
            % {"labels": ", ".join(sorted(row.label for row in tied))},
        )
    happens.append(_("The decision is published with the opportunity and in the open data."))
    return Confirmation(
        title=_("Record this decision?"),
        happens=happens,
        told=_(
            "Every bidder is emailed: an award notice for the chosen proposal, a regret "
            "letter for the others, each with a debrief."
        ),
        permanent=_("An award decision is final: it cannot be changed or withdrawn in the portal."),
        button=_("Record the decision"),
        back_url=reverse("evaluation_award", kwargs={"pk": opportunity.pk}),
        back_label=_("Back to the award"),
        carry=carried(request, form),
        can_change=True,
        summary=summary,
    )
