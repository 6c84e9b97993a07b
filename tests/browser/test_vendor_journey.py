"""Issue 4's journey: sign up, register the business, answer the questionnaire with
evidence, an officer verifies it, the badge shows in the public directory in both languages."""

import re

import pytest
from playwright.sync_api import expect

from procurement_portal.models import Role
from tests.factories import make_user
from vendors.models import QuestionnaireVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vendor_registers_answers_and_gets_verified(
    live_server, browser, sign_in, mailoutbox, assert_accessible, department, tmp_path, settings
):
    from tests.vendors.factories import PDF

    settings.MEDIA_ROOT = tmp_path
    evidence = tmp_path / "environmental-policy.pdf"
    evidence.write_bytes(PDF)
    page = browser.new_context().new_page()

    # Sign up and confirm the email address.
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_full_name").fill("Gwen Founder")
    page.locator("#id_email").fill("founder@green-widgets.ca")
    page.locator("#id_password1").fill("a long enough passphrase")
    page.locator("#id_password2").fill("a long enough passphrase")
    page.locator("main form button[type=submit]").click()
    link = re.search(r"https?://\S+/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()

    # Register the business.
    page.goto(f"{live_server.url}/en/my-business/")
    expect(page).to_have_url(re.compile(r"/en/my-business/register/$"))
    assert_accessible(page)
    for name, value in {
        "legal_name": "Green Widgets Inc.",
        "business_number": "123456782",
        "address": "5 Elm Street",
        "city": "Moncton",
        "postal_code": "e1c4m3",
        "contact_email": "hello@green-widgets.ca",
        "employees": "6",
        "payment_link": "https://pay.green-widgets.ca",
    }.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=province]").select_option("NB")
    page.locator("[name=revenue_band]").select_option("under_5m")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/en/my-business/questionnaire/$"))
    assert_accessible(page)

    # Answer every question; one with evidence.
    version = QuestionnaireVersion.objects.current()
    for question in version.questions.all():
        if question.answer_type == "yes_no":
            page.locator(f"input[name=q_{question.pk}][value=yes]").check()
        elif question.answer_type == "choice":
            page.locator(f"input[name=q_{question.pk}]").first.check()
        elif question.answer_type == "number":
            page.locator(f"[name=q_{question.pk}]").fill("12")
        else:
            page.locator(f"[name=q_{question.pk}]").fill("We halved a form's completion time.")
    policy = version.questions.get(key="env-policy")
    page.locator(f"[name=e_{policy.pk}]").set_input_files(str(evidence))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.get_by_text("20 of 20 answered")).to_be_visible()

    # An officer verifies the evidence-backed answer.
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    officer_page = browser.new_context().new_page()
    sign_in(officer_page, officer, "en")
    officer_page.goto(f"{live_server.url}/en/verifications/")
    assert_accessible(officer_page)
    officer_page.locator("input[name=decision][value=verify] + button").first.click()
    expect(officer_page.locator(".message--success")).to_be_visible()

    # The badge is public, in both languages.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/en/vendors/?badge=eco")
    expect(visitor.locator(".result").filter(has_text="Green Widgets Inc.")).to_contain_text(
        "Eco-responsible"
    )
    assert_accessible(visitor)
    visitor.locator('[slot="toggle"] a').click()
    expect(visitor).to_have_url(re.compile(r"/fr/fournisseurs/\?badge=eco$"))
    expect(visitor.locator(".result").filter(has_text="Green Widgets Inc.")).to_contain_text(
        "Écoresponsable"
    )
    assert_accessible(visitor)
