from .cards import PurchaseCard
from .contracts import Contract, ContractTerms
from .delivery import Delivery, DeliveryFile
from .payments import GuardrailOverride, Payment, PaymentRequest
from .performance import PerformanceAssessment

__all__ = [
    "Contract",
    "ContractTerms",
    "Delivery",
    "DeliveryFile",
    "GuardrailOverride",
    "Payment",
    "PaymentRequest",
    "PerformanceAssessment",
    "PurchaseCard",
]
