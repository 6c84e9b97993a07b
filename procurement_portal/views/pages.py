from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms_account import LanguagePreferenceForm
from ..models import Department
from ..page_cache import public_page
from ..services.accounts import user_language_set


@public_page
def home(request):
    threshold = Department._meta.get_field("micro_procurement_threshold").default
    return render(request, "procurement_portal/home.html", {"threshold": threshold})


@login_required
def account_dashboard(request):
    """What this person can do, role by role, and the language of their emails."""
    form = LanguagePreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"preferred_language": request.user.preferred_language},
    )
    if form.is_valid():
        user_language_set(user=request.user, language=form.cleaned_data["preferred_language"])
        messages.success(request, _("Your emails and documents will be in the language you chose."))
        return redirect("account_dashboard")
    assignments = request.user.role_assignments.select_related("department").order_by("role")
    return render(
        request,
        "procurement_portal/account_dashboard.html",
        {"assignments": assignments, "language_form": form},
    )
