from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from procurement_portal.admin import ReadOnlyAdmin

from .models import (
    Certification,
    CertificationType,
    QuestionnaireQuestion,
    QuestionnaireVersion,
    Vendor,
    VendorMember,
)
from .resources import VendorResource
from .signals import vendor_ties_changed


class MemberInline(admin.TabularInline):
    # Membership changes go through the services (a business always keeps an owner).
    model = VendorMember
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["user", "role", "joined_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vendor)
class VendorAdmin(ImportExportModelAdmin):
    resource_classes = [VendorResource]
    list_display = [
        "legal_name",
        "business_number",
        "province",
        "employees",
        "listed_in_directory",
        "is_suspended",
    ]
    list_filter = ["province", "listed_in_directory", "is_suspended"]
    search_fields = ["legal_name", "operating_name", "business_number"]
    readonly_fields = ["business_number"]
    inlines = [MemberInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"legal_name", "operating_name"} & set(form.changed_data):
            # A new name may match an evaluator's tie on a panel evaluating this business.
            vendor_ties_changed.send(sender=Vendor, user=None, vendor=obj)


@admin.register(CertificationType)
class CertificationTypeAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "issuer", "badge"]


@admin.register(Certification)
class CertificationAdmin(ReadOnlyAdmin):
    # Claims change through the vendor's pages and the verification queue (audited).
    list_display = ["vendor", "kind", "status", "expires_on"]
    list_filter = ["status", "kind"]


class QuestionInline(admin.TabularInline):
    model = QuestionnaireQuestion
    extra = 0
    fields = [
        "key",
        "section",
        "order",
        "text_en",
        "text_fr",
        "answer_type",
        "asks_evidence",
        "badge",
    ]

    def get_readonly_fields(self, request, obj=None):
        # A published version is what vendors answered: change it by publishing a new one.
        return self.fields if obj is not None and obj.published_at else []

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.published_at

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.published_at


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_at"]
    readonly_fields = ["published_at"]
    inlines = [QuestionInline]
