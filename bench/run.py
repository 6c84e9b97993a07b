"""`make bench`: the portal under load, on this machine, in one table.

Seeds a throwaway PostgreSQL database in bulk (100,000 opportunities, 20,000 vendors),
starts the production web server (gunicorn, several workers) on loopback, drives it with
locust (headless) and compares every page with a bare Django view served by the same server
in the same run. Then the deadline rush, the notification fan-out, the contract PDF and the
bulk OCDS export. Not part of `make test`.
"""

import argparse
import csv
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, fresh_database  # noqa: E402

DB_NAME = "procurement_portal_bench_load"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PUBLICATIONS = random.Random(2026)  # noqa: S311 - the opportunities each run starts after


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--vendors", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--rush", type=int, default=300)
    args = parser.parse_args()
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)
    env = fresh_database(
        DB_NAME,
        DJANGO_SETTINGS_MODULE="bench.settings",
        REDIS_URL=REDIS,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        LOG_LEVEL="ERROR",
        DB_CONN_MAX_AGE="60",
        PYTHONPATH=str(ROOT),
    )
    from bench.seed import seed

    started = time.perf_counter()
    seeded = seed(opportunities=args.opportunities, vendors=args.vendors)
    rows = [
        (
            "seeding",
            f"{args.opportunities:,} opportunities, {args.vendors:,} vendors",
            f"{time.perf_counter() - started:.0f} s (bulk inserts)",
        )
    ]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "procurement_portal.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    try:
        try:
            _wait_for_server(base)
            rows += read_scenarios(base, args, seeded)
            rows += deadline_rush(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows += [pdf_render_time()]
        rows += _script_rows("fan-out to 10,000 subscribers", ["bench/fanout.py"])
        rows += _script_rows("bulk OCDS export", ["bench/ocds_export.py"])
    finally:  # what was measured is printed even when a later part fails
        subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=False, capture_output=True)
        print_table(rows, args)


def _wait_for_server(base: str) -> None:
    for _ in range(120):
        try:
            requests.get(base + "/bench/bare", timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def locust(base: str, paths: list[str], args, cookie: str = "", rate: float = 0) -> dict:
    """One locust run of `args.seconds`: at capacity, or at `rate` requests a second. Every
    run starts just after a new opportunity is published (bench.seed.publish_one): no
    cached public page, count or list is current, so no run is served a page the one
    before it rendered; what is kept under what it shows (cards, list pages: rows not
    written since) is served again where the new opportunity changes nothing, as after
    any publication."""
    from bench.seed import publish_one

    publish_one(PUBLICATIONS)
    with tempfile.TemporaryDirectory() as folder:
        prefix = str(Path(folder) / "run")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench/locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "-t",
                f"{args.seconds}s",
                "--host",
                base,
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env={
                **os.environ,
                "BENCH_PATHS": "|".join(paths),
                "BENCH_SESSION": cookie,
                "BENCH_RATE": f"{rate:.1f}" if rate else "",
                "BENCH_USERS": str(args.users),
            },
            check=False,
            capture_output=True,
        )
        with open(prefix + "_stats.csv") as handle:
            total = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    return {
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "failures": int(total["Failure Count"]),
        "count": int(total["Request Count"]),
    }


# Targets (issue 15): throughput as a share of the bare view's, and the 95th percentile.
PUBLIC_TARGET = (0.50, 100)
SEARCH_TARGET = (0.25, 150)
# Signed-in pages have no throughput target: their p95 is taken with every user asking for a
# page each second (50 people at work, clicking once a second).
SIGNED_IN_P95, SIGNED_IN_PAGES_PER_USER_SECOND = 150, 1.0


