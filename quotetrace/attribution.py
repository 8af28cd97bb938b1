"""Per-document attribution: a text in, its quotes with resolved speakers out.

The one place the extraction stages are composed for a single text, so the
Python API (`extract_quotes`), serial ingest and Dask workers run the same code:
analyse → find quotes and their mentions (`extract.py`) → resolve speakers
(`resolve.py`) → calibrate how sure each speaker is (`confidence.py`).
"""

from __future__ import annotations

from .confidence import calibrate
from .extract import direct_quotations
from .nlp import Backend
from .records import Quote, changed
from .resolve import resolve_quotes

# Spaces that web copy uses inside names and after abbreviations ("Sen.\u00a0Sanders"):
# read as plain spaces. One character each, so every offset still holds.
_SPACES = {0x00A0: " ", 0x2007: " ", 0x2009: " ", 0x202F: " ", 0x200A: " "}
_SPACE_CHARS = tuple(map(chr, _SPACES))


def quotes_in_text(text: str, backend: Backend) -> list[Quote]:
    """Every quotation in `text` with its kind, cue, speaker mention and resolved speaker."""
    # (str.translate reads every character through a dict: a replace per space present
    # is the same text, fifty times faster)
    work = text
    for space in _SPACE_CHARS:
        if space in work:
            work = work.replace(space, " ")
    analysis = backend.analyse(work)
    quotes = calibrate(work, resolve_quotes(work, analysis, list(direct_quotations(work, analysis))))
    if work is text or work == text:
        return quotes
    # The records quote the document as it is, not the working copy.
    return [_as_written(q, text) for q in quotes]


def _as_written(q: Quote, text: str) -> Quote:
    mention = text[q.speaker_start : q.speaker_end] if q.speaker_start is not None and q.speaker_end is not None else q.speaker_as_written
    return changed(q, text=text[q.start : q.end], speaker_as_written=mention)


__all__ = ["quotes_in_text"]
