"""Issue 16 in a browser, in English and in French: a planned purchase engages the market
(aspects, a preliminary study, a retro-planning, questions answered privately, the buyer's
notes carried into the draft opportunity), and questions stop at their own deadline.
axe-core on every page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from opportunities.models import MarketAnswer, Opportunity, PlannedPurchase
from procurement_portal.dates import long_datetime_in, machine
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published, ready_draft
from tests.vendors.factories import PDF, make_vendor

SHOTS = Path("/tmp/shots/plan")  # noqa: S108 - looked at by hand, not kept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "save": "Save as a draft",
        "edit": "Edit: need, aspects, studies, milestones, questions",
        "publish_study": "Publish the study",
        "add_milestone": "Add the milestone",
        "ask": "Ask the question",
        "publish": "Publish for comments",
        "send": "Send",
        "sent": "Thank you: the buyer will see your response.",
        "answers": "Answers from the market",
        "save_notes": "Save the notes",
        "convert": "Turn into a draft opportunity",
        "from_planned": "From the planned purchase",
        "retro": "Retro-planning",
        "questions_until": "Questions until",
        "no_more": "no longer takes questions",
        "refused": "The deadline for questions was",
        "send_question": "Send the question",
        "save_draft": "Save the draft",
        "before_closing": "The deadline for questions must come before the closing time.",
    },
    "fr": {
        "save": None,
        "edit": "Modifier\u00a0: besoin, aspects, études, jalons, questions",
        "publish_study": "Publier l’étude",
        "add_milestone": "Ajouter le jalon",
        "ask": "Poser la question",
        "publish": None,  # read from the catalogue below
        "send": None,
        "sent": None,
        "answers": "Réponses du marché",
        "save_notes": "Enregistrer les notes",
        "convert": None,
        "from_planned": "Issu du projet d’achat",
        "retro": "Rétroplanification",
        "questions_until": "Questions jusqu’au",
        "no_more": "n’accepte plus de questions",
        "refused": "La date limite pour les questions était",
        "send_question": None,
        "save_draft": None,
        "before_closing": "La date limite pour les questions doit précéder",
    },
}


def _words(language):
    """The page's own words: French ones not typed above come from the catalogue."""
    english = WORDS["en"]
    with translation.override(language):
        return {
            key: value if value is not None else translation.gettext(english[key])
            for key, value in WORDS[language].items()
        }


