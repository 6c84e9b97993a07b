from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import PortalForm


class AuditFilterForm(PortalForm):
    show_optional = False  # every filter is optional: no "(optional)" on each label
    actor = forms.CharField(label=_("Actor email contains"), required=False)
    action = forms.CharField(
        label=_("Action"), required=False, help_text=_("For example role.grant")
    )
    object_type = forms.CharField(label=_("Object type"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data

    def filter(self, entries):
        data = self.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_label__icontains=data["actor"])
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type__icontains=data["object_type"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            entries = entries.filter(
                created_at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz)
            )
        if data["date_to"]:
            entries = entries.filter(
                created_at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz)
            )
        return entries
