"""The first version of the common questionnaire and the catalogue of certifications.

Drawn from the themes of the Québec ECPAR common questionnaire for responsible suppliers.
Loaded by migration 0002; later versions are published with questionnaire_version_publish.
"""

YES_NO = "yes_no"
CHOICE = "choice"
NUMBER = "number"
TEXT = "text"

QUESTIONS_V1 = [
    # key, section, type, English, French, evidence?, badge, choices
    (
        "env-policy",
        "eco",
        YES_NO,
        "Do you have a written environmental policy?",
        "Avez-vous une politique environnementale écrite?",
        True,
        "eco",
        [],
    ),
    (
        "env-ghg-measured",
        "eco",
        YES_NO,
        "Do you measure your greenhouse gas emissions?",
        "Mesurez-vous vos émissions de gaz à effet de serre?",
        True,
        "",
        [],
    ),
    (
        "env-ghg-target",
        "eco",
        YES_NO,
        "Do you have a target to reduce your emissions?",
        "Avez-vous une cible de réduction de vos émissions?",
        False,
        "",
        [],
    ),
    (
        "env-waste",
        "eco",
        CHOICE,
        "How do you manage the waste your work produces?",
        "Comment gérez-vous les déchets que produit votre travail?",
        False,
        "",
        [
            {"value": "none", "en": "No particular measure", "fr": "Aucune mesure particulière"},
            {
                "value": "recycling",
                "en": "Recycling and composting",
                "fr": "Recyclage et compostage",
            },
            {
                "value": "reduction",
                "en": "A reduction plan with targets",
                "fr": "Un plan de réduction avec des cibles",
            },
        ],
    ),
    (
        "env-products",
        "eco",
        YES_NO,
        "Do you choose certified eco-responsible products and materials?",
        "Choisissez-vous des produits et matériaux certifiés écoresponsables?",
        False,
        "",
        [],
    ),
    (
        "env-travel",
        "eco",
        YES_NO,
        "Do you limit travel, for example by working remotely or by public transit?",
        "Limitez-vous les déplacements, par exemple par le télétravail ou le transport en commun?",
        False,
        "",
        [],
    ),
    (
        "env-digital",
        "eco",
        YES_NO,
        "Do you apply sustainable digital practices (efficient hosting, longer device life)?",
        "Appliquez-vous des pratiques numériques durables (hébergement efficace, appareils "
        "utilisés plus longtemps)?",
        False,
        "",
        [],
    ),
    (
        "div-policy",
        "diversity",
        YES_NO,
        "Do you have a written equity, diversity and inclusion policy?",
        "Avez-vous une politique écrite d’équité, de diversité et d’inclusion?",
        True,
        "diversity",
        [],
    ),
    (
        "div-ownership",
        "diversity",
        YES_NO,
        "Is your business at least 51% owned by people from under-represented groups?",
        "Votre entreprise appartient-elle à au moins 51 % à des personnes de groupes "
        "sous-représentés?",
        True,
        "diversity",
        [],
    ),
    (
        "div-hiring",
        "diversity",
        YES_NO,
        "Do you take steps to hire people from under-represented groups?",
        "Prenez-vous des mesures pour embaucher des personnes de groupes sous-représentés?",
        False,
        "",
        [],
    ),
    (
        "div-pay-equity",
        "diversity",
        YES_NO,
        "Do you review pay equity at least every two years?",
        "Examinez-vous l’équité salariale au moins tous les deux ans?",
        False,
        "",
        [],
    ),
    (
        "div-accessibility",
        "diversity",
        YES_NO,
        "Are your workplace and your services accessible to persons with disabilities?",
        "Votre lieu de travail et vos services sont-ils accessibles aux personnes en situation "
        "de handicap?",
        False,
        "",
        [],
    ),
    (
        "div-indigenous",
        "diversity",
        YES_NO,
        "Do you work with Indigenous businesses or communities?",
        "Travaillez-vous avec des entreprises ou des communautés autochtones?",
        False,
        "",
        [],
    ),
    (
        "div-suppliers",
        "diversity",
        NUMBER,
        "What share of your own purchases (in %) goes to diverse-owned suppliers?",
        "Quelle part de vos propres achats (en %) va à des fournisseurs issus de la diversité?",
        False,
        "",
        [],
    ),
    (
        "inn-rnd",
        "innovation",
        YES_NO,
        "Did you invest in research and development in the past two years?",
        "Avez-vous investi en recherche et développement au cours des deux dernières années?",
        True,
        "innovation",
        [],
    ),
    (
        "inn-new-service",
        "innovation",
        YES_NO,
        "Did you bring a new product or service to market in the past two years?",
        "Avez-vous lancé un nouveau produit ou service au cours des deux dernières années?",
        False,
        "",
        [],
    ),
    (
        "inn-open-source",
        "innovation",
        YES_NO,
        "Do you publish some of your work under an open licence?",
        "Publiez-vous une partie de votre travail sous licence ouverte?",
        False,
        "",
        [],
    ),
    (
        "inn-user-research",
        "innovation",
        YES_NO,
        "Do you test your work with the people who will use it?",
        "Testez-vous votre travail avec les personnes qui l’utiliseront?",
        False,
        "",
        [],
    ),
    (
        "inn-practices",
        "innovation",
        CHOICE,
        "How do you usually deliver work?",
        "Comment livrez-vous habituellement le travail?",
        False,
        "",
        [
            {
                "value": "fixed",
                "en": "In one delivery at the end",
                "fr": "En une livraison à la fin",
            },
            {
                "value": "iterative",
                "en": "In small increments, with feedback",
                "fr": "Par petites étapes, avec rétroaction",
            },
        ],
    ),
    (
        "inn-example",
        "innovation",
        TEXT,
        "Describe, in a few lines, an improvement you brought to a client recently.",
        "Décrivez en quelques lignes une amélioration apportée récemment à un client.",
        False,
        "",
        [],
    ),
]

