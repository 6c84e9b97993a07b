from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import (
    buyer,
    department_templates,
    initiatives,
    planned,
    planned_manage,
    proposals,
    public,
    vendor,
)

urlpatterns = [
    # Public
    path(_("opportunities/"), public.opportunity_list, name="opportunity_list"),
    path(_("opportunities/feed/"), public.OpportunityFeed(), name="opportunity_feed"),
    path(_("opportunities/<int:pk>/"), public.opportunity_detail, name="opportunity_detail"),
    path(
        _("opportunities/<int:pk>/documents/<int:attachment_pk>/"),
        public.attachment_download,
        name="attachment_download",
    ),
    path(_("initiatives/<int:pk>/"), public.initiative_detail, name="initiative_detail"),
    path(_("planned-purchases/"), planned.planned_list, name="planned_list"),
    path(_("planned-purchases/<int:pk>/"), planned.planned_detail, name="planned_detail"),
    # Vendors
    path(_("opportunities/<int:pk>/follow/"), vendor.follow_toggle, name="opportunity_follow"),
    path(_("opportunities/<int:pk>/ask/"), vendor.question_create, name="question_create"),
    path(
        _("planned-purchases/<int:pk>/respond/"),
        planned.planned_respond_view,
        name="planned_respond",
    ),
    path(_("opportunities/<int:pk>/proposal/"), proposals.proposal_edit, name="proposal_edit"),
    path(
        _("opportunities/<int:pk>/proposal/submit/"),
        proposals.proposal_submit_view,
        name="proposal_submit",
    ),
    path(
        _("opportunities/<int:pk>/proposal/withdraw/"),
        proposals.proposal_withdraw_view,
        name="proposal_withdraw",
    ),
    path(
        _("opportunities/<int:pk>/proposal/documents/"),
        proposals.proposal_attach_view,
        name="proposal_attach",
    ),
    path(
        _("opportunities/<int:pk>/proposal/documents/<int:attachment_pk>/remove/"),
        proposals.proposal_detach_view,
        name="proposal_detach",
    ),
    # The same pages for a variant of the proposal (when the opportunity accepts variants).
    path(
        _("opportunities/<int:pk>/proposal/variants/<int:variant>/"),
        proposals.proposal_edit,
        name="proposal_variant_edit",
    ),
    path(
        _("opportunities/<int:pk>/proposal/variants/<int:variant>/submit/"),
        proposals.proposal_submit_view,
        name="proposal_variant_submit",
    ),
    path(
        _("opportunities/<int:pk>/proposal/variants/<int:variant>/withdraw/"),
        proposals.proposal_withdraw_view,
        name="proposal_variant_withdraw",
    ),
    path(
        _("opportunities/<int:pk>/proposal/variants/<int:variant>/documents/"),
        proposals.proposal_attach_view,
        name="proposal_variant_attach",
    ),
    path(
        _(
            "opportunities/<int:pk>/proposal/variants/<int:variant>/documents/"
            "<int:attachment_pk>/remove/"
        ),
        proposals.proposal_detach_view,
        name="proposal_variant_detach",
    ),
    path(_("receipts/<str:number>/"), proposals.proposal_receipt, name="proposal_receipt"),
    path(
        _("receipts/<str:number>/pdf/"), proposals.proposal_receipt_pdf, name="proposal_receipt_pdf"
    ),
    path(_("my-proposals/"), proposals.my_proposals, name="my_proposals"),
    # Buyers and procurement officers
    path(_("workspace/"), buyer.workspace, name="buyer_workspace"),
    path(_("opportunities/new/"), buyer.opportunity_create, name="opportunity_create"),
    path(_("opportunities/<int:pk>/edit/"), buyer.opportunity_edit, name="opportunity_edit"),
    path(_("opportunities/<int:pk>/copy/"), buyer.opportunity_copy_view, name="opportunity_copy"),
    path(
        _("opportunities/<int:pk>/save-as-template/"),
        department_templates.template_create,
        name="template_create",
    ),
    path(_("templates/"), department_templates.template_list, name="template_list"),
    path(_("templates/<int:pk>/edit/"), department_templates.template_edit, name="template_edit"),
    path(_("templates/<int:pk>/use/"), department_templates.template_use, name="template_use"),
    path(
        _("opportunities/<int:pk>/documents/add/"),
        buyer.attachment_upload,
        name="attachment_upload",
    ),
    path(
        _("opportunities/<int:pk>/documents/<int:attachment_pk>/remove/"),
        buyer.attachment_delete,
        name="attachment_delete",
    ),
    path(
        _("opportunities/<int:pk>/publish/"),
        buyer.opportunity_publish_view,
        name="opportunity_publish",
    ),
    path(
        _("opportunities/<int:pk>/cancel/"),
        buyer.opportunity_cancel_view,
        name="opportunity_cancel",
    ),
    path(_("opportunities/<int:pk>/questions/"), buyer.question_list, name="question_list"),
    path(
        _("opportunities/<int:pk>/questions/<int:question_pk>/answer/"),
        buyer.question_answer_view,
        name="question_answer",
    ),
    path(_("opportunities/<int:pk>/addenda/new/"), buyer.addendum_create, name="addendum_create"),
    path(
        _("opportunities/<int:pk>/decision/"),
        initiatives.phase_decision_view,
        name="phase_decision",
    ),
    path(_("opportunities/<int:pk>/next-phase/"), initiatives.next_phase_view, name="next_phase"),
    path(_("planned-purchases/new/"), planned.planned_create_view, name="planned_create"),
    path(
        _("planned-purchases/<int:pk>/publish/"),
        planned.planned_publish_view,
        name="planned_publish",
    ),
    path(_("planned-purchases/<int:pk>/edit/"), planned_manage.planned_edit, name="planned_edit"),
    path(
        _("planned-purchases/<int:pk>/studies/add/"),
        planned_manage.planned_document_add_view,
        name="planned_document_add",
    ),
    path(
        _("planned-purchases/<int:pk>/studies/<int:document_pk>/remove/"),
        planned_manage.planned_document_remove_view,
        name="planned_document_remove",
    ),
    path(
        _("planned-purchases/<int:pk>/studies/<int:document_pk>/"),
        planned_manage.planned_document_download,
        name="planned_document_download",
    ),
    path(
        _("planned-purchases/<int:pk>/milestones/add/"),
        planned_manage.planned_milestone_add_view,
        name="planned_milestone_add",
    ),
    path(
        _("planned-purchases/<int:pk>/milestones/<int:milestone_pk>/remove/"),
        planned_manage.planned_milestone_remove_view,
        name="planned_milestone_remove",
    ),
    path(
        _("planned-purchases/<int:pk>/market-questions/add/"),
        planned_manage.market_question_add_view,
        name="market_question_add",
    ),
    path(
        _("planned-purchases/<int:pk>/market-questions/<int:question_pk>/remove/"),
        planned_manage.market_question_remove_view,
        name="market_question_remove",
    ),
    path(
        _("planned-purchases/<int:pk>/answers/"),
        planned_manage.planned_answers,
        name="planned_answers",
    ),
    path(
        _("planned-purchases/<int:pk>/convert/"),
        planned.planned_convert_view,
        name="planned_convert",
    ),
    path(_("initiatives/new/"), initiatives.initiative_create_view, name="initiative_create"),
]
