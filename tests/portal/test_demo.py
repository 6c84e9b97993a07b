import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from evaluations.models import PanelMember, ScoreSheet
from opportunities.models import Opportunity, PlannedPurchase
from payments.demo_journey import JOURNEYS, journey_opportunity
from procurement_portal.models import AuditEntry, RoleAssignment, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EVERY_STAGE = {
    "draft",
    "published",
    "under_evaluation",
    "awarded",
    "in_delivery",
    "delivery_accepted",
    "paid",
    "complete",
    "cancelled",
}
EVERY_TAG = {
    "tender",
    "tenderAmendment",
    "tenderCancellation",
    "award",
    "contract",
    "implementation",
    "contractTermination",
}


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_seeds_every_stage_through_the_services_and_twice_is_harmless(client, settings):
    _seed()
    counts = (
        User.objects.count(),
        RoleAssignment.objects.count(),
        Opportunity.objects.count(),
        PlannedPurchase.objects.count(),
        AuditEntry.objects.count(),
    )
    _seed()
    assert (
        User.objects.count(),
        RoleAssignment.objects.count(),
        Opportunity.objects.count(),
        PlannedPurchase.objects.count(),
        AuditEntry.objects.count(),
    ) == counts

    # Every stage of the journey, in two departments.
    assert EVERY_STAGE <= set(Opportunity.objects.values_list("status", flat=True))
    assert set(Opportunity.objects.values_list("department__slug", flat=True)) == {"ssc", "tbs"}
    closing = journey_opportunity("closing")
    assert closing.is_open and closing.proposals.count() == 2
    from django.utils import timezone

    assert 0 < (closing.closes_at - timezone.now()).total_seconds() <= 5 * 60
    scoring = journey_opportunity("workshop")
    sheets = ScoreSheet.objects.filter(proposal__opportunity=scoring)
    assert sheets.filter(submitted_at__isnull=False).exists()  # partial scores
    assert sheets.filter(submitted_at__isnull=True).exists()
    consensus = journey_opportunity("consensus")
    assert (
        consensus.evaluation.status == "scoring"
        and consensus.proposals.exclude(consensus_scores=None).exists()
    )
    awarded = journey_opportunity("awarded")
    assert awarded.contract.is_ready and awarded.proposals.filter(status="not_awarded").count() == 2
    # Variants (issue 16): one vendor's base proposal and its variant, the variant awarded.
    variants = journey_opportunity("variants")
    assert variants.variants_allowed == 2
    assert variants.award_decision.proposal.variant_number == 1
    assert variants.proposals.filter(variant_number=0, vendor=variants.contract.vendor).exists()
    # Shortlist, then demonstration (issue 16): two shortlisted, one demonstration scored,
    # the demo vendor not shortlisted, settled and debriefed at the shortlist.
    shortlist = journey_opportunity("shortlist")
    assert shortlist.evaluation.status == "shortlisted"
    assert shortlist.demonstrations.exclude(starts_at=None).count() == 2
    vendor_proposal = shortlist.proposals.get(created_by__email="vendor@example.com")
    assert vendor_proposal.status == "not_awarded" and vendor_proposal.has_debrief
    blocked = journey_opportunity("blocked").contract.payment_request
    from payments.services.guardrails import evaluate

    assert [c.code for c in evaluate(blocked, None) if c.blocks] == ["split_purchase"]
    # Blocked when requested: the demo's officer has it in their queue of blocked payments.
    from payments.models import PaymentRequest

    assert blocked.is_blocked and blocked.blocked_checks == ["split_purchase"]
    demo_officer = User.objects.get(email="officer@demo.gc.ca")
    assert list(PaymentRequest.objects.blocked_for(demo_officer)) == [blocked]
    # Every state change audited, every public one released: the bulk package has every tag.
    assert AuditEntry.objects.filter(action="opportunity.publish").count() >= len(JOURNEYS)
    from open_data.models import Release

    assert EVERY_TAG <= set(Release.objects.values_list("tag", flat=True))

    # People and vendors.
    evaluators = RoleAssignment.objects.filter(role="evaluator").values("user").distinct()
    assert evaluators.count() >= 3
    assert PanelMember.objects.values("user").distinct().count() >= 3
    from vendors.models import Certification, QuestionnaireAnswer, Vendor

    assert Vendor.objects.count() >= 8
    claims = {c.status for c in Certification.objects.all()} | {
        a.status for a in QuestionnaireAnswer.objects.all()
    }
    assert {"verified", "self_declared", "rejected"} <= claims
    assert not Certification.objects.filter(evidence__isnull=True).exists()  # with evidence
    # Catalogues (issue 17): products and services, in both languages of service or one.
    from vendors.models import CatalogueItem

    items = CatalogueItem.objects.all()
    assert items.values("vendor").distinct().count() >= 5
    assert {"product", "service"} <= set(items.values_list("kind", flat=True))
    assert {"en", "fr", "both"} <= set(items.values_list("languages", flat=True))
    # Clauses against lock-in: every published opportunity has them fixed; some were chosen.
    published_ones = Opportunity.objects.exclude(status="draft")
    assert not published_ones.filter(licence_clause__isnull=True).exists()
    assert published_ones.filter(licence_clause__option="apache-2-0").exists()
    from payments.models import Payment, PurchaseCard

    assert PurchaseCard.objects.filter(holder__email="cardholder@demo.gc.ca").count() == 2
    assert Payment.objects.values("card").distinct().count() == 2
    assert PlannedPurchase.objects.filter(responses__isnull=False).distinct().count() >= 2
    # Issue 16: a planned purchase engages the market (studies, retro-planning, aspects,
    # questions answered privately, notes), one carried into a draft; questions deadlines.
    plan = PlannedPurchase.objects.get(title_en__startswith="Plain-language review")
    assert plan.documents.exists() and plan.milestones.count() >= 5 and plan.has_aspects
    assert plan.market_questions.filter(answers__isnull=False).distinct().count() == 2
    assert plan.market_notes
    converted = Opportunity.objects.get(planned_purchase__title_en__startswith="Podcast")
    assert converted.planned_purchase.market_notes and "## Social aspects" in (
        converted.description_en
    )
    assert not journey_opportunity("closing").takes_questions
    assert not Opportunity.objects.filter(
        status="published", questions_close_at__isnull=True
    ).exists()
    # The initiative's phases add up: the paid discovery stayed within its budget.
    discovery = journey_opportunity("discovery")
    assert discovery.contract.price <= discovery.max_budget
    assert discovery.contract.payment_request.payment.amount == discovery.contract.price
    # Issue 17: a responsible-procurement criterion on the open audit and on the workshop,
    # whose proposals got their registry points, frozen, when it opened.
    from evaluations.models import RegistryScore

    workshop = journey_opportunity("workshop")
    assert workshop.criteria.registry().count() == 1
    assert RegistryScore.objects.filter(proposal__opportunity=workshop).count() == 3
    assert Opportunity.objects.filter(criteria__kind="registry").count() == 2
    # Issue 17: the discovery work is assessed (for the vendor to answer); the glossary
    # contract is complete and waits for the buyer's assessment.
    from payments.models import PerformanceAssessment

    assert PerformanceAssessment.objects.get(contract=discovery.contract).quality == 4
    complete = journey_opportunity("complete")
    assert complete.is_complete
    assert not PerformanceAssessment.objects.filter(contract=complete.contract).exists()

    # The guide links to each stage, every link answering for the role it is meant for.
    settings.DEMO_MODE = True
    response = client.get(reverse("demo_guide"))
    assert response.status_code == 200
    page = response.content.decode()
    for key in ["closing", "workshop", "consensus"]:
        assert (
            reverse("evaluation_home", kwargs={"pk": journey_opportunity(key).pk}) in page
            or reverse("opportunity_detail", kwargs={"pk": journey_opportunity(key).pk}) in page
        )
    assert reverse("contract_detail", kwargs={"pk": awarded.contract.pk}) in page
    assert reverse("evaluation_ranking", kwargs={"pk": variants.pk}) in page
    assert reverse("evaluation_ranking", kwargs={"pk": shortlist.pk}) in page
    assert reverse("payment_request", kwargs={"pk": blocked.pk}) in page
    assert reverse("payment_blocked_queue") in page
    assert reverse("planned_answers", kwargs={"pk": plan.pk}) in page
    assert reverse("planned_detail", kwargs={"pk": plan.pk}) in page
    for role in response.context["roles"]:
        # Short lists; the visitor's sixth is the directory's catalogue search (issue 17).
        assert 3 <= len(role["items"]) <= 6, role["key"]
        for account in role["accounts"]:
            client.post(reverse("demo_sign_in"), {"email": account["email"]})
            for item in role["items"]:
                if item["url"].endswith(".csv") or item["only"] not in (None, account["email"]):
                    continue
                answer = client.get(item["url"])
                assert answer.status_code == 200, (
                    account["email"],
                    item["url"],
                    answer.status_code,
                )
            client.logout()