def _url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_planned_purchase_engages_the_market(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path
    words = _words(language)
    base = live_server.url
    buyer = make_user(Role.BUYER, department=department)
    answering = make_vendor(legal_name="Plume claire ltée", operating_name="")
    other = make_vendor(legal_name="Other Words Inc.", operating_name="")

    # The buyer announces the purchase, with its social and environmental aspects.
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(base + _url(language, "planned_create"))
    fields = {
        "title_en": "Plain-language letters",
        "title_fr": "Lettres en langage clair",
        "need_en": "Rewrite 30 standard letters.",
        "need_fr": "Réécrire 30 lettres types.",
        "rough_budget": "9000" if language == "en" else "9000,00",
        "social_aspects_en": "Tested with people who receive them.",
        "social_aspects_fr": "Testées avec les personnes qui les reçoivent.",
        "environmental_aspects_en": "Fewer printed pages.",
        "environmental_aspects_fr": "Moins de pages imprimées.",
    }
    for name, value in fields.items():
        page.locator(f"[name={name}]").fill(value)
    assert_accessible(page)
    page.get_by_role("button", name=words["save"]).click()
    planned = PlannedPurchase.objects.get(title_en="Plain-language letters")
    expect(page).to_have_url(re.compile(re.escape(_url(language, "planned_detail", pk=planned.pk))))

    # Its preliminary study, a milestone of the retro-planning and a question to the market.
    page.get_by_role("link", name=words["edit"]).click()
    study = tmp_path / "needs-assessment.pdf"
    study.write_bytes(PDF)
    page.locator("#studies [name=kind]").select_option("needsAssessment")
    page.locator("#studies [name=file]").set_input_files(str(study))
    page.get_by_role("button", name=words["publish_study"]).click()
    expect(page.locator("#studies")).to_contain_text("needs-assessment.pdf")
    page.locator("#milestones [name=kind]").select_option("call")
    page.locator("#milestones [name=due_date]").fill(
        (timezone.localdate() + timedelta(days=40)).isoformat()
    )
    page.locator("#milestones [name=title_en]").fill("Call published")
    page.locator("#milestones [name=title_fr]").fill("Appel publié")
    page.get_by_role("button", name=words["add_milestone"]).click()
    expect(page.locator("#milestones table")).to_contain_text(
        "Call published" if language == "en" else "Appel publié"
    )
    page.locator("#questions [name=text_en]").fill("How long would 30 letters take?")
    page.locator("#questions [name=text_fr]").fill("Combien de temps pour 30 lettres?")
    page.get_by_role("button", name=words["ask"]).click()
    expect(page.locator("#questions ol")).to_contain_text(
        "How long" if language == "en" else "Combien de temps"
    )
    assert_accessible(page)
    _shot(page, f"{language}-planned-edit")
    page.goto(base + _url(language, "planned_detail", pk=planned.pk))
    page.get_by_role("button", name=words["publish"]).click()
    expect(page.locator(".message")).to_be_visible()

    # A vendor reads it all and answers the question, privately.
    vendor_page = browser.new_context().new_page()
    sign_in(vendor_page, answering.members.get().user, language)
    vendor_page.goto(base + _url(language, "planned_detail", pk=planned.pk))
    main = vendor_page.locator("main")
    expect(main).to_contain_text(words["retro"])
    expect(main).to_contain_text(fields[f"social_aspects_{language}"])
    expect(main.get_by_role("link", name="needs-assessment.pdf")).to_be_visible()
    question = planned.market_questions.get()
    vendor_page.locator(f"[name=answer_{question.pk}]").fill("Six weeks, with a pilot first.")
    assert_accessible(vendor_page)
    _shot(vendor_page, f"{language}-planned-vendor")
    vendor_page.get_by_role("button", name=words["send"], exact=True).click()
    expect(vendor_page.locator(".message, [role=status]").first).to_contain_text(words["sent"])
    assert MarketAnswer.objects.get().text == "Six weeks, with a pilot first."
    expect(vendor_page.locator(f"[name=answer_{question.pk}]")).to_have_value(
        "Six weeks, with a pilot first."
    )

    # Another vendor never sees it.
    other_page = browser.new_context().new_page()
    sign_in(other_page, other.members.get().user, language)
    other_page.goto(base + _url(language, "planned_detail", pk=planned.pk))
    expect(other_page.locator("main")).not_to_contain_text("Six weeks")
    other_page.goto(base + _url(language, "planned_answers", pk=planned.pk))
    expect(other_page.locator("main")).not_to_contain_text("Six weeks")

    # The buyer reads every answer in one place and notes what they learned...
    page.goto(base + _url(language, "planned_detail", pk=planned.pk))
    page.get_by_role("link", name=words["answers"]).click()
    expect(page.locator("main")).to_contain_text("Six weeks, with a pilot first.")
    expect(page.locator("main")).to_contain_text("Plume claire ltée")
    page.locator("[name=market_notes]").fill("Ask for a pilot on five letters.")
    page.get_by_role("button", name=words["save_notes"]).click()
    expect(page.locator("[name=market_notes]")).to_have_value("Ask for a pilot on five letters.")
    assert_accessible(page)
    _shot(page, f"{language}-planned-answers")

    # ...and carries it into the opportunity: the draft starts from the plan.
    page.goto(base + _url(language, "planned_detail", pk=planned.pk))
    page.get_by_role("button", name=words["convert"]).click()
    expect(page).to_have_url(re.compile(r"/\d+/(edit|modifier)/$"))
    expect(page.locator("main")).to_contain_text(words["from_planned"])
    expect(page.locator("main")).to_contain_text("Ask for a pilot on five letters.")
    expect(page.locator("[name=description_fr]")).to_have_value(
        re.compile("Aspects sociaux[\\s\\S]*Testées avec les personnes")
    )
    assert_accessible(page)
    _shot(page, f"{language}-draft-from-planned")
    assert Opportunity.objects.get(planned_purchase=planned).max_budget == 9000


@pytest.mark.parametrize("language", ["en", "fr"])
def test_questions_stop_at_their_deadline(
    live_server, browser, sign_in, assert_accessible, department, language
):
    words = _words(language)
    base = live_server.url
    buyer = make_user(Role.BUYER, department=department)

    # The buyer sets the deadline on the draft: after closing is refused, before is kept.
    draft = ready_draft(owner=buyer)
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(base + _url(language, "opportunity_edit", pk=draft.pk))
    closes = timezone.localtime(draft.closes_at)
    field = page.locator("[name=questions_close_at]")
    field.fill((closes + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=words["save_draft"]).click()
    expect(page.locator(".error-summary")).to_contain_text(words["before_closing"])
    chosen = closes - timedelta(days=1)
    page.locator("[name=questions_close_at]").fill(chosen.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=words["save_draft"]).click()
    expect(page.locator(".error-summary")).to_have_count(0)
    draft.refresh_from_db()
    assert draft.questions_close_at == chosen.replace(second=0, microsecond=0)

    # On an open opportunity, the vendor sees until when questions are taken.
    opportunity = published(owner=buyer)
    vendor = make_user(Role.VENDOR_MEMBER)
    vendor_page = browser.new_context().new_page()
    sign_in(vendor_page, vendor, language)
    detail = base + _url(language, "opportunity_detail", pk=opportunity.pk)
    vendor_page.goto(detail)
    facts = vendor_page.locator("dl.facts--large")
    expect(facts).to_contain_text(words["questions_until"])
    deadline = facts.locator("time").nth(1)  # after the closing time, in the same format
    expect(deadline).to_have_attribute("datetime", machine(opportunity.questions_close_at))
    with translation.override(language):
        shown = long_datetime_in(opportunity.questions_close_at, opportunity.time_zone)
    expect(deadline).to_have_text(shown)
    expect(vendor_page.get_by_role("button", name=words["send_question"])).to_be_visible()
    assert_accessible(vendor_page)
    _shot(vendor_page, f"{language}-questions-open")

    # After it, questions are refused with a clear message; proposals are still accepted.
    Opportunity.objects.filter(pk=opportunity.pk).update(
        questions_close_at=timezone.now() - timedelta(minutes=1)
    )
    vendor_page.goto(detail)
    expect(vendor_page.locator("main")).to_contain_text(words["no_more"])
    expect(vendor_page.get_by_role("button", name=words["send_question"])).to_have_count(0)
    assert_accessible(vendor_page)
    _shot(vendor_page, f"{language}-questions-closed")
    vendor_page.goto(base + _url(language, "question_create", pk=opportunity.pk))
    vendor_page.locator("[name=text]").fill("Is it too late?")
    vendor_page.locator("main form button[type=submit]").click()
    expect(vendor_page.locator(".error-summary")).to_contain_text(words["refused"])
    assert_accessible(vendor_page)
    _shot(vendor_page, f"{language}-question-refused")
    assert not opportunity.questions.exists()
