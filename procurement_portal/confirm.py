"""Confirm before the irreversible: one step that says what happens, who is told and what
cannot be undone, then posts to the same action with the explicit `confirm` field.

The action refuses a POST without that field (it shows the confirmation instead), so a
person without JavaScript, or a double click on the first button, cannot skip the step.
Data typed on the first form travels as hidden fields; "Change" posts it back with `edit`
so the form comes back filled in."""

from dataclasses import dataclass, field
from typing import ClassVar

from django.http import HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"
EDIT_FIELD = "edit"


def confirmed(request) -> bool:
    """True only for a POST that carries the explicit confirmation."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def editing(request) -> bool:
    """The person chose "Change" on the confirmation: show the form again, filled in."""
    return request.method == "POST" and EDIT_FIELD in request.POST


def carried(request, form) -> list[tuple[str, str]]:
    """The form's values as posted, to travel through the confirmation as hidden fields."""
    return [
        (form.add_prefix(name), value)
        for name in form.fields
        for value in request.POST.getlist(form.add_prefix(name))
    ]


@dataclass
class Confirmation:
    """What the confirmation page says. Every text is already translated."""

    title: str
    happens: list[str]
    told: str
    permanent: str
    button: str
    back_url: str
    back_label: str
    action: str = ""  # the URL the confirmation posts to; empty: the page's own URL
    carry: list[tuple[str, str]] = field(default_factory=list)
    # Extra hidden fields that say which action is confirmed (e.g. reveal=1).
    extra: list[tuple[str, str]] = field(default_factory=list)
    danger: bool = False
    # The form came with typed data: offer to change it rather than a plain link back.
    can_change: bool = False
    # What the person is about to send, shown as (label, text) pairs.
    summary: list[tuple[str, str]] = field(default_factory=list)

    # For the template (includes/confirm.html).
    confirm_field: ClassVar[str] = CONFIRM_FIELD
    confirm_value: ClassVar[str] = CONFIRM_VALUE
    edit_field: ClassVar[str] = EDIT_FIELD


def confirmation_page(request, confirmation: Confirmation, **context) -> HttpResponse:
    return render(
        request,
        "procurement_portal/confirm.html",
        {"confirmation": confirmation, **context},
    )
