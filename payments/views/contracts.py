"""The contract page: one place where the vendor, the buyer, the card holder and finance
follow the work from signature to payment; each sees the actions their role allows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from opportunities.models import OpportunityStatus
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role
from procurement_portal.request_context import current_ip

from ..forms import ContractAcceptForm, DeliveryForm, DeliveryReviewForm, TermsForm
from ..models import Contract, ContractTerms, DeliveryFile, PerformanceAssessment
from ..services.contracts import contract_accept, contract_render, terms_publish
from ..services.delivery import delivery_accept, delivery_request_changes, delivery_submit
from ..services.journey import is_vendor_member, manages


def _contract(request, pk):
    return get_object_or_404(
        Contract.objects.visible_to(request.user).select_related(
            "opportunity", "vendor", "department", "terms", "accepted_by"
        ),
        pk=pk,
    )


@login_required
def contract_list(request):
    contracts = Contract.objects.visible_to(request.user).for_lists().order_by("-created_at")
    page = Paginator(contracts, 25).get_page(request.GET.get("page"))
    return render(request, "payments/contract_list.html", {"page": page})


@login_required
def contract_detail(request, pk: int):
    contract = _contract(request, pk)
    is_vendor, is_manager = (
        is_vendor_member(request.user, contract),
        manages(request.user, contract),
    )
    status = contract.opportunity.status
    deliveries = list(
        contract.deliveries.prefetch_related("files").select_related("submitted_by", "reviewed_by")
    )
    payment_request = getattr(contract, "payment_request", None)
    payment = getattr(payment_request, "payment", None) if payment_request else None
    context = {
        "contract": contract,
        "opportunity": contract.opportunity,
        "deliveries": deliveries,
        "is_vendor": is_vendor,
        "is_manager": is_manager,
        "payment_request": payment_request,
        "payment": payment,
    }
    context["can_accept"] = (
        is_vendor
        and contract.is_ready
        and not contract.is_accepted
        and request.user.vendor_membership.is_owner
    )
    if (
        is_vendor
        and status == OpportunityStatus.IN_DELIVERY
        and not any(d.is_waiting for d in deliveries)
    ):
        context["can_deliver"] = True
    if is_manager and status == OpportunityStatus.IN_DELIVERY:
        context["waiting"] = next((d for d in deliveries if d.is_waiting), None)
    if is_manager and status == OpportunityStatus.DELIVERY_ACCEPTED and not payment_request:
        context["can_request_payment"] = True
    if status == OpportunityStatus.COMPLETE:
        # Everyone who may read the contract may read its assessment: the buyer's side and
        # the vendor. The contract page is never an evaluator's page.
        assessment = PerformanceAssessment.objects.filter(contract=contract).first()
        context["assessment"] = assessment
        context["can_assess"] = is_manager and assessment is None
        context["can_respond"] = bool(is_vendor and assessment and not assessment.has_response)
    return render(request, "payments/contract_detail.html", context)


@login_required
def contract_pdf(request, pk: int):
    contract = _contract(request, pk)
    if not contract.pdf:
        if contract.is_accepted:
            raise Http404
        contract = contract_render(contract.pk)  # the task has not run yet: render it now
    return FileResponse(
        contract.pdf.open("rb"),
        as_attachment=False,
        filename=f"{contract.number}.pdf",
        content_type="application/pdf",
    )


@role_required(Role.VENDOR_MEMBER)
def contract_accept_view(request, pk: int):
    contract = _contract(request, pk)
    if not is_vendor_member(request.user, contract):
        raise Http404
    if contract.is_accepted:
        return redirect(contract)
    form = ContractAcceptForm(request.POST or None, initial={"sha256": contract.pdf_sha256})
    if request.method == "POST" and form.is_valid():
        try:
            contract_accept(
                contract=contract,
                actor=request.user,
                full_name=form.cleaned_data["full_name"],
                agreed=form.cleaned_data["agreed"],
                sha256=form.cleaned_data["sha256"],
                ip=current_ip.get(),
            )
        except PortalError as error:
            # Show the PDF as it is now, so the next try accepts what the vendor reads.
            contract.refresh_from_db()
            form = ContractAcceptForm({**request.POST.dict(), "sha256": contract.pdf_sha256})
            form.is_valid()
            show_error(form, error)
        else:
            messages.success(
                request, _("Contract accepted. You can start the work; deliver it from this page.")
            )
            return redirect(contract)
    return render(request, "payments/contract_accept.html", {"contract": contract, "form": form})


@role_required(Role.VENDOR_MEMBER)
def delivery_create(request, pk: int):
    contract = _contract(request, pk)
    if not is_vendor_member(request.user, contract):
        raise Http404
    form = DeliveryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            delivery_submit(
                contract=contract,
                actor=request.user,
                note=form.cleaned_data["note"],
                link=form.cleaned_data["link"],
                uploads=form.cleaned_data["files"],
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _("Delivered. The buyer is told and will accept the work or ask for changes."),
            )
            return redirect(contract)
    return render(request, "payments/delivery_form.html", {"contract": contract, "form": form})


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def delivery_review(request, pk: int, delivery_pk: int):
    contract = _contract(request, pk)
    if not manages(request.user, contract):
        raise Http404
    delivery = get_object_or_404(contract.deliveries, pk=delivery_pk)
    form = DeliveryReviewForm(
        request.POST or None, initial={"certified_name": request.user.full_name}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                delivery_accept(
                    delivery=delivery,
                    actor=request.user,
                    certified_name=data["certified_name"],
                    attest=data["attest"],
                )
                messages.success(
                    request,
                    _("Delivery accepted and receipt certified. You can now request payment."),
                )
            else:
                delivery_request_changes(
                    delivery=delivery, actor=request.user, reasons=data["reasons"]
                )
                messages.success(request, _("Changes requested. The vendor is told."))
        except PortalError as error:
            show_error(form, error)
        else:
            return redirect(contract)
    return render(
        request,
        "payments/delivery_review.html",
        {"contract": contract, "delivery": delivery, "form": form},
    )


@login_required
def delivery_file(request, pk: int, file_pk: int):
    contract = _contract(request, pk)
    document = get_object_or_404(DeliveryFile, pk=file_pk, delivery__contract=contract)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )


@role_required(Role.SITE_ADMIN)
def terms_edit(request):
    current = ContractTerms.objects.first()
    form = TermsForm(
        request.POST or None,
        initial={
            "body_en": current.body_en if current else "",
            "body_fr": current.body_fr if current else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            terms = terms_publish(actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Version %(version)s of the terms is published. New "
                    "contracts use it; signed ones keep theirs."
                )
                % {"version": terms.version},
            )
            return redirect("contract_terms")
    return render(
        request,
        "payments/terms_form.html",
        {
            "form": form,
            "current": current,
            "versions": ContractTerms.objects.select_related("created_by")[:20],
        },
    )
