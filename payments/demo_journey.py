"""The demo's initiative: its discovery phase walks the whole journey through the services
(two bids, a panel of two, scores, consensus, reveal, award, contract, delivery, card payment,
confirmation, go decision), then its alpha phase is published. Every step writes its audit
entry and open-data release, as in real use. Called by payments/demo.py."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.demo import CRITERIA, OPPORTUNITIES, _as_if_deadline_passed, _draft
from opportunities.models import Criterion, Opportunity
from opportunities.services.drafts import opportunity_update_draft
from opportunities.services.initiatives import initiative_create, next_phase_draft, phase_decide
from opportunities.services.lifecycle import (
    earliest_closing,
    opportunity_close,
    opportunity_publish,
)
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import Category, User

from .models import PurchaseCard
from .services.award import opportunity_award
from .services.contracts import contract_accept, contract_render
from .services.delivery import delivery_accept, delivery_submit
from .services.payments import payment_approve, payment_confirm_receipt, payment_request_create

TITLE_EN = "Discovery: benefits eligibility"
# Bidders: (owner's email, price, consensus score per criterion, answer)
BIDS = [
    ("vendor@example.com", "4800.00", 8,
     "Twelve interviews in both languages, a journey map and a plain-language report."),
    ("owner@northern-lights.example.com", "4200.00", 6,
     "Eight interviews and a short report of what we heard."),
]


def seed_initiative(*, department, buyer) -> Opportunity | None:
    if Opportunity.objects.filter(title_en=TITLE_EN).exists():
        return None
    evaluators = list(User.objects.filter(email__in=["evaluator@demo.gc.ca",
                                                     "evaluator2@demo.gc.ca"]).order_by("email"))
    holder = User.objects.get(email="cardholder@demo.gc.ca")
    card = PurchaseCard.objects.filter(holder=holder, is_active=True).order_by("-single_limit")[0]
    specs = {spec["key"]: spec for spec in OPPORTUNITIES}
    initiative = initiative_create(
        actor=buyer, department=department, name_en="Benefits eligibility finder",
        name_fr="Outil de recherche d’admissibilité aux prestations",
        description_en="Help people find which benefits they may be eligible for, in "
                       "small steps.",
        description_fr="Aider les gens à trouver les prestations auxquelles ils pourraient "
                       "avoir droit, par petites étapes.")
    discovery = opportunity_publish(opportunity=_draft(
        buyer, department, {**specs["data"], "title_en": TITLE_EN,
                            "title_fr": "Découverte : admissibilité aux prestations",
                            "summary_en": "Interview people who apply for benefits and map "
                                          "where they get lost.",
                            "summary_fr": "Interroger des demandeurs de prestations et "
                                          "repérer où ils se perdent.",
                            "category": "digital-design"},
        initiative=initiative, phase="discovery"), actor=buyer)
    criteria = list(discovery.criteria.all())
    for email, price, _score, answer in BIDS:
        bidder = User.objects.get(email=email)
        proposal = proposal_start(opportunity=discovery, actor=bidder)
        proposal_save(proposal=proposal, actor=bidder, price=Decimal(price),
                      answers={c.pk: answer for c in criteria if not c.is_price})
        proposal_submit(proposal=proposal, actor=bidder)
    members = [panel_add(opportunity=discovery, actor=buyer, user=user, is_chair=index == 0)
               for index, user in enumerate(evaluators)]
    _as_if_deadline_passed(discovery)
    opportunity_close(opportunity=discovery)
    evaluation_open(opportunity=discovery)
    scored = [c for c in criteria if not c.is_price]
    proposals = {p.created_by.email: p for p in discovery.proposals.select_related("created_by")}
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
        for email, _price, score, _answer in BIDS:
            scores_save(member=member, proposal=proposals[email], actor=user,
                        scores={c.pk: (score, "Clear and well argued.") for c in scored})
            scores_submit(member=member, proposal=proposals[email], actor=user)
    chair, chair_user = members[0], evaluators[0]
    for email, _price, score, _answer in BIDS:
        consensus_record(member=chair, actor=chair_user, proposal=proposals[email],
                         scores={c.pk: (score, "The panel agreed on the strengths shown.")
                                 for c in scored})
    evaluation_lock(member=chair, actor=chair_user)
    evaluation_reveal(member=chair, actor=chair_user)
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    opportunity_award(opportunity=discovery, actor=buyer, kind="top")
    contract = contract_render(discovery.contract.pk)
    owner = User.objects.get(email=BIDS[0][0])
    contract_accept(contract=contract, actor=owner, full_name=owner.full_name, agreed=True,
                    sha256=contract.pdf_sha256, ip="127.0.0.1")
    delivery = delivery_submit(contract=contract, actor=owner,
                               note="Interview notes, journey map and the final report.",
                               link="https://example.com/discovery-report")
    delivery_accept(delivery=delivery, actor=buyer, certified_name=buyer.full_name, attest=True)
    request = payment_request_create(contract=contract, actor=buyer, amount=contract.price)
    payment = payment_approve(request=request, actor=holder, card=card, amount=contract.price,
                              paid_on=timezone.localdate(), authorization_code="DEMO01")
    payment_confirm_receipt(payment=payment, actor=owner)
    discovery.refresh_from_db()
    phase_decide(opportunity=discovery, actor=buyer, decision="go",
                 reasons="Twelve interviews showed a clear need; people miss benefits they are "
                         "owed.",
                 reasons_fr="Douze entrevues ont montré un besoin clair\u00a0: des gens ne "
                            "reçoivent pas les prestations auxquelles ils ont droit.")
    alpha = next_phase_draft(opportunity=discovery, actor=buyer)
    spec = {**specs["data"], "title_en": "Alpha: benefits eligibility prototype",
            "title_fr": "Alpha : prototype d’admissibilité aux prestations",
            "summary_en": "Build and test a clickable prototype with ten users.",
            "summary_fr": "Concevoir et tester un prototype cliquable avec dix utilisateurs.",
            "category": "digital-development"}
    fields = {name: value for name, value in spec.items() if name not in {"key", "category"}}
    alpha = opportunity_update_draft(
        opportunity=alpha, actor=buyer, category=Category.objects.get(slug=spec["category"]),
        closes_at=earliest_closing() + timedelta(days=10), **fields)
    for order, (en, fr, weight, minimum, is_price) in enumerate(CRITERIA):
        Criterion.objects.create(opportunity=alpha, order=order, name_en=en, name_fr=fr,
                                 weight=weight, min_score=minimum, is_price=is_price)
    opportunity_publish(opportunity=alpha, actor=buyer)
    return discovery
