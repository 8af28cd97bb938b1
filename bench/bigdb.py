"""Build a quotetrace database of about a million quotes directly from generated records.

Extracting and aligning a million quotes would take far longer than the
benchmark's budget, so the generator's ground truth stands in for extraction
and for statement clustering: its quote spans become quote rows, its
statements become clusters whose versions are variants. People are what
quotetrace's own aligner makes of the speaker names (`align` over every
quote with clustering masked off, about 15 s), so that the database is the
one an incremental ingest would find in real use. The schema, indexes,
full-text triggers and views are the store's own (`store.open_db`); the rows
are bulk-inserted with indexes and triggers dropped, then those are recreated
from the store's own SQL.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus import Article, Generator, TrueQuote

from quotetrace import incremental, store
from quotetrace.align import align
from quotetrace.records import KIND_SCARE, SPEAKER_PERSON, StoredQuote

PEOPLE = 40_000
STORIES = 150_000
BATCH = 50_000


@dataclass(frozen=True)
class BigDB:
    path: Path
    documents: int
    quotes: int
    people: int
    clusters: int
    seconds: float


def generator(seed: int, padding: bool = False) -> Generator:
    """The generator the big database is made with (padding: full-length articles, same stories)."""
    return Generator(seed, n_people=PEOPLE, n_stories=STORIES, padding=padding)


def articles_for(n_quotes: int, seed: int) -> Iterator[Article]:
    """Compact articles (no narrative padding) until `n_quotes` quotes are written."""
    gen = generator(seed)
    total = i = 0
    while total < n_quotes:
        article = gen.article(i)
        i += 1
        total += len(article.quotes)
        yield article


def _hash_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def cluster_id(statement_key: str) -> str:
    return _hash_id("c-", statement_key)


def build(path: Path, n_quotes: int = 1_000_000, seed: int = 11) -> BigDB:
    t0 = time.perf_counter()
    if path.exists():
        path.unlink()
    articles = list(articles_for(n_quotes, seed))
    # every quote in the order the aligner reads them: earliest first
    rows: list[tuple[tuple[Any, ...], str, Article, TrueQuote]] = []
    for article in articles:
        d = article.document
        for q in article.quotes:
            key = (d.published is None, d.published or "", d.name, d.id, q.start, q.end)
            rows.append((key, store.quote_id(d.id, q.start, q.end), article, q))
    rows.sort(key=lambda r: r[0])
    people = align(
        [
            StoredQuote(qid, a.document.id, a.document.name, a.document.outlet, a.document.published, q.start,
                        q.text, KIND_SCARE, q.speaker, q.written, SPEAKER_PERSON, None, None, None)
            for _, qid, a, q in rows
        ]
    )
    person_of = people.person_of_quote
    name_of = {p.id: p.name for p in people.people}

    # statements: earliest version, outlets and speakers in order of appearance
    first: dict[str, tuple[str, Article, TrueQuote]] = {}
    outlets: dict[str, list[str]] = {}
    speakers: dict[str, list[str]] = {}
    members: Counter[str] = Counter()
    documents: dict[str, set[str]] = {}
    changed: set[str] = set()
    for _, qid, a, q in rows:
        k = q.statement_key
        if k not in first:
            first[k] = (qid, a, q)
            outlets[k], speakers[k], documents[k] = [], [], set()
        elif q.text != first[k][2].text:
            changed.add(k)
        if a.document.outlet and a.document.outlet not in outlets[k]:
            outlets[k].append(a.document.outlet)
        name = name_of.get(person_of.get(qid, ""))
        if name and name not in speakers[k]:
            speakers[k].append(name)
        members[k] += 1
        documents[k].add(a.document.id)

    db = store.open_db(path)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-400000")
    conn = db.conn
    deferred = [
        (row[0], row[1], row[2])
        for row in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    for kind, name, _ in deferred:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        conn.executemany(
            "INSERT INTO documents (id, name, outlet, title, published, ingested_at, backend, n_quotes, text) "
            "VALUES (?, ?, ?, ?, ?, ?, 'rules', ?, ?)",
            (
                (a.document.id, a.document.name, a.document.outlet, a.document.title, a.document.published, now,
                 len(a.quotes), a.document.text)
                for a in articles
            ),
        )
        conn.executemany(
            'INSERT INTO quotes (id, document_id, start, "end", text, kind, cue, speaker, speaker_kind, '
            "speaker_as_written, confidence, speaker_confidence, backend, person_id, cluster_id) "
            "VALUES (?, ?, ?, ?, ?, ?, 'said', ?, 'person', ?, 0.9, 0.9, 'rules', ?, ?)",
            (
                (qid, a.document.id, q.start, q.end, q.text, "partial" if q.partial else "full", q.speaker,
                 q.written, person_of.get(qid), cluster_id(q.statement_key))
                for _, qid, a, q in rows
            ),
        )
        n_quotes_of = Counter(person_of.values())
        conn.executemany(
            "INSERT INTO people (id, name, affiliations, n_quotes, n_spellings) VALUES (?, ?, ?, ?, ?)",
            ((p.id, p.name, json.dumps(list(p.affiliations)), n_quotes_of[p.id], len(p.spellings))
             for p in people.people),
        )
        conn.executemany(
            "INSERT INTO person_names (person_id, spelling, count, first_document_id) VALUES (?, ?, ?, ?)",
            ((p.id, s.spelling, s.count, s.first_document_id) for p in people.people for s in p.spellings),
        )
        conn.executemany(
            "INSERT INTO clusters (id, representative, first_quote_id, first_document_id, first_published, "
            "first_is_dated, outlets, n_variants, n_documents, max_drift, speakers_disagree, wording_changed, "
            "numbers_changed, speakers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                (
                    cluster_id(k), q.text, qid, a.document.id, a.document.published,
                    int(a.document.published is not None), json.dumps(outlets[k]), members[k], len(documents[k]),
                    0.3 if k in changed else 0.0, int(len(speakers[k]) > 1), int(k in changed),
                    json.dumps(speakers[k]),
                )
                for k, (qid, a, q) in first.items()
            ),
        )
        conn.executemany(
            "INSERT INTO variants (quote_id, cluster_id, similarity, relation, diff, numbers_changed, "
            "closest_earlier_quote_id) VALUES (?, ?, ?, ?, '[]', 0, ?)",
            (_variant(qid, q, first[q.statement_key]) for _, qid, _, q in rows),
        )
        for _, _, sql in deferred:
            conn.execute(sql)
        for table in ("quotes_fts", "people_fts"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        # aligned: the next ingest aligns only what it adds
        incremental.index_people(db)
        store.set_aligned_through(db, store.last_document_rowid(db))
    db.execute("ANALYZE")
    db.close()
    return BigDB(path, len(articles), len(rows), len(people.people), len(first), time.perf_counter() - t0)


def _variant(qid: str, q: TrueQuote, first: tuple[str, Article, TrueQuote]) -> tuple[Any, ...]:
    cid = cluster_id(q.statement_key)
    if first[0] == qid:
        return (qid, cid, 1.0, "earliest", None)
    if q.text == first[2].text:
        return (qid, cid, 1.0, "verbatim", first[0])
    return (qid, cid, 0.9, "edited", first[0])


if __name__ == "__main__":
    import sys

    info = build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    print(info)
