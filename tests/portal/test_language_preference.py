"""Issue 12 item 10: a person's language for emails and documents is theirs to choose."""

import pytest
from django.core import mail

from procurement_portal.models import Role
from procurement_portal.services.accounts import user_language_set
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_browsing_in_the_other_language_keeps_the_choice(client):
    user = make_user(Role.VENDOR_MEMBER)
    user_language_set(user=user, language="fr")
    client.force_login(user)
    assert client.get("/en/opportunities/").status_code == 200
    assert client.get("/en/account/").status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_the_account_page_changes_it(client):
    user = make_user(Role.VENDOR_MEMBER)
    client.force_login(user)
    response = client.post("/fr/compte/", {"preferred_language": "fr"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    response = client.post("/fr/compte/", {"preferred_language": "de"})
    assert response.status_code == 200  # refused, shown again with the error
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_setting_the_same_language_again_is_harmless():
    user = make_user(Role.VENDOR_MEMBER)
    assert user_language_set(user=user, language="fr") is True
    assert user_language_set(user=user, language="fr") is False
    with pytest.raises(ValueError):
        user_language_set(user=user, language="de")


def test_a_password_reset_asked_from_the_other_language_follows_the_choice(client):
    user = make_user(Role.VENDOR_MEMBER)
    user_language_set(user=user, language="fr")
    client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Content-Language"] == "fr"
