"""The demo's catalogues (issue 17): what some demo vendors sell "ready to buy", seeded
through the service so each item has its audit entry. Repeatable: a vendor that already has
items is left alone."""

from decimal import Decimal

from procurement_portal.models import Category

from .models import Vendor
from .services.catalogue import catalogue_item_save

# business number → items: kind, category, names, descriptions, price range, languages.
CATALOGUES = {
    "123456782": [
        (
            "service",
            "digital-accessibility",
            "Accessibility audit of a web form",
            "Audit d’accessibilité d’un formulaire Web",
            "WCAG 2.1 AA testing of one online form with screen readers, keyboard only and "
            "zoom, and a report of each barrier with its fix.",
            "Essais WCAG 2.1 AA d’un formulaire en ligne avec lecteurs d’écran, clavier seul et "
            "zoom, et un rapport de chaque obstacle avec sa correction.",
            "1500",
            "4000",
            "both",
        ),
        (
            "service",
            "digital-design",
            "Usability test with five people",
            "Test d’utilisabilité avec cinq personnes",
            "We recruit five people, including people with disabilities, run the sessions and "
            "report what to change first.",
            "Nous recrutons cinq personnes, dont des personnes handicapées, animons les séances "
            "et indiquons quoi changer en premier.",
            "3500",
            "6000",
            "fr",
        ),
    ],
    "987654324": [
        (
            "service",
            "services-translation",
            "Translation, English to French",
            "Traduction de l’anglais vers le français",
            "Certified translation of up to 5,000 words, revised by a second translator.",
            "Traduction agréée d’au plus 5 000 mots, révisée par un second traducteur.",
            "0.25",
            "0.35",
            "both",
        ),
    ],
    "111111118": [
        (
            "service",
            "digital-data",
            "Open data publication",
            "Publication de données ouvertes",
            "We clean a dataset, document it and publish it on the open government portal "
            "with a data dictionary in both languages.",
            "Nous nettoyons un jeu de données, le documentons et le publions sur le portail "
            "du gouvernement ouvert avec un dictionnaire de données bilingue.",
            "2500",
            "7500",
            "en",
        ),
        (
            "product",
            "digital-development",
            "Dashboard starter kit (open source)",
            "Trousse de départ de tableau de bord (code source ouvert)",
            "An MIT-licensed dashboard template, installed on your infrastructure, with a day "
            "of training.",
            "Un modèle de tableau de bord sous licence MIT, installé sur votre infrastructure, "
            "avec une journée de formation.",
            "1200",
            "1200",
            "en",
        ),
    ],
    "222222226": [
        (
            "service",
            "services-training",
            "Half-day plain-language workshop",
            "Atelier d’une demi-journée sur le langage clair",
            "A workshop for up to 20 people, in person in the Atlantic provinces or online.",
            "Un atelier pour au plus 20 personnes, en personne dans les provinces de "
            "l’Atlantique ou en ligne.",
            "900",
            "1800",
            "both",
        ),
    ],
    "444444442": [
        (
            "service",
            "digital-design",
            "Service design sprint (one week)",
            "Sprint de conception de service (une semaine)",
            "One week with your team: map the journey, prototype and test it with users.",
            "Une semaine avec votre équipe : cartographier le parcours, le prototyper et le "
            "tester auprès des utilisateurs.",
            "6000",
            "9500",
            "en",
        ),
    ],
    "555555556": [
        (
            "service",
            "services-translation",
            "Revision of French content",
            "Révision de contenu français",
            "Revision of web pages or reports already in French, for clarity and the Translation "
            "Bureau’s style.",
            "Révision de pages Web ou de rapports déjà en français, pour la clarté et le style "
            "du Bureau de la traduction.",
            "300",
            "2500",
            "fr",
        ),
        (
            "product",
            "goods-equipment",
            "Bilingual signage set",
            "Ensemble de signalisation bilingue",
            "Ten printed bilingual signs for an office, written, translated and delivered.",
            "Dix affiches bilingues imprimées pour un bureau, rédigées, traduites et livrées.",
            "650",
            "900",
            "both",
        ),
    ],
}


def seed_catalogues() -> int:
    categories = {c.slug: c for c in Category.objects.all()}
    added = 0
    for number, items in CATALOGUES.items():
        vendor = Vendor.objects.filter(business_number=number).first()
        if vendor is None or vendor.catalogue_items.exists():
            continue
        owner = vendor.members.select_related("user").order_by("pk").first()
        if owner is None:
            continue
        for kind, slug, name_en, name_fr, text_en, text_fr, low, high, languages in items:
            catalogue_item_save(
                vendor=vendor,
                actor=owner.user,
                kind=kind,
                category=categories[slug],
                name_en=name_en,
                name_fr=name_fr,
                description_en=text_en,
                description_fr=text_fr.replace(" :", "\u00a0:"),
                price_min=Decimal(low),
                price_max=Decimal(high),
                languages=languages,
            )
            added += 1
    return added
