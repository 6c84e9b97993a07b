from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A federal department or agency; government roles are scoped to one."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    acronym_en = models.CharField(_("acronym (English)"), max_length=20, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    micro_procurement_threshold = models.DecimalField(
        _("micro-procurement threshold"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("10000.00"),
        help_text=_("Highest value, taxes included, of one micro-procurement, in CAD."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Toronto")
    registry_org = models.CharField(
        _("open government registry organization"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9_-]{2,100}$",
                _("Use the registry's organization name: lowercase letters, digits, - and _."),
            )
        ],
        help_text=_(
            "The department's organization name in the Government of Canada open "
            "government registry (for example tbs-sct), used as owner_org in the "
            "proactive disclosure files."
        ),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if get_language() == "fr" else self.name_en


class Role(models.TextChoices):
    VENDOR_MEMBER = "vendor_member", _("Vendor member")
    BUYER = "buyer", _("Buyer")
    EVALUATOR = "evaluator", _("Evaluator")
    CARD_HOLDER = "card_holder", _("Card holder")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    FINANCE = "finance", _("Finance")
    SITE_ADMIN = "site_admin", _("Site administrator")

    @classmethod
    def government(cls) -> list["Role"]:
        return [role for role in cls if role != cls.VENDOR_MEMBER]


# Site administrators run the whole portal; every other government role is departmental.
PORTAL_WIDE_ROLES = {Role.SITE_ADMIN}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Identity is the email address; roles come from RoleAssignment rows."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Emails and documents are sent in this language."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # noqa: RUF012 - Django reads it as a class attribute

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    @cached_property
    def role_set(self) -> set[tuple[str, int | None]]:
        """(role, department id) pairs, loaded once per request.

        Government roles count only while the person's address is a government one: someone
        who switches their primary email to a personal address loses them at once.
        """
        from procurement_portal.domains import is_government_email

        pairs: set[tuple[str, int | None]] = set(
            self.role_assignments.values_list("role", "department_id")
        )
        if not is_government_email(self.email):
            pairs = {(role, dept) for role, dept in pairs if role == Role.VENDOR_MEMBER}
        return pairs

    @cached_property
    def roles(self) -> set[str]:
        return {role for role, _department in self.role_set}

    def has_role(self, role: str, department=None) -> bool:
        if department is None:
            return role in self.roles
        department_id = getattr(department, "pk", department)
        return (role, department_id) in self.role_set

    def departments_for(self, role: str) -> set[int]:
        return {dept for r, dept in self.role_set if r == role and dept is not None}

    @property
    def is_government(self) -> bool:
        return any(role in self.roles for role in Role.government())

    @property
    def is_vendor(self) -> bool:
        return Role.VENDOR_MEMBER in self.roles


class RoleAssignment(models.Model):
    """One role held by one person, in one department for government roles."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("department"),
    )
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=models.Q(department__isnull=False),
                name="role_unique_per_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(department__isnull=True),
                name="role_unique_portal_wide",
            ),
            # Departmental roles need a department; vendor and portal-wide roles have none.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=["vendor_member", "site_admin"], department__isnull=True)
                    | (
                        ~models.Q(role__in=["vendor_member", "site_admin"])
                        & models.Q(department__isnull=False)
                    )
                ),
                name="role_department_scope",
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.get_role_display()} ({self.department})"
        return str(self.get_role_display())
