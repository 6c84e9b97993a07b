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
    "Certification",
    "CertificationType",
    "ClaimStatus",
    "EvidenceFile",
    "QuestionnaireAnswer",
    "QuestionnaireQuestion",
    "QuestionnaireVersion",
    "Section",
    "Subscription",
    "Vendor",
    "VendorInvitation",
    "VendorMember",
]
