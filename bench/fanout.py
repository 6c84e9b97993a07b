"""Benchmark: publishing to N subscribed vendors (default 10,000).

Measures what the buyer waits for (the publish call: it only enqueues) and how long one real
Celery worker takes to deliver every message. Runs against a throwaway PostgreSQL database
and Redis database; mail goes to Django's dummy backend, so the figure is the portal's own
pipeline (rendering, outbox rows, bookkeeping), not an SMTP server's speed.

    make bench-fanout            # or: .venv/bin/python bench/fanout.py --vendors 2000
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, fresh_database  # noqa: E402

DB_NAME = "procurement_portal_bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vendors", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    env = fresh_database(
        DB_NAME,
        CELERY_BROKER_URL=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    from django.db import transaction

    from opportunities.services.drafts import opportunity_create_draft
    from opportunities.services.lifecycle import earliest_closing, opportunity_publish
    from procurement_portal.celery import app
    from procurement_portal.models import Category, Department, OutboundMessage, Role, User
    from procurement_portal.services.roles import role_grant
    from vendors.models import Subscription

    app.control.purge()
    category = Category.objects.get(slug="digital-accessibility")
    department = Department.objects.create(slug="bench", name_en="Bench", name_fr="Banc")
    buyer = User.objects.create_user("buyer@bench.gc.ca", None)
    role_grant(user=buyer, role=Role.BUYER, department=department)

    started = time.perf_counter()
    users = User.objects.bulk_create(
        [User(email=f"vendor{n}@bench.example.com") for n in range(args.vendors)], batch_size=2000
    )
    subscriptions = Subscription.objects.bulk_create(
        [Subscription(user=user) for user in users], batch_size=2000
    )
    Subscription.categories.through.objects.bulk_create(
        [
            Subscription.categories.through(subscription_id=s.pk, category_id=category.pk)
            for s in subscriptions
        ],
        batch_size=2000,
    )
    seeding = time.perf_counter() - started

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "procurement_portal",
            "worker",
            "-l",
            "warning",
            "-c",
            str(args.concurrency),
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(3)
        draft = opportunity_create_draft(
            actor=buyer,
            department=department,
            category=category,
            title_en="Bench",
            title_fr="Banc",
            summary_en="S",
            summary_fr="R",
            description_en="D",
            description_fr="D",
            max_budget=1000,
            closes_at=earliest_closing() + (__import__("datetime").timedelta(days=3)),
            contact_email="b@bench.gc.ca",
        )
        draft.criteria.create(name_en="Q", name_fr="Q", weight=80)
        draft.criteria.create(name_en="P", name_fr="P", weight=20, is_price=True)
        t0 = time.perf_counter()
        with transaction.atomic():
            opportunity_publish(opportunity=draft, actor=buyer)
        publish_seconds = time.perf_counter() - t0  # includes enqueueing on commit
        sent = 0
        deadline = time.perf_counter() + 600
        while time.perf_counter() < deadline:
            sent = OutboundMessage.objects.filter(
                template="emails/opportunity_new", status="sent"
            ).count()
            if sent >= args.vendors:
                break
            time.sleep(0.5)
        delivery_seconds = time.perf_counter() - t0
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    rows = [
        ("subscribed vendors", f"{args.vendors:,}", ""),
        ("seeding (bulk insert)", f"{seeding:.1f} s", ""),
        (
            "publish call (what the buyer waits for)",
            f"{publish_seconds * 1000:.0f} ms",
            "only enqueues",
        ),
        (
            "every message delivered",
            f"{delivery_seconds:.1f} s",
            "target < 60 s" + (" ✓" if delivery_seconds < 60 else " ✗"),
        ),
        ("delivered", f"{sent:,}", "lost: " + f"{args.vendors - sent:,}"),
        (
            "throughput",
            f"{sent / delivery_seconds:,.0f} messages/s",
            f"{args.concurrency} worker processes",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)} | value | note")
    print("-" * (width + 40))
    for name, value, note in rows:
        print(f"{name.ljust(width)} | {value} | {note}")


if __name__ == "__main__":
    main()
