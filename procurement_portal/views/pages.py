from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import Department
from ..page_cache import public_page


@public_page
def home(request):
    threshold = Department._meta.get_field("micro_procurement_threshold").default
    return render(request, "procurement_portal/home.html", {"threshold": threshold})


@login_required
def account_dashboard(request):
    """What this person can do, role by role."""
    assignments = request.user.role_assignments.select_related("department").order_by("role")
    return render(
        request, "procurement_portal/account_dashboard.html", {"assignments": assignments}
    )
