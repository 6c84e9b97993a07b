from django.utils.translation import gettext as _

from ..exceptions import TransitionNotAllowed


def check_transition(obj, to_state: str, table: dict[str, set[str]]) -> None:
    """Refuse a move the allowed-transitions table does not list, with a clear message."""
    if to_state not in table.get(obj.status, set()):
        raise TransitionNotAllowed(
            _("This cannot be done while the status is “%(status)s”.")
            % {"status": obj.get_status_display()}
        )
