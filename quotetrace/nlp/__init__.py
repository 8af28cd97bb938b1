"""NLP backends behind one interface (see `base.py`).

`rules` is built in and needs nothing; `stanza` uses installed stanza models.
`auto` picks stanza when its English models are installed, else rules.
"""

from __future__ import annotations

from .base import GPE, ORG, OTHER, PERSON, Analysis, Backend, Entity, Sentence, Token

BACKENDS = ("rules", "stanza", "auto")

__all__ = [
    "BACKENDS",
    "GPE",
    "ORG",
    "OTHER",
    "PERSON",
    "Analysis",
    "Backend",
    "Entity",
    "Sentence",
    "Token",
    "load_backend",
]

_cache: dict[tuple[str, str | None], Backend] = {}


def load_backend(name: str = "rules", stanza_dir: str | None = None) -> Backend:
    """Return a backend by name, building it once per process.

    Raises `ModelsNotFound` / `BackendUnavailable` for `stanza` when it cannot
    run; `auto` never raises for that reason and falls back to rules.
    """
    key = (name, stanza_dir)
    if key in _cache:
        return _cache[key]
    backend: Backend
    if name == "rules":
        from .rules import RulesBackend

        backend = RulesBackend()
    elif name == "stanza":
        from .stanza_backend import StanzaBackend

        backend = StanzaBackend(stanza_dir)
    elif name == "auto":
        from ..errors import BackendUnavailable, ModelsNotFound

        try:
            backend = load_backend("stanza", stanza_dir)
        except (ModelsNotFound, BackendUnavailable):
            backend = load_backend("rules")
    else:
        raise ValueError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")
    _cache[key] = backend
    return backend
