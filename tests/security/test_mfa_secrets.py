"""Issue 18, finding 5: TOTP secrets and recovery seeds are encrypted at rest with a key from
the environment, can be rotated, and never appear in the admin."""

import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse

from procurement_portal.models import Role
from tests.factories import make_user
from tests.portal.test_settings import REAL_SECRET, manage

pytestmark = pytest.mark.django_db


def _stored(user, kind=Authenticator.Type.TOTP):
    return Authenticator.objects.get(user=user, type=kind).data


def test_totp_secret_is_not_stored_in_clear():
    user = make_user(Role.BUYER)
    stored = _stored(user)
    assert user.totp_secret not in json.dumps(stored)
    from allauth.mfa.totp.internal.auth import TOTP

    totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    import time

    from allauth.mfa.totp.internal.auth import hotp_value

    assert totp.validate_code(f"{hotp_value(user.totp_secret, int(time.time()) // 30):06d}")


def test_recovery_seed_is_not_stored_in_clear():
    user = make_user(Role.BUYER)
    codes = RecoveryCodes.activate(user)
    seed = codes.instance.data["seed"]
    from procurement_portal.mfa import PREFIX

    assert seed.startswith(PREFIX)
    assert codes.get_unused_codes()  # still readable through the adapter


def test_keys_rotate_and_the_command_reencrypts(settings):
    user = make_user(Role.BUYER)
    old_key = settings.PORTAL_MFA_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = _stored(user)["secret"]
    settings.PORTAL_MFA_KEYS = [new_key, old_key]
    from procurement_portal.mfa import PortalMFAAdapter

    adapter = PortalMFAAdapter()
    assert adapter.decrypt(before) == user.totp_secret  # the old key still reads
    call_command("mfa_reencrypt")
    after = _stored(user)["secret"]
    assert after != before
    settings.PORTAL_MFA_KEYS = [new_key]  # the old key can now be retired
    assert adapter.decrypt(after) == user.totp_secret


def test_secrets_stored_in_clear_before_are_encrypted_by_the_command():
    user = make_user(Role.BUYER)
    Authenticator.objects.filter(user=user).update(data={"secret": user.totp_secret})
    call_command("mfa_reencrypt")
    assert user.totp_secret not in json.dumps(_stored(user))


def test_the_admin_never_shows_a_secret(client):
    admin = make_user(Role.SITE_ADMIN)
    target = make_user(Role.BUYER)
    client.force_login(admin)
    authenticator = Authenticator.objects.get(user=target, type=Authenticator.Type.TOTP)
    for url in [
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert target.totp_secret not in page
        assert authenticator.data["secret"] not in page
        assert "fernet" not in page.lower()


def test_production_refuses_to_start_without_an_mfa_key():
    result = manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="portal.example.gc.ca",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS" in result.stderr
