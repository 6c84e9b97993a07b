from decimal import Decimal

from evaluations.models import PanelMember
from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from opportunities.services.lifecycle import opportunity_close
from opportunities.services.proposals import (
    proposal_attach,
    proposal_save,
    proposal_start,
    proposal_submit,
)
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import past_deadline, published
from tests.vendors.factories import make_vendor, pdf_upload


def closed_with_bids(
    department,
    *,
    bidders=3,
    panel=2,
    vendor_fields=None,
    attach=False,
    prices=None,
    variants=None,
    registry=None,
    before_close=None,
    **opportunity_fields,
):
    """A closed opportunity with `bidders` submitted proposals and a panel, not yet opened.
    `variants` maps a bidder's index to how many variants it submits besides its base.
    `registry`: points per claim type; the "Experience" criterion becomes a registry
    (responsible-procurement) criterion. `before_close(index, vendor, owner)` runs for each
    bidder before bids close (to give it claims, for instance)."""
    buyer = make_user(Role.BUYER, department=department)
    if variants:
        opportunity_fields.setdefault("variants_allowed", max(variants.values()))
    opportunity = published(owner=buyer, **opportunity_fields)
    if registry:
        # Test set-up on a published opportunity (a draft would take it from the form).
        opportunity.criteria.filter(name_en="Experience").update(
            name_en="Responsible procurement",
            name_fr="Approvisionnement responsable",
            kind="registry",
            **{f"points_{badge}": points for badge, points in registry.items()},
        )
    evaluators = [make_user(Role.EVALUATOR, department=department) for _ in range(panel)]
    for index, evaluator in enumerate(evaluators):
        panel_add(opportunity=opportunity, actor=buyer, user=evaluator, is_chair=index == 0)
    owners = []
    for index in range(bidders):
        fields = (vendor_fields or {}).get(index, {})
        vendor = make_vendor(
            **{k: v for k, v in fields.items() if k not in {"answer", "file_name"}}
        )
        owner = vendor.members.get().user
        proposal = proposal_start(opportunity=opportunity, actor=owner)
        price = Decimal(prices[index]) if prices else Decimal(5000 + index * 100)
        proposal_save(
            proposal=proposal,
            actor=owner,
            price=price,
            answers={
                c.pk: fields.get("answer", f"Answer {index}")
                for c in opportunity.criteria.written().panel_scored()
            },
        )
        if attach:
            proposal_attach(
                proposal=proposal,
                actor=owner,
                upload=pdf_upload(fields.get("file_name", "proposal.pdf")),
            )
        proposal_submit(proposal=proposal, actor=owner)
        for number in range(1, (variants or {}).get(index, 0) + 1):
            variant = proposal_start(opportunity=opportunity, actor=owner, variant=number)
            proposal_save(
                proposal=variant,
                actor=owner,
                price=price - number,
                answers={
                    c.pk: f"{fields.get('answer', f'Answer {index}')} (another way {number})"
                    for c in opportunity.criteria.written().panel_scored()
                },
            )
            if attach:
                proposal_attach(
                    proposal=variant,
                    actor=owner,
                    upload=pdf_upload(fields.get("file_name", "proposal.pdf")),
                )
            proposal_submit(proposal=variant, actor=owner)
        if before_close:
            before_close(index, vendor, owner)
        owners.append(owner)
    past_deadline(opportunity)
    opportunity_close(opportunity=opportunity)
    return opportunity, buyer, evaluators, owners


def opened(department, **kwargs):
    opportunity, buyer, evaluators, owners = closed_with_bids(department, **kwargs)
    evaluation_open(opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity, buyer, evaluators, owners


def locked(department, consensus_by_bidder, **opportunity_fields):
    """Evaluate every proposal: each evaluator scores, the chair records consensus, locks."""
    opportunity, buyer, evaluators, owners = opened(
        department,
        **opportunity_fields,
        bidders=len(consensus_by_bidder),
        prices=["5000"] * len(consensus_by_bidder),
        vendor_fields={
            i: {"answer": f"Secret answer of bidder {i}"} for i in range(len(consensus_by_bidder))
        },
    )
    members = [PanelMember.objects.get(user=e) for e in evaluators]
    criteria = list(opportunity.criteria.written().panel_scored())
    for member, user in zip(members, evaluators, strict=True):
        attest_no_conflict(member=member, actor=user)
    for index, owner in enumerate(owners):
        proposal = owner.vendor_membership.vendor.proposals.get()
        for member, user in zip(members, evaluators, strict=True):
            scores_save(
                member=member,
                proposal=proposal,
                actor=user,
                scores={c.pk: (5, "") for c in criteria},
            )
            scores_submit(member=member, proposal=proposal, actor=user)
        consensus_record(
            member=members[0],
            actor=evaluators[0],
            proposal=proposal,
            scores={c.pk: (consensus_by_bidder[index], f"Reason {index}") for c in criteria},
        )
    evaluation_lock(member=members[0], actor=evaluators[0])
    return opportunity, buyer, evaluators, owners, members


def awarded(department, consensus_by_bidder=(9, 5)):
    """An opportunity awarded to the first bidder (the highest consensus by default)."""
    opportunity, buyer, evaluators, owners, members = locked(department, list(consensus_by_bidder))
    evaluation_reveal(member=members[0], actor=evaluators[0])
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    from payments.services.award import opportunity_award

    decision = opportunity_award(opportunity=opportunity, actor=buyer, kind="top")
    opportunity.refresh_from_db()
    return opportunity, buyer, decision, owners
