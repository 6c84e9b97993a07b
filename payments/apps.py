from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from evaluations.signals import award_decided

        from .services.contracts import contract_create

        def create_contract(sender, decision, **kwargs):
            contract_create(decision=decision)

        award_decided.connect(create_contract, dispatch_uid="payments.contract_create",
                              weak=False)
