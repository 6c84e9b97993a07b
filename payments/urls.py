from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import award, contracts, demo, finance, payments, performance

urlpatterns = [
    # Demo mode only (404 otherwise): each role, its one-click sign-in, what to try.
    path(_("demo/"), demo.demo_guide, name="demo_guide"),
    # Under evaluations/ like the other evaluation pages; served here (see views/award.py).
    path(_("evaluations/<int:pk>/award/"), award.award, name="evaluation_award"),
    path(_("contracts/"), contracts.contract_list, name="contract_list"),
    path(_("contracts/terms/"), contracts.terms_edit, name="contract_terms"),
    path(_("contracts/<int:pk>/"), contracts.contract_detail, name="contract_detail"),
    path(_("contracts/<int:pk>/contract.pdf"), contracts.contract_pdf, name="contract_pdf"),
    path(_("contracts/<int:pk>/accept/"), contracts.contract_accept_view, name="contract_accept"),
    path(_("contracts/<int:pk>/deliver/"), contracts.delivery_create, name="delivery_create"),
    path(
        _("contracts/<int:pk>/deliveries/<int:delivery_pk>/review/"),
        contracts.delivery_review,
        name="delivery_review",
    ),
    path(
        _("contracts/<int:pk>/assessment/"),
        performance.assessment_create,
        name="assessment_create",
    ),
    path(
        _("contracts/<int:pk>/assessment/respond/"),
        performance.assessment_respond_view,
        name="assessment_respond",
    ),
    path(
        _("contracts/<int:pk>/files/<int:file_pk>/"), contracts.delivery_file, name="delivery_file"
    ),
    path(
        _("contracts/<int:pk>/request-payment/"),
        payments.payment_request_create_view,
        name="payment_request_create",
    ),
    path(_("payments/"), payments.payment_queue, name="payment_queue"),
    path(_("payments/blocked/"), payments.payment_blocked_queue, name="payment_blocked_queue"),
    path(_("payments/<int:pk>/"), payments.payment_request_view, name="payment_request"),
    path(
        _("payments/<int:pk>/correct/"),
        payments.payment_request_correct_view,
        name="payment_request_correct",
    ),
    path(
        _("payments/<int:pk>/cancel/"),
        payments.payment_request_cancel_view,
        name="payment_request_cancel",
    ),
    path(
        _("payments/<int:pk>/refer/"),
        payments.payment_request_refer_view,
        name="payment_request_refer",
    ),
    path(_("payments/<int:pk>/override/"), payments.payment_override, name="payment_override"),
    path(_("payments/records/<int:pk>/confirm/"), payments.payment_confirm, name="payment_confirm"),
    path(
        _("payments/records/<int:pk>/receipt.pdf"), payments.payment_receipt, name="payment_receipt"
    ),
    path(_("finance/cards/"), finance.card_list, name="card_list"),
    path(_("finance/cards/new/"), finance.card_create, name="card_create"),
    path(_("finance/cards/<int:pk>/"), finance.card_edit, name="card_edit"),
    path(_("finance/spending/"), finance.spending, name="finance_spending"),
    path(
        _("finance/reconciliation.<str:fmt>"), finance.reconciliation, name="finance_reconciliation"
    ),
]
