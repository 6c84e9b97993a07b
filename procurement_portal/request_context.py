"""The current request's IP and id, for audit entries and log lines.

Services are called with an explicit actor but not with the request; the IP is a property of
the request, so the middleware stores it here rather than threading it through every service.
"""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")
