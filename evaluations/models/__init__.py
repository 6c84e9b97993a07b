from .draw import TieBreakDraw
from .evaluation import AwardDecision, Evaluation, Pseudonym
from .panel import PanelMember, Tie
from .scores import ConsensusScore, RegistryScore, Score, ScoreSheet

__all__ = [
    "AwardDecision",
    "ConsensusScore",
    "Evaluation",
    "PanelMember",
    "Pseudonym",
    "RegistryScore",
    "Score",
    "ScoreSheet",
    "Tie",
    "TieBreakDraw",
]
