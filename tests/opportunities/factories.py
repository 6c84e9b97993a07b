from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from opportunities.models import Criterion, Opportunity, OpportunityStatus
from opportunities.services.lifecycle import earliest_closing, opportunity_publish
from procurement_portal.models import Category, Role
from tests.factories import make_user


def ready_draft(*, owner=None, department=None, **fields) -> Opportunity:
    """A complete draft that publishing accepts: both languages, budget, criteria."""
    owner = owner or make_user(Role.BUYER, department=department)
    department = department or owner.role_assignments.get(role=Role.BUYER).department
    values = {
        "title_en": "Accessibility audit of a web form",
        "title_fr": "Audit d’accessibilité d’un formulaire Web",
        "summary_en": "Test one online form against WCAG 2.1 AA and report.",
        "summary_fr": "Tester un formulaire en ligne selon les WCAG 2.1 AA et faire rapport.",
        "description_en": "We need an **accessibility** audit of our grant application form.",
        "description_fr": "Nous avons besoin d’un **audit** d’accessibilité de notre formulaire.",
        "category": Category.objects.get(slug="digital-accessibility"),
        "max_budget": Decimal("8500.00"),
        "closes_at": earliest_closing() + timedelta(days=2),
        "contact_email": owner.email,
        "contact_name": owner.full_name,
    }
    values.update(fields)
    opportunity = Opportunity.objects.create(
        department=department, owner=owner, status=OpportunityStatus.DRAFT, **values
    )
    for order, (name_en, name_fr, weight, is_price) in enumerate(
        [
            ("Approach", "Approche", 50, False),
            ("Experience", "Expérience", 30, False),
            ("Price", "Prix", 20, True),
        ]
    ):
        Criterion.objects.create(
            opportunity=opportunity,
            order=order,
            name_en=name_en,
            name_fr=name_fr,
            weight=weight,
            is_price=is_price,
        )
    if opportunity.shortlist_size:  # two stages: the demonstration's own criteria
        for order, (name_en, name_fr, weight) in enumerate(
            [("Live demonstration", "Démonstration en direct", 60), ("Team", "Équipe", 40)],
            start=10,
        ):
            Criterion.objects.create(
                opportunity=opportunity,
                order=order,
                name_en=name_en,
                name_fr=name_fr,
                weight=weight,
                stage=2,
            )
    return opportunity


def published(**fields) -> Opportunity:
    opportunity = ready_draft(**fields)
    return opportunity_publish(opportunity=opportunity, actor=opportunity.owner)


def past_deadline(opportunity: Opportunity, seconds: int = 1) -> Opportunity:
    """Move the deadline into the past (the clock moved on), without closing it."""
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - timedelta(seconds=seconds)
    )
    opportunity.refresh_from_db()
    return opportunity


def published_plan(buyer, department):
    """A published planned purchase with its need, budget and both aspects, in both languages."""
    from opportunities.services.planned import planned_create, planned_publish

    planned = planned_create(
        actor=buyer,
        department=department,
        title_en="Plain-language letters",
        title_fr="Lettres en langage clair",
        need_en="Rewrite 30 letters.",
        need_fr="Réécrire 30 lettres.",
        rough_budget="9000.00",
        social_aspects_en="Tested with people who receive them.",
        social_aspects_fr="Testées avec les personnes qui les reçoivent.",
        environmental_aspects_en="Digital first: fewer printed letters.",
        environmental_aspects_fr="Numérique d’abord : moins de lettres imprimées.",
    )
    return planned_publish(planned=planned, actor=buyer)
