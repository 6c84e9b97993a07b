from django.conf import settings

from ..models import User


def user_language_set(*, user: User, language: str) -> bool:
    """The language a person's emails and documents are written in, chosen on their account
    page (set at sign-up from the page's language). Browsing in the other language never
    changes it. Returns True when it changed."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}")
    if user.preferred_language == language:
        return False
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return True
