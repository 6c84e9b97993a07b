from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from .account_urls import account_urlpatterns, english_account_path
from .views import audit, demo, health, pages, roles

# The admin signs in through allauth, so the same MFA rules apply.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = settings.SITE_NAME

handler400 = "procurement_portal.views.errors.bad_request"
handler403 = "procurement_portal.views.errors.permission_denied"
handler404 = "procurement_portal.views.errors.page_not_found"
handler500 = "procurement_portal.views.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("open_data.urls")),  # data files: the same URL in every language
]

urlpatterns += i18n_patterns(
    path("", pages.home, name="home"),
    path(_("account/"), pages.account_dashboard, name="account_dashboard"),
    path(_("service-status/"), health.service_status, name="service_status"),
    path(_("audit/"), audit.audit_list, name="audit_list"),
    path(_("roles/"), roles.role_list, name="role_list"),
    path(_("roles/<int:pk>/revoke/"), roles.role_revoke_view, name="role_revoke"),
    # Demo mode only (404 otherwise); the guide itself is in payments/urls.py.
    path(_("demo/sign-in/"), demo.demo_sign_in, name="demo_sign_in"),
    path(_("demo/mailbox/"), demo.demo_mailbox, name="demo_mailbox"),
    path(_("demo/mailbox/<str:name>/"), demo.demo_mail, name="demo_mail"),
    path("", include("opportunities.urls")),
    path("", include("vendors.urls")),
    path("", include("evaluations.urls")),
    path("", include("payments.urls")),
    path("", include("open_data.page_urls")),
    path(_("accounts/"), include(account_urlpatterns())),  # /fr/comptes/connexion/
    re_path(
        r"^accounts/(?P<rest>.*)$",
        english_account_path,  # older French links
        name="account_english_path",
    ),
    path("admin/", admin.site.urls),
)
