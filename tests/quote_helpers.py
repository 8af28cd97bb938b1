"""Building hand-made Quote records for storage, export and Datasette tests."""

from __future__ import annotations

from quotetrace.records import Document, Quote


def span(document: Document, words: str, **fields: object) -> Quote:
    """A quote of `words` at their first position in `document`."""
    start = document.text.index(words)
    return Quote(start=start, end=start + len(words), text=words, **fields)  # type: ignore[arg-type]


def quote_starting(text: str, words: str) -> Quote:
    """The quote extracted from `text` whose words start with `words`."""
    from quotetrace import extract_quotes

    return next(q for q in extract_quotes(text) if q.text.startswith(words))


def speaker_of(text: str, words: str) -> str | None:
    """The resolved speaker of the quote that starts with `words`."""
    return quote_starting(text, words).speaker
