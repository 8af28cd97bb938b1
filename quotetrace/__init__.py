"""quotetrace: provenance-aware quote attribution for fact-checkers.

    >>> from quotetrace import extract_quotes
    >>> [q.speaker for q in extract_quotes('"It is over," Jane Roe said.')]
    ['Jane Roe']
"""

from __future__ import annotations

from .records import Document, Quote

__version__ = "0.1.0"
__all__ = ["Document", "Quote", "__version__", "extract_quotes"]


def extract_quotes(text: str, backend: str = "rules", *, stanza_dir: str | None = None) -> list[Quote]:
    """Every quotation in `text` with its speaker resolved within the text.

    `backend` is "rules" (built in), "stanza" (installed stanza models) or
    "auto" (stanza when its models are installed, else rules).
    """
    from .attribution import quotes_in_text
    from .nlp import load_backend

    return quotes_in_text(text, load_backend(backend, stanza_dir))
