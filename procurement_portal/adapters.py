from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.db import transaction
from django.utils import translation

from .card_numbers import CARD_NUMBER_MESSAGE, contains_card_number
from .models import Role
from .services.outbox import notify


def _json_safe(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails through the notification outbox and makes sign-ups vendors."""

    def send_mail(self, template_prefix, email, context):
        # Render-time context must be JSON: keep strings and numbers, and the user's name.
        user = context.get("user")
        safe = {
            key: _json_safe(value)
            for key, value in context.items()
            if key not in {"user", "request", "current_site"}
        }
        safe["user"] = str(user) if user else email
        site = context.get("current_site")
        safe["current_site"] = {"domain": getattr(site, "domain", "")}
        recipient = user if getattr(user, "pk", None) else None
        with transaction.atomic():
            notify(
                template=template_prefix,
                context=safe,
                recipient=recipient,
                to_email=email,
                # A known person reads their chosen language; an unknown address the page's.
                language=getattr(recipient, "preferred_language", None)
                or translation.get_language(),
            )

    def clean_email(self, email):
        # allauth's forms (sign-up, adding an address) are not ours: the card-number rule
        # of every free-text field reaches them here.
        if contains_card_number(email):
            raise forms.ValidationError(CARD_NUMBER_MESSAGE)
        return super().clean_email(email)

    def get_user_display(self, user):
        # Outbox templates receive the display name as a plain string.
        return user if isinstance(user, str) else str(user)

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or "en"
        user.full_name = (form.cleaned_data.get("full_name") or "").strip()
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services.roles import role_grant

            # Anyone may sign up as a vendor; government roles are granted by an officer.
            role_grant(user=user, role=Role.VENDOR_MEMBER, actor=user)
        return user
