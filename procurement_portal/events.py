"""Public changes, announced by the services that make them.

Open data sits downstream of every app (imports point one way), so the services cannot write
OCDS releases themselves: they announce the change, inside their transaction, and the
open_data app records a release. Tags are OCDS release tags.
"""

from django.dispatch import Signal

public_change = Signal()  # sent with opportunity_id=<int>, tag=<OCDS release tag>


def announce(*, opportunity_id: int, tag: str) -> None:
    public_change.send(sender=None, opportunity_id=opportunity_id, tag=tag)
