"""Awarding, as one explicit step: the award decision (evaluations) and the contract it
creates (payments) in one transaction. The contract terms are checked before anything is
written, so an award never stands without its contract and a missing prerequisite never
surfaces half-way through someone else's service."""

from django.db import transaction
from django.utils.translation import gettext as _

from evaluations.models import AwardDecision
from evaluations.services.award import award_decide
from opportunities.models import Opportunity, Proposal
from procurement_portal.exceptions import PortalError
from procurement_portal.models import User

from ..models import ContractTerms
from .contracts import contract_create


def opportunity_award(
    *,
    opportunity: Opportunity,
    actor: User,
    kind: str,
    proposal: Proposal | None = None,
    justification: str = "",
) -> AwardDecision:
    with transaction.atomic():
        existing = AwardDecision.objects.filter(opportunity_id=opportunity.pk).first()
        if existing:
            return existing  # decided already: nothing twice
        terms = ContractTerms.objects.first()
        if kind != AwardDecision.Kind.NONE and terms is None:
            raise PortalError(
                _(
                    "No contract terms are published. A site administrator must "
                    "publish them before an award."
                )
            )
        decision = award_decide(
            opportunity=opportunity,
            actor=actor,
            kind=kind,
            proposal=proposal,
            justification=justification,
        )
        if decision.proposal_id and terms is not None:
            contract_create(decision=decision, terms=terms)
    return decision
