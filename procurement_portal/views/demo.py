"""Demo mode only (404 otherwise): the one-click sign-in of the demo guide and the demo
mailbox. The guide itself lists seeded objects of every app, so it lives in payments/views."""

from functools import wraps

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..demo import DEMO_ACCOUNTS
from ..demo_mail import stored_mail, stored_message
from ..models import User


def demo_only(view):
    """The view exists only in demo mode, and never in production (the demo's passwords and
    authenticator secret are public)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.DEMO_MODE or settings.PRODUCTION:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@demo_only
def demo_sign_in(request):
    """Sign in as one of the demo accounts with one click. Their password and TOTP secret are
    published on the guide, so this skips nothing a visitor could not type; only the demo
    accounts, and only in demo mode."""
    email = request.POST.get("email", "")
    if email not in {row[0] for row in DEMO_ACCOUNTS}:
        raise Http404
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        raise Http404
    login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
    record_authentication(request, user, method="password", email=email)
    if user.is_government:
        record_authentication(request, user, method="mfa", type="totp")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = settings.LOGIN_REDIRECT_URL
    return redirect(target)


@demo_only
def demo_mailbox(request):
    to = request.GET.get("to", "").strip()
    return render(
        request,
        "procurement_portal/demo_mailbox.html",
        {"messages_sent": stored_mail(to=to)[:200], "to": to},
    )


@demo_only
def demo_mail(request, name):
    message = stored_message(name)
    if message is None:
        raise Http404
    return render(request, "procurement_portal/demo_mail.html", {"message": message})
