"""Bilingual shell: the language toggle leads to the same page, and French is complete."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from procurement_portal.models import Role
from procurement_portal.services.roles import role_grant
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def named_urls_without_arguments():
    """Every named, translatable (i18n_patterns) URL that takes no arguments."""
    names = []

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                nested = f"{namespace}:{ns}" if namespace and ns else ns or namespace
                walk(pattern.url_patterns, nested)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if not pattern.pattern.regex.groupindex and "(?P" not in str(pattern.pattern):
                    names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return sorted(set(names))


def localized(name):
    with translation.override("en"):
        en = reverse(name)
    with translation.override("fr"):
        fr = reverse(name)
    return en, fr


TOGGLE_RE = re.compile(r'<div slot="toggle"[^>]*>\s*<a href="([^"]+)" lang="(\w\w)"')


# The Django admin has its own look and no language toggle.
@pytest.mark.parametrize(
    "name",
    [
        n
        for n in named_urls_without_arguments()
        if localized(n)[0].startswith("/en/") and not n.startswith("admin:")
    ],
)
def test_toggle_round_trip(client, name, department):
    """EN page -> toggle -> the same page in French -> toggle -> back, query string kept."""
    en, fr = localized(name)
    response = client.get(en + "?page=2")  # pages for visitors (sign-in, sign-up...)
    if response.status_code != 200:
        # Someone who may open every page: site admin, buyer and officer at once.
        person = make_user(Role.SITE_ADMIN)
        role_grant(user=person, role=Role.BUYER, department=department)
        role_grant(user=person, role=Role.PROCUREMENT_OFFICER, department=department)
        client.force_login(person)
        response = client.get(en + "?page=2")
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        pytest.skip(f"{name} is not a page ({response.status_code})")
    body = response.content.decode()
    assert '<html lang="en">' in body
    href, lang = TOGGLE_RE.search(body).groups()
    assert (href, lang) == (fr + "?page=2", "fr")
    body_fr = client.get(href).content.decode()
    assert '<html lang="fr">' in body_fr
    assert TOGGLE_RE.search(body_fr).groups() == (en + "?page=2", "en")


def test_french_catalogue_is_complete():
    po = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    assert po.exists(), "run `make messages` and translate"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = re.findall(r'^msgid "(.+)"$', untranslated, flags=re.M)
    assert missing == [], f"untranslated French strings: {missing[:20]}"
    assert re.findall(r'^msgid "(.+)"$', fuzzy, flags=re.M) == []


def test_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Every translatable string in the code is in the French catalogue (makemessages)."""
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".git", "media", "staticfiles", "*.mo"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--ignore=.venv",
            "--ignore=static/vendor",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    ids_now = set(
        re.findall(
            r'^msgid "(.+)"$', (copy / "locale/fr/LC_MESSAGES/django.po").read_text(), flags=re.M
        )
    )
    ids_committed = set(
        re.findall(
            r'^msgid "(.+)"$', (ROOT / "locale/fr/LC_MESSAGES/django.po").read_text(), flags=re.M
        )
    )
    assert ids_now - ids_committed == set(), "run `make messages` and translate the new strings"


def test_french_formats_for_dates_and_money():
    from datetime import date
    from decimal import Decimal

    from django.template import Context, Template

    template = Template('{% load portal %}{{ d|date:"DATE_FORMAT" }} | {{ m|money }}')
    with translation.override("fr"):
        fr = template.render(Context({"d": date(2026, 11, 22), "m": Decimal("1234.56")}))
    with translation.override("en"):
        en = template.render(Context({"d": date(2026, 11, 22), "m": Decimal("1234.56")}))
    assert fr.replace("\u202f", " ").replace("\xa0", " ") == "22 novembre 2026 | 1 234,56 $"
    assert en == "November 22, 2026 | $1,234.56"


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "We couldn't find that page"), ("fr", "Nous n’avons pas trouvé cette page")],
)
def test_not_found_page_in_both_languages(client, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert text.replace("'", "&#x27;") in body or text in body


def test_forbidden_page_in_french(client, department):
    client.force_login(make_user(Role.VENDOR_MEMBER))
    response = client.get("/fr/journal-audit/")
    assert response.status_code == 403
    assert "Vous n’avez pas accès à cette page" in response.content.decode()


def test_server_error_page_is_bilingual(rf):
    from procurement_portal.views.errors import server_error

    response = server_error(rf.get("/en/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body and "Une erreur s'est produite" in body
