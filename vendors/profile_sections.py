"""Sections that apps above vendors add to a vendor's directory profile.

Imports point one way (vendors never import payments), yet the profile shows what payments
knows, such as the history of assessed performance. Such an app registers a section here
from its AppConfig.ready(); each section decides itself who may see it and returns None for
everyone else."""

from collections.abc import Callable

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# section(request, vendor) -> (template name, context), or None when the reader may not see it
Section = Callable[[HttpRequest, object], tuple[str, dict] | None]
_SECTIONS: list[Section] = []


def register(section: Section) -> Section:
    if section not in _SECTIONS:
        _SECTIONS.append(section)
    return section


def rendered_sections(request: HttpRequest, vendor) -> list[SafeString]:
    rendered = []
    for section in _SECTIONS:
        found = section(request, vendor)
        if found is not None:
            template, context = found
            html = render_to_string(template, {"vendor": vendor, **context}, request=request)
            rendered.append(mark_safe(html))  # noqa: S308 - our own rendered template
    return rendered
