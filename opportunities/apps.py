from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from procurement_portal.events import public_change
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
        # An opportunity's result card and its page (for anonymous readers) are kept until
        # the row or a part its page shows is written (procurement_portal/kept_pages.py).
        stamp_on_write(models.Opportunity)
        stamp_on_write(
            models.Criterion,
            models.Addendum,
            models.OpportunityAttachment,
            models.Question,
            via="opportunity",
        )
        stamp_on_write(models.Initiative, via="phases")
        # Every public change the services announce names its opportunity (an award, say).
        public_change.connect(_announced, dispatch_uid="row-stamp:announced")


def _announced(opportunity_id=None, **_kwargs) -> None:
    from django.conf import settings

    from procurement_portal.row_stamps import row_changed

    if settings.PUBLIC_PAGE_CACHE_SECONDS and opportunity_id is not None:
        row_changed("opportunities.opportunity", opportunity_id)
