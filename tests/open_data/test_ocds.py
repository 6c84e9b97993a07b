import json

import pytest
from django.urls import reverse
from ocdskit.combine import merge

from open_data.models import Release
from open_data.ocds import EXTENSIONS, ocid_for, release_schema
from opportunities.services.addenda import addendum_post
from opportunities.services.lifecycle import opportunity_cancel
from tests.opportunities.factories import published

from .factories import full_journey

pytestmark = pytest.mark.django_db


def test_a_release_per_public_change_in_order(department, client, ocds_validator):
    opportunity, buyer, owners, payment = full_journey(department)
    ocid = ocid_for(opportunity.pk)
    releases = list(Release.objects.filter(ocid=ocid).order_by("date", "pk"))
    assert [r.tag for r in releases] == [
        "tender",
        "award",
        "contract",
        "implementation",
        "contractTermination",
    ]
    assert [r.date for r in releases] == sorted({r.date for r in releases})  # unique, ordered
    package = client.get(reverse("ocds_release_package", kwargs={"ocid": ocid})).json()
    ocds_validator("release-package", package)
    last = package["releases"][-1]
    assert last["tender"]["title_fr"] == opportunity.title_fr  # language variation
    assert last["tender"]["numberOfTenderers"] == 2
    award = last["awards"][0]
    winner = owners[0].vendor_membership.vendor
    assert award["suppliers"][0]["name"] == winner.legal_name
    assert award["value"] == {"amount": float(opportunity.awarded_amount), "currency": "CAD"}
    supplier = next(p for p in last["parties"] if p["id"] == award["suppliers"][0]["id"])
    assert supplier["details"]["scale"] in {"micro", "sme"}
    contract = last["contracts"][0]
    assert contract["status"] == "terminated" and contract["dateSigned"]
    transaction = contract["implementation"]["transactions"][0]
    assert transaction["id"] == payment.number
    assert transaction["value"]["amount"] == float(payment.amount)


def test_record_compiles_like_ocdskit(department, client, ocds_validator):
    opportunity, *_ = full_journey(department)
    ocid = ocid_for(opportunity.pk)
    record_package = client.get(reverse("ocds_record_package", kwargs={"ocid": ocid})).json()
    ocds_validator("record-package", record_package)
    releases = client.get(reverse("ocds_release_package", kwargs={"ocid": ocid})).json()["releases"]
    expected = next(merge([{"releases": releases}], return_package=True, schema=release_schema()))
    ours = record_package["records"][0]["compiledRelease"]
    assert ours == expected["records"][0]["compiledRelease"]
    assert ours["tag"] == ["compiled"] and ours["contracts"][0]["status"] == "terminated"
    assert len(record_package["records"][0]["releases"]) == 5


def test_amendments_and_cancellation(department, client, ocds_validator):
    opportunity = published()
    addendum_post(
        opportunity=opportunity,
        actor=opportunity.owner,
        text_en="The deadline moves.",
        text_fr="La date limite change.",
    )
    opportunity_cancel(
        opportunity=opportunity, actor=opportunity.owner, reason="Need met another way."
    )
    package = client.get(
        reverse("ocds_release_package", kwargs={"ocid": ocid_for(opportunity.pk)})
    ).json()
    ocds_validator("release-package", package)
    assert [r["tag"] for r in package["releases"]] == [
        ["tender"],
        ["tenderAmendment"],
        ["tenderCancellation"],
    ]
    amendment = package["releases"][1]["tender"]["amendments"][0]
    assert amendment["description_fr"] == "La date limite change."
    assert package["releases"][2]["tender"]["status"] == "cancelled"


def test_bulk_package_streams_every_release(department, client, ocds_validator):
    full_journey(department)
    opportunity = published()
    response = client.get(reverse("ocds_bulk"))
    assert response.streaming and response["Access-Control-Allow-Origin"] == "*"
    package = json.loads(b"".join(response.streaming_content))
    ocds_validator("release-package", package)
    assert len(package["releases"]) == Release.objects.count() == 6
    assert package["releases"][-1]["ocid"] == ocid_for(opportunity.pk)


def test_unknown_ocid_is_404(client):
    assert client.get(reverse("ocds_release_package", kwargs={"ocid": "nope"})).status_code == 404
    assert client.get(reverse("ocds_record_package", kwargs={"ocid": "nope"})).status_code == 404


def test_the_validator_catches_a_broken_release(department, client, ocds_validator):
    opportunity = published()
    package = client.get(
        reverse("ocds_release_package", kwargs={"ocid": ocid_for(opportunity.pk)})
    ).json()
    del package["releases"][0]["ocid"]
    package["releases"][0]["tender"]["value"]["amount"] = "a lot"
    with pytest.raises(AssertionError, match="ocid"):
        ocds_validator("release-package", package)


def test_backfill_gives_older_opportunities_a_release(department):
    from django.core.management import call_command

    opportunity = published()
    Release.objects.all().delete()
    call_command("ocds_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("ocds_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Release.objects.values_list("ocid", "tag")) == [
        (ocid_for(opportunity.pk), "tender")
    ]


