"""Find people by name, whatever the spelling: "Hawash" finds "Nanar Hawach"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from . import store
from .names import name_similarity, normalise_name, token_similarity

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


def find_people(db: sqlite_utils.Database, query: str, threshold: float = MATCH_THRESHOLD) -> list[PersonMatch]:
    """People whose name, in any spelling, matches `query`; best first."""
    matches: list[PersonMatch] = []
    # The name-key index narrows a million quotes' people to a handful of
    # candidates; without it (an old database) everyone is scored.
    from .incremental import people_named

    candidates = people_named(db, query)
    for row in store.people_rows(db, sorted(candidates) if candidates is not None else None):
        spellings = [row["name"], *row["spellings"]]
        score = max(spelling_score(query, s) for s in spellings)
        if score >= threshold:
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
    return store.quotes_for_people(db, [m.id for m in matches])
