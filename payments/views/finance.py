"""Finance: the card registry, spending per card per month against limits, and the
reconciliation export."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.exports import SafeCSV, SafeXLSX
from procurement_portal.forms import show_error
from procurement_portal.models import Department, Role

from ..forms import CardForm
from ..models import Payment, PurchaseCard
from ..resources import PaymentResource
from ..services.cards import card_save

FINANCE = (Role.FINANCE, Role.SITE_ADMIN)
EXPORT_FORMATS = {"csv": SafeCSV, "xlsx": SafeXLSX}
MONTHS_SHOWN = 6


@role_required(*FINANCE)
def card_list(request):
    cards = PurchaseCard.objects.managed_by(request.user).select_related("holder", "department")
    return render(
        request,
        "payments/card_list.html",
        {"cards": cards, "can_create": bool(request.user.departments_for(Role.FINANCE))},
    )


def _finance_department(request):
    departments = request.user.departments_for(Role.FINANCE)
    if not departments:
        raise Http404
    chosen = request.GET.get("department", "")
    if chosen.isascii() and chosen.isdecimal() and int(chosen) in departments:
        return Department.objects.get(pk=int(chosen))
    return Department.objects.filter(pk__in=departments).order_by("pk").first()


@role_required(Role.FINANCE)
def card_create(request):
    return _card_form(request, _finance_department(request), None)


@role_required(*FINANCE)
def card_edit(request, pk: int):
    card = get_object_or_404(PurchaseCard.objects.managed_by(request.user), pk=pk)
    return _card_form(request, card.department, card)


def _card_form(request, department, card):
    form = CardForm(request.POST or None, instance=card, department=department)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CardForm.Meta.fields}
        try:
            card_save(actor=request.user, department=department, card=card, **fields)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Card saved."))
            return redirect("card_list")
    return render(
        request, "payments/card_form.html", {"form": form, "card": card, "department": department}
    )


def _month_starts(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _index in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


@role_required(*FINANCE)
def spending(request):
    """Each card's spending for the last months against its monthly limit, in two queries."""
    cards = list(
        PurchaseCard.objects.managed_by(request.user).select_related("holder", "department")
    )
    months = _month_starts(timezone.localdate(), MONTHS_SHOWN)
    totals = {
        (row["card"], row["month"]): row["total"]
        for row in Payment.objects.filter(card__in=cards, paid_on__gte=months[0])
        .annotate(month=TruncMonth("paid_on"))
        .values("card", "month")
        .annotate(total=Sum("amount"))
    }
    rows = []
    for card in cards:
        cells = []
        for month in months:
            total = totals.get((card.pk, month)) or 0
            share = (total / card.monthly_limit * 100) if card.monthly_limit else 0
            cells.append(
                {
                    "month": month,
                    "total": total,
                    "percent": min(round(share), 100),
                    "over": total > card.monthly_limit,
                }
            )
        rows.append((card, cells))
    return render(request, "payments/spending.html", {"rows": rows, "months": months})


@role_required(*FINANCE)
def reconciliation(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    payments = Payment.objects.filter(card__in=PurchaseCard.objects.managed_by(request.user))
    year_month = request.GET.get("month", "")
    if year_month:
        try:
            month = date.fromisoformat(f"{year_month}-01")
        except ValueError:
            messages.error(request, _("Choose a month as YYYY-MM."))
            return redirect("finance_spending")
        payments = payments.filter(paid_on__year=month.year, paid_on__month=month.month)
    dataset = PaymentResource().export(queryset=PaymentResource.rows(payments))
    export_format: Any = EXPORT_FORMATS[fmt]()  # import-export's format classes
    response = HttpResponse(
        export_format.export_data(dataset), content_type=export_format.get_content_type()
    )
    name = f"reconciliation-{year_month or 'all'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
