"""The leak test: as each evaluator and as the buyer, before the reveal, crawl every link
reachable from the evaluation workspace and request every URL pattern of the evaluations
app; no identifying string may appear in any body, header or file (CSV, XLSX, documents)."""

import io
import re
import zipfile
from collections import deque

import pytest
from django.urls import URLPattern, reverse

from evaluations.models import PanelMember, Pseudonym
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from tests.vendors.factories import business_number

from .factories import opened

pytestmark = pytest.mark.django_db

VENDOR_FIELDS = {
    0: {
        "legal_name": "Zyxwquartz Holdings Inc.",
        "operating_name": "Zyxwquartz",
        "website": "https://zyxwquartz.example",
        "phone": "613-555-0199",
        "business_number": business_number(47474747),
        "file_name": "Zyxwquartz-CV.pdf",
        "answer": "A careful plan in three steps.",
    },
    1: {
        "legal_name": "Plumbatrix Ltd.",
        "operating_name": "Plumbatrix",
        "website": "https://plumbatrix.example",
        "phone": "613-555-0142",
        "business_number": business_number(58585858),
        "file_name": "plumbatrix offer.pdf",
        "answer": "Another plan.",
    },
}


def evaluation_urls(opportunity):
    """Every URL pattern of the evaluations app, filled with this evaluation's objects."""
    labels = list(Pseudonym.objects.filter(opportunity=opportunity).values_list("label", flat=True))
    urls = set()
    module = __import__("evaluations.urls", fromlist=["urlpatterns"])
    for pattern in module.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = set(pattern.pattern.converters)
        for language in ["en", "fr"]:
            from django.utils import translation

            with translation.override(language):
                if not names:
                    urls.add(reverse(pattern.name))
                elif names == {"pk"}:
                    urls.add(reverse(pattern.name, kwargs={"pk": opportunity.pk}))
                elif names == {"pk", "label"}:
                    urls |= {
                        reverse(pattern.name, kwargs={"pk": opportunity.pk, "label": label})
                        for label in labels
                    }
                elif names == {"pk", "label", "number"}:
                    urls |= {
                        reverse(
                            pattern.name, kwargs={"pk": opportunity.pk, "label": label, "number": 1}
                        )
                        for label in labels
                    }
    return urls


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # an XLSX is a zip of XML files: read them all
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    return body.decode("latin-1") + str(response.headers)


@pytest.mark.parametrize("variants", [None, {0: 2}], ids=["base proposals", "with variants"])
def test_no_identity_reaches_evaluators_or_the_buyer_before_the_reveal(
    client, department, settings, tmp_path, variants
):
    """With variants too (issue 16): a business's variants are proposals of their own, with
    independent random pseudonyms; nothing tells evaluators which proposal is a variant, let
    alone whose, so they cannot group one business's proposals."""
    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=2, attach=True, vendor_fields=VENDOR_FIELDS, variants=variants
    )
    if variants:
        assert Pseudonym.objects.filter(opportunity=opportunity).count() == 4
    criteria = list(opportunity.criteria.filter(is_price=False))
    members = [PanelMember.objects.get(user=e) for e in evaluators]
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
        for pseudonym in Pseudonym.objects.filter(opportunity=opportunity):
            scores_save(
                member=member,
                proposal=pseudonym.proposal,
                actor=user,
                scores={c.pk: (6, "fine") for c in criteria},
            )
            scores_submit(member=member, proposal=pseudonym.proposal, actor=user)
    secrets_ = [
        "Zyxwquartz",
        "zyxwquartz",
        "Plumbatrix",
        "plumbatrix",
        "613-555-0199",
        "613-555-0142",
        "Jane Secret",
        "ACME",
        *[o.email for o in owners],
        *[o.full_name for o in owners],
        *[o.vendor_membership.vendor.business_number for o in owners],
        # Whether a proposal is a variant, and of which base: not before the reveal.
        *(
            [
                f"{word} {n}"
                for word in ("variant", "Variant", "variante", "Variante")
                for n in (1, 2)
            ]
            if variants
            else []
        ),
    ]
    for user in [*evaluators, buyer]:
        seen = crawl(client, user, opportunity, secrets_)
        assert any("/propositions/" in url or "/proposals/" in url for url in seen)
        assert any("format=xlsx" in url for url in seen) or user == buyer


