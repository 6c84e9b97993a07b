"""Issue 17, item 4: the buyer chooses the clauses against lock-in (intellectual property,
open-source licence, data ownership, privacy); publishing fixes their versions; they show on
the opportunity page, in the contract PDF and in the OCDS release."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from opportunities.clauses import clauses_for
from opportunities.models import CLAUSE_FIELDS, ClauseKind, ContractClause, Opportunity
from opportunities.services.lifecycle import opportunity_publish
from tests.opportunities.factories import published, ready_draft

pytestmark = pytest.mark.django_db


def _clause(kind, option):
    return ContractClause.objects.current().get(kind=kind, option=option)


def test_every_kind_has_bilingual_options_and_one_default():
    current = list(ContractClause.objects.current())
    for kind in ClauseKind:
        options = [c for c in current if c.kind == kind]
        assert len(options) >= 2
        assert sum(c.is_default for c in options) == 1
        assert all(c.title_fr and c.body_fr and c.body_en for c in options)
    licences = {c.spdx for c in current if c.kind == ClauseKind.OPEN_SOURCE}
    assert {"MIT", "Apache-2.0", "GPL-3.0-or-later", ""} <= licences


def test_publishing_fixes_the_choice_and_its_version(department):
    draft = ready_draft(department=department)
    draft.licence_clause = _clause("open_source", "gpl-3-0")
    draft.save(update_fields=["licence_clause"])
    # A newer version of the GPL clause appears before publishing: publishing takes it.
    old = draft.licence_clause
    newer = ContractClause.objects.create(
        kind=old.kind,
        option=old.option,
        version=2,
        title_en=old.title_en,
        title_fr=old.title_fr,
        summary_en=old.summary_en,
        summary_fr=old.summary_fr,
        body_en="Version two of the GPL clause.",
        body_fr="Deuxième version de la clause GPL.",
        spdx=old.spdx,
    )
    opportunity = opportunity_publish(opportunity=draft, actor=draft.owner)
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    assert opportunity.licence_clause == newer
    # The kinds left empty get the defaults.
    assert opportunity.ip_clause.option == "crown-owns"
    assert opportunity.data_clause.option == "crown-owns-data"
    assert opportunity.privacy_clause.option == "privacy-act"
    # A later version does not change what was published.
    ContractClause.objects.create(
        kind=old.kind,
        option=old.option,
        version=3,
        title_en="x",
        title_fr="x",
        summary_en="x",
        summary_fr="x",
        body_en="Version three.",
        body_fr="Troisième version.",
    )
    opportunity.refresh_from_db()
    assert opportunity.licence_clause.version == 2
    assert [c.version for _kind, c in clauses_for(opportunity)][1] == 2


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_draft_form_offers_the_options_with_defaults_and_saves_the_choice(
    client, department, language
):
    from tests.opportunities.test_drafting_views import draft_post

    draft = ready_draft(department=department)
    client.force_login(draft.owner)
    with translation.override(language):
        url = reverse("opportunity_edit", kwargs={"pk": draft.pk})
    response = client.get(url)
    body = response.content.decode()
    mit, crown = _clause("open_source", "mit"), _clause("intellectual_property", "crown-owns")
    form = response.context["form"]
    assert form.initial["licence_clause"] == mit.pk and form.initial["ip_clause"] == crown.pk
    assert re.search(rf'value="{mit.pk}"[^>]*checked', body)
    for words in {
        "en": ["Open-source licence", "MIT licence", "GNU General Public License 3.0"],
        "fr": ["Licence libre", "Licence MIT", "Aucune licence libre"],
    }[language]:
        assert words in body, words
    data = draft_post(
        draft,
        licence_clause=_clause("open_source", "apache-2-0").pk,
        ip_clause=_clause("intellectual_property", "vendor-owns-licence").pk,
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.licence_clause.option == "apache-2-0"
    assert draft.ip_clause.option == "vendor-owns-licence"
    assert draft.data_clause is None  # not posted: the default, fixed when publishing


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_opportunity_page_shows_the_fixed_clauses(client, department, language):
    opportunity = published(department=department)
    with translation.override(language):
        url = opportunity.get_absolute_url()
    body = client.get(url).content.decode()
    words = {
        "en": ["Contract clauses", "The Crown owns the work", "MIT licence", "version 1"],
        "fr": ["Clauses du contrat", "L’État est propriétaire du travail", "Licence MIT"],
    }[language]
    for word in words:
        assert word in body, word


def test_the_contract_pdf_prints_the_clauses_in_both_languages(department):
    from payments.models import Contract
    from payments.services.contracts import contract_render
    from tests.evaluations.factories import awarded

    opportunity, *_ = awarded(department)
    contract = contract_render(Contract.objects.get(opportunity=opportunity).pk)
    with default_storage.open(contract.pdf.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for words in [
        "Intellectual property, licence, data and privacy",
        "The Crown owns the work",
        "MIT licence",
        "The Crown owns the data",
        "Licence MIT",
        "L’État est propriétaire des données",
    ]:
        assert words in text, words


def test_a_draft_shows_what_publishing_would_fix(department):
    draft = ready_draft(department=department)
    assert [c.option for _k, c in clauses_for(draft)] == [
        "crown-owns",
        "mit",
        "crown-owns-data",
        "privacy-act",
    ]
    assert set(CLAUSE_FIELDS.values()) == {
        "ip_clause",
        "licence_clause",
        "data_clause",
        "privacy_clause",
    }
