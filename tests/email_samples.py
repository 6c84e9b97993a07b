"""Every email the portal can send, with a sample context, rendered like the outbox does."""

from pathlib import Path

import allauth
from django.conf import settings

from procurement_portal.models import OutboundMessage
from procurement_portal.services.outbox import render_message

ROOT = Path(settings.BASE_DIR)
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"

BOTH = {"en": "Accessibility audit of a web form", "fr": "Audit d’accessibilité d’un formulaire"}
URL = "https://portal.example.ca/fr/occasions/12/"
# One value per name the templates use; test_email_templates fails on a name missing here.
SAMPLE = {
    "title": BOTH,
    "url": URL,
    "number": "C-2026-00012",
    "starts_at": "2026-12-14T14:30:00-05:00",
    "time_zone": "America/Vancouver",
    "place": "https://meet.example/demo",
    "notes": "Trente minutes, puis des questions.",
    "vendor": "Tremblay Accessibilité inc.",
    "claim": {"en": "B Corp certification", "fr": "Certification B Corp"},
    "reason": "Le budget a été réaffecté.",
    "reasons": "Ajoutez la page d’accueil.",
    "role": "buyer",
    "department_en": "Shared Services Canada",
    "department_fr": "Services partagés Canada",
    "government": True,
    "account_url": URL,
    "subscription_url": URL,
    "amount": "1234.56",
    "paid_on": "2026-12-01",
    "expires_on": "2026-07-01",
    "received_at": "2026-12-01T20:28:12+00:00",
    "sha256": "ab" * 32,
    "variant": 2,
    "text": {"en": "The closing date moves to December 8.", "fr": "La clôture est reportée."},
    "summary": {"en": "Audit a form.", "fr": "Auditer un formulaire."},
    "question": {"en": "Is PDF accepted?", "fr": "Le format PDF est-il accepté?"},
    "answer": {"en": "Yes.", "fr": "Oui."},
    "removed": 1,
    "remaining": 2,
    "evaluator": "Marie Tremblay",
    "chair": True,
    "started": False,
    "closes_at": "2026-12-01T20:28:12+00:00",
    "proposals": 3,
    "due_at": "2026-12-08T20:28:12+00:00",
    "inviter": "Marie Tremblay",
    "items": [{"title": BOTH, "url": URL}, {"title": BOTH, "url": URL + "2/"}],
    # allauth's emails (through PortalAccountAdapter.send_mail)
    "user": "marie@example.ca",
    "user_display": "marie@example.ca",
    "email": "marie@example.ca",
    "activate_url": URL,
    "password_reset_url": URL,
    "signup_url": URL,
    "code": "ABC123",
    "deleted_email": "old@example.ca",
    "from_email": "old@example.ca",
    "to_email": "new@example.ca",
    "username": "marie",
    "ip": "192.0.2.1",
    "user_agent": "Firefox",
    "timestamp": "2026-12-01T20:28:12+00:00",
    "current_site": {"domain": "portal.example.ca"},
}


def email_prefixes() -> list[str]:
    """Our notifications (templates/emails/) and the allauth ones the portal can send
    (accounts and two-factor; no social accounts here)."""
    ours = sorted(
        f"emails/{path.name.removesuffix('_message.txt')}"
        for path in (ROOT / "templates" / "emails").glob("*_message.txt")
    )
    theirs = sorted(
        str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
        if path.name != "base_message.txt"
    )
    return ours + theirs


def render(prefix: str, language: str):
    message = OutboundMessage(
        pk=1, template=prefix, context=SAMPLE, language=language, to_email="marie@example.ca"
    )
    return render_message(message)
