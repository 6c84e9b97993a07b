"""Requesting, checking, overriding, recording and confirming a card payment."""

from decimal import Decimal, InvalidOperation
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..forms import (
    OverrideForm,
    PaymentApproveForm,
    PaymentRequestCancelForm,
    PaymentRequestForm,
)
from ..models import Payment, PaymentRequest, PurchaseCard
from ..services.guardrails import LABELS, evaluate, room_on_contract
from ..services.journey import manages
from ..services.payments import (
    guardrail_override,
    payment_approve,
    payment_confirm_receipt,
    payment_receipt_render,
    payment_request_cancel,
    payment_request_correct,
    payment_request_create,
    payment_request_refer,
)
from .contracts import _contract


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def payment_request_create_view(request, pk: int):
    contract = _contract(request, pk)
    if not manages(request.user, contract):
        raise Http404
    form = PaymentRequestForm(
        request.POST or None, initial={"amount": room_on_contract(contract).left}
    )
    if request.method == "POST" and form.is_valid():
        try:
            payment_request = payment_request_create(
                contract=contract, actor=request.user, amount=form.cleaned_data["amount"]
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Payment requested. The department’s card holders are told.")
            )
            return redirect(payment_request)
    return render(
        request, "payments/payment_request_form.html", {"contract": contract, "form": form}
    )


