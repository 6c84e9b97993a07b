"""Import and export of vendors in the admin (django-import-export)."""

from import_export import fields, resources

from .models import Vendor


class VendorResource(resources.ModelResource):
    verified_badges = fields.Field(column_name="verified_badges", readonly=True)
    claims_verified = fields.Field(column_name="claims_verified", readonly=True)
    claims_pending = fields.Field(column_name="claims_pending", readonly=True)

    class Meta:
        model = Vendor
        # Rows are matched by business number, so a re-import updates rather than duplicates.
        import_id_fields = ["business_number"]
        fields = [
            "business_number",
            "legal_name",
            "operating_name",
            "address",
            "city",
            "province",
            "postal_code",
            "website",
            "contact_email",
            "phone",
            "employees",
            "revenue_band",
            "listed_in_directory",
            "is_suspended",
            "verified_badges",
            "claims_verified",
            "claims_pending",
        ]
        skip_unchanged = True
        clean_model_instances = True

    def export(self, queryset=None, **kwargs):
        # Whatever rows the admin chose, export them with their badges in a few queries.
        chosen = Vendor.objects.all() if queryset is None else queryset
        queryset = (
            Vendor.objects.with_badges()
            .filter(pk__in=chosen.values("pk"))
            .prefetch_related("certifications", "answers")
            .order_by("legal_name")
        )
        return super().export(queryset=queryset, **kwargs)

    def dehydrate_verified_badges(self, vendor):
        return ", ".join(str(badge) for badge in getattr(vendor, "badges", []))

    def dehydrate_claims_verified(self, vendor):
        return sum(
            c.status == "verified" for c in [*vendor.certifications.all(), *vendor.answers.all()]
        )

    def dehydrate_claims_pending(self, vendor):
        return sum(
            c.status == "self_declared" and (hasattr(c, "kind") or c.evidence_id)
            for c in [*vendor.certifications.all(), *vendor.answers.all()]
        )
