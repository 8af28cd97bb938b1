"""The request being served, for what the served database looks at once per request."""

from __future__ import annotations

import contextvars

# One object per request, set by the plugin's ASGI wrapper (quotetrace.datasette):
# a request looks at the counters once, at its first question, and then sees
# one state of the database throughout (reading them costs a read transaction:
# dozens of times a page added up to 7% of the server's time).
CURRENT_REQUEST: contextvars.ContextVar[object | None] = contextvars.ContextVar("quotetrace_request", default=None)
