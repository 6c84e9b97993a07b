from .demonstration import Demonstration
from .draw import TieBreakDraw
from .evaluation import AwardDecision, Evaluation, Pseudonym
from .panel import PanelMember, Tie
from .scores import ConsensusScore, RegistryScore, Score, ScoreSheet

__all__ = [
    "AwardDecision",
    "ConsensusScore",
    "Demonstration",
    "Evaluation",
    "PanelMember",
    "Pseudonym",
    "RegistryScore",
    "Score",
    "ScoreSheet",
    "Tie",
    "TieBreakDraw",
]
