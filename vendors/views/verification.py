"""Procurement officers check what vendors claim."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import form_error_message, show_error
from procurement_portal.models import Role

from ..forms import RejectForm
from ..models import Certification, ClaimStatus, QuestionnaireAnswer
from ..services.claims import CLAIM_MODELS, claim_reject, claim_verify

VERIFIERS = (Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)


@role_required(*VERIFIERS)
def verification_queue(request):
    pending = ClaimStatus.SELF_DECLARED
    certifications = (
        Certification.objects.filter(status=pending)
        .select_related("vendor", "kind", "evidence")
        .order_by("pk")
    )
    answers = (
        QuestionnaireAnswer.objects.filter(status=pending, evidence__isnull=False)
        .select_related("vendor", "question", "evidence")
        .order_by("pk")
    )
    return render(
        request,
        "vendors/verification_queue.html",
        {"certifications": certifications, "answers": answers, "reject_form": RejectForm()},
    )


def _claim(kind: str, pk: int):
    model = CLAIM_MODELS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


@role_required(*VERIFIERS)
@require_POST
def claim_decide(request, kind: str, pk: int):
    claim = _claim(kind, pk)
    try:
        if request.POST.get("decision") == "verify":
            claim_verify(claim=claim, actor=request.user)
            messages.success(request, _("Verified. The vendor is told and the badge shows."))
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request,
                    form_error_message(
                        form, _("Say why the claim is rejected: the vendor will read it.")
                    ),
                )
                return redirect("verification_queue")
            claim_reject(claim=claim, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Rejected. The vendor is told why."))
    except PortalError as error:
        show_error(request, error)
    return redirect("verification_queue")
