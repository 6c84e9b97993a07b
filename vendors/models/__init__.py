from .catalogue import CatalogueItem, ItemKind, ServiceLanguages
from .certifications import Certification, CertificationType
from .claims import ClaimStatus
from .evidence import EvidenceFile
from .members import VendorInvitation, VendorMember
from .questionnaire import (
    AnswerType,
    QuestionnaireAnswer,
    QuestionnaireQuestion,
    QuestionnaireVersion,
    Section,
)
from .subscriptions import Subscription
from .vendors import PROVINCES, Vendor

__all__ = [
    "PROVINCES",
    "AnswerType",
    "CatalogueItem",
    "Certification",
    "CertificationType",
    "ClaimStatus",
    "EvidenceFile",
    "ItemKind",
    "QuestionnaireAnswer",
    "QuestionnaireQuestion",
    "QuestionnaireVersion",
    "Section",
    "ServiceLanguages",
    "Subscription",
    "Vendor",
    "VendorInvitation",
    "VendorMember",
]
