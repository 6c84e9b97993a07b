"""Demo purchase cards for the demo card holder, registered by the demo finance account, then
the journeys of demo_journey.py: one opportunity at each stage, and the initiative whose first
phase walks the whole journey. Called by `manage.py seed_demo`; idempotent."""

from decimal import Decimal

from django.utils import timezone

from procurement_portal.models import Department, User

from .models import PurchaseCard
from .services.cards import card_save

CARDS = [  # last four, single-transaction limit, monthly limit
    ("4242", "10000.00", "25000.00"),
    ("7310", "2500.00", "5000.00"),
]


def seed(*, stdout=None) -> None:
    finance = User.objects.filter(email="finance@demo.gc.ca").first()
    holder = User.objects.filter(email="cardholder@demo.gc.ca").first()
    department = Department.objects.filter(slug="ssc").first()
    if not (finance and holder and department):
        return
    expiry_year = timezone.localdate().year + 2
    for last4, single, monthly in CARDS:
        if PurchaseCard.objects.filter(holder=holder, last4=last4).exists():
            continue
        card_save(
            actor=finance,
            department=department,
            holder=holder,
            last4=last4,
            expiry_month=12,
            expiry_year=expiry_year,
            single_limit=Decimal(single),
            monthly_limit=Decimal(monthly),
            is_active=True,
        )
    if stdout:
        stdout.write(f"Purchase cards: {PurchaseCard.objects.count()}")
    buyer = User.objects.filter(email="buyer@demo.gc.ca").first()
    if buyer:
        from .demo_journey import seed_initiative, seed_journeys

        seed_initiative(department=department, buyer=buyer)
        seed_journeys()
        seed_assessments(buyer=buyer)


def seed_assessments(*, buyer) -> None:
    """The buyer assessed the demo vendor's discovery work, so the vendor has an assessment
    to answer and public servants see it on Access Tremblay's profile; the glossary
    contract ("complete") is left for the buyer to assess from its page."""
    from .demo_journey import journey_opportunity
    from .models import PerformanceAssessment
    from .services.performance import assessment_record

    discovery = journey_opportunity("discovery")
    contract = getattr(discovery, "contract", None) if discovery else None
    if discovery is None or contract is None or not discovery.is_complete:
        return
    if PerformanceAssessment.objects.filter(contract=contract).exists():
        return
    assessment_record(
        contract=contract,
        actor=buyer,
        on_time=3,
        quality=4,
        communication=3,
        comments=(
            "Twelve interviews in both languages, as promised; the journey map is already "
            "used by the team. The report came two days after the agreed date, announced "
            "in advance. / Douze entrevues dans les deux langues, comme promis; la carte du "
            "parcours sert déjà à l’équipe. Le rapport est arrivé deux jours après la date "
            "convenue, avec un préavis."
        ),
    )