def test_one_click_sign_in_works_only_in_demo_mode_and_only_for_demo_accounts(client, settings):
    officer = make_user("procurement_officer", email="officer@demo.gc.ca")
    url = reverse("demo_sign_in")
    settings.DEMO_MODE = False
    assert client.post(url, {"email": officer.email}).status_code == 404
    assert "_auth_user_id" not in client.session
    settings.DEMO_MODE = True
    settings.PRODUCTION = True  # never in production, even with DEMO_MODE on
    assert client.post(url, {"email": officer.email}).status_code == 404
    settings.PRODUCTION = False
    stranger = make_user("procurement_officer", email="someone@example.gc.ca")
    assert client.post(url, {"email": stranger.email}).status_code == 404
    assert client.get(url).status_code == 405
    response = client.post(url, {"email": officer.email, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("account_dashboard")
    assert client.session["_auth_user_id"] == str(officer.pk)
    # Signed in past the two-factor step: the officer's pages answer at once.
    assert client.get(reverse("audit_list")).status_code == 200


def test_demo_pages_are_404_outside_demo_mode(client, settings):
    settings.DEMO_MODE = False
    for name in ["demo_guide", "demo_mailbox"]:
        assert client.get(reverse(name)).status_code == 404
    assert client.get(reverse("demo_mail", kwargs={"name": "x.eml"})).status_code == 404


def test_demo_mailbox_keeps_each_email_as_a_file_and_lists_it(client, settings, tmp_path):
    from procurement_portal.demo_mail import DemoMailboxBackend

    settings.DEMO_MODE = True
    settings.MAILERS = {
        "default": {
            "BACKEND": "procurement_portal.demo_mail.DemoMailboxBackend",
            "OPTIONS": {"folder": str(tmp_path)},
        }
    }
    assert issubclass(DemoMailboxBackend, mail.backends.base.BaseEmailBackend)
    mail.EmailMultiAlternatives(
        "Contrat prêt", "Lien : http://127.0.0.1:8100/fr/contrats/1/", to=["vendor@example.com"]
    ).send()
    files = list(Path(tmp_path).glob("*.eml"))
    assert len(files) == 1
    listing = client.get(reverse("demo_mailbox")).content.decode()
    assert "Contrat prêt" in listing and "vendor@example.com" in listing
    detail = client.get(reverse("demo_mail", kwargs={"name": files[0].name}))
    assert "http://127.0.0.1:8100/fr/contrats/1/" in detail.content.decode()
    # Only names the backend writes: nothing outside the folder.
    assert (
        client.get(reverse("demo_mail", kwargs={"name": "..%2F..%2Fetc%2Fpasswd"})).status_code
        == 404
    )
    assert (
        client.get(reverse("demo_mailbox") + "?to=nobody").content.decode().count("Contrat prêt")
        == 0
    )


def test_make_demo_links_emails_to_the_port_it_serves():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert re.search(r"PORTAL_BASE_URL=http://127\.0\.0\.1:\$\(PORT\)", makefile)
    assert "scripts/demo.sh serve $(PORT)" in makefile