@role_required(Role.CARD_HOLDER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def payment_queue(request):
    if not request.user.has_role(Role.CARD_HOLDER):
        return redirect("payment_blocked_queue")  # an officer's payments are the blocked ones
    pending = PaymentRequest.objects.queue_for(request.user).for_lists().order_by("requested_at")
    page = Paginator(pending, 25).get_page(request.GET.get("page"))
    recent = Payment.objects.filter(recorded_by=request.user).select_related(
        "request__contract__vendor", "card"
    )[:10]
    return render(request, "payments/payment_queue.html", {"page": page, "recent": recent})


@role_required(Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def payment_blocked_queue(request):
    blocked = PaymentRequest.objects.blocked_for(request.user).for_lists()
    page = Paginator(blocked.order_by("requested_at", "pk"), 25).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.blocking_labels = [str(LABELS[code]) for code in item.blocked_checks if code in LABELS]
    return render(request, "payments/payment_blocked_queue.html", {"page": page})


def _payment_request(request, pk):
    return get_object_or_404(
        PaymentRequest.objects.visible_to(request.user).select_related(
            "contract__opportunity", "contract__vendor", "contract__department", "requested_by"
        ),
        pk=pk,
    )


def _int(value):
    return int(value) if value and value.isascii() and value.isdecimal() else None


def _decimal(value):
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def _page(
    request,
    payment_request,
    *,
    approve_form=None,
    override_form=None,
    card=None,
    amount=None,
    day=None,
):
    """The request page: the checks for the chosen card (and for the amount and date the card
    holder entered, when they tried), and the forms the reader may use."""
    user, department = request.user, payment_request.contract.department
    my_cards = PurchaseCard.objects.usable_by(user).filter(department=department)
    department_cards = PurchaseCard.objects.filter(department=department, is_active=True)
    if card is None:
        chosen = _int(request.GET.get("card"))
        card = (
            (department_cards.filter(pk=chosen).first() if chosen else None)
            or my_cards.first()
            or payment_request.blocked_card
        )
    amount = payment_request.amount if amount is None else amount
    day = day or timezone.localdate()
    payment = getattr(payment_request, "payment", None)
    is_open = payment_request.is_open
    checks = evaluate(payment_request, card, amount=amount, day=day) if is_open else []
    failed = [c.code for c in checks if c.blocks]
    may_override = is_open and (
        user.has_role(Role.PROCUREMENT_OFFICER, department) or user.has_role(Role.SITE_ADMIN)
    )
    holds_card = card is not None and my_cards.filter(pk=card.pk).exists()
    context = {
        "payment_request": payment_request,
        "contract": payment_request.contract,
        "payment": payment,
        "card": card,
        # The officer deciding on an override reads the checks that failed, and only those.
        "checks": [c for c in checks if c.blocks] if may_override and failed else checks,
        "passed_count": len(checks) - len(failed),
        "blocked": bool(failed) or payment_request.is_blocked,
        "overrides": payment_request.overrides.select_related("officer", "card"),
        "department_cards": department_cards.select_related("holder"),
        "manages": is_open and manages(user, payment_request.contract),
        # A card holder whose own card fails a check sends the request to the officers.
        "can_refer": payment_request.is_pending and bool(failed) and holds_card,
    }
    # No pay action or record form while a check blocks the payment: an officer decides.
    if is_open and not context["blocked"] and my_cards.exists():
        context["approve_form"] = approve_form or PaymentApproveForm(
            cards=my_cards, initial={"card": card, "amount": payment_request.amount}
        )
    if may_override and failed:
        context["override_form"] = override_form or OverrideForm(
            failed=failed,
            cards=department_cards,
            initial={"card": card, "amount": amount, "day": day},
        )
    return render(request, "payments/payment_request.html", context)


@login_required
def payment_request_view(request, pk: int):
    payment_request = _payment_request(request, pk)
    if request.method != "POST":
        return _page(request, payment_request)
    my_cards = PurchaseCard.objects.usable_by(request.user).filter(
        department=payment_request.contract.department
    )
    form = PaymentApproveForm(request.POST, cards=my_cards)
    if not form.is_valid():
        return _page(
            request, payment_request, approve_form=form, card=form.cleaned_data.get("card")
        )
    data = form.cleaned_data
    try:
        payment_approve(request=payment_request, actor=request.user, **data)
    except PortalError as error:
        where = dict(card=data["card"], amount=data["amount"], day=data["paid_on"])
        if getattr(error, "field", None):
            show_error(form, error)
            return _page(request, payment_request, approve_form=form, **where)
        # Blocked (or paid meanwhile): said at the top, and the page shows why, with no form.
        show_error(request, error)
        payment_request.refresh_from_db()
        return _page(request, payment_request, **where)
    messages.success(request, _("Payment recorded. The vendor is told and will confirm receipt."))
    return redirect(payment_request)


@role_required(Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
@require_POST
def payment_override(request, pk: int):
    payment_request = _payment_request(request, pk)
    cards = PurchaseCard.objects.filter(
        department=payment_request.contract.department, is_active=True
    )
    chosen = _int(request.POST.get("card"))
    card = cards.filter(pk=chosen).first() if chosen else None
    # Any check may be named here; the service refuses one that does not block the payment.
    form = OverrideForm(request.POST, failed=list(LABELS), cards=cards)
    if form.is_valid():
        data = form.cleaned_data
        try:
            guardrail_override(
                request=payment_request,
                actor=request.user,
                check_code=data["check_code"],
                card=data["card"],
                reason=data["reason"],
                reason_fr=data["reason_fr"],
                amount=data["amount"],
                day=data["day"],
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Override recorded with your reason."))
            url = payment_request.get_absolute_url()
            return redirect(f"{url}?card={card.pk}" if card else url)
    # Shown again with the checks that fail, and only those.
    amount = _decimal(request.POST.get("amount"))
    failed = [c.code for c in evaluate(payment_request, card, amount=amount) if c.blocks]
    cast(forms.ChoiceField, form.fields["check_code"]).choices = [
        (code, LABELS[code]) for code in failed
    ]
    return _page(request, payment_request, override_form=form, card=card, amount=amount)


def _managed_request(request, pk):
    payment_request = _payment_request(request, pk)
    if not manages(request.user, payment_request.contract):
        raise Http404
    return payment_request


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def payment_request_correct_view(request, pk: int):
    payment_request = _managed_request(request, pk)
    if not payment_request.is_open:
        return redirect(payment_request)
    form = PaymentRequestForm(request.POST or None, initial={"amount": payment_request.amount})
    if request.method == "POST" and form.is_valid():
        try:
            payment_request = payment_request_correct(
                request=payment_request, actor=request.user, amount=form.cleaned_data["amount"]
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Amount corrected. The guardrails were checked again."))
            return redirect(payment_request)
    room = room_on_contract(payment_request.contract, besides=payment_request)
    return render(
        request,
        "payments/payment_request_correct.html",
        {
            "payment_request": payment_request,
            "contract": payment_request.contract,
            "form": form,
            "room": room,
        },
    )


@role_required(Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
def payment_request_cancel_view(request, pk: int):
    payment_request = _managed_request(request, pk)
    if not payment_request.is_open:
        return redirect(payment_request)
    form = PaymentRequestCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment_request = payment_request_cancel(
                request=payment_request, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Payment request cancelled. You may request payment again.")
            )
            return redirect(payment_request.contract)
    return render(
        request,
        "payments/payment_request_cancel.html",
        {"payment_request": payment_request, "contract": payment_request.contract, "form": form},
    )


@role_required(Role.CARD_HOLDER)
@require_POST
def payment_request_refer_view(request, pk: int):
    payment_request = _payment_request(request, pk)
    card = (
        PurchaseCard.objects.usable_by(request.user)
        .filter(department=payment_request.contract.department, pk=_int(request.POST.get("card")))
        .first()
    )
    try:
        if card is None:
            raise PortalError(_("Use an active card of this department that you hold."))
        payment_request_refer(request=payment_request, actor=request.user, card=card)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(
            request, _("Sent to the procurement officers. You are told when it can be paid.")
        )
    url = payment_request.get_absolute_url()
    return redirect(f"{url}?card={card.pk}" if card else url)


@role_required(Role.VENDOR_MEMBER)
@require_POST
def payment_confirm(request, pk: int):
    payment = get_object_or_404(Payment.objects.visible_to(request.user), pk=pk)
    try:
        payment_confirm_receipt(payment=payment, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Thank you. The contract is complete."))
    return redirect(payment.request.contract)


@login_required
def payment_receipt(request, pk: int):
    payment = get_object_or_404(Payment.objects.visible_to(request.user), pk=pk)
    if not payment.receipt_pdf:
        payment_receipt_render(payment.pk)  # the task has not run yet: render it now
        payment.refresh_from_db()
    return FileResponse(
        payment.receipt_pdf.open("rb"),
        as_attachment=True,
        filename=f"{payment.number}.pdf",
        content_type="application/pdf",
    )
