"""Events other apps react to. Imports point one way (vendors → evaluations), so a change of
membership or name cannot call the evaluation services itself; evaluations listens."""

from django.dispatch import Signal

# Sent inside the transaction with `user` when a person joins a business (creates it or
# accepts an invitation), and with `vendor` when a business changes its name or number:
# a conflict of interest may have appeared on a panel evaluating it.
vendor_ties_changed = Signal()
