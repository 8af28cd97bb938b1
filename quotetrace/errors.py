"""Named errors. The CLI turns them into one clear line; the library raises them."""

from __future__ import annotations


class QuotetraceError(Exception):
    """Base of every error quotetrace raises on purpose."""


class InputError(QuotetraceError):
    """A file or record could not be read: it names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ManifestError(QuotetraceError):
    """The manifest CSV is missing, unreadable or lacks the `file` column."""


class ModelsNotFound(QuotetraceError):
    """stanza's English models are not installed where we looked."""


class BackendUnavailable(QuotetraceError):
    """The requested NLP backend cannot run here (e.g. stanza not installed)."""
