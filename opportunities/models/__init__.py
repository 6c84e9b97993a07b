from .addenda import Addendum
from .attachments import OpportunityAttachment
from .clauses import CLAUSE_FIELDS, ClauseKind, ContractClause
from .criteria import Criterion
from .department_templates import OpportunityTemplate, TemplateCriterion
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
from .search import SearchEntry

__all__ = [
    "CLAUSE_FIELDS",
    "ClauseKind",
    "ContractClause",
    "Addendum",
    "Criterion",
    "Follow",
    "Initiative",
    "MarketAnswer",
    "MarketQuestion",
    "Opportunity",
    "OpportunityAttachment",
    "OpportunityStatus",
    "OpportunityTemplate",
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
    "SearchEntry",
    "TemplateCriterion",
]
