"""The one small interface every NLP backend offers: sentences, tokens, entities.

Offsets are character offsets into the analysed text, so the extractor can
map everything back to the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

# Entity labels the extractor relies on; backends map their own tag sets onto these.
PERSON = "PERSON"
ORG = "ORG"
GPE = "GPE"  # countries, cities: "Syria's Foreign Minister"
OTHER = "MISC"


# The records of an analysis are made by the ten thousand: a frozen dataclass sets each
# field through object.__setattr__, three times as slow as a dataclass with slots
# (hashable as a frozen one is, by its fields; nothing assigns to them).
@dataclass(slots=True, unsafe_hash=True)
class Token:
    start: int
    end: int
    text: str
    pos: str | None = None  # universal POS tag where the backend has one


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True, unsafe_hash=True)
class Entity:
    start: int
    end: int
    text: str
    label: str  # PERSON / ORG / GPE / MISC


@dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    backend: str

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that contains (or last began before) `pos`; a binary search."""
        i = bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 else None

    def entities_in(self, start: int, end: int, label: str | None = None) -> list[Entity]:
        return [
            e
            for e in self.entities
            if e.start >= start and e.end <= end and (label is None or e.label == label)
        ]


class Backend(Protocol):
    """An NLP backend: `analyse` is pure and may be called many times."""

    name: str

    def analyse(self, text: str) -> Analysis: ...