CERTIFICATION_TYPES = [
    # slug, English, French, issuer, badge
    ("b-corp", "Certified B Corporation", "Entreprise certifiée B Corp", "B Lab", "eco"),
    (
        "iso-14001",
        "ISO 14001 environmental management",
        "ISO 14001 gestion environnementale",
        "Accredited certification body",
        "eco",
    ),
    ("ecologo", "ECOLOGO", "ECOLOGO", "UL Solutions", "eco"),
    ("ecoresponsable", "Écoresponsable", "Écoresponsable", "Écoresponsable™", "eco"),
    (
        "ccab-cib",
        "Certified Indigenous Business",
        "Entreprise autochtone certifiée",
        "Canadian Council for Indigenous Business",
        "diversity",
    ),
    (
        "wbe-canada",
        "Women Business Enterprise",
        "Entreprise appartenant à des femmes (WBE)",
        "WBE Canada",
        "diversity",
    ),
    (
        "camsc",
        "Certified minority supplier",
        "Fournisseur issu d’une minorité certifié",
        "Canadian Aboriginal and Minority Supplier Council",
        "diversity",
    ),
    (
        "cglcc",
        "Certified 2SLGBTQI+ supplier",
        "Fournisseur 2ELGBTQI+ certifié",
        "Canada’s 2SLGBTQI+ Chamber of Commerce",
        "diversity",
    ),
    (
        "iso-9001",
        "ISO 9001 quality management",
        "ISO 9001 gestion de la qualité",
        "Accredited certification body",
        "innovation",
    ),
]


def seed_reference_data(Version, Question, CertificationType, now) -> None:
    """Idempotent; takes the models so migrations can pass their historical ones."""
    version, created = Version.objects.get_or_create(number=1, defaults={"published_at": now})
    if created:
        for order, (key, section, kind, en, fr, evidence, badge, choices) in enumerate(
            QUESTIONS_V1
        ):
            Question.objects.create(
                version=version,
                key=key,
                section=section,
                order=order,
                answer_type=kind,
                text_en=en,
                text_fr=fr,
                asks_evidence=evidence,
                badge=badge,
                choices=choices,
            )
    for slug, en, fr, issuer, badge in CERTIFICATION_TYPES:
        CertificationType.objects.get_or_create(
            slug=slug, defaults={"name_en": en, "name_fr": fr, "issuer": issuer, "badge": badge}
        )
