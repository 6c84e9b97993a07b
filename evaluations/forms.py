from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opportunities.models.criteria import RUBRIC_MAX
from procurement_portal.forms import PortalForm


class TieForm(PortalForm):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("A business you, or someone close to you, owns, works for or advises."),
    )
    business_number = forms.CharField(
        label=_("Business number, if known"), max_length=9, required=False
    )


class ConflictForm(PortalForm):
    note = forms.CharField(
        label=_("Private note to the buyer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the buyer sees it. Do not name a bidder: the buyer may sit on the panel too."
        ),
    )


class PanelAddForm(PortalForm):
    email = forms.EmailField(label=_("Email address of the evaluator"))
    is_chair = forms.BooleanField(label=_("Chair of the panel"), required=False)


class ScoreForm(PortalForm):
    def __init__(self, *args, criteria, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {s.criterion_id: s for s in sheet.scores.all()} if sheet else {}
        self.criteria = criteria
        for criterion in criteria:
            score = existing.get(criterion.pk)
            self.fields[f"s_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s: score out of %(max)s")
                % {"criterion": criterion, "max": RUBRIC_MAX},
                min_value=0,
                max_value=RUBRIC_MAX,
                required=False,
                initial=score.score if score else None,
                help_text=criterion.local("description"),
            )
            self.fields[f"m_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion},
                required=False,
                max_length=2000,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def scores(self):
        return {
            c.pk: (self.cleaned_data.get(f"s_{c.pk}"), self.cleaned_data.get(f"m_{c.pk}", ""))
            for c in self.criteria
        }


class ConsensusForm(PortalForm):
    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            row = existing.get(criterion.pk)
            self.fields[f"s_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s: consensus score out of %(max)s")
                % {"criterion": criterion, "max": RUBRIC_MAX},
                min_value=0,
                max_value=RUBRIC_MAX,
                initial=row.score if row else None,
            )
            self.fields[f"r_{criterion.pk}"] = forms.CharField(
                label=_("Rationale for %(criterion)s") % {"criterion": criterion},
                max_length=3000,
                initial=row.rationale if row else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def scores(self):
        return {
            c.pk: (self.cleaned_data[f"s_{c.pk}"], self.cleaned_data[f"r_{c.pk}"])
            for c in self.criteria
        }


class AwardForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("top", _("Award to the top-ranked eligible proposal")),
            ("other", _("Award to another proposal, with a justification")),
            ("none", _("No award, with a justification")),
        ],
    )
    proposal = forms.ChoiceField(label=_("Proposal (for another choice)"), required=False)
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the decision."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["proposal"]).choices = [("", "—"), *choices]

    def clean(self):
        # Said before the confirmation step rather than after it; the award service
        # checks the same again.
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == "other" and not data.get("proposal"):
            self.add_error("proposal", _("Choose a ranked proposal."))
        if kind == "other" and not data.get("justification", "").strip():
            self.add_error("justification", _("Justify awarding to another proposal."))
        if kind == "none" and not data.get("justification", "").strip():
            self.add_error("justification", _("Justify not awarding."))
        return data


class DemonstrationForm(PortalForm):
    """When and where a shortlisted vendor demonstrates; sent to the vendor."""

    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the opportunity's time zone."),
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        help_text=_("An address, or the link to the video call."),
    )
    notes = forms.CharField(
        label=_("Notes for the vendor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to prepare and how long it lasts."),
    )

    def __init__(self, *args, opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed and shown in the opportunity's zone (the view activates it), like its
        # closing date: a vendor in Vancouver reads 10:00 as 10:00 Pacific.
        self.fields["starts_at"].help_text = _("In the opportunity's time zone: %(zone)s.") % {
            "zone": opportunity.get_time_zone_display()
        }
