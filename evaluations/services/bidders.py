"""Who wrote each proposal, in words, once identities are revealed.

With variants a business may have several proposals on one opportunity, so after the reveal
a proposal is named by its business *and* which of its proposals it is ("Acme Inc. —
variant 2"). Before the reveal evaluators see only the random pseudonym: not the business,
and not whether a proposal is a base proposal or a variant (see docs/architecture.md,
"Variants")."""

from opportunities.models import Opportunity

from ..models import Evaluation


def named_proposals(opportunity: Opportunity):
    """The proposals whose business the panel may see: none before the reveal, all after it;
    with a shortlist, only the shortlisted, from the shortlist on (the others, never)."""
    evaluation = Evaluation.objects.filter(opportunity=opportunity).first()
    proposals = opportunity.proposals.exclude(pseudonym=None).select_related("vendor")
    if evaluation is None or not evaluation.names_shown:
        return proposals.none()
    if opportunity.has_demonstration:
        return proposals.filter(demonstration__isnull=False)
    return proposals if evaluation.is_revealed else proposals.none()


def revealed_names(opportunity: Opportunity) -> dict[int, str]:
    """{proposal id: "business — variant n"} for the proposals the panel may name."""
    return {p.pk: p.bidder_name for p in named_proposals(opportunity)}
