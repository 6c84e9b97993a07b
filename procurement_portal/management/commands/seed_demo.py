from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from procurement_portal.demo import (
    DEMO_ACCOUNTS,
    DEMO_DEPARTMENTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    current_demo_code,
)
from procurement_portal.models import Department, User
from procurement_portal.services.roles import role_grant


class Command(BaseCommand):
    help = "Load the bilingual demo data. Safe to run again: existing rows are kept."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The demo's passwords and authenticator secret are public.
            raise CommandError("seed_demo never runs with DJANGO_ENV=production.")
        with transaction.atomic():
            self.seed()
        self.print_sign_ins()

    def seed(self):
        departments = {}
        for data in DEMO_DEPARTMENTS:
            departments[data["slug"]], _ = Department.objects.get_or_create(
                slug=data["slug"], defaults=data
            )
            if not departments[data["slug"]].registry_org:  # seeded before the field existed
                Department.objects.filter(slug=data["slug"]).update(
                    registry_org=data["registry_org"])
        for email, full_name, role, department_slug in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            department = departments[department_slug] if department_slug else None
            role_grant(user=user, role=role, department=department)
            if user.is_government and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
        # Each app may add its own demo data (imports point from the apps to the portal).
        for app in apps.get_app_configs():
            if module_has_submodule(app.module, "demo") and app.name != "procurement_portal":
                import_module(f"{app.name}.demo").seed(stdout=self.stdout)

    def print_sign_ins(self):
        out = self.stdout
        out.write(self.style.SUCCESS(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})"))
        for email, _name, role, department in DEMO_ACCOUNTS:
            out.write(f"  {role.label:<22} {email:<26} {department or ''}")
        out.write(
            "\nGovernment accounts use two-factor authentication. Add this secret to any\n"
            f"authenticator app: {DEMO_TOTP_SECRET}\n"
            f"(current code: {current_demo_code()}; the demo also shows the code on the\n"
            "two-factor page, and `make totp` prints a fresh one).\n"
        )
