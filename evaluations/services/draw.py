"""The recorded random tie-break: when eligible proposals tie for first, the portal, not the
buyer, chooses the winner, by a draw anyone can re-run from what is published.

Method "hmac-sha256-v1" (docs/tie-break.md):
1. the seed is 32 bytes from `secrets` (the operating system's secure source), written in
   hexadecimal and recorded before anyone sees the outcome;
2. for each tied proposal, by its pseudonym (e.g. "K7"), compute
   HMAC-SHA256(key = the seed's 32 bytes, message = the pseudonym in UTF-8), in hexadecimal;
3. the proposal with the smallest HMAC (compared as text; the pseudonym breaks an equality
   that will not happen) wins.
By hand: printf %s K7 | openssl dgst -sha256 -mac HMAC -macopt hexkey:SEED

Pseudonyms, not names or database ids, are the input: they are what the panel ranked and
what the award notice can publish without naming the losing bidders.

When: at the award, in the award's transaction (`award_decide`). Not at the lock: who is
eligible (a business in good standing) is known only after the reveal, and a draw among
pseudonyms at lock could pick a proposal the award must then skip. Not as a step before the
award either: a buyer who saw the result before deciding could still choose "no award" to
undo it; drawn inside the decision, the result and the award are one act.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from opportunities.models import Opportunity, Proposal
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record

from ..models import TieBreakDraw

METHOD = "hmac-sha256-v1"


@dataclass(frozen=True)
class Drawn:
    label: str
    hmac: str


def draw_order(seed: str, labels: list[str]) -> list[Drawn]:
    """The tied pseudonyms in the order the draw puts them; the first wins. Pure: the same
    seed and labels always give the same order (that is what makes it verifiable)."""
    key = bytes.fromhex(seed)
    drawn = [
        Drawn(label, hmac.new(key, label.encode("utf-8"), hashlib.sha256).hexdigest())
        for label in sorted(labels)
    ]
    return sorted(drawn, key=lambda d: (d.hmac, d.label))


def tied_for_first(rows: list, is_eligible) -> list:
    """The eligible ranked rows that share the best total among eligible rows (one row when
    there is no tie, none when nothing is eligible)."""
    kept = [row for row in rows if row.rank and is_eligible(row)]
    if not kept:
        return []
    best = max(row.total for row in kept)
    return [row for row in kept if row.total == best]


def tie_break_draw(
    *, opportunity: Opportunity, actor: User, tied: dict[str, Proposal]
) -> TieBreakDraw:
    """Draw among `tied` ({pseudonym: proposal}) and record it. Called by `award_decide`
    inside its transaction, with the opportunity row locked; once drawn, never again."""
    existing = TieBreakDraw.objects.filter(opportunity=opportunity).first()
    if existing:
        return existing
    seed = secrets.token_hex(32)
    order = draw_order(seed, list(tied))
    draw = TieBreakDraw.objects.create(
        opportunity=opportunity,
        method=METHOD,
        seed=seed,
        candidates=[{"label": d.label, "hmac": d.hmac} for d in order],
        winner=tied[order[0].label],
        winner_label=order[0].label,
        drawn_by=actor,
    )
    audit_record(
        actor=actor,
        action="evaluation.tie_break",
        obj=opportunity,
        department=opportunity.department,
        details={
            "method": METHOD,
            "seed": seed,
            "tied": sorted(tied),
            "drawn": order[0].label,
        },
    )
    return draw


def verify(draw: TieBreakDraw) -> bool:
    """Re-run the published draw: the recorded winner is the one the method gives."""
    return draw_order(draw.seed, draw.labels)[0].label == draw.winner_label
