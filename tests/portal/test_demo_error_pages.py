"""Issue 12 item 11: the demo is shown to people, so a missing page is our own bilingual 404,
never Django's technical page listing every URL pattern (DEBUG is off in demo mode)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/en/no-such-page/")
body = response.content.decode()
print(settings.DEBUG, response.status_code, "URLconf" in body, "We couldn" in body)
"""


def _probe(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "DJANGO_ENV"}}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "procurement_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.split()[-4:]


def test_demo_mode_shows_our_404_not_the_url_list():
    assert _probe(DEMO_MODE="1") == ["False", "404", "False", "True"]


def test_development_keeps_djangos_debug_page():
    assert _probe()[:1] == ["True"]
