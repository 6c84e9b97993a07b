"""Exports for site administrators (django-import-export, formula-safe formats): the public
record of opportunities, awards, contracts and payments."""

from import_export import fields, resources

from evaluations.models import AwardDecision
from opportunities.models import Opportunity
from payments.models import Contract, Payment


class OpportunityResource(resources.ModelResource):
    department = fields.Field(attribute="department__slug", column_name="department")
    category = fields.Field(attribute="category__slug", column_name="category")

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "department",
            "category",
            "status",
            "title_en",
            "title_fr",
            "max_budget",
            "published_at",
            "closes_at",
            "closed_at",
            "awarded_amount",
            "cancelled_at",
            "cancellation_reason",
        ]
        export_order = fields


class AwardResource(resources.ModelResource):
    opportunity = fields.Field(attribute="opportunity_id", column_name="opportunity")
    vendor = fields.Field(attribute="proposal__vendor__legal_name", column_name="vendor")

    class Meta:
        model = AwardDecision
        fields = ["id", "opportunity", "kind", "vendor", "justification", "decided_at"]
        export_order = fields


class ContractResource(resources.ModelResource):
    opportunity = fields.Field(attribute="opportunity_id", column_name="opportunity")
    vendor = fields.Field(attribute="vendor__legal_name", column_name="vendor")
    department = fields.Field(attribute="department__slug", column_name="department")

    class Meta:
        model = Contract
        fields = [
            "number",
            "opportunity",
            "department",
            "vendor",
            "price",
            "created_at",
            "accepted_at",
            "accepted_name",
            "accepted_sha256",
        ]
        export_order = fields


class PaymentResource(resources.ModelResource):
    contract = fields.Field(attribute="request__contract__number", column_name="contract")
    card_last4 = fields.Field(attribute="card__last4", column_name="card_last4")

    class Meta:
        model = Payment
        fields = [
            "number",
            "contract",
            "amount",
            "paid_on",
            "authorization_code",
            "card_last4",
            "days_from_acceptance",
            "vendor_confirmed_at",
        ]
        export_order = fields
