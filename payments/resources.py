"""Reconciliation export for finance (django-import-export, formula-safe formats)."""

from import_export import fields, resources


class PaymentResource(resources.Resource):
    payment_number = fields.Field(attribute="number", column_name="payment_number")
    contract_number = fields.Field(
        attribute="request__contract__number", column_name="contract_number"
    )
    department = fields.Field(
        attribute="request__contract__department__slug", column_name="department"
    )
    vendor = fields.Field(attribute="request__contract__vendor__legal_name", column_name="vendor")
    business_number = fields.Field(
        attribute="request__contract__vendor__business_number", column_name="vendor_business_number"
    )
    card_last4 = fields.Field(attribute="card__last4", column_name="card_last4")
    card_holder = fields.Field(attribute="card__holder__email", column_name="card_holder")
    amount = fields.Field(attribute="amount", column_name="amount_cad")
    paid_on = fields.Field(attribute="paid_on", column_name="paid_on")
    authorization_code = fields.Field(
        attribute="authorization_code", column_name="authorization_code"
    )
    days = fields.Field(
        attribute="days_from_acceptance", column_name="days_from_delivery_acceptance"
    )
    overrides = fields.Field(column_name="guardrail_overrides", readonly=True)
    confirmed = fields.Field(column_name="vendor_confirmed_at", readonly=True)

    def dehydrate_overrides(self, payment):
        return "; ".join(f"{o.check_code}: {o.reason}" for o in payment.request.overrides.all())

    def dehydrate_confirmed(self, payment):
        return payment.vendor_confirmed_at.isoformat() if payment.vendor_confirmed_at else ""

    @staticmethod
    def rows(queryset):
        return (
            queryset.select_related(
                "request__contract__department", "request__contract__vendor", "card__holder"
            )
            .prefetch_related("request__overrides")
            .order_by("paid_on", "pk")
        )
