"""Fast bulk seeding for `make bench`: 100,000 opportunities, 20,000 vendors, realistic
bilingual text. Bulk inserts only (no services), then one UPDATE builds the search index."""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.postgres.search import SearchVector
from django.utils import timezone

NEEDS = [
    ("Accessibility audit of {thing}", "Audit d’accessibilité de {thing_fr}"),
    ("Plain-language rewrite of {thing}", "Réécriture en langage clair de {thing_fr}"),
    ("User research for {thing}", "Recherche sur les utilisateurs pour {thing_fr}"),
    ("Translation of {thing}", "Traduction de {thing_fr}"),
    ("Security assessment of {thing}", "Évaluation de la sécurité de {thing_fr}"),
    ("Data analysis of {thing}", "Analyse des données de {thing_fr}"),
    ("Training on {thing}", "Formation sur {thing_fr}"),
]
THINGS = [
    ("the grant application form", "le formulaire de demande de subvention"),
    ("the benefits finder", "l’outil de recherche de prestations"),
    ("the permit renewal service", "le service de renouvellement de permis"),
    ("the call-centre scripts", "les scripts du centre d’appels"),
    ("the open data portal", "le portail de données ouvertes"),
    ("the travel claims process", "le processus des demandes de remboursement de voyage"),
    ("the job posting pages", "les pages d’offres d’emploi"),
    ("the annual report", "le rapport annuel"),
]
BODY_EN = (
    "We need a small team to {verb} {thing}. Deliver a short report with findings, "
    "priorities and fixes, tested with real users, including people who use assistive "
    "technologies. Work can be done remotely; meetings in English or French."
)
BODY_FR = (
    "Nous cherchons une petite équipe pour {verb_fr} {thing_fr}. Livrez un court rapport "
    "avec les constats, les priorités et les correctifs, testés avec de vrais "
    "utilisateurs, y compris des personnes qui utilisent des aides techniques."
)


def _contracted(text: str) -> str:
    """French contracts "de le" and "de les" ("du", "des")."""
    return text.replace(" de le ", " du ").replace(" de les ", " des ")


VERBS = [("review", "examiner"), ("improve", "améliorer"), ("test", "tester")]
CITIES = [
    ("Ottawa", "ON", "K1P 1A1"),
    ("Gatineau", "QC", "J8X 1A1"),
    ("Halifax", "NS", "B3H 1A1"),
    ("Winnipeg", "MB", "R3C 1A1"),
    ("Vancouver", "BC", "V6B 1A1"),
    ("Whitehorse", "YT", "Y1A 1A1"),
]


# Past this many, opportunities are copies of these, written by PostgreSQL itself (see
# _copies): building a million rows in Python took over an hour on the 2-core machine.
WRITTEN_IN_PYTHON = 100_000


