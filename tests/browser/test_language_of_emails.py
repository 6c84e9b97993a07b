"""Issue 12 item 10: each person chooses the language of their emails on their account page
(set at sign-up from the page's language); browsing in the other language never changes it.
Item 11: the sign-up email names the site; after the form posts, focus is on the message."""

import os
import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from procurement_portal.models import User
from procurement_portal.services.outbox import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots for a person to look at (PORTAL_SHOTS=/tmp/shots/facts); none by default.
SHOTS = os.environ.get("PORTAL_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def _role_email(user):
    with transaction.atomic():
        notify(
            template="emails/role_granted",
            context={"role": "buyer", "department_en": "Parks", "department_fr": "Parcs"},
            recipient=user,
        )


def test_emails_follow_the_language_chosen_not_the_page_browsed(
    live_server, browser, mailoutbox, assert_accessible
):
    page = browser.new_context().new_page()
    # Sign up on the French pages: the account starts in French.
    page.goto(f"{live_server.url}/fr/comptes/inscription/")
    page.locator("#id_full_name").fill("Fatima Fondatrice")
    page.locator("#id_email").fill("fondatrice@widgets-verts.ca")
    page.locator("#id_password1").fill("une phrase de passe assez longue")
    page.locator("#id_password2").fill("une phrase de passe assez longue")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/inscription/" not in url)  # the account exists
    signup = mailoutbox[-1]
    assert signup.extra_headers["Content-Language"] == "fr"
    assert "Portail de micro-acquisition" in signup.subject, signup.subject
    assert "Portail de micro-acquisition" in signup.body
    user = User.objects.get(email="fondatrice@widgets-verts.ca")
    assert user.preferred_language == "fr"
    link = re.search(r"https?://\S+/confirmer-courriel/\S+/", signup.body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()

    # Browsing the English pages keeps French for emails.
    page.goto(f"{live_server.url}/en/account/")
    page.goto(f"{live_server.url}/en/opportunities/")
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    _role_email(user)
    assert mailoutbox[-1].extra_headers["Content-Language"] == "fr"
    assert "Parcs" in mailoutbox[-1].body

    # The account page says which language is chosen, and changes it.
    page.goto(f"{live_server.url}/en/account/")
    choice = page.get_by_role("group", name="Language of your emails and documents")
    expect(choice.get_by_label("French")).to_be_checked()
    assert_accessible(page)
    _shot(page, "en-account-language.png")
    choice.get_by_label("English").check()
    page.get_by_role("button", name="Save language").click()
    message = page.locator("#messages")
    expect(message).to_contain_text("Your emails and documents will be in the language you chose.")
    expect(message).to_be_focused()
    user.refresh_from_db()
    assert user.preferred_language == "en"
    _role_email(user)
    assert mailoutbox[-1].extra_headers["Content-Language"] == "en"
    assert "Parks" in mailoutbox[-1].body

    # And back to French, from the French page.
    page.goto(f"{live_server.url}/fr/compte/")
    choice = page.get_by_role("group", name="Langue de vos courriels et documents")
    expect(choice.get_by_label("Anglais")).to_be_checked()
    choice.get_by_label("Français").check()
    page.get_by_role("button", name="Enregistrer la langue").click()
    expect(page.locator("#messages")).to_be_focused()
    assert_accessible(page)
    _shot(page, "fr-account-language.png")
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_english_sign_up_email_names_the_site(live_server, page, mailoutbox):
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_full_name").fill("Gwen Founder")
    page.locator("#id_email").fill("founder@green-widgets.ca")
    page.locator("#id_password1").fill("a long enough passphrase")
    page.locator("#id_password2").fill("a long enough passphrase")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/signup/" not in url)  # the account exists
    email = mailoutbox[-1]
    assert "Micro-procurement portal" in email.subject, email.subject
    assert "on the Micro-procurement portal" in email.body
    assert User.objects.get(email="founder@green-widgets.ca").preferred_language == "en"
