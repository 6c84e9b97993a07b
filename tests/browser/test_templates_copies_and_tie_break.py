"""Issue 16, items 3 and 6, through the pages in English and French: copy an opportunity to
a new draft; save it as a department template and start a draft from it; a tie for first
settled by the portal's recorded draw, shown at the award, on the ranking and on the public
award notice. axe-core on every page."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from evaluations.models import TieBreakDraw
from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from evaluations.services.draw import verify
from opportunities.models import Opportunity, OpportunityTemplate
from procurement_portal.models import Role
from tests.evaluations.factories import locked
from tests.factories import make_user
from tests.opportunities.factories import published

SHOTS = Path("/tmp/shots/clone")  # noqa: S108 - looked at by hand, not kept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "copy": "Copy to a new draft",
        "copied": "This is a new draft copied from",
        "save_template": "Save as department template",
        "saved": "Buyers of Shared Services Canada can start from it",
        "start_from": "Start from a department template",
        "use": "Start a draft from this template",
        "started": "This draft starts from the template",
        "tie": "tie for first",
        "drawn": "Drawn at random by the portal among",
        "notice": "Tie for first: the random draw",
        "confirm": "Record the decision",
    },
    "fr": {
        "copy": "Copier dans une nouvelle ébauche",
        "copied": "Voici une nouvelle ébauche copiée de",
        "save_template": "Enregistrer comme modèle du ministère",
        "saved": "Les acheteurs de Services partagés Canada peuvent partir de ce modèle",
        "start_from": "Partir d’un modèle du ministère",
        "use": "Créer une ébauche à partir de ce modèle",
        "started": "Cette ébauche part du modèle",
        "tie": "sont à égalité au premier rang",
        "drawn": "Tirée au sort par le portail parmi",
        "notice": "Égalité au premier rang\u00a0: le tirage au sort",
        "confirm": "Consigner la décision",
    },
}


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _url(live_server, name, language, **kwargs):
    with translation.override(language):
        return live_server.url + reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_copy_and_department_templates(
    live_server, browser, sign_in, assert_accessible, department, language
):
    words = WORDS[language]
    buyer = make_user(Role.BUYER, department=department)  # the one holding its TOTP secret
    original = published(owner=buyer)
    page = browser.new_context().new_page()
    sign_in(page, buyer, language)

    # Copy to a new draft: lands on the new draft's form, with the texts, and a message.
    page.goto(_url(live_server, "opportunity_detail", language, pk=original.pk))
    assert_accessible(page)
    page.get_by_role("button", name=words["copy"]).click()
    copy = Opportunity.objects.exclude(pk=original.pk).get()
    expect(page).to_have_url(_url(live_server, "opportunity_edit", language, pk=copy.pk))
    expect(page.locator("main")).to_contain_text(words["copied"])
    expect(page.locator("#id_title_fr")).to_have_value(original.title_fr)
    _shot(page, f"copy-landed-{language}")
    assert_accessible(page)

    # Save the original as a department template.
    page.goto(_url(live_server, "opportunity_detail", language, pk=original.pk))
    page.get_by_role("link", name=words["save_template"]).click()
    page.locator("#id_name_en").fill("Accessibility audit of a web form")
    page.locator("#id_name_fr").fill("Audit d’accessibilité d’un formulaire Web")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(_url(live_server, "template_list", language))
    expect(page.locator("main")).to_contain_text(words["saved"])
    _shot(page, f"template-list-{language}")
    assert_accessible(page)
    template = OpportunityTemplate.objects.get()

    # Start a new draft from it, from the "Draft an opportunity" page.
    page.goto(_url(live_server, "opportunity_create", language))
    page.get_by_role("link", name=words["start_from"]).click()
    page.get_by_role("button", name=words["use"]).click()
    draft = Opportunity.objects.exclude(pk__in=[original.pk, copy.pk]).get()
    expect(page).to_have_url(_url(live_server, "opportunity_edit", language, pk=draft.pk))
    expect(page.locator("main")).to_contain_text(words["started"])
    expect(page.locator("#id_description_fr")).to_have_value(template.description_fr)
    assert draft.criteria.count() == 3
    _shot(page, f"template-started-{language}")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_tie_for_first_is_drawn_by_the_portal(
    live_server, browser, sign_in, assert_accessible, department, language, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    words = WORDS[language]
    opportunity, buyer, evaluators, owners, members = locked(department, [8, 8, 3])
    for index, owner in enumerate(owners):
        vendor = owner.vendor_membership.vendor
        vendor.legal_name = ["Aurore Conseil inc.", "Borée Studio ltée", "Cirrus inc."][index]
        vendor.save(update_fields=["legal_name"])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)

    page = browser.new_context().new_page()
    sign_in(page, buyer, language)
    page.goto(_url(live_server, "evaluation_award", language, pk=opportunity.pk))
    expect(page.locator("main")).to_contain_text(words["tie"])
    _shot(page, f"tie-award-page-{language}")
    assert_accessible(page)
    page.locator("input[name=kind][value=top]").check()
    page.locator("main form button[type=submit]").click()
    # The confirmation does not name a winner: the portal will draw one.
    expect(page.locator(".confirmation__summary")).to_contain_text(words["drawn"])
    assert not TieBreakDraw.objects.exists()
    assert_accessible(page)
    page.locator("button[name=confirm]").click()
    expect(page).to_have_url(_url(live_server, "opportunity_detail", language, pk=opportunity.pk))
    draw = TieBreakDraw.objects.get()
    assert verify(draw) and draw.winner.vendor.legal_name in {
        "Aurore Conseil inc.",
        "Borée Studio ltée",
    }

    # The award page and the chair's ranking show the draw.
    page.goto(_url(live_server, "evaluation_award", language, pk=opportunity.pk))
    expect(page.locator(".tie-break")).to_contain_text(draw.seed)
    chair = browser.new_context().new_page()
    sign_in(chair, evaluators[0], language)
    chair.goto(_url(live_server, "evaluation_ranking", language, pk=opportunity.pk))
    expect(chair.locator(".tie-break")).to_contain_text(draw.winner_label)
    assert_accessible(chair)

    # Anyone reads it on the public award notice, with how to check it.
    public = browser.new_context().new_page()
    public.goto(_url(live_server, "award_notice", language, pk=opportunity.pk))
    section = public.locator(".tie-break")
    expect(section).to_contain_text(words["notice"])
    expect(section).to_contain_text(draw.seed)
    expect(section).to_contain_text(re.compile(r"openssl dgst -sha256 -mac HMAC"))
    loser = next(o for o in owners[:2] if o.vendor_membership.vendor != draw.winner.vendor)
    expect(public.locator("main")).not_to_contain_text(loser.vendor_membership.vendor.legal_name)
    _shot(public, f"tie-award-notice-{language}")
    assert_accessible(public)
