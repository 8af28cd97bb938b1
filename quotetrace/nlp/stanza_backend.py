"""The stanza backend: sentences, tokens (with UPOS) and entities from a stanza English pipeline.

Models load from `--stanza-dir` / $STANZA_RESOURCES_DIR / stanza's default,
offline (see `quotetrace.models`). Offsets come from stanza's `start_char` /
`end_char`, which index the text given to the pipeline, so every span here
indexes the analysed text exactly.

Threads and processes: building the pipeline takes seconds, so each backend
builds it once. stanza does not promise that one pipeline is safe to call from
several threads at once; use one backend per worker process (what
`load_backend` caching gives under Dask or multiprocessing).
"""

from __future__ import annotations

from typing import Any

from ..models import build_pipeline, installed_processors, resolve_stanza_dir
from .base import GPE, ORG, OTHER, PERSON, Analysis, Entity, Sentence, Token

USED_PROCESSORS = ("tokenize", "mwt", "pos", "ner")

# stanza's 4-class CoNLL tags and 18-class OntoNotes tags onto ours. Numeric and
# time types (DATE, MONEY, CARDINAL...) are dropped: they never name a speaker.
LABELS = {
    "PER": PERSON,
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": GPE,
    "LOC": GPE,
    "MISC": OTHER,
    "NORP": OTHER,
    "FAC": OTHER,
    "EVENT": OTHER,
    "WORK_OF_ART": OTHER,
    "LAW": OTHER,
    "LANGUAGE": OTHER,
    "PRODUCT": OTHER,
}


class StanzaBackend:
    """NLP backend over a stanza English pipeline built once per instance."""

    name = "stanza"

    def __init__(self, stanza_dir: str | None = None) -> None:
        self.stanza_dir = resolve_stanza_dir(stanza_dir)
        # Only what the extractor reads: sentences, tokens with UPOS, entities.
        # Lemmas and dependency trees would cost time and feed nothing.
        wanted = [p for p in installed_processors(self.stanza_dir) if p in USED_PROCESSORS]
        self._pipeline = build_pipeline(self.stanza_dir, wanted or None)
        self.processors: tuple[str, ...] = tuple(self._pipeline.processors)

    def analyse(self, text: str) -> Analysis:
        if not text.strip():
            return Analysis(text=text, sentences=(), tokens=(), entities=(), backend=self.name)
        # One call per document: stanza batches sentences internally.
        return analysis_from_doc(text, self._pipeline(text), self.name)


def analysis_from_doc(text: str, doc: Any, backend: str = "stanza") -> Analysis:
    """Convert a processed `stanza.Document` of `text` into our `Analysis`."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for sent in doc.sentences:
        if not sent.tokens:
            continue
        for tok in sent.tokens:
            start, end = tok.start_char, tok.end_char
            tokens.append(Token(start=start, end=end, text=text[start:end], pos=_upos(tok)))
        sentences.append(Sentence(start=sent.tokens[0].start_char, end=sent.tokens[-1].end_char))
    entities = tuple(
        Entity(
            start=e.start_char, end=e.end_char, text=text[e.start_char : e.end_char], label=label
        )
        for e in doc.ents
        if (label := LABELS.get(e.type)) is not None
    )
    return Analysis(
        text=text,
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        entities=entities,
        backend=backend,
    )


def _upos(token: Any) -> str | None:
    # A multi-word token ("don't" = do + n't) carries the first word's tag.
    words = token.words
    return words[0].upos if words else None
