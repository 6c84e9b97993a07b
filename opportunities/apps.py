from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from procurement_portal.page_cache import watch
        from procurement_portal.row_stamps import stamp_on_write

        from . import models

        # What the public pages of opportunities show (procurement_portal/page_cache.py).
        watch(
            models.Opportunity,
            models.Criterion,
            models.Addendum,
            models.OpportunityAttachment,
            models.Question,
            models.Initiative,
            models.PhaseDecision,
            models.PlannedPurchase,
            models.PlannedPurchaseResponse,  # the public count of interested vendors
        )
        # An opportunity's result card is kept until the row itself is written.
        stamp_on_write(models.Opportunity)