def seed(*, opportunities: int, vendors: int, rng=None, written=WRITTEN_IN_PYTHON) -> dict:
    from opportunities.models import Criterion, Opportunity
    from procurement_portal.models import Category, Department, Role, User
    from procurement_portal.services.roles import role_grant
    from vendors.models import Vendor

    rng = rng or random.Random(2026)  # noqa: S311 - test data
    now = timezone.now()
    departments = [
        Department.objects.create(
            slug=f"dept{n}", name_en=f"Department {n}", name_fr=f"Ministère {n}"
        )
        for n in range(5)
    ]
    buyer = User.objects.create_user("buyer@bench.gc.ca", None, full_name="Bench Buyer")
    for department in departments:
        role_grant(user=buyer, role=Role.BUYER, department=department)
    leaves = list(Category.objects.filter(parent__isnull=False))
    rows = []
    for n in range(min(opportunities, written)):
        published = now - timedelta(days=rng.randint(1, 720))
        rows.append(
            _opportunity(rng, n, departments, leaves, buyer, published, is_open=n % 10 == 0)
        )
    created = Opportunity.objects.bulk_create(rows, batch_size=2000)
    Criterion.objects.bulk_create(
        [
            Criterion(
                opportunity=o,
                order=i,
                name_en=name_en,
                name_fr=name_fr,
                weight=weight,
                is_price=is_price,
            )
            for o in created
            for i, (name_en, name_fr, weight, is_price) in enumerate(
                [("Approach", "Approche", 80, False), ("Price", "Prix", 20, True)]
            )
        ],
        batch_size=5000,
    )
    Opportunity.objects.update(
        search_document=(
            SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary_en", "description_en", weight="B", config="english")
            + SearchVector("title_fr", weight="A", config="french")
            + SearchVector("summary_fr", "description_fr", weight="B", config="french")
        )
    )
    _copies(created, opportunities - len(created), departments, leaves)
    vendor_rows = []
    for n in range(vendors):
        city, province, postal = rng.choice(CITIES)
        vendor_rows.append(
            Vendor(
                legal_name=f"{rng.choice(['Northern', 'Maple', 'Boréal', 'Cedar', 'Atlantic'])} "
                f"{rng.choice(['Digital', 'Conseil', 'Design', 'Data', 'Studio'])} "
                f"{n} inc.",
                business_number=f"{500000000 + n}",
                address=f"{n} Main Street",
                city=city,
                province=province,
                postal_code=postal,
                contact_email=f"v{n}@bench.example.com",
                employees=rng.choice([2, 8, 25, 80, 250]),
                revenue_band=rng.choice(["under_500k", "under_5m", "under_50m"]),
                listed_in_directory=True,
            )
        )
    vendors_created = Vendor.objects.bulk_create(vendor_rows, batch_size=2000)
    planned_ids = _seed_planned(rng, departments, buyer, now, count=max(opportunities // 50, 20))
    awarded_ids = _seed_awards(
        rng, created, vendors_created, buyer, count=min(500, opportunities // 20)
    )
    # A live database is vacuumed and analysed by autovacuum; do it now rather than
    # measure a table that was just bulk-loaded (no statistics, no visibility map).
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "opportunities_opportunity",
            "opportunities_searchentry",
            "opportunities_criterion",
            "opportunities_plannedpurchase",
            "opportunities_proposal",
            "evaluations_awarddecision",
            "vendors_vendor",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {
        "opportunity_ids": [o.pk for o in created[:2000]],
        "vendor_ids": [v.pk for v in vendors_created[:2000]],
        "category_ids": [c.pk for c in leaves[:12]],
        "department_ids": [d.pk for d in departments],
        "department_slugs": [d.slug for d in departments],
        "planned_ids": planned_ids,
        "awarded_ids": awarded_ids,
        "buyer": buyer,
        "departments": departments,
    }


def _opportunity(rng, n: int, departments, leaves, buyer, published, *, is_open: bool):
    """One opportunity of bilingual text drawn from NEEDS, THINGS and VERBS; open ones
    close in 3 to 30 days, the others closed 10 days after they were published."""
    from opportunities.models import Opportunity, OpportunityStatus

    need_en, need_fr = rng.choice(NEEDS)
    thing_en, thing_fr = rng.choice(THINGS)
    verb_en, verb_fr = rng.choice(VERBS)
    now = timezone.now()
    return Opportunity(
        department=rng.choice(departments),
        owner=buyer,
        category=rng.choice(leaves),
        status=OpportunityStatus.PUBLISHED if is_open else OpportunityStatus.CLOSED,
        title_en=need_en.format(thing=thing_en) + f" ({n})",
        title_fr=_contracted(need_fr.format(thing_fr=thing_fr)) + f" ({n})",
        summary_en=BODY_EN.format(verb=verb_en, thing=thing_en)[:300],
        summary_fr=BODY_FR.format(verb_fr=verb_fr, thing_fr=thing_fr)[:300],
        description_en="\n\n".join([BODY_EN.format(verb=verb_en, thing=thing_en)] * 2),
        description_fr="\n\n".join([BODY_FR.format(verb_fr=verb_fr, thing_fr=thing_fr)] * 2),
        max_budget=Decimal(rng.randrange(2000, 10000, 500)),
        is_remote=rng.random() < 0.6,
        published_at=published,
        closes_at=now + timedelta(days=rng.randint(3, 30))
        if is_open
        else published + timedelta(days=10),
        closed_at=None if is_open else published + timedelta(days=10),
        contact_name="Bench Buyer",
        contact_email="buyer@bench.gc.ca",
    )


def publish_one(rng) -> None:
    """One more opportunity published now, saved as a buyer's publication is (its signals
    retire the cached public pages and stamp its row; the database trigger indexes it for
    search): the public change each read scenario of `make bench` starts after."""
    from procurement_portal.models import Category, Department, User

    buyer = User.objects.get(email="buyer@bench.gc.ca")
    departments = list(Department.objects.filter(slug__startswith="dept"))
    leaves = list(Category.objects.filter(parent__isnull=False))
    opportunity = _opportunity(
        rng, rng.randint(10**6, 10**7), departments, leaves, buyer, timezone.now(), is_open=True
    )
    opportunity.save()


def _copies(created, count: int, departments, leaves) -> None:
    """`count` more opportunities, copied from `created` by INSERT … SELECT, each copy
    with its own department, category, dates, budget and place (varied by id and copy
    number), the same texts and search document; the trigger writes their search entries."""
    from django.db import connection

    from opportunities.models import Opportunity

    if count <= 0:
        return
    first, last = created[0].pk, created[-1].pk
    base = last - first + 1
    department_ids, category_ids = [d.pk for d in departments], [c.pk for c in leaves]
    spread = {
        "department_id": f"(ARRAY{department_ids})[1 + (id + c) %% {len(department_ids)}]",
        "category_id": f"(ARRAY{category_ids})[1 + (id * 7 + c) %% {len(category_ids)}]",
        "published_at": "published_at - make_interval(days => ((id * 7 + c * 13) %% 90)::int)",
        # Open calls keep their deadline ahead; the others move back with their dates.
        "closes_at": "CASE WHEN status = 'published' THEN closes_at"
        " ELSE closes_at - make_interval(days => ((id * 7 + c * 13) %% 90)::int) END",
        "closed_at": "closed_at - make_interval(days => ((id * 7 + c * 13) %% 90)::int)",
        "max_budget": "2000 + ((id * 31 + c * 17) %% 16) * 500",
        "is_remote": "(id + c) %% 5 < 3",
    }
    columns = [f.column for f in Opportunity._meta.concrete_fields if not f.primary_key]
    select = ", ".join(spread.get(column, column) for column in columns)
    with connection.cursor() as cursor:
        for c in range(1, count // base + 2):
            rows = min(base, count - (c - 1) * base)
            if rows <= 0:
                break
            cursor.execute(
                f"INSERT INTO opportunities_opportunity ({', '.join(columns)}) "  # noqa: S608
                f"SELECT {select} FROM opportunities_opportunity, (SELECT %s AS c) AS copy "
                "WHERE id BETWEEN %s AND %s ORDER BY id LIMIT %s",
                [c, first, last, rows],
            )


def _seed_planned(rng, departments, buyer, now, *, count: int) -> list[int]:
    """Planned purchases open for comments (one for every 50 opportunities)."""
    from opportunities.models import PlannedPurchase

    rows = []
    for n in range(count):
        need_en, need_fr = rng.choice(NEEDS)
        thing_en, thing_fr = rng.choice(THINGS)
        rows.append(
            PlannedPurchase(
                department=rng.choice(departments),
                owner=buyer,
                status=PlannedPurchase.Status.PUBLISHED,
                title_en=need_en.format(thing=thing_en) + f" (plan {n})",
                title_fr=need_fr.format(thing_fr=thing_fr) + f" (projet {n})",
                need_en=BODY_EN.format(verb="review", thing=thing_en),
                need_fr=BODY_FR.format(verb_fr="examiner", thing_fr=thing_fr),
                rough_budget=Decimal(rng.randrange(2000, 10000, 500)),
                expected_date=(now + timedelta(days=rng.randint(10, 120))).date(),
                published_at=now - timedelta(days=rng.randint(1, 60)),
            )
        )
    return [p.pk for p in PlannedPurchase.objects.bulk_create(rows, batch_size=2000)]


def _seed_awards(rng, opportunities, vendors, buyer, *, count: int) -> list[int]:
    """Closed opportunities awarded to one of three proposals: their award notices."""
    from evaluations.models import AwardDecision
    from opportunities.models import Opportunity, OpportunityStatus, Proposal, ProposalStatus

    closed = [o for o in opportunities if o.status == OpportunityStatus.CLOSED][:count]
    proposals = []
    for opportunity in closed:
        for vendor in rng.sample(vendors, 3):
            proposals.append(
                Proposal(
                    opportunity=opportunity,
                    vendor=vendor,
                    status=ProposalStatus.NOT_AWARDED,
                    price=Decimal(rng.randrange(1500, 9000, 100)),
                    created_by=buyer,
                    submitted_at=opportunity.closes_at,
                )
            )
    proposals = Proposal.objects.bulk_create(proposals, batch_size=2000)
    winners = proposals[::3]
    Proposal.objects.filter(pk__in=[p.pk for p in winners]).update(status=ProposalStatus.AWARDED)
    Opportunity.objects.filter(pk__in=[o.pk for o in closed]).update(
        status=OpportunityStatus.AWARDED
    )
    AwardDecision.objects.bulk_create(
        [
            AwardDecision(
                opportunity_id=winner.opportunity_id,
                kind=AwardDecision.Kind.TOP,
                proposal=winner,
                decided_by=buyer,
            )
            for winner in winners
        ],
        batch_size=2000,
    )
    return [o.pk for o in closed]
