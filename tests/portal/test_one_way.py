"""One way to do each thing: showing a service's error, and queueing a task."""

import logging

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.queueing import enqueue, enqueue_on_commit


class ReasonForm(forms.Form):
    reason = forms.CharField()


def test_a_service_error_lands_at_its_field_or_in_the_summary():
    form = ReasonForm({"reason": "x"})
    form.is_valid()
    show_error(form, PortalError("Say why.", field="reason"))
    show_error(form, PortalError("Not now."))
    show_error(form, PortalError("Elsewhere.", field="not_on_this_form"))
    assert form.errors["reason"] == ["Say why."]
    assert form.non_field_errors() == ["Not now.", "Elsewhere."]


def test_without_a_form_the_error_is_a_message_for_the_next_page():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    show_error(request, PortalError("Too late."))
    show_error(request, ValidationError(["File too big.", "Wrong type."]))
    assert [m.message for m in get_messages(request)] == [
        "Too late.",
        "File too big.",
        "Wrong type.",
    ]


class RefusingTask:
    name = "tests.refusing"

    class app:  # noqa: N801 - shaped like a Celery app for `enqueue`
        class conf:  # noqa: N801
            task_always_eager = False

    def __init__(self):
        self.calls = []

    def delay(self, *args):
        self.calls.append(args)
        raise ConnectionError("broker down")


def test_a_refusing_broker_is_logged_not_raised(caplog):
    task = RefusingTask()
    with caplog.at_level(logging.WARNING, logger="procurement_portal.queueing"):
        assert enqueue(task, 7) is False
    assert task.calls == [(7,)]
    assert "Could not queue tests.refusing(7,)" in caplog.text


@pytest.mark.django_db
def test_work_is_queued_only_after_the_commit(django_capture_on_commit_callbacks):
    task = RefusingTask()
    task.delay = lambda *args: task.calls.append(args)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit(task, 3)
        assert task.calls == []
    for callback in callbacks:
        callback()
    assert task.calls == [(3,)]
