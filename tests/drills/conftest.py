"""Fault drills: real processes (gunicorn, Celery, Redis, PostgreSQL), something broken on
purpose, then a check that nothing was lost. `make drills` runs only these."""

import re

import pytest
import requests
from django.test import Client

from tests.integration.conftest import free_port, process_env, processes  # noqa: F401

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def pytest_collection_modifyitems(items):
    for item in items:
        if "/drills/" in str(item.fspath):
            item.add_marker(pytest.mark.drill)
            item.add_marker(pytest.mark.integration)


class Visitor:
    """A signed-in person talking HTTP to the real server, forms and CSRF included."""

    def __init__(self, base_url: str, user):
        client = Client()
        client.force_login(user)  # a session row the server reads from the database
        self.base_url = base_url
        self.http = requests.Session()
        self.http.cookies.set("sessionid", client.cookies["sessionid"].value)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base_url + path, timeout=30)

    def post_form(self, path: str, data: dict, *, form_page: str | None = None):
        page = self.get(form_page or path)
        match = CSRF.search(page.text)
        if not match:
            return page  # the form page itself failed: the caller sees its status
        return self.http.post(
            self.base_url + path,
            timeout=30,
            allow_redirects=False,
            data={"csrfmiddlewaretoken": match[1], **data},
            headers={"Referer": self.base_url + (form_page or path)},
        )


@pytest.fixture
def web_env(process_env):  # noqa: F811 - the fixture imported above
    return {
        **process_env,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
        "PORTAL_OUTBOX_REQUEUE_AFTER": "0",
        "PORTAL_OUTBOX_REQUEUE_INTERVAL": "1",
        "PORTAL_BROKER_VISIBILITY_TIMEOUT": "5",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def redis_port():
    return free_port()
