from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .forms import PortalForm


class LanguagePreferenceForm(PortalForm):
    preferred_language = forms.ChoiceField(
        label=_("Language of your emails and documents"),
        help_text=_("Browsing the site in the other language does not change it."),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
