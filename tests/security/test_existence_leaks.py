"""Issue 18, finding 8: what one may not see answers 404, exactly as a missing id does;
an initiative never published is not public; document positions are validated."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.scoring import attest_no_conflict
from opportunities.models import Initiative
from opportunities.services.planned import planned_create
from procurement_portal.models import Role
from tests.evaluations.factories import opened
from tests.factories import make_user
from tests.opportunities.factories import ready_draft

pytestmark = pytest.mark.django_db

MISSING = 999_999


@pytest.fixture
def draft_planned(department):
    buyer = make_user(Role.BUYER, department=department)
    return planned_create(
        actor=buyer, department=department, title_en="Chairs", need_en="Ergonomic chairs"
    )


@pytest.mark.parametrize("role", [None, Role.VENDOR_MEMBER, Role.EVALUATOR])
@pytest.mark.parametrize(
    "name,method",
    [
        ("planned_detail", "get"),
        ("planned_respond", "post"),
        ("planned_publish", "post"),
        ("planned_convert", "post"),
    ],
)
def test_a_draft_planned_purchase_and_its_actions_answer_like_a_missing_one(
    client, draft_planned, role, name, method
):
    if role:
        client.force_login(make_user(role))
    call = getattr(client, method)
    existing = call(reverse(name, kwargs={"pk": draft_planned.pk}), {"interested": "on"})
    missing = call(reverse(name, kwargs={"pk": MISSING}), {"interested": "on"})
    assert existing.status_code == missing.status_code
    if role is None and name != "planned_detail":
        assert existing.status_code == 302  # sign in first
    elif name == "planned_respond" and role != Role.VENDOR_MEMBER:
        assert existing.status_code == 403  # vendors only, refused before any lookup
    else:
        assert existing.status_code == 404


def test_the_department_still_manages_its_draft(client, draft_planned):
    client.force_login(draft_planned.owner)
    assert client.get(reverse("planned_detail", kwargs={"pk": draft_planned.pk})).status_code == 200


def test_someone_elses_evidence_answers_like_a_missing_file(client):
    from tests.vendors.factories import make_vendor, pdf_upload
    from vendors.models import CertificationType
    from vendors.services.certifications import certification_add

    business = make_vendor()
    certification = certification_add(
        vendor=business,
        actor=business.members.get().user,
        kind=CertificationType.objects.get(slug="b-corp"),
        number="B-1",
        issued_on=timezone.localdate(),
        expires_on=None,
        upload=pdf_upload(),
    )
    for role in [Role.VENDOR_MEMBER, Role.BUYER, Role.EVALUATOR]:
        client.force_login(make_user(role))
        existing = client.get(
            reverse("evidence_download", kwargs={"pk": certification.evidence.pk})
        )
        missing = client.get(reverse("evidence_download", kwargs={"pk": MISSING}))
        assert existing.status_code == missing.status_code == 404, role
    client.force_login(business.members.get().user)
    assert (
        client.get(
            reverse("evidence_download", kwargs={"pk": certification.evidence.pk})
        ).status_code
        == 200
    )


def test_an_initiative_never_published_is_not_public(client, department):
    buyer = make_user(Role.BUYER, department=department)
    initiative = Initiative.objects.create(
        department=department, owner=buyer, name_en="Secret plan", name_fr="Plan secret"
    )
    ready_draft(owner=buyer, initiative=initiative, phase="discovery")
    url = reverse("initiative_detail", kwargs={"pk": initiative.pk})
    missing = reverse("initiative_detail", kwargs={"pk": MISSING})
    for role in [None, Role.VENDOR_MEMBER, Role.EVALUATOR, Role.BUYER]:
        client.logout()
        if role:
            client.force_login(make_user(role))
        assert client.get(url).status_code == client.get(missing).status_code == 404, role
    client.force_login(buyer)
    assert client.get(url).status_code == 200


def test_document_positions_are_validated(client, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opportunity, _buyer, evaluators, _owners = opened(department, bidders=1, attach=True)
    member = PanelMember.objects.get(user=evaluators[0])
    attest_no_conflict(member=member, actor=evaluators[0])
    label = Pseudonym.objects.get(opportunity=opportunity).label
    client.force_login(evaluators[0])

    def get(number):
        return client.get(
            reverse(
                "evaluation_document",
                kwargs={"pk": opportunity.pk, "label": label, "number": number},
            )
        )

    assert get(1).status_code == 200
    assert get(0).status_code == 404  # was the last document (a negative index)
    assert get(2).status_code == 404
