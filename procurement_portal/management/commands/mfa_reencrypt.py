from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from procurement_portal.mfa import reencrypt_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret under the first key of MFA_ENCRYPTION_KEYS "
        "(after adding a new key, before removing the old one)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = reencrypt_all(Authenticator)
        self.stdout.write(f"Re-encrypted the secrets of {changed} authenticator(s).")
