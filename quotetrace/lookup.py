"""Find people by name, whatever the spelling: "Hawash" finds "Nanar Hawach"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlite_utils

from . import store
from .names import (
    SAME_TOKEN,
    name_similarity,
    name_tokens,
    normalise_name,
    similarity_keys,
    token_similarity,
)

# Below this a spelling is a different name, not a variant (see names.py).
MATCH_THRESHOLD = 0.8


@dataclass(frozen=True)
class PersonMatch:
    id: str
    name: str
    score: float
    spellings: tuple[str, ...]
    affiliations: tuple[str, ...]
    n_quotes: int


def spelling_score(query: str, spelling: str) -> float:
    """How well a query names a spelling: a full name, or one of its words (surname search)."""
    q = normalise_name(query)
    if not q:
        return 0.0
    if q == normalise_name(spelling):
        return 1.0
    score = name_similarity(query, spelling)
    q_tokens = query.split()
    if len(q_tokens) == 1:
        # "Hawash" against "Nanar Hawach": the best word of the spelling.
        score = max(score, *(token_similarity(query, t) for t in spelling.split()), 0.0)
    return score


def name_match(query: str | None, candidate: str | None) -> int:
    """1 if every word of the searched name matches a word of `candidate`, else 0.

    A search, not an identity test: "Hawash" matches "Nanar Hawash" and
    "Hawach" (transliteration variants score at least `SAME_TOKEN`), "N.
    Hawash" matches "Nanar Hawash" (an initial), "al-Sharaa" matches
    "Ahmed al-Sharaa". Titles and articles are ignored. An empty query matches
    nothing.
    """
    if not query or not candidate:
        return 0
    wanted = name_tokens(query) or tuple(normalise_name(query).split())
    have = name_tokens(candidate) or tuple(normalise_name(candidate).split())
    if not wanted or not have:
        return 0
    for token in wanted:
        if len(token) == 1:
            if not any(h.startswith(token) for h in have):
                return 0
        elif not any(token_similarity(token, h) >= SAME_TOKEN for h in have):
            return 0
    return 1


def spelling_matches(query: str | None, spelling: str | None, threshold: float = MATCH_THRESHOLD) -> bool:
    """Whether a searched name finds a spelling: every searched word in it (`name_match`), or
    `spelling_score` at least `threshold`. The CLI `speaker` and Datasette's `quotes_by_speaker`
    both decide with this, so they find the same people and quotes."""
    if not query or not spelling or not query.strip():
        return False
    return bool(name_match(query, spelling)) or spelling_score(query, spelling) >= threshold


@lru_cache(maxsize=1 << 17)
def _match_keys(name: str) -> frozenset[str]:
    """`similarity_keys` of every token `spelling_matches` may compare for this name.

    Its words as written (a one-word query is compared whole), its content tokens
    and normalised words, and the joined readings `name_similarity` tries
    ("Abdul Aziz" / "Abdulaziz").
    """
    tokens = name_tokens(name)
    words = {name, *name.split(), *tokens, *normalise_name(name).split()}
    if len(tokens) >= 2:
        words |= {"".join(tokens[:-1]), "".join(tokens[1:])}
    return frozenset(k for w in words for k in similarity_keys(w))


@lru_cache(maxsize=1 << 10)
def _initials_only(query: str) -> bool:
    """A query `name_match` may match by initials alone ("N."), with no word to key on."""
    wanted = name_tokens(query) or tuple(normalise_name(query).split())
    return all(len(t) == 1 for t in wanted)


def could_match(query: str | None, spelling: str | None) -> bool:
    """False only when `spelling_matches(query, spelling)` is certainly False; cheap.

    Every way `spelling_matches` can succeed needs two tokens at
    `token_similarity` 0.8 or more (`SAME_TOKEN` in `name_match`; a
    `spelling_score` of 0.8 needs a surname, or a one-word query and a word,
    at 0.8 or more), and such tokens share a `similarity_key`; or a query of
    initials only. Lets a search over every spelling skip the full comparison
    for nearly all of them (Datasette's `quotes_by_speaker` runs it on each).
    """
    if not query or not spelling or not query.strip():
        return False
    return _initials_only(query) or not _match_keys(query).isdisjoint(_match_keys(spelling))


def find_people(db: sqlite_utils.Database, query: str, threshold: float = MATCH_THRESHOLD) -> list[PersonMatch]:
    """People whose name, in any spelling, matches `query` (`spelling_matches`); best first."""
    matches: list[PersonMatch] = []
    # The name-key index narrows a million quotes' people to a handful of
    # candidates; without it (an old database) everyone is scored.
    from .incremental import people_named

    candidates = people_named(db, query)
    for row in store.people_rows(db, sorted(candidates) if candidates is not None else None):
        spellings = [row["name"], *row["spellings"]]
        if any(spelling_matches(query, s, threshold) for s in spellings):
            score = max(max(spelling_score(query, s) for s in spellings), 0.0)
            matches.append(
                PersonMatch(
                    id=row["id"],
                    name=row["name"],
                    score=round(score, 3),
                    spellings=tuple(dict.fromkeys(row["spellings"])),
                    affiliations=tuple(row["affiliations"]),
                    n_quotes=row["n_quotes"] or 0,
                )
            )
    matches.sort(key=lambda m: (-m.score, -m.n_quotes, m.name))
    return matches


def quotes_of(db: sqlite_utils.Database, matches: list[PersonMatch]) -> list[dict[str, Any]]:
    """The quotes credited to these people (their own, and those a statement credits them with)."""
    return store.quotes_for_people(db, [m.id for m in matches])


def unlinked_quotes(db: sqlite_utils.Database, query: str, threshold: float = MATCH_THRESHOLD) -> list[dict[str, Any]]:
    """Quotes credited to no person whose speaker, as resolved or as written, matches `query`
    (an organisation, a description, a name no person was made of)."""
    rows = store.unlinked_quote_rows(db)
    return [
        r
        for r in rows
        if spelling_matches(query, r["speaker"], threshold) or spelling_matches(query, r["speaker_as_written"], threshold)
    ]
