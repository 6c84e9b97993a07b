"""A vendor's proposal: write, attach, submit (receipt), withdraw. Sealed from everyone else."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import PortalForm, show_error
from procurement_portal.models import Role

from ..models import Opportunity, Proposal, ProposalAttachment, ProposalReceipt
from ..services.proposals import (
    content_hash,
    has_unsubmitted_changes,
    identity_warnings,
    proposal_attach,
    proposal_detach,
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
    submission_problems,
)

VENDOR = Role.VENDOR_MEMBER


class ProposalForm(PortalForm):
    price = forms.DecimalField(
        label=gettext_lazy("Price (CAD, taxes included)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args, opportunity, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = {a.criterion_id: a.text for a in proposal.answers.all()} if proposal else {}
        if proposal:
            self.fields["price"].initial = proposal.price
        self.criteria = [c for c in opportunity.criteria.all() if not c.is_price]
        for criterion in self.criteria:
            self.fields[f"c_{criterion.pk}"] = forms.CharField(
                label=str(criterion),
                required=False,
                max_length=5000,
                initial=answers.get(criterion.pk, ""),
                help_text=_(
                    "%(description)s Do not name your business: evaluation is "
                    "anonymous. 5,000 characters at most."
                )
                % {"description": criterion.local("description")},
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"c_{c.pk}", "") for c in self.criteria}


class AttachmentForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy(
            "PDF, PNG or JPEG, up to 10 MB. Its hidden information (author, title) is removed."
        ),
    )


def _opportunity(pk: int) -> Opportunity:
    return get_object_or_404(Opportunity.objects.public().select_related("department"), pk=pk)


def _mine(request, opportunity) -> Proposal | None:
    return Proposal.objects.of_vendor_member(request.user).filter(opportunity=opportunity).first()


def _no_business(request):
    messages.info(request, _("Register your business first: it is reused for every proposal."))
    return redirect("vendor_create")


@role_required(VENDOR)
def proposal_edit(request, pk: int):
    opportunity = _opportunity(pk)
    if not hasattr(request.user, "vendor_membership"):
        return _no_business(request)
    proposal = _mine(request, opportunity)
    form = ProposalForm(request.POST or None, opportunity=opportunity, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal or proposal_start(opportunity=opportunity, actor=request.user)
            proposal_save(
                proposal=proposal,
                actor=request.user,
                price=form.cleaned_data["price"],
                answers=form.answers(),
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Proposal saved. It is not sent until you submit it."))
            if "submit" in request.POST:
                return redirect("proposal_submit", pk=pk)
            return redirect("proposal_edit", pk=pk)
    new_addenda = proposal is not None and opportunity.addenda.count() > proposal.addenda_seen
    return render(
        request,
        "opportunities/proposal_form.html",
        {
            "opportunity": opportunity,
            "proposal": proposal,
            "form": form,
            "attachment_form": AttachmentForm(),
            "new_addenda": new_addenda,
            "receipts": proposal.receipts.all() if proposal else [],
            "unsubmitted_changes": proposal is not None and has_unsubmitted_changes(proposal),
        },
    )


@role_required(VENDOR)
def proposal_submit_view(request, pk: int):
    opportunity = _opportunity(pk)
    proposal = _mine(request, opportunity)
    if proposal is None:
        return redirect("proposal_edit", pk=pk)
    if request.method == "POST":
        try:
            receipt = proposal_submit(proposal=proposal, actor=request.user)
        except PortalError as error:
            show_error(request, error)
        else:
            return redirect("proposal_receipt", number=receipt.number)
    return render(
        request,
        "opportunities/proposal_submit.html",
        {
            "opportunity": opportunity,
            "proposal": proposal,
            "problems": submission_problems(proposal),
            "warnings": identity_warnings(proposal),
            "sha256": content_hash(proposal),
        },
    )


@role_required(VENDOR)
@require_POST
def proposal_withdraw_view(request, pk: int):
    proposal = _mine(request, _opportunity(pk)) or _not_found()
    try:
        proposal_withdraw(proposal=proposal, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(
            request, _("Proposal withdrawn. You can submit it again before the deadline.")
        )
    return redirect("proposal_edit", pk=pk)


@role_required(VENDOR)
@require_POST
def proposal_attach_view(request, pk: int):
    opportunity = _opportunity(pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for message in form.errors.get("file", []):
            messages.error(request, str(message))
        return redirect("proposal_edit", pk=pk)
    try:
        proposal = _mine(request, opportunity) or proposal_start(
            opportunity=opportunity, actor=request.user
        )
        proposal_attach(proposal=proposal, actor=request.user, upload=form.cleaned_data["file"])
    except (PortalError, ValidationError) as error:  # the upload's size or real type too
        show_error(request, error)
    else:
        messages.success(request, _("Document attached."))
    return redirect("proposal_edit", pk=pk)


@role_required(VENDOR)
@require_POST
def proposal_detach_view(request, pk: int, attachment_pk: int):
    proposal = _mine(request, _opportunity(pk)) or _not_found()
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_pk, proposal=proposal)
    try:
        proposal_detach(attachment=attachment, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    return redirect("proposal_edit", pk=pk)


def _not_found():
    raise Http404


def _my_receipt(request, number: str) -> ProposalReceipt:
    return get_object_or_404(
        ProposalReceipt.objects.select_related("proposal__opportunity", "proposal__vendor"),
        number=number,
        proposal__in=Proposal.objects.of_vendor_member(request.user),
    )


@role_required(VENDOR)
def proposal_receipt(request, number: str):
    receipt = _my_receipt(request, number)
    return render(request, "opportunities/proposal_receipt.html", {"receipt": receipt})


@role_required(VENDOR)
def proposal_receipt_pdf(request, number: str):
    receipt = _my_receipt(request, number)
    if not receipt.pdf:
        from ..services.proposals import receipt_pdf_render

        receipt_pdf_render(receipt.pk)  # the task has not run yet: render it now
        receipt.refresh_from_db()
    return FileResponse(
        receipt.pdf.open("rb"),
        as_attachment=True,
        filename=f"{receipt.number}.pdf",
        content_type="application/pdf",
    )


@role_required(VENDOR)
def my_proposals(request):
    proposals = (
        Proposal.objects.of_vendor_member(request.user)
        .select_related("opportunity", "opportunity__department")
        .order_by("-updated_at")
    )
    return render(request, "opportunities/my_proposals.html", {"proposals": proposals})
