"""Small frozen records that move between the pipeline stages.

Every stage takes and returns these; none of them touches the database or
parses text on its own, so each stage can be run and tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Kinds of quotation a fact-checker needs kept apart.
KIND_FULL = "full"  # a statement, attributed or not
KIND_PARTIAL = "partial"  # a fragment quoted inside reported speech: was "extremely angry"
KIND_CONTINUATION = "continuation"  # the next paragraph or sentence of the same speaker's statement
KIND_SCARE = "scare"  # a scare quote: a word or two in narrative, no cue
KIND_TITLE = "title"  # the quoted title of a work
KIND_NESTED = "nested"  # a quote inside a quote
KIND_HEADLINE = "headline"  # a quote in the article's headline: the editor's rendering, the body has the words
QUOTE_KINDS = (KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION, KIND_SCARE, KIND_TITLE, KIND_NESTED, KIND_HEADLINE)
# What a fact-checker counts and exports as statements; the other kinds are
# scare quotes, quoted titles of works and quotes nested in other quotes.
STATEMENT_KINDS = (KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION)

# A quote whose speaker_confidence is at least this needs no second look: on
# annotated real news (polnear-dev) the speakers at or above it are right at
# least 97% of the time. Below it, a person checks ("attributions_to_check").
CHECKED_CONFIDENCE = 0.92

# What the speaker of a quote is.
SPEAKER_PERSON = "person"
SPEAKER_ORGANISATION = "organisation"
SPEAKER_DESCRIPTION = "description"  # "a Pentagon spokesman", "officials"


@dataclass(frozen=True)
class Document:
    """One article, its text exactly as decoded: every offset indexes `text`."""

    id: str  # content hash (sha256 of the text, hex, first 16 chars)
    name: str  # file name, or the record's id for JSONL/CSV input
    text: str
    path: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known


@dataclass(frozen=True)
class Quote:
    """One quotation occurrence in one document.

    `text == document.text[start:end]`: the words inside the marks.
    Extraction fills the span, kind, cue and speaker mention; resolution fills
    the speaker's full name, title, affiliation and the outlet it was told to.
    """

    start: int
    end: int
    text: str
    kind: str = KIND_FULL
    cue: str | None = None  # the reporting verb phrase: "said", "told Al Jazeera", "according to"
    speaker_as_written: str | None = None  # the mention the attribution names: "he", "Drevon"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # resolved full name (or organisation / description)
    speaker_kind: str | None = None  # person / organisation / description
    title: str | None = None  # "senior Syria analyst"
    affiliation: str | None = None  # "International Crisis Group"
    told_to: str | None = None  # "Al Jazeera" in "told Al Jazeera"
    confidence: float = 0.0  # that the span is a quotation with this speaker, 0..1
    speaker_confidence: float = 0.0  # of the speaker decision alone, 0..1
    backend: str = "rules"


def changed(q: Quote, **changes: Any) -> Quote:
    """`dataclasses.replace(q, **changes)` for the hot paths of extraction: the same
    record, made without replace's reading of every field's definition (Quote has no
    __post_init__, so a copy of its fields with the changes is what replace makes)."""
    unknown = changes.keys() - q.__dict__.keys()
    if unknown:
        raise TypeError(f"Quote has no field {sorted(unknown)[0]}")
    new = object.__new__(Quote)
    fields = new.__dict__
    fields.update(q.__dict__)
    fields.update(changes)
    return new


@dataclass(frozen=True)
class StoredQuote:
    """A quote as the aligner reads it back from the database."""

    id: str
    document_id: str
    document_name: str
    outlet: str | None
    published: str | None
    start: int
    text: str
    kind: str
    speaker: str | None
    speaker_as_written: str | None
    speaker_kind: str | None
    affiliation: str | None
    title: str | None
    told_to: str | None
    speaker_confidence: float = 0.0  # of the speaker decision alone (Quote.speaker_confidence)


@dataclass(frozen=True)
class PersonSpelling:
    spelling: str
    count: int
    first_document_id: str


@dataclass(frozen=True)
class Person:
    """One speaker across documents and spellings: a person, or an organisation
    speaking through its name or its unnamed spokespeople (`kind`)."""

    id: str
    name: str  # display form: the most complete, most frequent spelling
    spellings: tuple[PersonSpelling, ...] = ()
    affiliations: tuple[str, ...] = ()
    kind: str = SPEAKER_PERSON  # or SPEAKER_ORGANISATION


@dataclass(frozen=True)
class Variant:
    """One version of a statement, compared with the cluster's earliest version."""

    quote_id: str
    cluster_id: str
    similarity: float  # to the earliest version, 0..1
    relation: str  # earliest / verbatim / edited / paraphrase / partial
    diff: str  # word-level diff against the earliest version, JSON list of [op, text]
    numbers_changed: bool
    closest_earlier_quote_id: str | None  # provenance chain
    # the person across documents this version is credited to: the quote's own
    # person, or, where its attribution is missing or uncertain and the
    # statement's confident versions name one person, that person
    person_id: str | None = None


@dataclass(frozen=True)
class Cluster:
    """Every version of one statement across the corpus."""

    id: str
    representative: str  # the earliest (or fullest) version's text
    first_quote_id: str
    first_document_id: str
    first_published: str | None  # None when no version has a date
    first_is_dated: bool  # True only when every version is dated: an undated copy may be older
    outlets: tuple[str, ...]
    n_variants: int
    n_documents: int
    max_drift: float  # 1 - lowest similarity to the earliest version
    speakers_disagree: bool  # misattribution: credited to more than one person
    wording_changed: bool
    numbers_changed: bool
    speakers: tuple[str, ...] = ()
    # for a statement credited to two people: what links their versions (JSON:
    # the shared passage, each side's quote id, speaker as written and outlet)
    evidence: str | None = None


# How two statements relate without being one.
RELATION_CONTAINS = "contains"  # a long quote of one holds a version of the other
RELATION_REPEATED = "repeated"  # one speaker said the line again on another occasion


@dataclass(frozen=True)
class Relation:
    """Two statements related without being one: `cluster_id` contains, or repeats, `other_cluster_id`."""

    cluster_id: str
    other_cluster_id: str
    relation: str  # RELATION_CONTAINS or RELATION_REPEATED
    quote_id: str  # the version of `cluster_id` that shows it
    other_quote_id: str  # the version of `other_cluster_id`
    similarity: float


@dataclass
class Alignment:
    """What alignment adds to the stored quotes."""

    people: list[Person] = field(default_factory=list)
    person_of_quote: dict[str, str] = field(default_factory=dict)  # quote id -> person id
    clusters: list[Cluster] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)  # one per clustered quote
    relations: list[Relation] = field(default_factory=list)
