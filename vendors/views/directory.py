"""The vendor directory: public part for everyone, more for public servants."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from procurement_portal import row_stamps
from procurement_portal.kept_pages import kept_page
from procurement_portal.listing import render_list
from procurement_portal.page_cache import public_page
from procurement_portal.pagination import PublicCountPaginator

from ..forms import DirectoryFilterForm
from ..models import CatalogueItem, QuestionnaireAnswer, QuestionnaireVersion, Vendor
from ..profile_sections import rendered_sections
from ..search import directory


@public_page
def vendor_list(request):
    form = DirectoryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = PublicCountPaginator(directory(data), 25).get_page(request.GET.get("page"))
    return render_list(
        request, "vendors/vendor_list.html", {"form": form, "page": page}, stamps="vendors.vendor"
    )


@public_page
def vendor_detail(request, pk: int):
    # An anonymous reader's profile is kept under the vendor's stamp, which its categories,
    # catalogue, certificates and answers change too (vendors/apps.py), for the day (a
    # badge lapses at midnight when its certificate expires).
    return kept_page(
        request,
        lambda: [row_stamps.stamps("vendors.vendor", [pk])[pk], timezone.localdate()],
        lambda: (_profile(request, pk), None),
    )


def _profile(request, pk: int):
    government = request.user.is_authenticated and request.user.is_government
    vendors = Vendor.objects.with_badges().prefetch_related(
        "categories",
        "categories__parent",
        Prefetch("catalogue_items", CatalogueItem.objects.select_related("category")),
    )
    if not government:
        vendors = vendors.in_directory()
    vendor = get_object_or_404(vendors, pk=pk)
    context = {"vendor": vendor, "government": government}
    if government:
        version = QuestionnaireVersion.objects.current()
        context["answers"] = (
            QuestionnaireAnswer.objects.filter(vendor=vendor, question__version=version)
            .select_related("question", "evidence")
            .order_by("question__section", "question__order")
        )
        context["certifications"] = vendor.certifications.select_related("kind", "evidence")
    context["sections"] = rendered_sections(request, vendor)
    return render(request, "vendors/vendor_detail.html", context)
