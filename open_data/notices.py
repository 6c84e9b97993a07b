"""What an award notice tells the public."""

from opportunities.models import ProposalStatus


def award_notice_facts(opportunity) -> dict:
    """Winner, amount, date, the number of proposals and how many came from SMEs and from
    first-time government vendors (never who the other bidders were)."""
    from payments.models import Contract

    decision = opportunity.award_decision
    proposals = list(
        opportunity.proposals.exclude(
            status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN]
        ).select_related("vendor")
    )
    vendor_ids = [p.vendor_id for p in proposals]
    earlier_winners = set(
        Contract.objects.filter(
            vendor_id__in=vendor_ids, created_at__lt=decision.decided_at
        ).values_list("vendor_id", flat=True)
    )
    return {
        "decision": decision,
        "winner": decision.proposal.vendor,
        "variant": decision.proposal.variant_number,  # the award names the variant chosen
        "proposal_count": len(proposals),
        "sme_count": sum(p.vendor.is_sme for p in proposals),
        "first_time_count": sum(p.vendor_id not in earlier_winners for p in proposals),
        "criteria": list(opportunity.criteria.all()),
        # A tie for first broken by the portal's draw: its seed and method are public.
        "draw": getattr(opportunity, "tie_break_draw", None),
    }
