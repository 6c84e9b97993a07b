from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Vendors")

    def ready(self):
        from procurement_portal.page_cache import watch

        from . import models

        # What the directory and the public profiles show (procurement_portal/page_cache.py).
        watch(
            models.Vendor,
            models.Vendor.categories.through,
            models.Certification,
            models.CertificationType,
            models.QuestionnaireAnswer,
            models.CatalogueItem,
        )
