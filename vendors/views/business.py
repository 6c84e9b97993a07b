"""A vendor's own business: profile, members, questionnaire, certifications, subscription."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..forms import (
    CertificationForm,
    InviteForm,
    QuestionnaireForm,
    SubscriptionForm,
    VendorForm,
)
from ..models import (
    EvidenceFile,
    QuestionnaireAnswer,
    QuestionnaireVersion,
    Subscription,
    VendorInvitation,
    VendorMember,
)
from ..services.certifications import certification_add
from ..services.members import (
    invitation_accept,
    member_invite,
    member_leave,
    member_remove,
    member_set_role,
)
from ..services.organisation import vendor_create, vendor_update
from ..services.questionnaire import answers_save, questionnaire_progress


def _my_membership(request) -> VendorMember | None:
    return VendorMember.objects.select_related("vendor").filter(user=request.user).first()


@role_required(Role.VENDOR_MEMBER)
def my_business(request):
    member = _my_membership(request)
    if member is None:
        return redirect("vendor_create")
    vendor = member.vendor
    version = QuestionnaireVersion.objects.current()
    answered, total = questionnaire_progress(vendor, version) if version else (0, 0)
    return render(
        request,
        "vendors/my_business.html",
        {
            "vendor": vendor,
            "member": member,
            "members": vendor.members.select_related("user"),
            "invitations": vendor.invitations.filter(accepted_at=None),
            "certifications": vendor.certifications.select_related("kind"),
            "catalogue": vendor.catalogue_items.select_related("category"),
            "answered": answered,
            "total": total,
            "invite_form": InviteForm(),
        },
    )


@role_required(Role.VENDOR_MEMBER)
def vendor_create_view(request):
    if _my_membership(request):
        return redirect("my_business")
    form = VendorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("categories")
        try:
            vendor_create(actor=request.user, categories=categories, **data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Your business is registered. Next: the common questionnaire.")
            )
            return redirect("questionnaire")
    return render(request, "vendors/vendor_form.html", {"form": form})


@role_required(Role.VENDOR_MEMBER)
def vendor_edit(request):
    member = _my_membership(request) or _no_business()
    form = VendorForm(request.POST or None, instance=member.vendor)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("categories")
        try:
            vendor_update(vendor=member.vendor, actor=request.user, categories=categories, **data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("my_business")
    return render(request, "vendors/vendor_form.html", {"form": form, "editing": True})


def _no_business():
    raise Http404


@role_required(Role.VENDOR_MEMBER)
@require_POST
def member_invite_view(request):
    member = _my_membership(request) or _no_business()
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            member_invite(vendor=member.vendor, actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("my_business")


@role_required(Role.VENDOR_MEMBER)
@require_POST
def member_leave_view(request):
    member = _my_membership(request) or _no_business()
    try:
        member_leave(vendor=member.vendor, actor=request.user)
    except PortalError as error:
        show_error(request, error)
        return redirect("my_business")
    messages.success(request, _("You left the business."))
    return redirect("account_dashboard")


@role_required(Role.VENDOR_MEMBER)
@require_POST
def member_change(request, member_pk: int):
    """Remove a member, or make them owner or member (owners only)."""
    mine = _my_membership(request) or _no_business()
    other = get_object_or_404(VendorMember, pk=member_pk, vendor=mine.vendor)
    try:
        if request.POST.get("action") == "remove":
            member_remove(vendor=mine.vendor, actor=request.user, member=other)
        else:
            member_set_role(
                vendor=mine.vendor,
                actor=request.user,
                member=other,
                role=request.POST.get("role", VendorMember.Role.MEMBER),
            )
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Members updated."))
    return redirect("my_business")


@login_required
def invitation_accept_view(request, token: str):
    invitation = get_object_or_404(VendorInvitation.objects.select_related("vendor"), token=token)
    if request.method == "POST":
        try:
            invitation_accept(token=token, actor=request.user)
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(request, _("You joined %(vendor)s.") % {"vendor": invitation.vendor})
            return redirect("my_business")
    return render(request, "vendors/invitation_accept.html", {"invitation": invitation})


@role_required(Role.VENDOR_MEMBER)
def questionnaire(request):
    member = _my_membership(request)
    if member is None:
        return redirect("vendor_create")
    version = QuestionnaireVersion.objects.current()
    answers = {
        a.question_id: a
        for a in QuestionnaireAnswer.objects.filter(
            vendor=member.vendor, question__version=version
        ).select_related("evidence")
    }
    form = QuestionnaireForm(
        request.POST or None, request.FILES or None, version=version, answers=answers
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = answers_save(
                vendor=member.vendor,
                actor=request.user,
                version=version,
                values=form.values(),
                uploads=form.uploads(),
            )
        except (PortalError, ValidationError) as error:
            if not form.add_evidence_errors(error):
                show_error(form, error)
        else:
            messages.success(
                request, _("Questionnaire saved (%(count)s answers changed).") % {"count": changed}
            )
            return redirect("questionnaire")
    answered, total = questionnaire_progress(member.vendor, version)
    return render(
        request,
        "vendors/questionnaire.html",
        {
            "form": form,
            "version": version,
            "answered": answered,
            "total": total,
            "answers": answers,
        },
    )


@role_required(Role.VENDOR_MEMBER)
def certification_add_view(request):
    member = _my_membership(request) or _no_business()
    form = CertificationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            certification_add(
                vendor=member.vendor, actor=request.user, upload=data.pop("file"), **data
            )
        except (PortalError, ValidationError) as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Certification added. A procurement officer will verify it.")
            )
            return redirect("my_business")
    return render(request, "vendors/certification_form.html", {"form": form})


@login_required
def evidence_download(request, pk: int):
    """Evidence is private: the business's members and public servants who verify claims."""
    evidence = get_object_or_404(EvidenceFile, pk=pk)
    is_member = VendorMember.objects.filter(vendor=evidence.vendor_id, user=request.user).exists()
    verifier = request.user.has_role(Role.PROCUREMENT_OFFICER) or request.user.has_role(
        Role.SITE_ADMIN
    )
    if not (is_member or verifier):
        raise Http404  # as for a file that does not exist: its existence is private too
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.display_name,
        content_type=evidence.content_type,
    )


@role_required(Role.VENDOR_MEMBER)
def subscription_edit(request):
    subscription = Subscription.objects.filter(user=request.user).first()
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        from ..services.subscriptions import subscription_save

        subscription_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your alerts are saved."))
        return redirect("subscription_edit")
    return render(request, "vendors/subscription_form.html", {"form": form})