def read_scenarios(base: str, args, seeded) -> list[tuple[str, str, str]]:
    """Each scenario's URLs visited once (`first_visits`, the site in service), then two
    runs, each just after a publication: at capacity (its throughput, against the bare
    view's) and at the throughput its target names (the p95 a visitor sees at that load).
    At capacity every user waits in the queue of all 50 (Little's law: the mean wait is
    users / throughput, so even the bare view's p95 is users / its throughput), which is
    why the p95 target is measured at the target load instead; signed-in pages, without a
    throughput target, with each user asking for a page a second: see docs/benchmarks.md."""
    from bench.traffic import scenarios

    bare = locust(base, ["/bench/bare"], args)
    floor = locust(base, ["/bench/bare"], args, rate=PUBLIC_TARGET[0] * bare["rps"])
    rows = [
        (
            "bare Django view",
            _figures(bare) + f"; at {floor['rps']:.0f} req/s: {_latency(floor)}",
            "the yardstick (1.00), measured again before each scenario; at half its rate,"
            " the latency floor of 50 users",
        )
    ]
    for name, paths in scenarios(seeded).items():
        ratio_target, p95_target = SEARCH_TARGET if name.startswith("search") else PUBLIC_TARGET
        first = first_visits(base, paths)
        # The bare view again, right before: this machine's speed drifts from one minute to
        # the next, and a ratio to a yardstick measured minutes earlier measured the drift.
        here = locust(base, ["/bench/bare"], args)
        result = locust(base, paths, args)
        paced = locust(base, paths, args, rate=ratio_target * here["rps"])
        queries = _queries_after_a_change(base, paths[:3])
        ratio = result["rps"] / here["rps"] if here["rps"] else 0
        failures = result["failures"] + paced["failures"]
        ok = ratio >= ratio_target and paced["p95"] < p95_target and not failures
        rows.append(
            (
                f"{name} ({len(paths):,} URLs)",
                _figures(result)
                + f"; at {paced['rps']:.0f} req/s: {_latency(paced)}"
                + f", {queries} queries right after a public change; {first}",
                f"ratio {ratio:.2f} to the bare view's {here['rps']:.0f} req/s just before"
                f" (≥ {ratio_target:.2f}), p95 at {ratio_target:.2f}× its rate < {p95_target} ms"
                f" {'✓' if ok else '✗'}",
            )
        )
    for name, paths, cookie in signed_in_scenarios(seeded):
        result = locust(base, paths, args, cookie=cookie)
        rate = SIGNED_IN_PAGES_PER_USER_SECOND * args.users
        paced = locust(base, paths, args, cookie=cookie, rate=rate)
        ok = paced["p95"] < SIGNED_IN_P95 and not (result["failures"] + paced["failures"])
        rows.append(
            (
                f"signed in: {name}",
                _figures(result) + f"; at {paced['rps']:.0f} req/s: {_latency(paced)}",
                f"p95 with {args.users} users a page a second each < {SIGNED_IN_P95} ms "
                f"{'✓' if ok else '✗'}",
            )
        )
    return rows