def crawl(client, user, opportunity, secrets_) -> set[str]:
    """Every page and file reachable by `user` from the workspace: none holds a secret."""
    client.force_login(user)
    seen, queue = (
        set(),
        deque(["/en/evaluations/", "/fr/evaluations/", *evaluation_urls(opportunity)]),
    )
    while queue:
        url = queue.popleft()
        if url in seen or len(seen) > 200:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404, 405), (url, response.status_code)
        text = text_of(response)
        for secret in secrets_:
            assert secret not in text, (user.email, url, secret)
        if response.get("Content-Type", "").startswith("text/html"):
            for link in re.findall(r'href="(/(?:en|fr)/evaluations/[^"#]*)"', text):
                queue.append(link.replace("&amp;", "&"))
    return seen


def test_a_shortlist_names_only_the_shortlisted_and_the_others_never(
    client, department, settings, tmp_path
):
    """Issue 16, shortlist then demonstration: nothing of any business before the shortlist;
    from it on the shortlisted are named (for their invitation), and the others stay
    unrevealed for good — at the demonstration stage, after the final reveal, after award."""
    from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
    from evaluations.services.shortlist import demonstration_score, shortlist_make

    from .factories import locked

    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, evaluators, owners, members = locked(
        department, [9, 5, 4], shortlist_size=1, demonstration_weight=30
    )
    names = ["Zyxwquartz Holdings Inc.", "Plumbatrix Ltd.", "Quillfeather Corp."]
    for owner, name in zip(owners, names, strict=True):
        vendor = owner.vendor_membership.vendor
        vendor.legal_name, vendor.operating_name = name, name.split()[0]
        vendor.save(update_fields=["legal_name", "operating_name"])
    others = [
        *[word for name in names[1:] for word in (name, name.split()[0])],
        *[o.email for o in owners[1:]],
        *[o.full_name for o in owners[1:]],
        *[o.vendor_membership.vendor.business_number for o in owners[1:]],
    ]
    everyone = [*others, names[0], "Zyxwquartz", owners[0].email]
    for user in [*evaluators, buyer]:  # locked, before the shortlist: no one
        crawl(client, user, opportunity, everyone)
    shortlist_make(member=members[0], actor=evaluators[0])
    client.force_login(evaluators[0])
    assert "Zyxwquartz" in text_of(
        client.get(reverse("evaluation_ranking", args=[opportunity.pk]))
    )  # the shortlisted is named, to be invited
    for user in [*evaluators, buyer]:
        crawl(client, user, opportunity, others)
    proposal = owners[0].vendor_membership.vendor.proposals.get()
    demonstration_score(
        member=members[0],
        actor=evaluators[0],
        proposal=proposal,
        scores={c.pk: (8, "Clear") for c in opportunity.criteria.demonstration()},
    )
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    for user in [*evaluators, buyer]:
        crawl(client, user, opportunity, others)
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    for user in [*evaluators, buyer]:
        crawl(client, user, opportunity, others)


def test_a_tie_for_first_reveals_nothing_before_the_reveal(client, department, settings, tmp_path):
    """The tie-break draw happens at the award, after the reveal: before it, the award and
    ranking pages of a tied evaluation name no one and no draw exists; the public award
    notice afterwards names the winner only, the other tied bidder by pseudonym."""
    from evaluations.models import TieBreakDraw
    from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
    from procurement_portal.exceptions import TransitionNotAllowed

    from .factories import locked

    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, evaluators, owners, members = locked(department, [7, 7])
    names = ["Zyxwquartz Holdings Inc.", "Plumbatrix Ltd."]
    for owner, name in zip(owners, names, strict=True):
        vendor = owner.vendor_membership.vendor
        vendor.legal_name, vendor.operating_name = name, name.split()[0]
        vendor.save(update_fields=["legal_name", "operating_name"])
    with pytest.raises(TransitionNotAllowed):
        award_decide(opportunity=opportunity, actor=buyer, kind="top")
    assert not TieBreakDraw.objects.exists()
    pages = [
        reverse("evaluation_award", args=[opportunity.pk]),
        reverse("evaluation_ranking", args=[opportunity.pk]),
        reverse("evaluation_home", args=[opportunity.pk]),
    ]
    for user in [*evaluators, buyer]:
        client.force_login(user)
        for url in pages:
            text = text_of(client.get(url))
            for secret in ["Zyxwquartz", "Plumbatrix"]:
                assert secret not in text, (user.email, url, secret)
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    award_decide(opportunity=opportunity, actor=buyer, kind="top")
    draw = TieBreakDraw.objects.get()
    client.logout()
    notice = text_of(client.get(reverse("award_notice", args=[opportunity.pk])))
    winner = draw.winner.vendor.legal_name
    loser = next(name for name in names if name != winner)
    assert winner in notice and loser not in notice and loser.split()[0] not in notice
    assert all(label in notice for label in draw.labels)


