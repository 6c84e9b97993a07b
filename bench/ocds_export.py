"""Benchmark: the bulk OCDS release package at 1,000 and 10,000 releases.

Streams /open-data/ocds/releases.json through the real view and measures the time to the
last byte, the size, and the peak Python memory (tracemalloc) while streaming. Flat memory
means the peak does not grow with the number of releases. Uses a throwaway PostgreSQL
database.

    make bench-ocds
"""

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import fresh_database  # noqa: E402

DB_NAME = "procurement_portal_bench_ocds"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    fresh_database(DB_NAME, LOG_LEVEL="WARNING")
    from django.test import RequestFactory
    from django.utils import timezone

    from open_data.models import Release
    from open_data.ocds import build_release, ocid_for
    from open_data.views import bulk_release_package
    from opportunities.models import Opportunity, OpportunityStatus
    from procurement_portal.models import Category, Department, User

    department = Department.objects.create(slug="bench", name_en="Bench", name_fr="Banc")
    owner = User.objects.create_user("buyer@bench.gc.ca", None, full_name="Bench Buyer")
    category = Category.objects.get(slug="digital-accessibility")
    text_en = (
        "Audit our online grant application form against WCAG 2.1 AA, test it with "
        "assistive technologies and report each barrier with a fix. "
    ) * 3
    text_fr = (
        "Auditer notre formulaire de demande de subvention en ligne selon les WCAG 2.1 "
        "AA, le tester avec des aides techniques et signaler chaque obstacle. "
    ) * 3
    rows = []
    print(f"{'releases':>10} {'seconds':>9} {'MB sent':>9} {'peak MB':>9}")
    created = 0
    for size in sizes:
        opportunities = Opportunity.objects.bulk_create(
            [
                Opportunity(
                    department=department,
                    owner=owner,
                    category=category,
                    status=OpportunityStatus.PUBLISHED,
                    title_en=f"Accessibility audit {i}",
                    title_fr=f"Audit d’accessibilité {i}",
                    summary_en=text_en,
                    summary_fr=text_fr,
                    max_budget=9000,
                    published_at=timezone.now(),
                    closes_at=timezone.now(),
                )
                for i in range(created, size)
            ],
            batch_size=1000,
        )
        releases = []
        for opportunity in opportunities:
            release_id = f"{ocid_for(opportunity.pk)}-001-tender"
            releases.append(
                Release(
                    opportunity=opportunity,
                    ocid=ocid_for(opportunity.pk),
                    release_id=release_id,
                    date=timezone.now(),
                    tag="tender",
                    data=build_release(
                        opportunity, tag="tender", release_id=release_id, date=timezone.now()
                    ),
                )
            )
        Release.objects.bulk_create(releases, batch_size=1000)
        created = size
        request = RequestFactory().get("/open-data/ocds/releases.json")
        for _chunk in bulk_release_package(request).streaming_content:
            pass  # warm up (imports, connection, caches) so the peak is the streaming's own
        tracemalloc.start()
        started = time.perf_counter()
        sent = sum(len(chunk) for chunk in bulk_release_package(request).streaming_content)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((size, elapsed, sent / 1e6, peak / 1e6))
        print(f"{size:>10,} {elapsed:>9.2f} {sent / 1e6:>9.1f} {peak / 1e6:>9.1f}")
    ratio = rows[-1][3] / rows[0][3]
    print(
        f"peak memory at {rows[-1][0]:,} / at {rows[0][0]:,} releases: {ratio:.2f}x "
        f"(flat means close to 1)"
    )


if __name__ == "__main__":
    main()
