"""Demo purchase cards for the demo card holder, registered by the demo finance account, and
the demo initiative's discovery phase taken through the whole journey (bids, evaluation,
award, contract, delivery, payment), then its go decision and the alpha phase, open. Called by
`manage.py seed_demo` after the other apps' demo data; idempotent. Everything goes through the
services, so every public change has its open-data release, as in real use."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from evaluations.models import PanelMember
from evaluations.services.award import award_decide, evaluation_reveal, reattest_no_conflict
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.demo import ALPHA, CRITERIA, DISCOVERY, INITIATIVE_NAME, _draft
from opportunities.models import Category, Criterion, Initiative, Opportunity
from opportunities.services.drafts import opportunity_update_draft
from opportunities.services.initiatives import next_phase_draft, phase_decide
from opportunities.services.lifecycle import (
    earliest_closing,
    opportunity_close,
    opportunity_publish,
)
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import Department, User

from .models import Contract, PurchaseCard
from .services.cards import card_save
from .services.contracts import contract_accept, contract_render
from .services.delivery import delivery_accept, delivery_submit
from .services.payments import payment_approve, payment_confirm_receipt, payment_request_create

CARDS = [  # last four, single-transaction limit, monthly limit
    ("4242", "10000.00", "25000.00"),
    ("7310", "2500.00", "5000.00"),
]
# Two demo businesses bid on discovery: (owner email, price, consensus score out of 10).
BIDS = [("vendor@example.com", "4800.00", 8), ("owner@prairie-data.example.com", "4950.00", 6)]


def seed(*, stdout=None) -> None:
    finance = User.objects.filter(email="finance@demo.gc.ca").first()
    holder = User.objects.filter(email="cardholder@demo.gc.ca").first()
    department = Department.objects.filter(slug="ssc").first()
    if not (finance and holder and department):
        return
    expiry_year = timezone.localdate().year + 2
    for last4, single, monthly in CARDS:
        if PurchaseCard.objects.filter(holder=holder, last4=last4).exists():
            continue
        card_save(actor=finance, department=department, holder=holder, last4=last4,
                  expiry_month=12, expiry_year=expiry_year, single_limit=Decimal(single),
                  monthly_limit=Decimal(monthly), is_active=True)
    initiative = Initiative.objects.filter(name_en=INITIATIVE_NAME).first()
    if initiative and not initiative.phases.exists():
        _initiative_phases(initiative, department, holder)
    if stdout:
        stdout.write(f"Purchase cards: {PurchaseCard.objects.count()}")


def _initiative_phases(initiative, department, holder) -> None:
    buyer = User.objects.get(email="buyer@demo.gc.ca")
    evaluator = User.objects.get(email="evaluator@demo.gc.ca")
    discovery = opportunity_publish(opportunity=_draft(
        buyer, department, DISCOVERY, initiative=initiative, phase="discovery"), actor=buyer)
    panel_add(opportunity=discovery, actor=buyer, user=buyer, is_chair=True)
    panel_add(opportunity=discovery, actor=buyer, user=evaluator)
    criteria = list(discovery.criteria.filter(is_price=False))
    bidders = []
    for email, price, _score in BIDS:
        owner = User.objects.get(email=email)
        proposal = proposal_start(opportunity=discovery, actor=owner)
        proposal_save(proposal=proposal, actor=owner, price=Decimal(price), answers={
            c.pk: "We would interview twelve applicants in both languages and map each step "
                  "where they get lost." for c in criteria})
        proposal_submit(proposal=proposal, actor=owner)
        bidders.append((owner, proposal))
    # Demo only: the deadline moves into the past so closing can happen now.
    Opportunity.objects.filter(pk=discovery.pk).update(
        closes_at=timezone.now() - timedelta(hours=1))
    opportunity_close(opportunity=discovery)
    evaluation_open(opportunity=discovery)
    members = [(PanelMember.objects.get(opportunity=discovery, user=user), user)
               for user in (buyer, evaluator)]
    for member, user in members:
        attest_no_conflict(member=member, actor=user)
    chair = members[0][0]
    for (_owner, proposal), (_email, _price, score) in zip(bidders, BIDS, strict=True):
        proposal.refresh_from_db()  # opening the evaluation moved it on
        for member, user in members:
            scores_save(member=member, proposal=proposal, actor=user,
                        scores={c.pk: (score, "") for c in criteria})
            scores_submit(member=member, proposal=proposal, actor=user)
        consensus_record(member=chair, actor=buyer, proposal=proposal, scores={
            c.pk: (score, "Clear plan; interviews in both official languages.")
            for c in criteria})
    evaluation_lock(member=chair, actor=buyer)
    evaluation_reveal(member=chair, actor=buyer)
    for member, user in members:
        reattest_no_conflict(member=PanelMember.objects.get(pk=member.pk), actor=user)
    award_decide(opportunity=discovery, actor=buyer, kind="top")

    winner = bidders[0][0]
    contract = contract_render(Contract.objects.get(opportunity=discovery).pk)
    contract_accept(contract=contract, actor=winner, full_name=winner.full_name, agreed=True,
                    sha256=contract.pdf_sha256, ip="192.0.2.10")
    delivery = delivery_submit(contract=contract, actor=winner,
                               note="Twelve interviews done; the journey map is attached to the "
                                    "report. / Douze entrevues réalisées.")
    delivery_accept(delivery=delivery, actor=buyer, certified_name=buyer.full_name, attest=True)
    request = payment_request_create(contract=contract, actor=buyer, amount=contract.price)
    card = PurchaseCard.objects.get(holder=holder, last4=CARDS[0][0])
    payment = payment_approve(request=request, actor=holder, card=card, amount=contract.price,
                              paid_on=timezone.localdate(), authorization_code="DEMO42")
    payment_confirm_receipt(payment=payment, actor=winner)

    discovery.refresh_from_db()
    phase_decide(opportunity=discovery, actor=buyer, decision="go",
                 reasons="Twelve interviews showed a clear need; people miss benefits they are "
                         "owed. / Douze entrevues ont montré un besoin clair.")
    alpha = next_phase_draft(opportunity=discovery, actor=buyer)
    fields = {name: value for name, value in ALPHA.items() if name not in {"key", "category"}}
    alpha = opportunity_update_draft(
        opportunity=alpha, actor=buyer, category=Category.objects.get(slug=ALPHA["category"]),
        closes_at=earliest_closing() + timedelta(days=10), **fields)
    for order, (en, fr, weight, minimum, is_price) in enumerate(CRITERIA):
        Criterion.objects.create(opportunity=alpha, order=order, name_en=en, name_fr=fr,
                                 weight=weight, min_score=minimum, is_price=is_price)
    opportunity_publish(opportunity=alpha, actor=buyer)
