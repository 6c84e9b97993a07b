"""Reference data: the category tree (loaded by migration 0002)."""

CATEGORIES = [
    # slug, parent slug, English, French
    ("goods", None, "Goods", "Biens"),
    ("goods-equipment", "goods", "Equipment and supplies", "Équipement et fournitures"),
    ("goods-furniture", "goods", "Furniture", "Mobilier"),
    ("services", None, "Services", "Services"),
    ("services-translation", "services", "Translation and writing", "Traduction et rédaction"),
    ("services-training", "services", "Training and facilitation", "Formation et animation"),
    ("services-research", "services", "Research and consulting", "Recherche et conseil"),
    ("services-events", "services", "Events and communications", "Événements et communications"),
    ("digital", None, "Digital", "Numérique"),
    ("digital-development", "digital", "Software development", "Développement logiciel"),
    (
        "digital-design",
        "digital",
        "User research and design",
        "Recherche sur les utilisateurs et conception",
    ),
    ("digital-data", "digital", "Data and analytics", "Données et analytique"),
    ("digital-accessibility", "digital", "Accessibility testing", "Tests d’accessibilité"),
    ("digital-security", "digital", "Security assessment", "Évaluation de la sécurité"),
]


def seed_categories(Category) -> None:
    """Idempotent; takes the model so migrations can pass their historical one."""
    by_slug: dict[str | None, object] = {}
    for slug, parent, name_en, name_fr in CATEGORIES:
        by_slug[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"parent": by_slug.get(parent), "name_en": name_en, "name_fr": name_fr},
        )
