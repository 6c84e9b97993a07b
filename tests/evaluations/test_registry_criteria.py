"""Issue 17, item 1: responsible-procurement criteria computed from the vendor registry.

Points per claim type the vendor holds verified and unexpired when bids close; computed at
opening, frozen and audited; never scored by the panel; the vendor is told beforehand what
would count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from evaluations.models import PanelMember, Pseudonym, RegistryScore
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.ranking import rank
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.forms import CriterionForm
from opportunities.selectors import what_would_count
from procurement_portal.exceptions import PortalError
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from tests.vendors.factories import pdf_upload
from vendors.models import Certification, CertificationType
from vendors.services.certifications import certification_add
from vendors.services.claims import claim_verify

from .factories import closed_with_bids

pytestmark = pytest.mark.django_db

POINTS = {"eco": 4, "diversity": 3, "innovation": 3}


def add_cert(vendor, owner, slug, *, verify_by=None, file_name="certificate.pdf"):
    certification = certification_add(
        vendor=vendor,
        actor=owner,
        kind=CertificationType.objects.get(slug=slug),
        number="N-778899",
        issued_on=timezone.localdate() - timedelta(days=30),
        expires_on=timezone.localdate() + timedelta(days=300),
        upload=pdf_upload(file_name),
    )
    if verify_by:
        claim_verify(claim=certification, actor=verify_by)
    return certification


def with_claims(department):
    """Bidder 0: verified B Corp (eco) and a self-declared Indigenous certification;
    bidder 1: a verified ISO 14001 that has expired since; bidder 2: no claim."""
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)

    def claims(index, vendor, owner):
        if index == 0:
            add_cert(vendor, owner, "b-corp", verify_by=officer)
            add_cert(vendor, owner, "ccab-cib")
        elif index == 1:
            expired = add_cert(vendor, owner, "iso-14001", verify_by=officer)
            Certification.objects.filter(pk=expired.pk).update(
                expires_on=timezone.localdate() - timedelta(days=1)
            )

    opportunity, buyer, evaluators, owners = closed_with_bids(
        department, bidders=3, registry=POINTS, before_close=claims
    )
    return opportunity, buyer, evaluators, owners, officer


def _score_of(owner, criterion):
    proposal = owner.vendor_membership.vendor.proposals.get()
    return RegistryScore.objects.get(proposal=proposal, criterion=criterion).score


def test_points_are_computed_at_opening_frozen_and_audited(department):
    opportunity, _buyer, _evaluators, owners, officer = with_claims(department)
    criterion = opportunity.criteria.registry().get()
    assert not RegistryScore.objects.exists()  # nothing before opening
    evaluation_open(opportunity=opportunity)
    assert [_score_of(owner, criterion) for owner in owners] == [4, 0, 0]
    entry = AuditEntry.objects.get(action="evaluation.registry_scores")
    labels = set(Pseudonym.objects.values_list("label", flat=True))
    assert set(entry.details["scores"]) == labels
    text = str(entry.details)
    assert "B Corp" not in text and "N-778899" not in text and "certificate.pdf" not in text
    # Verified after opening: the closed evaluation does not move.
    late = Certification.objects.get(kind__slug="ccab-cib")
    claim_verify(claim=late, actor=officer)
    evaluation_open(opportunity=opportunity)  # harmless repeat
    assert _score_of(owners[0], criterion) == 4
    assert RegistryScore.objects.count() == 3


def test_the_panel_does_not_score_registry_criteria_and_the_ranking_counts_them(client, department):
    opportunity, _buyer, evaluators, owners, _officer = with_claims(department)
    evaluation_open(opportunity=opportunity)
    registry = opportunity.criteria.registry().get()
    panel = list(opportunity.criteria.panel_scored())
    assert registry not in panel and panel
    members = [PanelMember.objects.get(user=user) for user in evaluators]
    proposals = [owner.vendor_membership.vendor.proposals.get() for owner in owners]
    attest_no_conflict(member=members[0], actor=evaluators[0])
    with pytest.raises(PortalError, match="not scored by evaluators"):
        scores_save(
            member=members[0],
            proposal=proposals[0],
            actor=evaluators[0],
            scores={registry.pk: (10, "")},
        )
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
        for proposal in proposals:
            scores_save(
                member=member,
                proposal=proposal,
                actor=user,
                scores={c.pk: (6, "") for c in panel},
            )
            scores_submit(member=member, proposal=proposal, actor=user)
    # The consensus page shows the computed points read-only; its form has no field for them.
    client.force_login(evaluators[0])
    label = proposals[0].pseudonym.label
    page = client.get(
        reverse("evaluation_consensus", kwargs={"pk": opportunity.pk, "label": label})
    )
    text = page.content.decode()
    assert "Computed from the vendor registry" in text and "4/10 points" in text
    assert f'name="s_{registry.pk}"' not in text and f'name="s_{panel[0].pk}"' in text
    for proposal in proposals:
        consensus_record(
            member=members[0],
            actor=evaluators[0],
            proposal=proposal,
            scores={c.pk: (6, "Agreed") for c in panel},
        )
    evaluation_lock(member=members[0], actor=evaluators[0])
    rows = {row.proposal_id: row for row in rank(opportunity)}
    first = rows[proposals[0].pk]
    assert first.points[registry.pk] == registry.weight * 4 / 10  # 4/10 of the weight
    assert rows[proposals[2].pk].points[registry.pk] == 0
    assert first.total > rows[proposals[2].pk].total
    ranking = client.get(reverse("evaluation_ranking", kwargs={"pk": opportunity.pk}))
    assert f"{registry.weight * 4 / 10:.2f}" in ranking.content.decode()


def test_the_vendor_sees_what_would_count_before_submitting(department):
    opportunity, _buyer, _evaluators, owners, _officer = with_claims(department)
    (count,) = what_would_count(opportunity, owners[0].vendor_membership.vendor)
    assert count.score == 4
    rows = {row.badge: row for row in count.rows}
    assert rows["eco"].earned and not rows["diversity"].earned
    (self_declared,) = rows["diversity"].claims
    assert not self_declared.counts and "Self-declared" in self_declared.why_not
    (expired_count,) = what_would_count(opportunity, owners[1].vendor_membership.vendor)
    (expired,) = [row for row in expired_count.rows if row.badge == "eco"][0].claims
    assert not expired.counts and "Expired" in expired.why_not
    assert expired_count.score == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_tell_the_vendor_and_show_evaluators_points_only(client, department, language):
    opportunity, _buyer, evaluators, owners, _officer = with_claims(department)
    heading = {"en": "What would count for you", "fr": "Ce qui compterait pour vous"}[language]
    client.force_login(owners[0])
    with translation.override(language):
        detail = reverse("opportunity_detail", kwargs={"pk": opportunity.pk})
    page = client.get(detail).content.decode()
    assert heading in page
    assert {"en": "Certified B Corporation", "fr": "Entreprise certifiée B Corp"}[language] in page
    evaluation_open(opportunity=opportunity)
    label = owners[0].vendor_membership.vendor.proposals.get().pseudonym.label
    client.force_login(evaluators[0])
    with translation.override(language):
        url = reverse("evaluation_proposal", kwargs={"pk": opportunity.pk, "label": label})
    page = client.get(url).content.decode()
    assert "4/10" in page
    secrets_ = ["B Corp", "B Lab", "N-778899", "certificate.pdf", "Certified Indigenous"]
    for secret in [*secrets_, "autochtone certifiée"]:
        assert secret not in page


def test_the_criterion_form_checks_the_points():
    base = {
        "name_en": "Responsible procurement",
        "name_fr": "Approvisionnement responsable",
        "weight": 10,
        "min_score": 0,
        "kind": "registry",
    }
    none = CriterionForm({**base, "points_eco": 0, "points_diversity": 0, "points_innovation": 0})
    assert not none.is_valid() and "points_eco" in none.errors
    over = CriterionForm({**base, "points_eco": 6, "points_diversity": 5, "points_innovation": 0})
    assert not over.is_valid() and "points_eco" in over.errors
    price = CriterionForm({**base, "is_price": "on", "points_eco": 5, "points_diversity": 0})
    assert not price.is_valid() and "kind" in price.errors
    good = CriterionForm({**base, "points_eco": 5, "points_diversity": 3, "points_innovation": 2})
    assert good.is_valid(), good.errors
    panel = CriterionForm({**base, "kind": "panel", "points_eco": 5, "points_diversity": 0})
    assert panel.is_valid() and panel.cleaned_data["points_eco"] == 0
