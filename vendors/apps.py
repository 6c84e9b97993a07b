from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Vendors")

    def ready(self):
        from procurement_portal.page_cache import watch
        from procurement_portal.row_stamps import stamp_on_links, stamp_on_write

        from . import models

        # What the directory and the public profiles show (procurement_portal/page_cache.py).
        watch(
            models.Vendor,
            models.Vendor.categories.through,
            models.Certification,
            models.QuestionnaireAnswer,
            models.CatalogueItem,
        )
        watch(models.CertificationType, reference=True)  # its badge is on every card
        # A vendor's card is kept until the vendor or one of its parts shown there is written.
        stamp_on_write(models.Vendor)
        stamp_on_write(
            models.Certification, models.QuestionnaireAnswer, models.CatalogueItem, via="vendor"
        )
        stamp_on_links(models.Vendor.categories.through)
