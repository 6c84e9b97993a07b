"""Issue 15: a public row's stamp changes when the row is written (save, delete, and again
on commit), and only then: what is kept under it (a result card) outlives other changes."""

import pytest

from procurement_portal.models import Role
from procurement_portal.row_stamps import stamps
from tests.factories import make_user
from tests.opportunities.factories import published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_cache_on")]
LABEL = "opportunities.opportunity"


def test_a_write_changes_the_rows_stamp_and_no_other(department):
    buyer = make_user(Role.BUYER, department=department)
    first, second = published(owner=buyer), published(owner=buyer)
    before = stamps(LABEL, [first.pk, second.pk])
    first.title_en = "Changed"
    first.save(update_fields=["title_en"])
    after = stamps(LABEL, [first.pk, second.pk])
    assert after[first.pk] not in ("", before[first.pk])
    assert after[second.pk] == before[second.pk]


def test_the_stamp_changes_again_when_the_transaction_commits(
    department, django_capture_on_commit_callbacks
):
    opportunity = published(owner=make_user(Role.BUYER, department=department))
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.save(update_fields=["title_en"])
        during = stamps(LABEL, [opportunity.pk])[opportunity.pk]
    # A card rendered from the old row before the commit was kept under `during`.
    assert stamps(LABEL, [opportunity.pk])[opportunity.pk] != during


def test_a_row_never_written_has_no_stamp_and_the_cache_off_writes_none(settings, department):
    assert stamps(LABEL, [123_456]) == {123_456: ""}
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    opportunity = published(owner=make_user(Role.BUYER, department=department))
    assert stamps(LABEL, [opportunity.pk]) == {opportunity.pk: ""}
