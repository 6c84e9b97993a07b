import re
import uuid

from django.shortcuts import redirect
from django.urls import reverse

from .request_context import current_ip, current_request_id

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _client_ip(request) -> str | None:
    """The client's IP as allauth sees it (trusting ALLAUTH_TRUSTED_PROXY_COUNT proxies)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # a malformed forwarding header: record nothing rather than fail
        return None


def _request_id(request) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex[:16]


class RequestBodyLimitMiddleware:
    """Refuse a request carrying files whose declared size is over PORTAL_MAX_REQUEST_BYTES,
    before its body is read: Django would otherwise spool every file to disk first, and
    never reads more than the declared length (CONTENT_LENGTH) anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import render

        if request.META.get("CONTENT_TYPE", "").startswith("multipart/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PORTAL_MAX_REQUEST_BYTES:
                request._body = b""  # nothing of it is read, by us or by anyone after
                request._post, request._files = {}, {}
                return render(
                    request, "413.html", {"limit": settings.PORTAL_MAX_UPLOAD_BYTES}, status=413
                )
        return self.get_response(request)


class RequestContextMiddleware:
    """Remembers the request's IP and id for audit entries and logs. (A person's language for
    emails is theirs to choose on the account page: browsing never changes it.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = current_ip.set(_client_ip(request))
        id_token = current_request_id.set(_request_id(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(ip_token)
            current_request_id.reset(id_token)


class RequireMFAForGovernmentRolesMiddleware:
    """Public servants must enrol an authenticator app before doing anything else.

    Vendors may enrol too, but are not forced to.
    """

    allowed_url_names = {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_logout",
        "set_language",
        "healthz",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        if not (user.is_government or user.is_staff or user.is_superuser):
            return None
        match = request.resolver_match
        if match and match.url_name in self.allowed_url_names:
            return None
        if request.path.startswith(("/static/", "/media/")):
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        return redirect(reverse("mfa_activate_totp"))
