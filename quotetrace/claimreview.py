"""ClaimReview skeletons: one schema.org ClaimReview per statement, as JSON-LD.

For a fact-checker to fill in: `claimReviewed` is the statement's earliest
wording; `itemReviewed` is a `Claim` with its `author` (the person credited),
`firstAppearance` and every `appearance` (a `CreativeWork` per version: outlet,
URL, date, the words as that outlet quoted them). `reviewRating` is left empty
on purpose: the verdict is the fact-checker's. Only reads the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

import sqlite_utils

from .records import SPEAKER_ORGANISATION

CONTEXT = "https://schema.org"


def _work(v: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": v["title"] or v["document"]}
    if v["url"]:
        work["url"] = v["url"]
    if v["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": v["outlet"]}
    if v["published"]:
        work["datePublished"] = v["published"]
    work["text"] = v["text"]
    return work


def claim_reviews(
    db: sqlite_utils.Database,
    *,
    person_ids: Sequence[str] | None = None,
    cluster_ids: Sequence[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """One ClaimReview skeleton per statement (those credited to `person_ids`, or these `cluster_ids`), by statement id."""
    only = "" if cluster_ids is None else "WHERE v.cluster_id IN (SELECT value FROM json_each(:ids))"
    ids = json.dumps(list(cluster_ids or ()))
    versions: dict[str, list[dict[str, Any]]] = {}
    for v in db.query(
        f"""
        SELECT v.cluster_id, coalesce(v.person_id, q.person_id) AS person_id, v.relation, q.id AS quote_id, q.text, d.name AS document, d.title,
               d.outlet, d.url, d.published
        FROM variants v JOIN quotes q ON q.id = v.quote_id JOIN documents d ON d.id = q.document_id {only}
        ORDER BY v.cluster_id, v.relation != 'earliest', d.published IS NULL, d.published, d.name, q.start
        """,
        {"ids": ids},
    ):
        versions.setdefault(v["cluster_id"], []).append(v)
    names = {pid: (name, kind) for pid, name, kind in db.execute("SELECT id, name, kind FROM people").fetchall()}
    wanted = set(person_ids) if person_ids is not None else None
    clusters = "" if cluster_ids is None else "WHERE id IN (SELECT value FROM json_each(:ids))"
    for c in db.query(f"SELECT * FROM clusters {clusters} ORDER BY id", {"ids": ids}):
        vs = versions.get(c["id"], [])
        credited = list(dict.fromkeys(v["person_id"] for v in vs if v["person_id"]))
        if wanted is not None and not wanted & set(credited):
            continue
        first = vs[0] if vs else None
        claim: dict[str, Any] = {"@type": "Claim"}
        authors = [
            {"@type": "Organization" if names[p][1] == SPEAKER_ORGANISATION else "Person", "name": names[p][0], "identifier": p}
            for p in credited
            if p in names
        ]
        if authors:
            claim["author"] = authors[0] if len(authors) == 1 else authors
        if first is not None:
            claim["firstAppearance"] = _work(first)
        claim["appearance"] = [_work(v) for v in vs]
        if c["first_published"]:
            claim["datePublished"] = c["first_published"]
        yield {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "identifier": c["id"],
            "claimReviewed": c["representative"],
            "itemReviewed": claim,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": None,
                "bestRating": None,
                "worstRating": None,
                "alternateName": None,
            },
            "author": None,
            "datePublished": None,
            "url": None,
        }


def write_claimreviews(db: sqlite_utils.Database, fh: TextIO, *, person_ids: Sequence[str] | None = None) -> int:
    """Write the skeletons as one JSON-LD array; returns how many."""
    reviews = list(claim_reviews(db, person_ids=person_ids))
    fh.write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
    return len(reviews)
