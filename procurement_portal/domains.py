from django.conf import settings


def is_government_email(email: str) -> bool:
    """An address in one of GOVERNMENT_EMAIL_DOMAINS or their subdomains."""
    domain = email.rsplit("@", 1)[-1].lower().strip()
    return any(
        domain == allowed or domain.endswith("." + allowed)
        for allowed in settings.GOVERNMENT_EMAIL_DOMAINS
    )
