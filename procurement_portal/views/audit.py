from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from ..forms_audit import AuditFilterForm
from ..models import AuditEntry, Role


@login_required
def audit_list(request):
    user = request.user
    if not (user.has_role(Role.PROCUREMENT_OFFICER) or user.has_role(Role.SITE_ADMIN)):
        raise PermissionDenied
    entries = AuditEntry.objects.visible_to(user).select_related("department")
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        entries = form.filter(entries)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "procurement_portal/audit_list.html", {"form": form, "page": page})
