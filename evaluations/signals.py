"""Events other apps react to. Imports point one way (evaluations → payments), so the
award cannot call the contract service itself; payments listens instead."""

from django.dispatch import Signal

# Sent inside the award's transaction with `decision` (an AwardDecision with a proposal):
# whatever a receiver writes commits or rolls back together with the award.
award_decided = Signal()
