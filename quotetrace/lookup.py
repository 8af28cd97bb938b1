"""Find people by name, whatever the spelling: "Hawash" finds "Nanar Hawach"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from . import store
from .names import SAME_TOKEN, name_similarity, name_tokens, normalise_name, token_similarity

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
