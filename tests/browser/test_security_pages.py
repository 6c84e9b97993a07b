"""Issue 18's changed pages, walked in English and French with axe-core: the ranking and the
consensus wait for one's own scores (blind scoring); a comment with a card number says so;
an upload over the request limit gets the 413 page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.services.planned import planned_create, planned_publish
from procurement_portal.models import Role
from tests.evaluations.factories import opened
from tests.factories import make_user
from tests.vendors.factories import make_vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/portal-screenshots")  # noqa: S108 - looked at by hand, not kept


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_blind_pages(live_server, browser, sign_in, assert_accessible, department, language):
    opportunity, _buyer, evaluators, _owners = opened(department, bidders=1, panel=2)
    chair, second = (PanelMember.objects.get(user=u) for u in evaluators)
    proposal = Pseudonym.objects.get(opportunity=opportunity).proposal
    criteria = list(opportunity.criteria.filter(is_price=False))
    for member, user in [(chair, evaluators[0]), (second, evaluators[1])]:
        attest_no_conflict(member=member, actor=user)
    scores_save(
        member=chair,
        proposal=proposal,
        actor=evaluators[0],
        scores={c.pk: (9, "Chair-private-comment") for c in criteria},
    )
    scores_submit(member=chair, proposal=proposal, actor=evaluators[0])
    page = browser.new_context().new_page()
    sign_in(page, evaluators[1], language)
    ranking = "classement" if language == "fr" else "ranking"
    page.goto(f"{live_server.url}/{language}/evaluations/{opportunity.pk}/{ranking}/")
    expect(page.locator("main")).to_contain_text(
        "vos propres notes" if language == "fr" else "your own scores"
    )
    assert "Chair-private-comment" not in page.content()
    assert_accessible(page)
    _shot(page, f"ranking-blind-{language}")
    label = proposal.pseudonym.label
    segment = "propositions" if language == "fr" else "proposals"
    page.goto(
        f"{live_server.url}/{language}/evaluations/{opportunity.pk}/{segment}/{label}/consensus/"
    )
    expect(page).to_have_url(re.compile(rf"/{segment}/{label}/$"))
    expect(page.locator("main")).to_contain_text(
        "Soumettez d’abord vos propres notes" if language == "fr" else "Submit your own scores"
    )
    assert "Chair-private-comment" not in page.content()
    assert_accessible(page)
    _shot(page, f"consensus-redirect-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_card_number_in_a_comment_is_said(
    live_server, browser, sign_in, assert_accessible, department, language
):
    buyer = make_user(Role.BUYER, department=department)
    planned = planned_publish(
        planned=planned_create(
            actor=buyer,
            department=department,
            title_en="Chairs",
            title_fr="Chaises",
            need_en="Chairs",
            need_fr="Chaises",
        ),
        actor=buyer,
    )
    vendor = make_user(Role.VENDOR_MEMBER)
    page = browser.new_context().new_page()
    sign_in(page, vendor, language)
    path = "projets-achat" if language == "fr" else "planned-purchases"
    page.goto(f"{live_server.url}/{language}/{path}/{planned.pk}/")
    page.locator("textarea[name=comment]").fill("Payez avec 4111.1111.1111.1111")
    page.locator("textarea[name=comment]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    expect(page.locator("main")).to_contain_text(
        "numéro de carte" if language == "fr" else "payment card number"
    )
    assert_accessible(page)
    _shot(page, f"planned-card-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_oversized_upload_gets_the_413_page(
    live_server, browser, sign_in, assert_accessible, settings, tmp_path, language
):
    settings.PORTAL_MAX_REQUEST_BYTES = 4096
    settings.MEDIA_ROOT = tmp_path
    owner = make_vendor().members.get().user
    big = tmp_path / "evidence.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 20_000)
    page = browser.new_context().new_page()
    sign_in(page, owner, language)
    path = (
        "mon-entreprise/certifications/nouvelle/"
        if language == "fr"
        else "my-business/certifications/new/"
    )
    page.goto(f"{live_server.url}/{language}/{path}")
    page.locator("input[type=file]").set_input_files(str(big))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(
        "Les fichiers sont trop volumineux" if language == "fr" else "The files are too large"
    )
    assert_accessible(page)
    _shot(page, f"413-{language}")
