"""Who wrote each proposal, in words, once identities are revealed.

With variants a business may have several proposals on one opportunity, so after the reveal
a proposal is named by its business *and* which of its proposals it is ("Acme Inc. —
variant 2"). Before the reveal evaluators see only the random pseudonym: not the business,
and not whether a proposal is a base proposal or a variant (see docs/architecture.md,
"Variants")."""

from opportunities.models import Opportunity

from ..models import Evaluation


def revealed_names(opportunity: Opportunity) -> dict[int, str]:
    """{proposal id: "business — variant n"} once identities are revealed; empty before."""
    evaluation = Evaluation.objects.filter(opportunity=opportunity).first()
    if evaluation is None or not evaluation.is_revealed:
        return {}
    return {
        p.pk: p.bidder_name
        for p in opportunity.proposals.exclude(pseudonym=None).select_related("vendor")
    }
