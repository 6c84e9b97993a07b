import itertools

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from procurement_portal.models import Department, Role, User
from procurement_portal.services.roles import role_grant


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"dept-{n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")
    name_fr = factory.Sequence(lambda n: f"Ministère {n}")
    registry_org = factory.Sequence(lambda n: f"dept-{n}-min")
    acronym_en = "DPT"
    acronym_fr = "MIN"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


_numbers = itertools.count(1)


def make_user(role: str | None = None, *, department=None, email=None, mfa=True) -> User:
    """A person holding `role`; government people get a government address and TOTP."""
    government = role is not None and role != Role.VENDOR_MEMBER
    if email is None:
        n = next(_numbers)
        email = f"servant{n}@example.gc.ca" if government else f"person{n}@example.com"
    user = UserFactory(email=email)
    if role:
        if role not in (Role.VENDOR_MEMBER, Role.SITE_ADMIN) and department is None:
            department = DepartmentFactory()
        role_grant(
            user=user,
            role=role,
            department=None if role in (Role.VENDOR_MEMBER, Role.SITE_ADMIN) else department,
        )
    if government and mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user
