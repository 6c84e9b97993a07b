from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from vendors.signals import vendor_ties_changed

        from .services.conflicts import conflicts_recheck

        def recheck(sender, user=None, vendor=None, **kwargs):
            conflicts_recheck(user=user, vendor=vendor)

        vendor_ties_changed.connect(
            recheck, dispatch_uid="evaluations.conflicts_recheck", weak=False
        )