def test_past_performance_never_reaches_evaluators(client, department, settings, tmp_path):
    """A bidder's assessed performance on an earlier contract (issue 17) is for public
    servants choosing vendors, never for the panel: no rating, comment or response."""
    from opportunities.models import OpportunityStatus
    from payments.services.performance import assessment_record, assessment_respond
    from tests.payments.factories import quick_contract

    settings.MEDIA_ROOT = tmp_path
    opportunity, buyer, evaluators, owners = opened(
        department, bidders=2, vendor_fields=VENDOR_FIELDS
    )
    vendor = owners[0].vendor_membership.vendor
    contract, past_buyer = quick_contract(
        department, vendor=vendor, status=OpportunityStatus.COMPLETE
    )
    assessment = assessment_record(
        contract=contract,
        actor=past_buyer,
        on_time=1,
        quality=2,
        communication=1,
        comments="Grumblewort missed every deadline",
    )
    assessment_respond(assessment=assessment, actor=owners[0], response="Snorkelbax replied")
    secrets_ = [
        "Grumblewort",
        "Snorkelbax",
        "Did not meet expectations",
        "N’a pas répondu aux attentes",
        "Performance on past contracts",
        "Rendement lors des contrats antérieurs",
        contract.number,
    ]
    for user in [*evaluators, buyer]:
        assert crawl(client, user, opportunity, secrets_)


def test_registry_criterion_shows_points_never_the_claims(client, department, settings, tmp_path):
    """Issue 17: a responsible-procurement criterion computed from the registry. Evaluators
    and the buyer see the points per pseudonym; never the claims, the certifications, their
    bodies, numbers or the evidence's file names."""
    from datetime import timedelta

    from django.utils import timezone

    from procurement_portal.models import Role
    from tests.factories import make_user
    from tests.vendors.factories import pdf_upload
    from vendors.models import CertificationType
    from vendors.services.certifications import certification_add
    from vendors.services.claims import claim_verify

    settings.MEDIA_ROOT = tmp_path
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    kinds = ["b-corp", "ccab-cib"]

    def claims(index, vendor, owner):
        certification = certification_add(
            vendor=vendor,
            actor=owner,
            kind=CertificationType.objects.get(slug=kinds[index]),
            number=f"CERT-QX{index}9917",
            issued_on=timezone.localdate() - timedelta(days=10),
            expires_on=None,
            upload=pdf_upload(f"Zyxw-evidence-{index}.pdf"),
        )
        claim_verify(claim=certification, actor=officer)

    opportunity, buyer, evaluators, owners = opened(
        department,
        bidders=2,
        vendor_fields=VENDOR_FIELDS,
        registry={"eco": 5, "diversity": 5},
        before_close=claims,
    )
    criteria = list(opportunity.criteria.panel_scored())
    members = [PanelMember.objects.get(user=e) for e in evaluators]
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
        for pseudonym in Pseudonym.objects.filter(opportunity=opportunity):
            scores_save(
                member=member,
                proposal=pseudonym.proposal,
                actor=user,
                scores={c.pk: (6, "fine") for c in criteria},
            )
            scores_submit(member=member, proposal=pseudonym.proposal, actor=user)
    kinds_named = CertificationType.objects.filter(slug__in=kinds)
    secrets_ = [
        "Zyxw-evidence",
        "CERT-QX",
        *[kind.name_en for kind in kinds_named],
        *[kind.name_fr for kind in kinds_named],
        *[kind.issuer for kind in kinds_named],
        "Eco-responsible",
        "Diverse-owned",
        "écoresponsable",
    ]
    for user in [*evaluators, buyer]:
        seen = crawl(client, user, opportunity, secrets_)
        assert any("/propositions/" in url or "/proposals/" in url for url in seen)
    client.force_login(evaluators[0])
    label = Pseudonym.objects.filter(opportunity=opportunity).first().label
    page = client.get(f"/en/evaluations/{opportunity.pk}/proposals/{label}/").content.decode()
    assert "5/10 points" in page  # the points are there, read-only
