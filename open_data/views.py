"""Open data: OCDS packages (language-neutral URLs), proactive-disclosure CSVs, the open data
page and award notices."""

import csv
import io
import json

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from opportunities.models import Opportunity
from procurement_portal.exports import neutralise
from procurement_portal.page_cache import public_page

from . import ocds
from .disclosure import (
    CONTRACT_COLUMNS,
    CONTRACTSA_COLUMNS,
    FIRST_YEAR,
    NIL_COLUMNS,
    Quarter,
    contract_rows,
    contractsa_rows,
    nil_rows,
)
from .models import Release
from .notices import award_notice_facts

JSON = "application/json; charset=utf-8"


def _open(response):
    """Anyone may reuse open data, from any site."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _releases(ocid: str) -> list[dict]:
    releases = list(
        Release.objects.filter(ocid=ocid).order_by("date", "pk").values_list("data", flat=True)
    )
    if not releases:
        raise Http404
    return releases


def release_package(request, ocid: str):
    uri = ocds.absolute(reverse("ocds_release_package", kwargs={"ocid": ocid}))
    return _open(
        JsonResponse(
            ocds.release_package(_releases(ocid), uri=uri),
            json_dumps_params={"ensure_ascii": False},
        )
    )


def record_package(request, ocid: str):
    package_uri = ocds.absolute(reverse("ocds_release_package", kwargs={"ocid": ocid}))
    uri = ocds.absolute(reverse("ocds_record_package", kwargs={"ocid": ocid}))
    return _open(
        JsonResponse(
            ocds.record_package(ocid, _releases(ocid), uri=uri, package_uri=package_uri),
            json_dumps_params={"ensure_ascii": False},
        )
    )


def bulk_release_package(request):
    """Every release, streamed: the package is written piece by piece from a server-side
    cursor, so memory stays flat however many releases there are."""
    uri = ocds.absolute(reverse("ocds_bulk"))
    head = ocds.release_package([], uri=uri)
    del head["releases"]

    def chunks():
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "releases": ['
        rows = Release.objects.order_by("pk").values_list("data", flat=True)
        for index, data in enumerate(rows.iterator(chunk_size=500)):
            yield ("," if index else "") + json.dumps(data, ensure_ascii=False)
        yield "]}"

    return _open(StreamingHttpResponse(chunks(), content_type=JSON))


def _csv(rows, columns, filename):
    def lines():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: neutralise(value) for key, value in row.items()})
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open(response)


def _quarter(request, default: Quarter) -> Quarter:
    text = request.GET.get("quarter")
    if not text:
        return default
    try:
        return Quarter.parse(text)
    except ValueError:
        raise Http404 from None


def contracts_csv(request):
    quarter = _quarter(request, Quarter.containing(timezone.localdate()))
    return _csv(contract_rows(quarter), CONTRACT_COLUMNS, f"contracts-{quarter}.csv")


def contracts_nil_csv(request):
    # By default the last quarter that is over: only a finished quarter has a nil report.
    quarter = _quarter(request, Quarter.containing(timezone.localdate()).previous)
    return _csv(nil_rows(quarter), NIL_COLUMNS, f"contracts-nil-{quarter}.csv")


def contractsa_csv(request):
    """contractsa for one calendar year (default: this one, so far). The registry refuses a
    year still to come."""
    this_year = timezone.localdate().year
    text = request.GET.get("year", "")
    if text and not (text.isascii() and text.isdecimal() and FIRST_YEAR <= int(text) <= this_year):
        raise Http404
    year = int(text) if text else this_year
    return _csv(contractsa_rows(year), CONTRACTSA_COLUMNS, f"contractsa-{year}.csv")


@public_page
def index(request):
    today = timezone.localdate()
    quarter = Quarter.containing(today)
    examples = Release.objects.order_by("-pk").values_list("ocid", flat=True)[:1]
    return render(
        request,
        "open_data/index.html",
        {
            "quarter": quarter,
            "last_quarter": quarter.previous,
            "example_ocid": examples[0] if examples else None,
            "licence_url": ocds.LICENCE_URL,
            "year": today.year,
        },
    )


@public_page
def award_notice(request, pk: int):
    opportunity = get_object_or_404(
        Opportunity.objects.public().select_related("department", "award_decision__proposal"),
        pk=pk,
        award_decision__proposal__isnull=False,
    )
    return render(
        request,
        "open_data/award_notice.html",
        {
            "opportunity": opportunity,
            **award_notice_facts(opportunity),
            "ocid": ocds.ocid_for(opportunity.pk),
        },
    )
