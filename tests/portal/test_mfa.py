import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from procurement_portal.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", Role.government())
def test_government_roles_must_enrol_an_authenticator(client, role, department):
    user = make_user(role, department=department, mfa=False)
    client.force_login(user)
    response = client.get("/en/account/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_enrolled_public_servant_gets_through(client, department):
    user = make_user(Role.BUYER, department=department)
    client.force_login(user)
    assert client.get("/en/account/").status_code == 200


def test_vendor_is_not_forced_to_enrol(client):
    user = make_user(Role.VENDOR_MEMBER)
    client.force_login(user)
    assert client.get("/en/account/").status_code == 200


def test_sign_in_asks_a_public_servant_for_the_code(client, department):
    import time

    user = make_user(Role.BUYER, department=department)
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    # Not signed in yet: the account page still sends to sign-in.
    assert client.get("/en/account/")["Location"].startswith("/en/accounts/login/")
    code = format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/en/account/").status_code == 200


def test_sign_in_is_rate_limited(client):
    user = make_user(Role.VENDOR_MEMBER)
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    # Even the right password is refused once the account has seen too many failures.
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_first_time_enrolment_completes(client, department):
    """Follow the real flow: redirect to enrolment, confirm the password, scan, enter a code."""
    import re
    import time

    user = make_user(Role.BUYER, department=department, mfa=False)
    client.force_login(user)
    response = client.get("/en/account/", follow=True)
    # allauth asks for the password again before adding an authenticator.
    assert response.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/")
    response = client.post(
        response.redirect_chain[-1][0], {"password": "correct-horse-battery"}, follow=True
    )
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/en/accounts/2fa/totp/activate/"
    secret = re.search(r'value="([A-Z2-7]{16,})"', response.content.decode()).group(1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/en/accounts/2fa/totp/activate/", {"code": code}, follow=True)
    assert client.get("/en/account/").status_code == 200


def test_a_superuser_without_a_role_must_enrol_too(client):
    from procurement_portal.models import User

    admin = User.objects.create_superuser("root@example.gc.ca", "correct-horse-battery")
    client.force_login(admin)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_government_roles_lapse_with_a_personal_primary_address(client, department):
    user = make_user(Role.BUYER, department=department)
    assert user.is_government
    user.email = "me@gmail.com"
    user.save()
    user = type(user).objects.get(pk=user.pk)  # a new request loads the person afresh
    assert not user.is_government and not user.has_role(Role.BUYER)
    client.force_login(user)
    assert client.get("/en/workspace/").status_code == 403
