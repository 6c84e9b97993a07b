"""Run by test_sqlite_search.py in a fresh process against an SQLite file (the demo
database): publishes three opportunities and prints, as JSON, the titles each search finds
in the order the list shows them."""

import json
import os
import sys

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procurement_portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
call_command("migrate", verbosity=0)

from opportunities.search import search_opportunities  # noqa: E402
from tests.opportunities.factories import published, ready_draft  # noqa: E402

published(
    title_en="Translation of a guide",
    title_fr="Traduction d’un guide",
    summary_en="Translate twelve pages about electricity.",
    summary_fr="Traduire douze pages sur l’électricité.",
    description_en="A guide for homeowners.",
    description_fr="Un guide pour les propriétaires.",
)
published(
    title_en="Accessibility audit",
    title_fr="Audit d’accessibilité",
    summary_en="Audit a form; the report is translated by us.",
    summary_fr="Auditer un formulaire.",
    description_en="One form with twelve fields.",
    description_fr="Un formulaire de douze champs.",
)
published(
    title_en="Plain-language editing",
    title_fr="Révision en langage clair",
    summary_en="Edit letters so that everyone understands them.",
    summary_fr="Réviser des lettres pour que tout le monde les comprenne.",
    description_en="Letters about accessibility programs.",
    description_fr="Des lettres sur les programmes d’accessibilité.",
)
ready_draft(title_en="Translation draft nobody may see", title_fr="Brouillon de traduction")

searches = [
    "translation",
    "translated",
    "electricite",
    "ÉLECTRICITÉ",
    '"twelve pages"',
    "guide or audit",
    "translation -guide",
    "trans",
    "-guide",
    "'\"(*)",
    "accessibilité",
]
print(
    json.dumps(
        {
            "vendor": django.db.connection.vendor,
            "results": {
                q: [o.title_en for o in search_opportunities({"q": q})[:].whole()] for q in searches
            },
        }
    )
)
