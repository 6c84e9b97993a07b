from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from procurement_portal.page_cache import watch

        from . import models

        # Award notices show the contract (procurement_portal/page_cache.py).
        watch(models.Contract)

        from vendors.profile_sections import register

        from .views.performance import performance_history

        # Public servants see the vendor's assessed performance on the directory profile.
        register(performance_history)
