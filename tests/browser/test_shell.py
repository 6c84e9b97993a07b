"""The bilingual shell in a real browser: home in EN and FR, the toggle, signing in."""

import re

import pytest
from playwright.sync_api import expect

from procurement_portal.models import Role
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_both_languages_and_toggle(live_server, page, assert_accessible):
    page.goto(f"{live_server.url}/en/?utm=keep")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Micro-procurement portal")
    assert_accessible(page)

    page.locator('[slot="toggle"] a').click()
    expect(page).to_have_url(re.compile(r"/fr/\?utm=keep$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Portail de micro-acquisition")
    assert_accessible(page)

    page.locator('[slot="toggle"] a').click()
    expect(page).to_have_url(re.compile(r"/en/\?utm=keep$"))


def test_vendor_signs_in_in_french(live_server, page, assert_accessible):
    vendor = make_user(Role.VENDOR_MEMBER, email="fournisseur@example.com")
    page.goto(f"{live_server.url}/fr/comptes/connexion/")
    assert_accessible(page)

    # A mistake first: the error summary lists it, in French, and is accessible.
    page.get_by_label("Mot de passe").fill("mauvais mot de passe")
    page.get_by_label("Courriel").fill(vendor.email)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Mot de passe").fill("correct-horse-battery")
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/fr/compte/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_text("Membre d’un fournisseur")).to_be_visible()
    assert_accessible(page)


def test_sign_in_works_without_javascript(live_server, browser):
    vendor = make_user(Role.VENDOR_MEMBER)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(vendor.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    # The language toggle and skip link are plain links without JavaScript too.
    expect(page.locator('[slot="toggle"] a')).to_have_attribute("href", "/fr/compte/")
    context.close()


def test_vendor_signs_up_and_verifies_email_without_javascript(live_server, browser, mailoutbox):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.get_by_label("Full name").fill("Noah Vendor")
    page.get_by_label("Email").fill("new.vendor@small-business.ca")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_label("Password (again)").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify your email address")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_text("Vendor member")).to_be_visible()
    context.close()
