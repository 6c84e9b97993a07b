"""The one domain exception type: a user-caused error with a translated message."""


class PortalError(Exception):
    """Raised by services for anything a user can cause; views show `message` to them."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(PortalError):
    """A state change that the current state or the actor's role does not allow."""


class RoleNotAllowed(PortalError):
    """A role that cannot be granted to this person (e.g. not a government address)."""
