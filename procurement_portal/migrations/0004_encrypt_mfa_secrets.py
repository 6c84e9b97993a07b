"""Encrypt the two-factor secrets stored in clear before the MFA adapter encrypted them."""

from django.db import migrations


def encrypt_secrets(apps, schema_editor):
    from procurement_portal.mfa import reencrypt_all

    reencrypt_all(apps.get_model("mfa", "Authenticator"))


class Migration(migrations.Migration):
    dependencies = [
        ("procurement_portal", "0003_outbox_dedupe_key"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
