"""Across the corpus: one statement across outlets, one person across spellings.

A package with one module per job, data flowing one way:

- `similarity`: how likely two quotes are versions of one statement
  (`quote_similarity`, `same_statement`) and which words changed (`word_diff`);
- `people`: speaker names grouped into persons across documents and spellings;
- `clustering`: the versions of one statement across the corpus (blocking,
  candidate pairs, links, statement records), reading people as data.

`align` takes every stored quote and returns an `Alignment`: people, the
person of each quote, statement clusters and each version's drift against the
cluster's earliest version. The partition does not depend on the order quotes
come in: candidates and links are decided by sorted scores and ids.

First appearance is the earliest `published` date. Undated versions rank after
dated ones, and among themselves by ingest (input) order; a cluster says
`first_is_dated=True` only when every version is dated, since an undated
version may be older than the earliest dated one. With no dates at all,
`first_published` is None. Nothing is guessed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .. import forked
from ..records import Alignment, Person, StoredQuote
from .clustering import CLUSTERED_KINDS, MAX_BLOCK, AlignStats, cluster_quotes, text_work
from .common import order_key
from .people import build_people, build_voices, name_blocks, surname_keys, voice_id, voice_name
from .similarity import SAME_STATEMENT, quote_similarity, same_statement, word_diff

__all__ = [
    "CLUSTERED_KINDS",
    "MAX_BLOCK",
    "SAME_STATEMENT",
    "AlignStats",
    "align",
    "collector_paused",
    "name_blocks",
    "quote_similarity",
    "same_statement",
    "surname_keys",
    "voice_id",
    "voice_name",
    "word_diff",
]

# Grouping people costs about this many times what forked.MIN_ITEMS assumes of an item, per clustered quote.
PEOPLE_PER_FORK = 2


def align(
    quotes: Sequence[StoredQuote],
    existing: Alignment | None = None,
    *,
    stats: AlignStats | None = None,
) -> Alignment:
    """Group speakers into people and quotes into statement clusters, with drift.

    `quotes` is every quote to align, in ingest order (that order only breaks
    ties of "earliest" between undated versions). With `existing` (the
    alignment of an earlier run over a subset of these quotes), only the new
    quotes are compared: they join existing clusters or make new ones, and only
    the clusters they touch are rebuilt. People are regrouped from the
    distinct speaker names, which costs little and matches a full run exactly.
    """
    with collector_paused():
        return _align(quotes, existing, stats if stats is not None else AlignStats())


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while aligning.

    Alignment makes millions of small tuples and sets that live until it
    returns (and until its result is stored), and no reference cycles; the
    collector's passes over them cost about a tenth of the run, and a quarter
    of storing it. Its earlier state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _align(quotes: Sequence[StoredQuote], existing: Alignment | None, stats: AlignStats) -> Alignment:
    stats.n_quotes = len(quotes)
    order = sorted(range(len(quotes)), key=lambda i: order_key(quotes[i], i))
    rank = [0] * len(quotes)  # quote index -> its place in `order`
    for r, i in enumerate(order):
        rank[i] = r
    # People are grouped in a forked child while the texts are prepared, blocked and
    # (with nothing aligned before) scored here: they read nothing of each other.
    fork = sum(q.kind in CLUSTERED_KINDS for q in quotes) >= forked.MIN_ITEMS // PEOPLE_PER_FORK
    with forked.in_child(lambda: _speakers(quotes, order, rank), fork=fork) as speakers:
        work = text_work(quotes, order, stats, candidates=existing is None)
        people, person_of_quote, person, voices, voice_of_quote = speakers()
    person_names = {p.id: p.name for p in people}

    clusters, variants, relations = cluster_quotes(quotes, order, rank, person, person_names, existing, stats, work)
    stats.n_clusters = len(clusters)
    return Alignment(
        people=sorted([*people, *voices], key=lambda p: p.id),
        person_of_quote={**voice_of_quote, **person_of_quote},
        clusters=clusters,
        variants=variants,
        relations=relations,
    )


def _speakers(
    quotes: Sequence[StoredQuote], order: Sequence[int], rank: Sequence[int]
) -> tuple[list[Person], dict[str, str], dict[int, str], list[Person], dict[str, str]]:
    """People (records, quote id -> person id, quote index -> person id) and organisations
    (records, quote id -> organisation id)."""
    same: dict[tuple[str, str], bool] = {}  # copies of a quote ask of the same pair of texts again

    def same_texts(a: str, b: str) -> bool:
        found = same.get((a, b))
        if found is None:
            found = same[a, b] = same_statement(a, b)
        return found

    def agrees(i: int, others: list[int]) -> bool:
        return any(quotes[j].kind in CLUSTERED_KINDS and same_texts(quotes[i].text, quotes[j].text) for j in others)

    people, person_of_quote, person = build_people(quotes, order, rank, agrees)
    # Organisations are speakers too (their quotes get a speaker id), but statements
    # are clustered on people alone: who may have said what is a person's question.
    voices, voice_of_quote = build_voices(quotes, order)
    return people, person_of_quote, person, voices, voice_of_quote
