from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..exceptions import PortalError
from ..forms import show_error
from ..forms_roles import RoleGrantForm
from ..models import Department, Role, RoleAssignment
from ..services.roles import role_grant, role_revoke


def _officer_departments(user):
    if user.has_role(Role.SITE_ADMIN):
        return Department.objects.all()
    ids = user.departments_for(Role.PROCUREMENT_OFFICER)
    if not ids:
        raise PermissionDenied
    return Department.objects.filter(pk__in=ids)


@login_required
def role_list(request):
    departments = _officer_departments(request.user)
    form = RoleGrantForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            role_grant(
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                department=form.cleaned_data["department"],
                actor=request.user,
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("role_list")
    assignments = (
        RoleAssignment.objects.filter(department__in=departments)
        .select_related("user", "department")
        .order_by("department__name_en", "user__email", "role")
    )
    return render(
        request, "procurement_portal/role_list.html", {"form": form, "assignments": assignments}
    )


@login_required
@require_POST
def role_revoke_view(request, pk: int):
    departments = _officer_departments(request.user)
    assignment = get_object_or_404(RoleAssignment, pk=pk, department__in=departments)
    role_revoke(
        user=assignment.user,
        role=assignment.role,
        department=assignment.department,
        actor=request.user,
    )
    messages.success(request, _("The role was removed."))
    return redirect("role_list")
