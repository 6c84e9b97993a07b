import logging
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from procurement_portal.demo import (
    DEMO_ACCOUNTS,
    DEMO_DEPARTMENTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    current_demo_code,
    demo_sign_ins,
)
from procurement_portal.models import Department, Role, User
from procurement_portal.services.roles import role_grant

# The import layers (docs/architecture.md), lowest first.
LAYERS = ["procurement_portal", "vendors", "opportunities", "evaluations", "payments", "open_data"]


class Command(BaseCommand):
    help = "Load the bilingual demo data. Safe to run again: existing rows are kept."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The demo's passwords and authenticator secret are public.
            raise CommandError("seed_demo never runs with DJANGO_ENV=production.")
        # A quiet console: no line per task or per email (emails go to the demo mailbox).
        quiet = {"": logging.WARNING, "celery": logging.WARNING, "kombu": logging.ERROR}
        previous = {name: logging.getLogger(name).level for name in quiet}
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)
        try:
            with transaction.atomic():
                self.seed()
        finally:
            for name, level in previous.items():
                logging.getLogger(name).setLevel(level)
        self.print_sign_ins()

    def seed(self):
        departments = {}
        for data in DEMO_DEPARTMENTS:
            departments[data["slug"]], _ = Department.objects.get_or_create(
                slug=data["slug"], defaults=data
            )
            if not departments[data["slug"]].registry_org:  # seeded before the field existed
                Department.objects.filter(slug=data["slug"]).update(
                    registry_org=data["registry_org"]
                )
        # One hash for every demo account (the password is public anyway): hashing it once per
        # account would cost seconds each with the production number of iterations.
        password = None
        for email, full_name, role, department_slug in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                password = password or make_password(DEMO_PASSWORD)
                user = User.objects.create_user(email, None, full_name=full_name)
                user.password = password
                user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            department = departments[department_slug] if department_slug else None
            role_grant(user=user, role=role, department=department)
            if (
                user.is_government
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, DEMO_TOTP_SECRET)
        # Each app may add its own demo data (imports point from the apps to the portal),
        # lower layers first: opportunities are bid on by the vendors seeded before them.
        configs = sorted(
            apps.get_app_configs(),
            key=lambda app: LAYERS.index(app.name) if app.name in LAYERS else 99,
        )
        for app in configs:
            if module_has_submodule(app.module, "demo") and app.name != "procurement_portal":
                import_module(f"{app.name}.demo").seed(stdout=self.stdout)

    def print_sign_ins(self):
        out = self.stdout
        out.write(self.style.SUCCESS(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})"))
        for email, _name, roles in demo_sign_ins():
            held = ", ".join(
                f"{Role(role).label}{f' ({department})' if department else ''}"
                for role, department in roles
            )
            out.write(f"  {email:<26} {held}")
        out.write(
            "\nGovernment accounts use two-factor authentication. Add this secret to any\n"
            f"authenticator app: {DEMO_TOTP_SECRET}\n"
            f"(current code: {current_demo_code()}; the demo also shows the code on the\n"
            "two-factor page, and `make totp` prints a fresh one).\n"
        )
