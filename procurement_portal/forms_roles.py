from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import PortalForm
from .models import Department, Role, User


class RoleGrantForm(PortalForm):
    """An officer gives a government role, in one of their departments, to a registered person."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person must already have an account with a government address."),
    )
    role = forms.ChoiceField(label=_("Role"))
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.value, role.label) for role in Role.government() if role != Role.SITE_ADMIN
        ]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        try:
            self.cleaned_data["user"] = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise forms.ValidationError(
                _("No account uses this address. Ask the person to sign up first."),
                code="unknown",
            ) from None
        return email
