"""The buyer's assessment of the vendor's performance and the vendor's one answer, both
from the completed contract's page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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

from ..forms import AssessmentForm, AssessmentResponseForm
from ..models import PerformanceAssessment
from ..models.performance import Rating
from ..services.journey import is_vendor_member, manages
from ..services.performance import assessment_record, assessment_respond
from .contracts import _contract


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def assessment_create(request, pk: int):
    contract = _contract(request, pk)
    if not manages(request.user, contract):
        raise Http404
    if (
        not contract.opportunity.is_complete
        or PerformanceAssessment.objects.filter(contract=contract).exists()
    ):
        return redirect(contract)  # not yet, or already: the contract page says which
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and not editing(request) and form.is_valid():
        data = form.cleaned_data
        if not confirmed(request):
            return confirmation_page(
                request,
                Confirmation(
                    title=_("Record this assessment?"),
                    happens=[
                        _("The assessment is kept with the vendor’s record in the directory."),
                        _("Public servants see it; the public and evaluators never do."),
                    ],
                    told=_(
                        "The vendor’s members are emailed; they read it on the contract page "
                        "and may answer once."
                    ),
                    permanent=_("An assessment cannot be changed once recorded."),
                    button=_("Record the assessment"),
                    back_url=contract.get_absolute_url(),
                    back_label=_("Back to the contract"),
                    carry=carried(request, form),
                    can_change=True,
                    summary=[
                        (_("On time"), str(Rating(data["on_time"]).label)),
                        (_("Quality"), str(Rating(data["quality"]).label)),
                        (_("Communication"), str(Rating(data["communication"]).label)),
                        (_("Comments"), data["comments"] or "—"),
                    ],
                ),
                contract=contract,
            )
        try:
            assessment_record(contract=contract, actor=request.user, **data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Assessment recorded. The vendor is told."))
            return redirect(contract)
    return render(request, "payments/assessment_form.html", {"contract": contract, "form": form})


@role_required(Role.VENDOR_MEMBER)
def assessment_respond_view(request, pk: int):
    contract = _contract(request, pk)
    assessment = PerformanceAssessment.objects.filter(contract=contract).first()
    if not is_vendor_member(request.user, contract) or assessment is None:
        raise Http404
    if assessment.has_response:
        return redirect(contract)
    form = AssessmentResponseForm(request.POST or None)
    if request.method == "POST" and not editing(request) and form.is_valid():
        if not confirmed(request):
            return confirmation_page(
                request,
                Confirmation(
                    title=_("Send this response?"),
                    happens=[_("Your response is shown beside the assessment.")],
                    told=_("The buyer is emailed."),
                    permanent=_("You answer once: the response cannot be changed."),
                    button=_("Send the response"),
                    back_url=contract.get_absolute_url(),
                    back_label=_("Back to the contract"),
                    carry=carried(request, form),
                    can_change=True,
                    summary=[(_("Your response"), form.cleaned_data["response"])],
                ),
                contract=contract,
            )
        try:
            assessment_respond(
                assessment=assessment, actor=request.user, response=form.cleaned_data["response"]
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Response sent. The buyer is told."))
            return redirect(contract)
    return render(
        request,
        "payments/assessment_respond.html",
        {"contract": contract, "assessment": assessment, "form": form},
    )


def performance_history(request, vendor):
    """The vendor's directory profile section: public servants and the vendor's own members
    see every assessment; visitors and other businesses see nothing, not even the heading."""
    user = request.user
    own = user.is_authenticated and getattr(
        getattr(user, "vendor_membership", None), "vendor_id", None
    ) == getattr(vendor, "pk", None)
    if not user.is_authenticated or not (user.is_government or own):
        return None
    assessments = (
        PerformanceAssessment.objects.visible_to(user).filter(contract__vendor=vendor).for_profile()
    )
    return "payments/includes/performance_history.html", {"assessments": list(assessments)}
