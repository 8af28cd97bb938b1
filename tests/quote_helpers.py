"""Building hand-made Quote records for storage, export and Datasette tests."""

from __future__ import annotations

from quotetrace.records import Document, Quote


def span(document: Document, words: str, **fields: object) -> Quote:
    """A quote of `words` at their first position in `document`."""
    start = document.text.index(words)
    return Quote(start=start, end=start + len(words), text=words, **fields)  # type: ignore[arg-type]
