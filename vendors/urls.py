from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import business, catalogue, directory, verification

urlpatterns = [
    path(_("vendors/"), directory.vendor_list, name="vendor_list"),
    path(_("vendors/<int:pk>/"), directory.vendor_detail, name="vendor_detail"),
    path(_("my-business/"), business.my_business, name="my_business"),
    path(_("my-business/register/"), business.vendor_create_view, name="vendor_create"),
    path(_("my-business/profile/"), business.vendor_edit, name="vendor_edit"),
    path(_("my-business/questionnaire/"), business.questionnaire, name="questionnaire"),
    path(
        _("my-business/certifications/new/"),
        business.certification_add_view,
        name="certification_add",
    ),
    path(_("my-business/members/invite/"), business.member_invite_view, name="member_invite"),
    path(_("my-business/members/leave/"), business.member_leave_view, name="member_leave"),
    path(_("my-business/members/<int:member_pk>/"), business.member_change, name="member_change"),
    path(_("my-business/catalogue/new/"), catalogue.catalogue_item_add, name="catalogue_item_add"),
    path(
        _("my-business/catalogue/<int:pk>/"),
        catalogue.catalogue_item_edit,
        name="catalogue_item_edit",
    ),
    path(
        _("my-business/catalogue/<int:pk>/remove/"),
        catalogue.catalogue_item_remove,
        name="catalogue_item_remove",
    ),
    path(_("my-business/alerts/"), business.subscription_edit, name="subscription_edit"),
    path(_("invitations/<str:token>/"), business.invitation_accept_view, name="invitation_accept"),
    path(_("evidence/<int:pk>/"), business.evidence_download, name="evidence_download"),
    path(_("verifications/"), verification.verification_queue, name="verification_queue"),
    path(_("verifications/<str:kind>/<int:pk>/"), verification.claim_decide, name="claim_decide"),
]
