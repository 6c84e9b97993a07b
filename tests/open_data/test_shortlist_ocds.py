"""Shortlist, then demonstration in open data: OCDS 1.1 has no place for a second stage's
criteria and the portal's schema has no secondStage extension, so both are said in words."""

import pytest
from django.utils import timezone

from open_data.ocds import build_release
from tests.opportunities.factories import published

pytestmark = pytest.mark.django_db

TWO_STAGES = {"shortlist_size": 2, "demonstration_weight": 40}


def test_open_data_says_both_stages_and_the_shortlist(department, ocds_validator):
    opportunity = published(department=department, **TWO_STAGES)
    release = build_release(opportunity, tag="tender", release_id="t", date=timezone.now())
    tender = release["tender"]
    assert "top 2 written proposal(s) are shortlisted" in tender["submissionMethodDetails"]
    assert "Les 2 meilleures" in tender["submissionMethodDetails_fr"]
    assert tender["awardCriteriaDetails"].startswith("Written proposal (60%): Approach 50%")
    assert (
        "Demonstration (40%): Live demonstration 60%; Team 40%" in (tender["awardCriteriaDetails"])
    )
    ocds_validator("release", release)
