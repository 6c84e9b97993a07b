"""Two-factor secrets (TOTP keys, recovery-code seeds) are encrypted at rest.

allauth stores them in `Authenticator.data` and calls the MFA adapter's `encrypt()` and
`decrypt()` around every use. We encrypt with Fernet keys from the environment
(`MFA_ENCRYPTION_KEYS`, comma-separated): the first key encrypts, every key decrypts
(MultiFernet), so a key is rotated by putting a new one first, running
`manage.py mfa_reencrypt`, then removing the old one. A value without our prefix is a secret
stored in clear before encryption was switched on; it is still read, and `mfa_reencrypt`
(also run by a migration) encrypts it.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.PORTAL_MFA_KEYS])


def encrypt(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(value: str) -> str:
    if not value.startswith(PREFIX):
        return value  # stored in clear before encryption: mfa_reencrypt fixes it
    return _fernet().decrypt(value[len(PREFIX) :].encode()).decode()


def reencrypt(value: str) -> str:
    """Under the first key, whatever the value was stored with (clear or an older key)."""
    if not value.startswith(PREFIX):
        return encrypt(value)
    return PREFIX + _fernet().rotate(value[len(PREFIX) :].encode()).decode()


# The places of Authenticator.data that hold a secret, per authenticator type.
SECRET_KEYS = {"totp": ["secret"], "recovery_codes": ["seed"]}


def reencrypt_all(authenticator_model) -> int:
    """Re-encrypt every stored secret under the current first key; return how many rows."""
    changed = 0
    for authenticator in authenticator_model.objects.filter(type__in=SECRET_KEYS).iterator():
        data = dict(authenticator.data)
        for key in SECRET_KEYS[authenticator.type]:
            if isinstance(data.get(key), str):
                data[key] = reencrypt(data[key])
        # Recovery codes migrated from another system are stored one by one.
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


class PortalMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
