"""Read-only admin lists with CSV/XLSX export of opportunities, awards, contracts and
payments, for site administrators. Rows change only through the services."""

from django.contrib import admin
from import_export.admin import ExportMixin

from evaluations.models import AwardDecision
from opportunities.models import Opportunity
from payments.models import Contract, Payment
from procurement_portal.admin import ReadOnlyAdmin

from .resources import AwardResource, ContractResource, OpportunityResource, PaymentResource


@admin.register(Opportunity)
class OpportunityAdmin(ExportMixin, ReadOnlyAdmin):
    resource_classes = [OpportunityResource]
    list_display = ["title_en", "department", "status", "published_at", "closes_at"]
    list_filter = ["status", "department"]
    search_fields = ["title_en", "title_fr"]
    list_select_related = ["department"]
    # Proposals are sealed and private: the admin never shows them.
    fields = [
        "department",
        "status",
        "title_en",
        "title_fr",
        "max_budget",
        "published_at",
        "closes_at",
        "awarded_amount",
    ]


@admin.register(AwardDecision)
class AwardAdmin(ExportMixin, ReadOnlyAdmin):
    resource_classes = [AwardResource]
    list_display = ["opportunity", "kind", "decided_at"]
    list_select_related = ["opportunity"]


@admin.register(Contract)
class ContractAdmin(ExportMixin, ReadOnlyAdmin):
    resource_classes = [ContractResource]
    list_display = ["number", "vendor", "department", "price", "accepted_at"]
    list_select_related = ["vendor", "department"]
    exclude = ["accepted_ip"]


@admin.register(Payment)
class PaymentAdmin(ExportMixin, ReadOnlyAdmin):
    resource_classes = [PaymentResource]
    list_display = ["number", "amount", "paid_on", "days_from_acceptance"]
