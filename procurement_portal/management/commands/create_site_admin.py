from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from procurement_portal.exceptions import PortalError
from procurement_portal.models import Role, User
from procurement_portal.services.roles import role_grant


class Command(BaseCommand):
    help = (
        "Create the first site administrator (a government address). They enrol an "
        "authenticator app at first sign-in. Use this rather than createsuperuser."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--full-name", default="")

    @transaction.atomic
    def handle(self, *args, email, full_name, **options):
        from allauth.account.models import EmailAddress

        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, None, full_name=full_name)
            user.set_unusable_password()
            user.save(update_fields=["password"])
        try:
            role_grant(user=user, role=Role.SITE_ADMIN)
        except PortalError as error:
            raise CommandError(str(error)) from error
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            f"{user.email} is a site administrator. They set a password with "
            "'Forgot your password?' and enrol two-factor authentication."
        )
