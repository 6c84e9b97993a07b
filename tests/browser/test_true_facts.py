"""Issue 12 item 7: true facts on every page, in English and French. After award the
opportunity shows the real proposal count; the status filter offers every public state and
finds them; the workspace shows a next action for every state, grouped in journey order;
the dashboard shows an award at once."""

import os

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from payments.services.award import opportunity_award
from tests.evaluations.factories import locked
from tests.opportunities.factories import published, ready_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PORTAL_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def _award(opportunity, buyer, evaluators, members):
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    opportunity_award(opportunity=opportunity, actor=buyer, kind="top")


WORDS = {
    "en": {
        "workspace": "workspace",
        "list": "opportunities",
        "awarded": "Awarded (contract under way or done)",
        "received": "2 proposals received.",
        "groups": ["Draft", "Open", "Awarded"],
        "actions": [
            "Complete and publish",
            "Closes in",
            "Waiting for the vendor to accept the contract",
        ],
        "found": "1 opportunity found",
    },
    "fr": {
        "workspace": "espace-de-travail",
        "list": "occasions",
        "awarded": "Attribuée (contrat en cours ou terminé)",
        "received": "2 propositions reçues.",
        "groups": ["Ébauche", "Ouverte", "Attribuée"],
        "actions": [
            "Compléter et publier",
            "Clôture dans",
            "En attente de l’acceptation du contrat par le fournisseur",
        ],
        "found": "1 occasion trouvée",
    },
}


def test_facts_after_award_in_both_languages(
    live_server, browser, sign_in, assert_accessible, department, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    opportunity, buyer, evaluators, _owners, members = locked(department, [9, 5])
    page = browser.new_context().new_page()
    # The dashboard is visited (its figures cached) before the award...
    page.goto(f"{live_server.url}/en/dashboard/")
    awards = page.locator("dl.facts div", has_text="Awards").locator("dd")
    expect(awards).to_have_text("0")
    _award(opportunity, buyer, evaluators, members)
    # ...and shows it at once, not at the next 15-minute refresh.
    page.reload()
    expect(awards).to_have_text("1")
    page.goto(f"{live_server.url}/fr/tableau-de-bord/")
    expect(page.locator("dl.facts div", has_text="Attributions").locator("dd")).to_have_text("1")

    draft = ready_draft(owner=buyer, title_en="Draft of a survey", title_fr="Ébauche d’un sondage")
    open_one = published(
        owner=buyer, title_en="Open call for a logo", title_fr="Appel pour un logo"
    )
    assert draft.is_draft and open_one.is_open

    sign_in(page, buyer, "en")
    for language, words in WORDS.items():
        # The real proposal count after award (not 0 because none is "submitted" any more).
        page.goto(f"{live_server.url}/{language}/{words['list']}/{opportunity.pk}/")
        expect(page.locator("main")).to_contain_text(words["received"])

        # The status filter offers the awarded state and finds it.
        page.goto(f"{live_server.url}/{language}/{words['list']}/")
        page.locator("#id_status").select_option(label=words["awarded"])
        page.locator("main form[role=search] button[type=submit]").click()
        expect(page.locator("main [role=status]")).to_have_text(words["found"])
        expect(page.locator("main .result-list")).to_contain_text(
            getattr(opportunity, f"title_{language}")
        )
        assert_accessible(page)

        # The workspace: groups in journey order, a next action on every row.
        page.goto(f"{live_server.url}/{language}/{words['workspace']}/")
        headings = page.locator("main h2").all_inner_texts()
        assert headings == words["groups"], headings
        cells = page.locator("main table tbody tr td:last-child").all_inner_texts()
        assert len(cells) == 3
        for cell, expected in zip(cells, words["actions"], strict=True):
            assert cell.startswith(expected), (cell, expected)
        assert_accessible(page)
        _shot(page, f"{language}-workspace.png")
