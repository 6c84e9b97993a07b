from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class AccessibleBoundField(BoundField):
    """Links every input to its hint and its error message with aria-describedby."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_hint")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by and self.auto_id:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class AccessibleFormRenderer(TemplatesSetting):
    """Every form, ours and allauth's, renders through templates/includes/form.html."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = AccessibleBoundField
