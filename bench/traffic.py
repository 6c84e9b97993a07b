"""Varied traffic for `make bench`: never one URL, but what many visitors ask for at once.

Every scenario is a list of URLs drawn once (a fixed seed, so runs compare) and requested
at random by locust: random pages 1-60, filters and sorts, 30+ search words in each
language with pages 1-5 of their results, random ids, both languages."""

import random
from urllib.parse import urlencode

WORDS_EN = [
    "accessibility",
    "audit",
    "translation",
    "security",
    "assessment",
    "training",
    "research",
    "users",
    "plain language",
    "rewrite",
    "data",
    "analysis",
    "report",
    "grant",
    "permit",
    "renewal",
    "benefits",
    "travel",
    "claims",
    "open data",
    "portal",
    "call-centre",
    "scripts",
    "job posting",
    "annual report",
    "form",
    "review",
    "improve",
    "test",
    "findings",
    "priorities",
    "remote",
]
WORDS_FR = [
    "accessibilité",
    "audit",
    "traduction",
    "sécurité",
    "évaluation",
    "formation",
    "recherche",
    "utilisateurs",
    "langage clair",
    "réécriture",
    "données",
    "analyse",
    "rapport",
    "subvention",
    "permis",
    "renouvellement",
    "prestations",
    "voyage",
    "remboursement",
    "données ouvertes",
    "portail",
    "centre d'appels",
    "scripts",
    "offres d'emploi",
    "rapport annuel",
    "formulaire",
    "examiner",
    "améliorer",
    "tester",
    "constats",
    "priorités",
    "équipe",
]
LISTS = {"en": "/en/opportunities/", "fr": "/fr/occasions/"}
DIRECTORIES = {"en": "/en/vendors/", "fr": "/fr/fournisseurs/"}


def _url(base: str, params: dict) -> str:
    params = {k: v for k, v in params.items() if v not in ("", None)}
    return base + ("?" + urlencode(params) if params else "")


def scenarios(seeded: dict, count: int = 1500, rng=None) -> dict[str, list[str]]:
    rng = rng or random.Random(15)  # noqa: S311 - load generation, not security
    languages = ["en", "fr"]
    categories = seeded.get("category_ids", [])
    departments = seeded.get("department_ids", [])
    out: dict[str, list[str]] = {}
    out["opportunity list"] = [
        _url(
            LISTS[rng.choice(languages)],
            {
                "page": rng.randint(1, 60),
                "status": rng.choice(["", "", "open", "closed", "awarded"]),
                "sort": rng.choice(["", "newest", "closing", "budget_high", "budget_low"]),
                "category": rng.choice([""] * 3 + categories) if categories else "",
                "department": rng.choice([""] * 4 + departments) if departments else "",
                "remote": rng.choice(["", "", "", "on"]),
            },
        )
        for _ in range(count)
    ]
    searches = [("en", w) for w in WORDS_EN] + [("fr", w) for w in WORDS_FR]
    out["search (EN and FR words)"] = [
        _url(LISTS[language], {"q": word, "page": page})
        for language, word in searches
        for page in range(1, 6)
    ]
    out["opportunity detail"] = [
        f"{LISTS[rng.choice(languages)]}{pk}/" for pk in rng.sample(seeded["opportunity_ids"], 1000)
    ]
    out["vendor directory"] = [
        _url(
            DIRECTORIES[rng.choice(languages)],
            {
                "page": rng.randint(1, 40),
                "province": rng.choice(["", "", "", "ON", "QC", "BC"]),
                "size": rng.choice(["", "", "", "micro", "small"]),
            },
        )
        for _ in range(count // 2)
    ]
    out["vendor profile"] = [
        f"{DIRECTORIES[rng.choice(languages)]}{pk}/"
        for pk in rng.sample(seeded["vendor_ids"], 1000)
    ]
    planned = {"en": "/en/planned-purchases/", "fr": "/fr/projets-achat/"}
    out["planned purchases"] = [
        _url(planned[language], {"page": page}) for language in languages for page in range(1, 21)
    ] + [f"{planned[rng.choice(languages)]}{pk}/" for pk in seeded["planned_ids"][:400]]
    awards = {"en": "/en/awards/", "fr": "/fr/attributions/"}
    out["award notice"] = [f"{awards[rng.choice(languages)]}{pk}/" for pk in seeded["awarded_ids"]]
    dashboards = {"en": "/en/dashboard/", "fr": "/fr/tableau-de-bord/"}
    slugs = seeded.get("department_slugs", [])
    out["dashboard"] = [
        _url(dashboards[language], {"department": slug, "period": period})
        for language in languages
        for slug in ["", *slugs]
        for period in ["", "24", "all"]
    ]
    return out
