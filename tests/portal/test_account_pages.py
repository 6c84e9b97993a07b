"""django-allauth's pages in our words: French paths (/fr/comptes/...), "courriel", sentence
case in English, typographic apostrophes; older /fr/accounts/ links still lead there."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.french_typography import french_text_of_html, typography_errors

pytestmark = pytest.mark.django_db


def test_account_pages_have_french_paths_and_keep_the_english_ones(client):
    with translation.override("fr"):
        assert reverse("account_login") == "/fr/comptes/connexion/"
        assert reverse("account_signup") == "/fr/comptes/inscription/"
        assert reverse("account_reset_password") == "/fr/comptes/mot-de-passe/reinitialiser/"
        assert reverse("account_confirm_email", kwargs={"key": "k:1"}) == (
            "/fr/comptes/confirmer-courriel/k:1/"
        )
    with translation.override("en"):
        assert reverse("account_login") == "/en/accounts/login/"
        assert reverse("mfa_activate_totp") == "/en/accounts/2fa/totp/activate/"
    assert client.get("/fr/comptes/connexion/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200


def test_older_french_links_are_redirected(client):
    response = client.get("/fr/accounts/password/reset/?next=/fr/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/comptes/mot-de-passe/reinitialiser/?next=/fr/"
    assert client.get("/fr/accounts/nowhere/").status_code == 404
    assert client.get("/en/accounts/nowhere/").status_code == 404


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_french_account_pages_read_well(client, name):
    with translation.override("fr"):
        body = client.get(reverse(name)).content.decode()
    text = french_text_of_html(body)
    assert "Courriel" in text
    for wrong in ("e-mail", "E-mail", "Création de compte", "enregistrer", "'"):
        assert wrong not in text, (name, wrong)
    assert typography_errors(text, name) == []


def test_sign_up_buttons_in_both_languages(client):
    with translation.override("fr"):
        french = client.get(reverse("account_signup")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("account_signup")).content.decode()
        login = client.get(reverse("account_login")).content.decode()
    assert "Créer un compte" in french
    assert "Sign up" in english and "Sign Up" not in english
    assert "Sign in" in login and "Sign In" not in login
