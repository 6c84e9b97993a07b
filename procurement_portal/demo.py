"""Demo accounts: one per role, government ones pre-enrolled with one shared TOTP secret.

Used by `manage.py seed_demo` (make demo) and, in DEMO_MODE only, to show the current code on
the two-factor sign-in page so a visitor can try the demo without an authenticator app.
"""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from .models import Role

# A fixed, published secret: acceptable only because demo data is fictitious.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105

DEMO_ACCOUNTS = [
    # email, full name, role, department slug (None: not departmental)
    ("vendor@example.com", "Amélie Tremblay", Role.VENDOR_MEMBER, None),
    ("buyer@demo.gc.ca", "Jordan Buyer", Role.BUYER, "ssc"),
    ("evaluator@demo.gc.ca", "Élise Évaluatrice", Role.EVALUATOR, "ssc"),
    ("evaluator2@demo.gc.ca", "Noah Gagnon", Role.EVALUATOR, "ssc"),
    ("evaluator3@demo.gc.ca", "Priya Singh", Role.EVALUATOR, "ssc"),
    ("cardholder@demo.gc.ca", "Morgan Cardholder", Role.CARD_HOLDER, "ssc"),
    ("officer@demo.gc.ca", "Sam Officer", Role.PROCUREMENT_OFFICER, "ssc"),
    ("finance@demo.gc.ca", "Chris Finance", Role.FINANCE, "ssc"),
    ("admin@demo.gc.ca", "Alex Admin", Role.SITE_ADMIN, None),
    # The second department: its own buyer; two evaluators sit on panels of both.
    ("buyer-tbs@demo.gc.ca", "Léa Roy", Role.BUYER, "tbs"),
    ("evaluator@demo.gc.ca", "Élise Évaluatrice", Role.EVALUATOR, "tbs"),
    ("evaluator3@demo.gc.ca", "Priya Singh", Role.EVALUATOR, "tbs"),
]

DEMO_DEPARTMENTS = [
    {
        "slug": "ssc",
        "name_en": "Shared Services Canada",
        "name_fr": "Services partagés Canada",
        "acronym_en": "SSC",
        "acronym_fr": "SPC",
        "registry_org": "ssc-spc",
    },
    {
        "slug": "tbs",
        "name_en": "Treasury Board of Canada Secretariat",
        "name_fr": "Secrétariat du Conseil du Trésor du Canada",
        "acronym_en": "TBS",
        "acronym_fr": "SCT",
        "registry_org": "tbs-sct",
    },
]


def demo_sign_ins() -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    """One row per demo person: email, full name, and (role, department slug) pairs."""
    people: dict[str, tuple[str, list]] = {}
    for email, full_name, role, department in DEMO_ACCOUNTS:
        people.setdefault(email, (full_name, []))[1].append((role, department))
    return [(email, name, roles) for email, (name, roles) in people.items()]


def current_demo_code() -> str:
    import time

    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