def first_visits(base: str, paths: list[str]) -> str:
    """Every URL of a scenario asked for once, as a site in service has been before the
    publication each measured run starts after (a cold cache: nothing kept yet). Eight at a
    time; the figures say what the very first visitors wait."""
    started = time.perf_counter()

    def visit(path: str) -> float:
        began = time.perf_counter()
        requests.get(base + path, timeout=60)
        return time.perf_counter() - began

    with ThreadPoolExecutor(max_workers=8) as pool:
        waits = sorted(pool.map(visit, paths))
    elapsed = time.perf_counter() - started
    median, p95 = waits[len(waits) // 2], waits[int(len(waits) * 0.95)]
    return (
        f"first visits (nothing kept): {len(paths) / elapsed:.0f} req/s, "
        f"p50 {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )


def _queries_after_a_change(base: str, paths: list[str]) -> int:
    """The most SQL queries of these pages rendered again after a public change (served
    from the page cache, as after the runs, a page runs none)."""
    from procurement_portal.page_cache import public_pages_changed

    public_pages_changed()
    return max(
        int(requests.get(base + path, timeout=30).headers.get("X-Queries", -1)) for path in paths
    )


def signed_in_scenarios(seeded) -> list[tuple[str, list[str], str]]:
    """A vendor with proposals, a buyer with a department's worth of opportunities and an
    evaluator: each in both languages, with their session cookie."""
    from django.test import Client

    from procurement_portal.models import Role
    from tests.factories import make_user
    from vendors.models import Vendor, VendorMember

    vendor = Vendor.objects.get(pk=seeded["vendor_ids"][0])
    vendor_user = make_user(Role.VENDOR_MEMBER, email="vendor@bench.example.com")
    VendorMember.objects.create(vendor=vendor, user=vendor_user, role=VendorMember.Role.OWNER)
    buyer = make_user(Role.BUYER, department=seeded["departments"][0], email="b2@bench.gc.ca")
    evaluator = make_user(Role.EVALUATOR, department=seeded["departments"][0])
    from opportunities.models import Opportunity

    Opportunity.objects.filter(pk__in=seeded["opportunity_ids"][:40]).update(owner=buyer)
    out = []
    for name, user, paths in [
        ("vendor's proposals", vendor_user, ["/en/my-proposals/", "/fr/mes-propositions/"]),
        ("buyer workspace", buyer, ["/en/workspace/", "/fr/espace-de-travail/"]),
        ("evaluator workspace", evaluator, ["/en/evaluations/", "/fr/evaluations/"]),
    ]:
        client = Client()
        client.force_login(user)
        out.append((name, paths, client.cookies["sessionid"].value))
    return out


def _latency(result: dict) -> str:
    return f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms"


def _figures(result: dict) -> str:
    failed = f", {result['failures']} failed" if result["failures"] else ""
    return (
        f"{result['rps']:.0f} req/s, p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms,"
        f" p99 {result['p99']:.0f} ms{failed}"
    )


def deadline_rush(base: str, args) -> list[tuple[str, str, str]]:
    """`args.rush` vendors each submit a proposal, spread over the last 60 s before the
    deadline (and a few seconds after it): accepted, refused-late, lost, 5xx."""
    from django.test import Client
    from django.utils import timezone

    from opportunities.models import Opportunity, OpportunityStatus, ProposalReceipt
    from procurement_portal.models import Category, Role, User
    from procurement_portal.services.roles import role_grant
    from vendors.models import Vendor, VendorMember

    buyer = User.objects.get(email="buyer@bench.gc.ca")
    deadline = timezone.now() + timezone.timedelta(seconds=75)
    opportunity = Opportunity.objects.create(
        department=buyer.role_assignments.first().department,
        owner=buyer,
        category=Category.objects.get(slug="digital-accessibility"),
        status=OpportunityStatus.PUBLISHED,
        title_en="Deadline rush",
        title_fr="Ruée",
        summary_en="S",
        summary_fr="S",
        description_en="D",
        description_fr="D",
        max_budget=9000,
        published_at=timezone.now(),
        closes_at=deadline,
        contact_email="buyer@bench.gc.ca",
    )
    criterion = opportunity.criteria.create(name_en="Approach", name_fr="Approche", weight=80)
    opportunity.criteria.create(name_en="Price", name_fr="Prix", weight=20, is_price=True)
    cookies = []
    for n in range(args.rush):
        user = User.objects.create_user(f"rush{n}@bench.example.com", None)
        role_grant(user=user, role=Role.VENDOR_MEMBER, actor=user)
        vendor = Vendor.objects.create(
            legal_name=f"Rush {n} inc.",
            business_number=f"{900000000 + n}",
            address="1 Rue",
            city="Ottawa",
            province="ON",
            postal_code="K1P 1A1",
            contact_email=user.email,
            employees=3,
            revenue_band="under_500k",
        )
        VendorMember.objects.create(vendor=vendor, user=user, role=VendorMember.Role.OWNER)
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    # Submissions start over the 60 s before the deadline and the 5 s after it.
    starts = sorted(random.uniform(-60, 5) for _ in cookies)  # noqa: S311
    outcomes = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        delay = (deadline - timezone.now()).total_seconds() + starts[index]
        if delay > 0:
            time.sleep(delay)
        http = requests.Session()
        http.cookies.set("sessionid", cookies[index])
        path = f"/en/opportunities/{opportunity.pk}/proposal/"
        try:
            form = http.get(base + path, timeout=60)
            token = CSRF.search(form.text)
            saved = http.post(
                base + path,
                timeout=60,
                allow_redirects=False,
                data={
                    "csrfmiddlewaretoken": token[1] if token else "",
                    "price": "5000",
                    f"c_{criterion.pk}": "A careful plan.",
                    "submit": "",
                },
                headers={"Referer": base + path},
            )
            final = http.post(
                base + path + "submit/",
                timeout=60,
                allow_redirects=False,
                data={"csrfmiddlewaretoken": token[1] if token else "", "declaration": "on"},
                headers={"Referer": base + path},
            )
            statuses = [form.status_code, saved.status_code, final.status_code]
            accepted = final.status_code == 302 and "/receipts/" in final.headers.get(
                "Location", ""
            )
        except requests.RequestException:
            statuses, accepted = [0], False
        with lock:
            outcomes.append((index, accepted, statuses))

    with ThreadPoolExecutor(max_workers=len(cookies)) as pool:  # each waits for its moment
        list(pool.map(submit, range(len(cookies))))
    accepted = sum(1 for _i, ok, _s in outcomes if ok)
    server_errors = sum(1 for _i, _ok, statuses in outcomes for s in statuses if s >= 500)
    stored = ProposalReceipt.objects.filter(proposal__opportunity=opportunity).count()
    late_stored = ProposalReceipt.objects.filter(
        proposal__opportunity=opportunity, submitted_at__gte=deadline
    ).count()
    lost = accepted - stored
    refused = len(outcomes) - accepted
    ok = lost == 0 and server_errors == 0 and late_stored == 0
    return [
        (
            "deadline rush",
            f"{len(outcomes)} vendors in the last 60 s: {accepted} accepted, "
            f"{refused} refused (late), {lost} lost, {server_errors} 5xx",
            f"{late_stored} stored after the deadline {'✓' if ok else '✗'}",
        )
    ]


def pdf_render_time() -> tuple[str, str, str]:
    from payments.models import Contract
    from payments.services.contract_pdf import contract_pdf_bytes
    from tests.evaluations.factories import awarded

    department = __import__(
        "procurement_portal.models", fromlist=["Department"]
    ).Department.objects.first()
    opportunity, *_ = awarded(department)
    contract = Contract.objects.get(opportunity=opportunity)
    contract_pdf_bytes(contract)  # warm up fonts
    times = []
    for _ in range(5):
        started = time.perf_counter()
        contract_pdf_bytes(contract)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return (
        "contract PDF render",
        f"median of 5: {median * 1000:.0f} ms",
        f"target < 1 s {'✓' if median < 1 else '✗'}",
    )


def _script_rows(name: str, command: list[str]) -> list[tuple[str, str, str]]:
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "procurement_portal.settings"},
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return [(name, line.strip(), "") for line in lines[-3:]]


def print_table(rows, args) -> None:
    import platform

    print(
        f"\nmake bench — {time.strftime('%Y-%m-%d')} — {platform.processor() or 'cpu'} × "
        f"{os.cpu_count()}, {args.workers} gunicorn workers, {args.users} concurrent users, "
        f"{args.seconds} s per scenario"
    )
    width = max(len(r[0]) for r in rows)
    print(f"| {'scenario'.ljust(width)} | result | note |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for name, value, note in rows:
        print(f"| {name.ljust(width)} | {value} | {note} |")


if __name__ == "__main__":
    main()
