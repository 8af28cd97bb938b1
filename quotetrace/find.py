"""Check a quote: paste words seen anywhere, get the statements they match.

`find_statements(db, text)` answers a fact-checker's daily question (did X
really say this, first where, and was it changed?): the stored statements the
pasted words are a version of, best match first, each with its speaker, its
earliest appearance, every version and what differs between the pasted words
and each version ("the pasted text says 'simple'; the earliest version says
'mere'"). Only reads the database.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from . import provenance
from .align import quote_similarity, word_diff
from .align.similarity import word_information

# A stored version at least this like the pasted words makes its statement a
# match: a little below `align.SAME_STATEMENT`, since pasted words are often cut
# or retyped; each match shows its score.
FIND_THRESHOLD = 0.5
# Quotes read from the full-text index per search, best ranked first.
CANDIDATES = 300
# Words of the pasted text the full-text search looks for: its most telling ones.
SEARCH_WORDS = 12

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_COMMON = frozenset(
    "a an and are as at be been but by for from had has have he her his i if in is it its me my no not of on or our "
    "she so that the their them they this to was we were what when which who will with would you your".split()
)


_EDGE = " ,.;:!?\"'“”‘’…()[]-–—"


def find_terms(text: str) -> str:
    """A full-text query (SQLite FTS5) for the telling words of `text`: any of them, rarest first.

    '""' (matching nothing) when the text has no word to look for.
    """
    words: dict[str, float] = {}
    for w in _WORD.findall(text.casefold().replace("’", "'")):
        w = w.split("'")[0]
        if len(w) > 1 and w not in _COMMON:
            words[w] = word_information(w)
    chosen = sorted(words, key=lambda w: (-words[w], w))[:SEARCH_WORDS]
    return " OR ".join(f'"{w}"' for w in chosen) if chosen else '""'


def differences(pasted: str, version: str, *, label: str = "this version") -> list[str]:
    """What differs between pasted words and a stored version, one sentence per change.

    "the pasted text says 'simple'; this version says 'mere'", "the pasted text
    adds 'very'", "the pasted text leaves out 'of the city'". Case, punctuation
    and quote marks are no change. Empty when the words are the same.
    """
    out: list[str] = []
    # "-": only in the version, "+": only in the pasted text; punctuation at the edges is no word
    ops = [[op, w] for op, words in word_diff(version, pasted) if (w := words.strip(_EDGE))]
    k = 0
    while k < len(ops):
        op, words = ops[k]
        if op == "-" and k + 1 < len(ops) and ops[k + 1][0] == "+":
            out.append(f"the pasted text says '{ops[k + 1][1]}'; {label} says '{words}'")
            k += 2
            continue
        if op == "+":
            out.append(f"the pasted text adds '{words}'")
        elif op == "-":
            out.append(f"the pasted text leaves out '{words}'")
        k += 1
    return out


@dataclass(frozen=True)
class VersionMatch:
    """One version of a matched statement, against the pasted words."""

    quote_id: str
    document: str
    outlet: str | None
    published: str | None
    text: str
    speaker: str | None
    speaker_as_written: str | None
    relation: str | None  # earliest / verbatim / edited / paraphrase / partial
    similarity: float  # to the pasted words
    differences: list[str]  # what the pasted words change, one sentence each


@dataclass
class StatementMatch:
    """A statement the pasted words are a version of."""

    cluster_id: str
    score: float  # the best similarity of the pasted words to one of its versions
    speakers: list[str]
    first_published: str | None
    first_is_dated: bool
    first_outlet: str | None
    first_document: str | None
    earliest: str  # the earliest version's words
    versions: list[VersionMatch] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)  # statements it contains or repeats

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _candidates(db: sqlite_utils.Database, text: str) -> list[tuple[str, str]]:
    """(cluster id, quote text) of the quotes the full-text index ranks best for the pasted words."""
    sql = (
        "SELECT q.cluster_id, q.text FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
        "WHERE quotes_fts MATCH ? AND q.cluster_id IS NOT NULL ORDER BY quotes_fts.rank LIMIT ?"
    )
    return [(r[0], r[1]) for r in db.execute(sql, [find_terms(text), CANDIDATES]).fetchall()]


def find_statements(db: sqlite_utils.Database, text: str, *, limit: int = 10) -> list[StatementMatch]:
    """The statements the pasted `text` matches, best first (at most `limit`)."""
    if not text.strip():
        return []
    best: dict[str, float] = {}
    for cluster_id, quote in _candidates(db, text):
        s = quote_similarity(text, quote)
        if s >= FIND_THRESHOLD and s > best.get(cluster_id, -1.0):
            best[cluster_id] = s
    ranked = sorted(best, key=lambda c: (-best[c], c))[:limit]
    return [_statement_match(db, cid, best[cid], text) for cid in ranked]


def _statement_match(db: sqlite_utils.Database, cluster_id: str, score: float, text: str) -> StatementMatch:
    st = provenance.statement(db, cluster_id)
    first = st.versions[0] if st.versions else None
    match = StatementMatch(
        cluster_id=cluster_id,
        score=round(score, 3),
        speakers=st.speakers,
        first_published=st.first_published,
        first_is_dated=st.first_is_dated,
        first_outlet=first.outlet if first else None,
        first_document=first.document if first else None,
        earliest=st.representative,
        relations=[asdict(r) for r in st.relations],
    )
    for v in st.versions:
        label = "the earliest version" if v.relation == "earliest" else "this version"
        match.versions.append(
            VersionMatch(
                quote_id=v.quote_id,
                document=v.document,
                outlet=v.outlet,
                published=v.published,
                text=v.text,
                speaker=v.speaker,
                speaker_as_written=v.speaker_as_written,
                relation=v.relation,
                similarity=round(quote_similarity(text, v.text), 3),
                differences=differences(text, v.text, label=label),
            )
        )
    return match
