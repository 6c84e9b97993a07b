"""Issue 12 item 9, in English and French: a field publishing needs never says "(optional)"
(the French ones too when the site publishes in both languages); long text shows a counter
and an error instead of being cut; questionnaire file errors sit at their own field."""

import os

import pytest
from playwright.sync_api import expect

from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor
from vendors.models import QuestionnaireVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PORTAL_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


WORDS = {
    "en": {
        "new": "/en/opportunities/new/",
        "needed": "(needed to publish)",
        "optional": "(optional)",
        "over": "Characters over the limit: 1",
        "left": "Characters left: 2,000",
        "questionnaire": "/en/my-business/questionnaire/",
        "ask": "Send the question",
    },
    "fr": {
        "new": "/fr/occasions/nouvelle/",
        "needed": "(nécessaire pour publier)",
        "optional": "(facultatif)",
        "over": "Caractères en trop\u00a0: 1",
        "left": "Caractères restants\u00a0: 2\u202f000",
        "questionnaire": "/fr/mon-entreprise/questionnaire/",
        "ask": "Envoyer la question",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_fields_publishing_needs_do_not_say_optional(
    live_server, browser, sign_in, department, assert_accessible, language
):
    words = WORDS[language]
    buyer = make_user(Role.BUYER, department=department)
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(f"{live_server.url}{words['new']}")
    for name in ["title_en", "title_fr", "summary_fr", "description_fr", "max_budget", "closes_at"]:
        label = page.locator(f"label[for=id_{name}]")
        expect(label).to_contain_text(words["needed"])
        expect(label).not_to_contain_text(words["optional"])
    # What publishing does not need still says so.
    expect(page.locator("label[for=id_deliverables_fr]")).to_contain_text(words["optional"])
    assert_accessible(page)
    _shot(page, f"{language}-draft-form.png")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_long_text_is_counted_and_refused_never_cut(
    live_server, browser, sign_in, department, language
):
    words = WORDS[language]
    opportunity = published(department=department)
    vendor = make_vendor()
    owner = vendor.members.get().user
    page = browser.new_context().new_page()
    sign_in(page, owner, language)
    path = "opportunities" if language == "en" else "occasions"
    page.goto(f"{live_server.url}/{language}/{path}/{opportunity.pk}/")
    question = page.locator("#id_text")
    assert question.get_attribute("maxlength") is None  # the browser would cut what is pasted
    expect(page.locator("#id_text_counter")).to_have_text(words["left"])
    question.fill("é" * 2001)
    expect(page.locator("#id_text_counter")).to_have_text(words["over"])
    assert "id_text_counter" in (question.get_attribute("aria-describedby") or "")
    page.get_by_role("button", name=words["ask"]).click()
    # Refused with a message at the field, the whole text kept for the person to shorten.
    expect(page.locator("#id_text_error")).to_be_visible()
    assert len(page.locator("#id_text").input_value()) == 2001
    _shot(page, f"{language}-question-too-long.png")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_refused_evidence_file_is_named_at_its_question(
    live_server, browser, sign_in, language, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    words = WORDS[language]
    vendor = make_vendor()
    owner = vendor.members.get().user
    version = QuestionnaireVersion.objects.current()
    with_evidence = [q for q in version.questions.all() if q.asks_evidence][:2]
    bad = [tmp_path / "policy-scan.pdf", tmp_path / "emissions-report.pdf"]
    for path in bad:
        path.write_bytes(b"this is not a PDF at all")
    page = browser.new_context().new_page()
    sign_in(page, owner, language)
    page.goto(f"{live_server.url}{words['questionnaire']}")
    for question, path in zip(with_evidence, bad, strict=True):
        page.locator(f"input[name=q_{question.pk}][value=yes]").check()
        page.locator(f"[name=e_{question.pk}]").set_input_files(str(path))
    page.locator("main form button[type=submit]").click()
    for question, path in zip(with_evidence, bad, strict=True):
        expect(page.locator(f"#id_e_{question.pk}_error")).to_contain_text(path.name)
    summary = page.locator(".error-summary li")
    expect(summary).to_have_count(2)  # one per file, each linking to its field
    for index, path in enumerate(bad):
        expect(summary.nth(index)).to_contain_text(path.name)
    _shot(page, f"{language}-questionnaire-files.png")
