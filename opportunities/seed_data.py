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


# The clauses against lock-in (issue 17): kind, option, SPDX id, default, order, English
# title, summary and text, then French. Version 1 of each; later versions are added as rows.
CLAUSES = [
    (
        "intellectual_property",
        "crown-owns",
        "",
        True,
        1,
        "The Crown owns the work",
        "Everything made for this contract belongs to the Crown.",
        "Intellectual property in everything the contractor creates for this contract "
        "(code, documents, designs, data models) vests in His Majesty the King in right of "
        "Canada on creation. The contractor keeps what it owned before the contract and grants "
        "the Crown a perpetual, royalty-free licence to use it with the work.",
        "L’État est propriétaire du travail",
        "Tout ce qui est créé pour ce contrat appartient à l’État.",
        "La propriété intellectuelle de tout ce que l’entrepreneur crée pour ce contrat (code, "
        "documents, conceptions, modèles de données) est dévolue à Sa Majesté le Roi du chef du "
        "Canada dès sa création. L’entrepreneur garde ce qu’il possédait avant le contrat et "
        "accorde à l’État une licence perpétuelle et libre de redevances pour l’utiliser avec le "
        "travail.",
    ),
    (
        "intellectual_property",
        "vendor-owns-licence",
        "",
        False,
        2,
        "The vendor owns the work, with a licence to the Crown",
        "The vendor keeps ownership; the Crown may use, change and share the work for free.",
        "Intellectual property in the work vests in the contractor. The contractor grants the "
        "Crown a perpetual, irrevocable, worldwide, royalty-free licence to use, copy, modify "
        "and share the work, and to have others do so on its behalf, for any government "
        "purpose.",
        "Le fournisseur est propriétaire du travail, avec une licence à l’État",
        "Le fournisseur garde la propriété; l’État peut utiliser, modifier et partager le "
        "travail gratuitement.",
        "La propriété intellectuelle du travail est dévolue à l’entrepreneur. L’entrepreneur "
        "accorde à l’État une licence perpétuelle, irrévocable, mondiale et libre de redevances "
        "pour utiliser, copier, modifier et partager le travail, et le faire faire par d’autres "
        "en son nom, à toute fin gouvernementale.",
    ),
    (
        "open_source",
        "mit",
        "MIT",
        True,
        1,
        "MIT licence",
        "Source code is published under the MIT licence.",
        "The source code of the work is delivered in a public repository under the MIT "
        "licence, with its history, its build instructions and no dependency that cannot be "
        "obtained freely.",
        "Licence MIT",
        "Le code source est publié sous la licence MIT.",
        "Le code source du travail est livré dans un dépôt public sous la licence MIT, avec "
        "son historique, ses instructions de construction et aucune dépendance qu’on ne peut "
        "obtenir librement.",
    ),
    (
        "open_source",
        "apache-2-0",
        "Apache-2.0",
        False,
        2,
        "Apache License 2.0",
        "Source code is published under the Apache License 2.0 (with a patent grant).",
        "The source code of the work is delivered in a public repository under the Apache "
        "License, version 2.0, with its history, its build instructions and no dependency that "
        "cannot be obtained freely.",
        "Licence Apache 2.0",
        "Le code source est publié sous la licence Apache 2.0 (avec octroi de brevets).",
        "Le code source du travail est livré dans un dépôt public sous la licence Apache, "
        "version 2.0, avec son historique, ses instructions de construction et aucune "
        "dépendance qu’on ne peut obtenir librement.",
    ),
    (
        "open_source",
        "gpl-3-0",
        "GPL-3.0-or-later",
        False,
        3,
        "GNU General Public License 3.0",
        "Source code is published under the GPL 3.0 or later (changes stay open).",
        "The source code of the work is delivered in a public repository under the GNU General "
        "Public License, version 3 or any later version, with its history and its build "
        "instructions.",
        "Licence publique générale GNU 3.0",
        "Le code source est publié sous la GPL 3.0 ou ultérieure (les modifications restent "
        "ouvertes).",
        "Le code source du travail est livré dans un dépôt public sous la licence publique "
        "générale GNU, version 3 ou toute version ultérieure, avec son historique et ses "
        "instructions de construction.",
    ),
    (
        "open_source",
        "none",
        "",
        False,
        4,
        "No open-source licence",
        "No code is published (for work that produces no software).",
        "The work is not published under an open-source licence. Source code, if any, is "
        "delivered to the Crown with the work.",
        "Aucune licence libre",
        "Aucun code n’est publié (pour un travail qui ne produit pas de logiciel).",
        "Le travail n’est pas publié sous une licence libre. Le code source, s’il y en a, est "
        "remis à l’État avec le travail.",
    ),
    (
        "data_ownership",
        "crown-owns-data",
        "",
        True,
        1,
        "The Crown owns the data",
        "All data belongs to the Crown and is returned in open formats.",
        "All data the Crown provides or the contractor collects or produces for this contract "
        "belongs to the Crown. At the end of the contract, or on request, the contractor returns "
        "it in open, documented formats (CSV, JSON or similar) and deletes its copies within 30 "
        "days.",
        "L’État est propriétaire des données",
        "Toutes les données appartiennent à l’État et lui sont remises en formats ouverts.",
        "Toutes les données que l’État fournit ou que l’entrepreneur recueille ou produit pour "
        "ce contrat appartiennent à l’État. À la fin du contrat, ou sur demande, l’entrepreneur "
        "les remet en formats ouverts et documentés (CSV, JSON ou semblables) et détruit ses "
        "copies dans les 30 jours.",
    ),
    (
        "data_ownership",
        "vendor-hosted-export",
        "",
        False,
        2,
        "Hosted by the vendor, exportable at any time",
        "The vendor hosts the data; the Crown owns it and can export all of it at any time.",
        "The contractor hosts the data for the Crown, which owns it. The Crown can export all "
        "of it at any time, at no cost, in open, documented formats; the contractor deletes it "
        "within 30 days of the end of the contract.",
        "Hébergées par le fournisseur, exportables en tout temps",
        "Le fournisseur héberge les données; l’État en est propriétaire et peut les exporter en "
        "tout temps.",
        "L’entrepreneur héberge les données pour l’État, qui en est propriétaire. L’État peut "
        "les exporter en entier en tout temps, sans frais, en formats ouverts et documentés; "
        "l’entrepreneur les détruit dans les 30 jours suivant la fin du contrat.",
    ),
    (
        "privacy",
        "privacy-act",
        "",
        True,
        1,
        "Personal information under the Privacy Act, kept in Canada",
        "Personal information is protected under the Privacy Act and stays in Canada.",
        "Personal information handled under this contract is protected as the Privacy Act "
        "requires, used only for the contract, stored and processed in Canada, and any breach "
        "is reported to the project authority within 24 hours.",
        "Renseignements personnels protégés par la Loi sur la protection des renseignements "
        "personnels, conservés au Canada",
        "Les renseignements personnels sont protégés selon la Loi et restent au Canada.",
        "Les renseignements personnels traités dans le cadre de ce contrat sont protégés comme "
        "l’exige la Loi sur la protection des renseignements personnels, utilisés uniquement "
        "pour le contrat, conservés et traités au Canada, et toute atteinte est signalée au "
        "responsable du projet dans les 24 heures.",
    ),
    (
        "privacy",
        "no-personal-information",
        "",
        False,
        2,
        "No personal information",
        "The work handles no personal information.",
        "The work does not require the contractor to collect, use or see personal information. "
        "If it ever does, the contractor stops and tells the project authority before going on.",
        "Aucun renseignement personnel",
        "Le travail ne porte sur aucun renseignement personnel.",
        "Le travail n’exige pas que l’entrepreneur recueille, utilise ou voie des "
        "renseignements personnels. Si cela arrive, l’entrepreneur s’arrête et avise le "
        "responsable du projet avant de continuer.",
    ),
]


def seed_clauses(ContractClause) -> None:
    for row in CLAUSES:
        kind, option, spdx, default, order, t_en, s_en, b_en, t_fr, s_fr, b_fr = row
        ContractClause.objects.get_or_create(
            kind=kind,
            option=option,
            version=1,
            defaults={
                "spdx": spdx,
                "is_default": default,
                "order": order,
                "title_en": t_en,
                "summary_en": s_en,
                "body_en": b_en,
                "title_fr": t_fr,
                "summary_fr": s_fr,
                "body_fr": b_fr,
            },
        )
