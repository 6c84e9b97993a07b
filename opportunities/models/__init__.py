from .addenda import Addendum
from .attachments import OpportunityAttachment
from .criteria import Criterion
from .follows import Follow
from .initiatives import Initiative, Phase, PhaseDecision
from .opportunities import Opportunity, OpportunityStatus, PriceEvaluation
from .planned import (
    MarketAnswer,
    MarketQuestion,
    PlannedDocument,
    PlannedMilestone,
    PlannedPurchase,
    PlannedPurchaseResponse,
)
from .proposals import (
    Proposal,
    ProposalAnswer,
    ProposalAttachment,
    ProposalReceipt,
    ProposalStatus,
)
from .questions import Question

__all__ = [
    "Addendum",
    "Criterion",
    "Follow",
    "Initiative",
    "MarketAnswer",
    "MarketQuestion",
    "Opportunity",
    "OpportunityAttachment",
    "OpportunityStatus",
    "Phase",
    "PhaseDecision",
    "PlannedDocument",
    "PlannedMilestone",
    "PlannedPurchase",
    "PlannedPurchaseResponse",
    "PriceEvaluation",
    "Proposal",
    "ProposalAnswer",
    "ProposalAttachment",
    "ProposalReceipt",
    "ProposalStatus",
    "Question",
]
