from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Department, OutboundMessage, RoleAssignment, User
from .models.audit import SEALED_OBJECT_TYPES


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services: visible here, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "department", "granted_by", "granted_at"]
    readonly_fields = ["role", "department", "granted_by", "granted_at"]
    can_delete = False
    verbose_name_plural = _("Roles (grant and revoke them on the Roles page)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "preferred_language", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "preferred_language"]
    fields = ["email", "full_name", "preferred_language", "is_active", "last_login", "date_joined"]
    # The address is changed by its owner through the verified email flow, not here.
    readonly_fields = ["email", "last_login", "date_joined"]
    inlines = [RoleAssignmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = [
        "name_en",
        "name_fr",
        "acronym_en",
        "registry_org",
        "micro_procurement_threshold",
    ]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).exclude(object_type__in=SEALED_OBJECT_TYPES)

    list_display = [
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_repr",
        "from_state",
        "to_state",
        "ip_address",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_id"]


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdmin):
    # The context may carry one-time links (password reset): never shown.
    exclude = ["context"]
    # Receipts would list who is bidding before the deadline.
    sealed_templates = ["emails/proposal_receipt"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(template__in=self.sealed_templates)

    list_display = ["created_at", "to_email", "template", "language", "status", "attempts"]
    list_filter = ["status", "template", "language"]
    search_fields = ["to_email"]


# allauth registers its authenticators with their data (TOTP secrets, recovery seeds): the
# admin lists who has which factor and when it was used, never the secret.
from allauth.mfa.admin import AuthenticatorAdmin as _AllauthAuthenticatorAdmin  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(_AllauthAuthenticatorAdmin):
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
