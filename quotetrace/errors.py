"""Named errors. The CLI turns them into one clear line; the library raises them."""

from __future__ import annotations


class QuotetraceError(Exception):
    """Base of every error quotetrace raises on purpose."""


def shown(name: str) -> str:
    """`name` as a message prints it: as is, or quoted with escapes when it holds a
    line break, another unprintable character or a byte that is not UTF-8, so a
    file name can never break or forge a line of output."""
    if name.isprintable():  # surrogates (undecodable bytes) are not printable
        return name
    return "'" + "".join(_escaped(c) for c in name) + "'"


def one_line(text: str) -> str:
    """`text` with its unprintable characters escaped, so it stays one line."""
    return text if text.isprintable() else "".join(c if c.isprintable() else _escaped(c) for c in text)


_UNDECODED_BYTE = 0xDC80  # os.fsdecode maps an undecodable byte B to U+DC00 + B


def _escaped(c: str) -> str:
    if _UNDECODED_BYTE <= ord(c) <= 0xDCFF:
        return f"\\x{ord(c) - 0xDC00:02x}"
    if c in "\\'":
        return "\\" + c
    return c if c.isprintable() else repr(c)[1:-1]


class InputError(QuotetraceError):
    """A file or record could not be read: it names the file and the reason.

    `source` is the name as given; str() shows it escaped where needed (see `shown`).
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{shown(source)}: {one_line(reason)}")
        self.source = source
        self.reason = reason


class ManifestError(QuotetraceError):
    """The manifest CSV is missing, unreadable or lacks the `file` column."""


class ModelsNotFound(QuotetraceError):
    """stanza's English models are not installed where we looked."""


class BackendUnavailable(QuotetraceError):
    """The requested NLP backend cannot run here (e.g. stanza not installed)."""


class SchemaError(QuotetraceError):
    """The database is not one this quotetrace can read or write: another program's,
    a newer quotetrace's, or one whose tables were changed by hand."""
