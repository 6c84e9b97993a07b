"""The vendor's catalogue pages: add, change and remove what the business sells."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from procurement_portal.confirm import Confirmation, confirmation_page, confirmed
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role

from ..forms import CatalogueItemForm
from ..models import CatalogueItem, VendorMember
from ..services.catalogue import catalogue_item_delete, catalogue_item_save


def _my_vendor(request):
    member = VendorMember.objects.select_related("vendor").filter(user=request.user).first()
    if member is None:
        raise Http404
    return member.vendor


def _my_item(request, pk: int) -> CatalogueItem:
    # Another business's item answers as a missing one: its id says nothing.
    return get_object_or_404(CatalogueItem, pk=pk, vendor=_my_vendor(request))


def _form_page(request, vendor, item=None):
    form = CatalogueItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_item_save(vendor=vendor, actor=request.user, item=item, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Catalogue saved."))
            return redirect(reverse("my_business") + "#catalogue")
    return render(
        request, "vendors/catalogue_item_form.html", {"form": form, "item": item, "vendor": vendor}
    )


@role_required(Role.VENDOR_MEMBER)
def catalogue_item_add(request):
    return _form_page(request, _my_vendor(request))


@role_required(Role.VENDOR_MEMBER)
def catalogue_item_edit(request, pk: int):
    item = _my_item(request, pk)
    return _form_page(request, item.vendor, item)


@role_required(Role.VENDOR_MEMBER)
def catalogue_item_remove(request, pk: int):
    """Removing asks first (procurement_portal/confirm.py); a GET shows the question."""
    item = _my_item(request, pk)
    if confirmed(request):
        try:
            catalogue_item_delete(vendor=item.vendor, actor=request.user, item=item)
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(
                request, _("“%(name)s” is removed from the catalogue.") % {"name": item}
            )
        return redirect(reverse("my_business") + "#catalogue")
    back = reverse("catalogue_item_edit", kwargs={"pk": item.pk})
    confirmation = Confirmation(
        title=_("Remove “%(name)s” from the catalogue") % {"name": item},
        happens=[
            _("The product or service no longer shows on your public profile or in the directory.")
        ],
        told=_("Nobody is told."),
        permanent=_("To offer it again, add it anew."),
        button=_("Remove"),
        back_url=back,
        back_label=_("Keep it"),
        danger=True,
    )
    return confirmation_page(request, confirmation)