def _assert_cove_accepts(report):
    assert report["validation_errors"] == []
    assert report["additional_checks"] == {}  # no empty field, object or array
    # Every field is in the schema or a declared extension, except French language variations
    # (OCDS's field_fr convention, which the 1.1 schema does not list field by field).
    assert {
        f["field"] for f in report["additional_fields"] if not f["field"].endswith("_fr")
    } == set(), report["additional_fields"]
    assert report["additional_closed_codelist_values"] == {}
    assert report["extensions"]["invalid_extensions"] == []
    assert [e["url"] for e in report["extensions"]["extensions"]] == EXTENSIONS


def test_libcoveocds_accepts_every_package_kind(department, client, cove):
    opportunity, *_ = full_journey(department)
    cancelled = published()
    opportunity_cancel(opportunity=cancelled, actor=cancelled.owner, reason="No longer needed.")
    ocid = ocid_for(opportunity.pk)
    for name in ("ocds_release_package", "ocds_record_package"):
        _assert_cove_accepts(cove(client.get(reverse(name, kwargs={"ocid": ocid})).json()))
    bulk = json.loads(b"".join(client.get(reverse("ocds_bulk")).streaming_content))
    report = cove(bulk)
    _assert_cove_accepts(report)
    assert report["count"] == 7  # five releases of the journey, two of the cancelled one


def test_libcoveocds_reports_what_we_no_longer_publish(department, client, cove):
    """The outside validator can fail: an empty array, an undeclared extension."""
    package = client.get(
        reverse("ocds_release_package", kwargs={"ocid": ocid_for(published().pk)})
    ).json()
    package["releases"][0]["tender"]["amendments"] = []
    del package["extensions"]
    package["releases"][0]["parties"][0]["details"] = {"scale": "sme"}
    report = cove(package)
    assert report["additional_checks"]["empty_field"]
    assert report["additional_fields"][0]["field"] == "scale"


def test_release_urls_do_not_depend_on_the_language(department, client):
    """A payment recorded by a card holder browsing in French gives the same release as one
    browsing in English: no /en/ or /fr/ address inside releases."""
    from django.utils import translation

    with translation.override("fr"):
        opportunity, *_ = full_journey(department)
    for release in Release.objects.filter(ocid=ocid_for(opportunity.pk)):
        text = json.dumps(release.data)
        assert "/fr/" not in text and "/en/" not in text, release.tag
    transaction = Release.objects.get(ocid=ocid_for(opportunity.pk), tag="implementation").data[
        "contracts"
    ][0]["implementation"]["transactions"][0]
    assert transaction["source"].endswith(
        reverse("ocds_record_package", kwargs={"ocid": ocid_for(opportunity.pk)})
    )


def test_a_tie_break_draw_is_published_in_the_award_and_can_be_rerun(
    department, client, ocds_validator
):
    import re

    from evaluations.models import TieBreakDraw
    from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
    from evaluations.services.draw import draw_order
    from tests.evaluations.factories import locked

    opportunity, buyer, evaluators, owners, members = locked(department, [7, 7])
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    draw = TieBreakDraw.objects.get()
    ocid = ocid_for(opportunity.pk)
    package = client.get(reverse("ocds_release_package", kwargs={"ocid": ocid})).json()
    ocds_validator("release-package", package)
    award = package["releases"][-1]["awards"][0]
    assert "tied for first" in award["description"] and "à égalité" in award["description_fr"]
    # Everything needed to re-run the draw is in the published text, and it gives the winner.
    seed = re.search(r"Seed: ([0-9a-f]{64})", award["description"]).group(1)
    labels = re.search(r"proposals (.+?) tied", award["description"]).group(1).split(", ")
    winner = re.search(r"winner, (\w+),", award["description"]).group(1)
    assert seed == draw.seed and sorted(labels) == draw.labels
    assert draw_order(seed, labels)[0].label == winner == draw.winner_label
    assert award["suppliers"][0]["name"] == draw.winner.vendor.legal_name


def test_the_tender_carries_the_clauses_against_lock_in(department, client, ocds_validator):
    opportunity = published(department=department)
    ocid = ocid_for(opportunity.pk)
    package = client.get(reverse("ocds_release_package", kwargs={"ocid": ocid})).json()
    ocds_validator("release-package", package)
    documents = package["releases"][-1]["tender"]["documents"]
    references = {d["id"] for d in documents}
    assert references == {
        "intellectual_property/crown-owns/v1",
        "open_source/mit/v1",
        "data_ownership/crown-owns-data/v1",
        "privacy/privacy-act/v1",
    }
    assert all(d["documentType"] == "contractSchedule" for d in documents)
    licence = next(d for d in documents if d["id"].startswith("open_source"))
    assert (
        "SPDX: MIT" in licence["description"]
        and licence["title_fr"] == "Licence libre\u00a0: Licence MIT"
    )
