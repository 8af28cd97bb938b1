"""SQLite storage for documents, quotes and alignments (sqlite-utils).

Storage never parses text: it writes the records of `quotetrace.records` and
reads them back. Every write that must be whole (one document with its quotes,
one alignment) runs in one transaction, so a crash leaves only whole units.

Schema changes go through the `MIGRATIONS` set (recorded in `_sqlite_migrations`);
full-text indexes and views are re-declared idempotently on every `ensure_tables`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from quotetrace.errors import QuotetraceError, SchemaError, shown
from quotetrace.names import normalise_name
from quotetrace.records import (
    Alignment,
    Cluster,
    Document,
    Person,
    Quote,
    Relation,
    StoredQuote,
    Variant,
)


class StoreError(QuotetraceError):
    """The database cannot be opened, or a record breaks a storage invariant."""


MIGRATIONS = Migrations("quotetrace")

# Tokenizers: stemming helps quote search ("tax" finds "taxes"); names only fold
# case and diacritics so "Hawaš" and "Hawas" match.
QUOTES_TOKENIZE = "porter unicode61 remove_diacritics 2"
PEOPLE_TOKENIZE = "unicode61 remove_diacritics 2"

DOCUMENT_BATCH = 200  # documents per transaction in save_documents


def quote_id(document_id: str, start: int, end: int) -> str:
    """Stable id of a quote occurrence: sha1 of its document and span, hex, first 16."""
    return hashlib.sha1(f"{document_id}:{start}:{end}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- schema


@MIGRATIONS()
def m001_initial_schema(db: sqlite_utils.Database) -> None:
    db.table("documents").create(
        {
            "id": str,
            "name": str,
            "path": str,
            "outlet": str,
            "url": str,
            "title": str,
            "published": str,
            "ingested_at": str,
            "backend": str,
            "n_quotes": int,
            "text": str,
        },
        pk="id",
        not_null=["name", "text"],
        if_not_exists=True,
    )
    db.table("people").create(
        {"id": str, "name": str, "affiliations": str, "n_quotes": int, "n_spellings": int},
        pk="id",
        not_null=["name"],
        if_not_exists=True,
    )
    # No FK from clusters.first_quote_id to quotes: quotes already points at
    # clusters, and SQLite cannot declare the cycle in one pass.
    db.table("clusters").create(
        {
            "id": str,
            "representative": str,
            "first_quote_id": str,
            "first_document_id": str,
            "first_published": str,
            "first_is_dated": int,
            "outlets": str,
            "n_variants": int,
            "n_documents": int,
            "max_drift": float,
            "speakers_disagree": int,
            "wording_changed": int,
            "numbers_changed": int,
            "speakers": str,
        },
        pk="id",
        foreign_keys=[("first_document_id", "documents", "id")],
        if_not_exists=True,
    )
    db.table("quotes").create(
        {
            "id": str,
            "document_id": str,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "cue": str,
            "speaker": str,
            "speaker_kind": str,
            "speaker_as_written": str,
            "speaker_start": int,
            "speaker_end": int,
            "title": str,
            "affiliation": str,
            "told_to": str,
            "confidence": float,
            "speaker_confidence": float,
            "backend": str,
            "person_id": str,
            "cluster_id": str,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("person_id", "people", "id"),
            ("cluster_id", "clusters", "id"),
        ],
        not_null=["document_id", "start", "end", "text", "kind"],
        if_not_exists=True,
    )
    db.table("person_names").create(
        {"person_id": str, "spelling": str, "count": int, "first_document_id": str},
        pk=("person_id", "spelling"),
        foreign_keys=[("person_id", "people", "id"), ("first_document_id", "documents", "id")],
        if_not_exists=True,
    )
    db.table("variants").create(
        {
            "quote_id": str,
            "cluster_id": str,
            "similarity": float,
            "relation": str,
            "diff": str,
            "numbers_changed": int,
            "closest_earlier_quote_id": str,
        },
        pk="quote_id",
        foreign_keys=[
            ("quote_id", "quotes", "id"),
            ("cluster_id", "clusters", "id"),
            ("closest_earlier_quote_id", "quotes", "id"),
        ],
        if_not_exists=True,
    )
    for table, columns in (
        ("quotes", ["document_id", "start"]),
        ("quotes", ["person_id"]),
        ("quotes", ["cluster_id"]),
        ("quotes", ["speaker"]),
        ("person_names", ["spelling"]),
        ("documents", ["outlet"]),
        ("documents", ["published"]),
        ("documents", ["name"]),
        ("variants", ["cluster_id"]),
    ):
        db.table(table).create_index(columns, if_not_exists=True)


@MIGRATIONS()
def m002_alignment_state(db: sqlite_utils.Database) -> None:
    # aligned_through: the documents.rowid up to which every document is aligned,
    # written in the alignment's own transaction (see `quotetrace.incremental`).
    db.table("alignment_state").create({"key": str, "value": int}, pk="key", if_not_exists=True)


@MIGRATIONS()
def m003_person_keys(db: sqlite_utils.Database) -> None:
    # Blocking keys of every person's spellings (computed by the aligner), so
    # that the people a new name could join are found through an index.
    db.table("person_keys").create(
        {"key": str, "person_id": str}, pk=("key", "person_id"), if_not_exists=True
    )
    db.table("person_keys").create_index(["person_id"], if_not_exists=True)


@MIGRATIONS()
def m004_ranking_indexes(db: sqlite_utils.Database) -> None:
    # The orders Datasette's canned lists use (datasette-metadata.json): with
    # them SQLite walks rows in order and stops at the page Datasette shows,
    # instead of sorting every statement / person first (seconds at 1M quotes).
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_clusters_spread ON clusters "
        "(n_documents DESC, first_published IS NULL, first_published, id)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_people_prolific ON people (n_quotes DESC, name)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_variants_changed ON variants (numbers_changed DESC, similarity)")


@MIGRATIONS()
def m005_statement_relations(db: sqlite_utils.Database) -> None:
    # variants.person_id: the person across documents each version is credited
    # to (its own, or the statement's where its attribution is uncertain);
    # clusters.evidence: what links the versions of a statement credited to
    # two people; relations: statements that contain or repeat one another;
    # person_names.drifted: a spelling that is not just a part of the name.
    db.table("variants").add_column("person_id", str)
    db.table("variants").create_index(["person_id"], if_not_exists=True)
    db.table("clusters").add_column("evidence", str)
    db.table("person_names").add_column("drifted", int)
    db.table("relations").create(
        {
            "cluster_id": str,
            "other_cluster_id": str,
            "relation": str,
            "quote_id": str,
            "other_quote_id": str,
            "similarity": float,
        },
        pk=("cluster_id", "other_cluster_id", "relation"),
        foreign_keys=[("cluster_id", "clusters", "id"), ("other_cluster_id", "clusters", "id")],
        if_not_exists=True,
    )
    db.table("relations").create_index(["other_cluster_id"], if_not_exists=True)
    names = dict(db.execute("SELECT id, name FROM people").fetchall())
    db.conn.executemany(
        "UPDATE person_names SET drifted = ? WHERE person_id = ? AND spelling = ?",
        [
            (int(spelling_drifted(spelling, names.get(pid, spelling))), pid, spelling)
            for pid, spelling in db.execute("SELECT person_id, spelling FROM person_names").fetchall()
        ],
    )


# Indexes behind the facets and canned queries of datasette-metadata.json, by
# name (tests/test_datasette_under_load.py checks that every facet and canned
# query has one). A facet counts one column over the whole table on every
# table page: with an index SQLite counts the index's entries instead of
# reading every row (quotes carry their text), 5-10 times less work.
SERVING_INDEXES: dict[str, str] = {
    # facets of quotes (speaker has idx_quotes_speaker already)
    "idx_quotes_kind": "quotes (kind)",
    "idx_quotes_cue": "quotes (cue)",
    "idx_quotes_affiliation": "quotes (affiliation)",
    "idx_quotes_told_to": "quotes (told_to)",
    "idx_quotes_backend": "quotes (backend)",
    # attributions_to_check: least sure first, reading only quotes under its threshold
    "idx_quotes_speaker_confidence": "quotes (speaker_confidence)",
    # facets of clusters; misattributions reads the few disputed statements in its order
    "idx_clusters_speakers_disagree": "clusters (speakers_disagree)",
    "idx_clusters_wording_changed": "clusters (wording_changed)",
    "idx_clusters_numbers_changed": "clusters (numbers_changed)",
    "idx_clusters_first_is_dated": "clusters (first_is_dated)",
    "idx_clusters_disputed": "clusters (n_documents DESC, first_published IS NULL, first_published) WHERE speakers_disagree",
    # facet of variants (numbers_changed leads idx_variants_changed)
    "idx_variants_relation": "variants (relation)",
    "idx_relations_relation": "relations (relation)",
    # quotes_by_outlet matches outlets by substring: reading this index finds
    # the documents without reading their text
    "idx_documents_outlet_listing": "documents (outlet, published, name, id)",
    # quotes_by_speaker, quotes credited to no person: their distinct names
    # read from these (a name is compared once, not once a quote), then the
    # quotes of the names that match
    "idx_quotes_unattributed_speaker": "quotes (person_id, speaker)",
    "idx_quotes_unattributed_written": "quotes (person_id, speaker_as_written)",
}


@MIGRATIONS()
def m006_serving_indexes(db: sqlite_utils.Database) -> None:
    for name, target in SERVING_INDEXES.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


@MIGRATIONS()
def m007_speaker_kinds(db: sqlite_utils.Database) -> None:
    # people.kind: 'person', or 'organisation' for an organisation speaking through
    # its name or its unnamed spokespeople (older rows, NULL, are people).
    if "kind" not in db.table("people").columns_dict:
        db.table("people").add_column("kind", str)


VIEWS: dict[str, str] = {
    # One row per quote with where it appeared and who it is credited to.
    # quote_rowid lets Datasette search the view through quotes_fts.
    "quote_details": """
SELECT
  q.rowid AS quote_rowid,
  q.id AS quote_id,
  d.name AS document,
  d.outlet,
  d.published,
  d.title AS document_title,
  d.url,
  q.text,
  q.kind,
  q.speaker,
  p.name AS person_name,
  q.person_id,
  q.speaker_as_written,
  q.title AS speaker_title,
  q.affiliation,
  q.cue,
  q.told_to,
  q.cluster_id,
  q.confidence,
  q.start,
  q."end",
  q.document_id
FROM quotes q
JOIN documents d ON d.id = q.document_id
LEFT JOIN people p ON p.id = q.person_id""",
    # Every version of each statement, earliest first, with its drift.
    "statement_variants": """
SELECT
  v.cluster_id,
  c.representative,
  v.quote_id,
  d.outlet,
  d.published,
  d.name AS document,
  q.text,
  q.speaker_as_written,
  q.speaker,
  v.relation,
  v.similarity,
  v.diff,
  v.numbers_changed,
  v.closest_earlier_quote_id
FROM variants v
JOIN quotes q ON q.id = v.quote_id
JOIN documents d ON d.id = q.document_id
JOIN clusters c ON c.id = v.cluster_id
ORDER BY v.cluster_id, d.published IS NULL, d.published, d.name, q.start""",
    # People whose name is written more than one way across the corpus: at least
    # one spelling that is not a part of the name ("Hawach" for "Nanar Hawash";
    # "Lund" for "Aron Lund" is the same name, shortened). `drift` reads this view.
    "name_variants": """
SELECT
  p.id AS person_id,
  p.name,
  count(*) AS n_spellings,
  sum(s.count) AS n_mentions,
  group_concat(s.spelling, ' | ') AS spellings
FROM people p
JOIN (SELECT * FROM person_names ORDER BY person_id, count DESC, spelling) s
  ON s.person_id = p.id
GROUP BY p.id
HAVING count(*) > 1 AND max(s.drifted) = 1""",
    # Statements credited to more than one speaker.
    "misattributions": """
SELECT
  c.id AS cluster_id,
  c.representative,
  c.speakers,
  c.outlets,
  c.first_published,
  d.name AS first_document,
  c.n_variants,
  c.n_documents,
  c.max_drift
FROM clusters c
LEFT JOIN documents d ON d.id = c.first_document_id
WHERE c.speakers_disagree""",
}


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create or upgrade the schema; a no-op on an up-to-date database.

    Raises SchemaError, before writing anything, for a database that is not
    quotetrace's or was written by a newer quotetrace (see `check_schema`).
    """
    check_schema(db)
    try:
        MIGRATIONS.apply(db)
        _check_columns(db)
        _restore_indexes(db)
        _ensure_fts(db, "quotes", "text", QUOTES_TOKENIZE, index_inserts=False)
        _ensure_fts(db, "people", "name", PEOPLE_TOKENIZE, index_inserts=True)
        for name, sql in VIEWS.items():
            db.create_view(name, sql.strip(), replace=True)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot prepare the database: {exc}") from exc


@lru_cache(maxsize=1)
def _reference_schema() -> tuple[tuple[str, ...], dict[str, frozenset[str]], dict[str, str]]:
    """The migrations this quotetrace knows, the columns of each table they make,
    and the statement of each index they make, by name."""
    db = sqlite_utils.Database(memory=True)
    names = tuple(m.name for m in MIGRATIONS.pending(db))
    MIGRATIONS.apply(db)
    columns = {t.name: frozenset(t.columns_dict) for t in db.tables if t.name != MIGRATIONS.migrations_table}
    indexes = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall())
    db.close()
    return names, columns, indexes


# The schema version, kept in `PRAGMA user_version`: how many migrations made it.
SCHEMA_VERSION = len(_reference_schema()[0])


def _db_name(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return shown(row[2]) if row and row[2] else "the database"


def check_schema(db: sqlite_utils.Database) -> None:
    """Refuse, without writing, a database this quotetrace must not write to.

    An empty database passes (it is about to be made). Raises SchemaError for
    another program's database (tables, but no quotetrace migrations recorded)
    and for one from a newer quotetrace (a higher `user_version`, or migrations
    this one does not know).
    """
    known, _, _ = _reference_schema()
    try:
        tables = {t for t in db.table_names() if not t.startswith("sqlite_")} - {MIGRATIONS.migrations_table}
        version = db.execute("PRAGMA user_version").fetchone()[0]
        applied = [m.name for m in MIGRATIONS.applied(db)]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{_db_name(db)}: not a usable SQLite database ({exc})") from exc
    if not tables:
        return
    if not applied:
        raise SchemaError(
            f"{_db_name(db)}: not a quotetrace database (it has tables {', '.join(sorted(tables))} "
            "and no quotetrace schema): give another --db file"
        )
    unknown = [name for name in applied if name not in known]
    found = max(version, len(applied))
    if version > SCHEMA_VERSION or unknown:
        raise SchemaError(
            f"{_db_name(db)}: written by a newer quotetrace (schema version {found}; this quotetrace "
            f"reads version {SCHEMA_VERSION} and older): upgrade quotetrace or give another --db file"
        )


def _check_columns(db: sqlite_utils.Database) -> None:
    """Raise SchemaError when a table or column of the schema is missing (renamed by hand?)."""
    _, expected, _ = _reference_schema()
    problems = []
    for table, columns in expected.items():
        have = set(db.table(table).columns_dict) if db.table(table).exists() else None
        if have is None:
            problems.append(f"no table {table}")
        elif missing := sorted(columns - have):
            problems.append(f"table {table} has no column {', '.join(missing)}")
    if problems:
        raise SchemaError(
            f"{_db_name(db)}: damaged quotetrace database ({'; '.join(problems)}; schema version "
            f"{SCHEMA_VERSION} expects them): were tables changed by hand? rebuild it with quotetrace ingest"
        )


def _missing_indexes(db: sqlite_utils.Database) -> dict[str, str]:
    """The indexes of the schema the database lacks: name -> statement."""
    have = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return {name: sql for name, sql in _reference_schema()[2].items() if name not in have}


def _restore_indexes(db: sqlite_utils.Database) -> None:
    """Build the indexes of the schema that are missing: `quote_indexes_deferred`
    drops some while a first ingest loads, and a crash there leaves them out."""
    missing = list(_missing_indexes(db).values())
    if missing:
        with db.atomic():
            for sql in missing:
                db.execute(sql)


@contextmanager
def quote_indexes_deferred(db: sqlite_utils.Database) -> Iterator[None]:
    """Load quotes into an empty table without its secondary indexes, built once at the end.

    One pass over the finished table costs less than every row going into a
    dozen B-trees (10,000 articles: 2.3 s of CPU against 3.8). Only for an
    empty table: on a big database, rebuilding costs more than a few new rows.
    The indexes are back when the block ends, however it ends; a crash inside
    it leaves them out until `ensure_tables` (at the next open) builds them.
    A first alignment inside the block builds them itself, at less cost
    (`load_quotes_building_indexes`, `save_alignment`).
    """
    if db.execute("SELECT 1 FROM quotes LIMIT 1").fetchone() is not None:
        yield
        return
    secondary = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quotes' AND sql IS NOT NULL"
    ).fetchall()
    with db.atomic():
        for (name,) in secondary:
            db.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        _restore_indexes(db)


def _ensure_fts(db: sqlite_utils.Database, table: str, column: str, tokenize: str, *, index_inserts: bool) -> None:
    """The full-text index of `table`, kept in step with it by triggers.

    sqlite-utils' triggers are adjusted for speed: the update trigger fires
    only when the indexed text changes (linking 60,000 quotes to their people
    and clusters would otherwise delete and re-add every entry), and without
    `index_inserts` new rows are indexed by `_insert_quote_rows`, one
    statement per batch, at a sixth of the cost of a trigger per row. The
    index is rebuilt when it is missing, has another tokenizer, or a table
    transform dropped its triggers.
    """
    fts = db.table(f"{table}_fts")
    triggers = {t.name for t in db.table(table).triggers}
    wanted = {f"{table}_ad", f"{table}_au"} | ({f"{table}_ai"} if index_inserts else set())
    if not (fts.exists() and db.quote(tokenize) in (fts.schema or "") and wanted <= triggers):
        if not index_inserts and f"{table}_ad" not in triggers:
            # enable_fts keeps an index whose three triggers all exist; ours has two
            db.table(table).disable_fts()
        db.table(table).enable_fts([column], create_triggers=True, tokenize=tokenize, replace=True)
    if not index_inserts and any(t.name == f"{table}_ai" for t in db.table(table).triggers):
        db.execute(f'DROP TRIGGER "{table}_ai"')
    _narrow_update_trigger(db, table, column)


def _narrow_update_trigger(db: sqlite_utils.Database, table: str, column: str) -> None:
    """Re-index a row only when its indexed column changes."""
    name = f"{table}_au"
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
    if row is None or f'AFTER UPDATE OF "{column}"' in row[0]:
        return
    db.executescript(
        f"""
        DROP TRIGGER "{name}";
        CREATE TRIGGER "{name}" AFTER UPDATE OF "{column}" ON "{table}" BEGIN
          INSERT INTO "{table}_fts" ("{table}_fts", rowid, "{column}") VALUES('delete', old.rowid, old."{column}");
          INSERT INTO "{table}_fts" (rowid, "{column}") VALUES (new.rowid, new."{column}");
        END;
        """
    )


WAL_CHECKPOINT_PAGES = 10_000  # of 4 KB


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open or create the database file, ready for writing (WAL, synchronous=NORMAL)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        db = sqlite_utils.Database(path)
        check_schema(db)  # before enable_wal, which writes to the file
        db.enable_wal()
        # Safe with WAL (a power cut may lose the last commit, never corrupt).
        db.execute("PRAGMA synchronous=NORMAL")
        # Copy the WAL into the database every 40 MB rather than every 4 MB:
        # an ingest writes ~5 MB per 1,000 articles, and each copy rewrites
        # the index pages every batch touched. `finish` copies the rest.
        db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
    ensure_tables(db)
    return db


def _shared_file(db: sqlite_utils.Database) -> str | None:
    """The file a second connection can work in beside `db` without waiting: the path of
    a database file in WAL mode that `db` does not hold exclusively, else None."""
    path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    if (
        not path
        or db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal"
        or db.execute("PRAGMA locking_mode").fetchone()[0].lower() == "exclusive"
    ):
        return None
    return str(path)


def open_writer(db: sqlite_utils.Database) -> sqlite_utils.Database | None:
    """A second connection to `db`'s file, for a thread that writes while `db` reads.

    None unless the database is a file in WAL mode, not held exclusively by `db`
    (`_shared_file`): only there do a reader and a writer never wait for each
    other. Set up as `open_db` sets up, without its schema work: `db` has done it,
    and a first ingest's indexes, left out until the load ends
    (`quote_indexes_deferred`), must stay out.
    """
    path = _shared_file(db)
    if path is None:
        return None
    # Used by one thread at a time: made here, then only by the writer thread.
    writer = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
    writer.execute("PRAGMA synchronous=NORMAL")
    writer.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    return writer


def finish(db: sqlite_utils.Database) -> None:
    """Copy the write-ahead log into the database file and empty it.

    The database stays in WAL mode: readers (`quotetrace serve`) keep reading
    while an ingest writes, each query seeing one committed state. The copy
    waits for a read in progress up to the busy timeout; if one is still
    running then, the log is copied at the next checkpoint, or by SQLite
    when the last connection closes.
    """
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass


# ---------------------------------------------------------------- documents


def _check_quotes(document: Document, quotes: Sequence[Quote]) -> list[Quote]:
    """Enforce the offset contract; keep one quote per span (the most confident)."""
    by_span: dict[tuple[int, int], Quote] = {}
    n = len(document.text)
    for q in quotes:
        if not (0 <= q.start <= q.end <= n):
            raise StoreError(
                f"{document.name}: quote span {q.start}:{q.end} is outside the text (length {n})"
            )
        if document.text[q.start : q.end] != q.text:
            raise StoreError(
                f"{document.name}: quote text does not equal the document text at "
                f"{q.start}:{q.end}: {q.text[:60]!r}"
            )
        kept = by_span.get((q.start, q.end))
        if kept is None or q.confidence > kept.confidence:
            by_span[(q.start, q.end)] = q
    return sorted(by_span.values(), key=lambda q: (q.start, q.end))


# The columns a new quote is written with (person_id and cluster_id start NULL:
# alignment sets them).
QUOTE_COLUMNS = (
    "id", "document_id", "start", "end", "text", "kind", "cue", "speaker", "speaker_kind",
    "speaker_as_written", "speaker_start", "speaker_end", "title", "affiliation", "told_to",
    "confidence", "speaker_confidence", "backend",
)  # fmt: skip


def _quote_values(document_id: str, q: Quote) -> tuple[Any, ...]:
    """A new quote's row, in QUOTE_COLUMNS order: a tuple, not a dict, since an
    ingest writes a hundred thousand of them."""
    return (
        quote_id(document_id, q.start, q.end), document_id, q.start, q.end, q.text, q.kind, q.cue,
        q.speaker, q.speaker_kind, q.speaker_as_written, q.speaker_start, q.speaker_end, q.title,
        q.affiliation, q.told_to, q.confidence, q.speaker_confidence, q.backend,
    )  # fmt: skip


def _document_backend(quotes: Sequence[Quote]) -> str | None:
    backends = sorted({q.backend for q in quotes})
    return ",".join(backends) if backends else None


def document_exists(db: sqlite_utils.Database, document_id: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is not None


def _document_row(document: Document, kept: Sequence[Quote], backend: str | None) -> dict[str, Any]:
    return {
        "id": document.id,
        "name": document.name,
        "path": document.path,
        "outlet": document.outlet,
        "url": document.url,
        "title": document.title,
        "published": document.published,
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend if backend is not None else _document_backend(kept),
        "n_quotes": len(kept),
        "text": document.text,
    }


def _insert_rows(db: sqlite_utils.Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Plain INSERTs of rows that share their keys (much less overhead than Table.insert_all)."""
    if rows:
        columns = list(rows[0])
        _insert_values(db, table, columns, [tuple(r[c] for c in columns) for r in rows])


# Rows per INSERT statement (fewer when SQLite allows fewer parameters per statement).
ROWS_PER_INSERT = 500


def _insert_values(db: sqlite_utils.Database, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Plain INSERTs of value tuples, many rows to a statement (`VALUES (...), (...), ...`).

    Not `executemany`: that steps each row separately, giving up Python's lock
    and taking it back around every one, so the writer thread (`pipeline`) and
    extraction handed the lock back and forth for every row. A statement of
    hundreds of rows runs in SQLite with the lock given up once (10,000
    articles serially: the writer's wall time 44 s -> 5 s in `make bench`).
    """
    if not rows:
        return
    limit = db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(ROWS_PER_INSERT, limit // len(columns)))
    head = f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in columns)}) VALUES "
    row = f"({', '.join('?' for _ in columns)})"
    full = head + ", ".join([row] * per)  # one text for every full chunk: prepared once, then cached
    for i in range(0, len(rows), per):
        part = rows[i : i + per]
        db.conn.execute(full if len(part) == per else head + ", ".join([row] * len(part)), list(chain.from_iterable(part)))


def _insert_document(
    db: sqlite_utils.Database,
    document: Document,
    quotes: Sequence[Quote],
    backend: str | None,
) -> bool:
    """Write one document and its quotes inside the caller's transaction."""
    if document_exists(db, document.id):
        return False
    kept = _check_quotes(document, quotes)
    db.table("documents").insert(_document_row(document, kept, backend))
    _insert_quote_rows(db, [_quote_values(document.id, q) for q in kept])
    return True


def _insert_quote_rows(db: sqlite_utils.Database, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert quotes and add them to the full-text index, in the caller's transaction.

    The only way quotes are written: the index has no insert trigger (see
    `_ensure_fts`). New rows get rowids above every existing one.
    """
    if not rows:
        return
    last = db.execute("SELECT coalesce(max(rowid), 0) FROM quotes").fetchone()[0]
    _insert_values(db, "quotes", QUOTE_COLUMNS, rows)
    db.execute("INSERT INTO quotes_fts (rowid, text) SELECT rowid, text FROM quotes WHERE rowid > ?", [last])


def save_document(
    db: sqlite_utils.Database,
    document: Document,
    quotes: Sequence[Quote],
    *,
    backend: str | None = None,
) -> bool:
    """Store a document and its quotes in one transaction.

    Returns True if the document was new, False if its content hash was
    already stored (then nothing changes). `backend` defaults to the quotes'
    backends. Raises StoreError if a quote breaks `text == document.text[start:end]`.
    Two quotes with the same span keep the more confident one.
    """
    with db.atomic():
        return _insert_document(db, document, quotes, backend)


def save_documents(
    db: sqlite_utils.Database,
    items: Iterable[tuple[Document, Sequence[Quote]]],
    *,
    batch_size: int = DOCUMENT_BATCH,
) -> tuple[int, int]:
    """Store many documents, one transaction per batch; returns (new, unchanged).

    Each document is written whole or not at all: if one fails, the documents
    before it are kept and the error is raised.
    """
    new = unchanged = 0
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        failure: BaseException | None = None
        stored = {
            row[0]
            for row in db.execute(
                "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([d.id for d, _ in batch])],
            )
        }
        documents: list[dict[str, Any]] = []
        quote_rows: list[tuple[Any, ...]] = []
        # Check every document before writing any: a bad one ends the batch
        # there, and the ones before it are written whole, in one transaction.
        for document, quotes in batch:
            if document.id in stored:
                unchanged += 1
                continue
            try:
                kept = _check_quotes(document, quotes)
            except Exception as exc:
                failure = exc
                break
            stored.add(document.id)
            documents.append(_document_row(document, kept, None))
            quote_rows.extend([_quote_values(document.id, q) for q in kept])
        with db.atomic():
            _insert_rows(db, "documents", documents)
            _insert_quote_rows(db, quote_rows)
        new += len(documents)
        if failure is not None:
            raise failure
    return new, unchanged


# ---------------------------------------------------------------- alignment


# A quote's columns as the aligner reads them; "end" orders quotes but is not kept.
_QUOTE_SELECT = """
    SELECT q.id, q.document_id, q.start, q."end", q.text, q.kind, q.speaker, q.speaker_as_written,
           q.speaker_kind, q.affiliation, q.title, q.told_to, coalesce(q.speaker_confidence, 0.0)
"""
# ... and its document's after them
_ALIGNMENT_SELECT = f"{_QUOTE_SELECT}, d.name, d.outlet, d.published FROM quotes q JOIN documents d ON d.id = q.document_id"


_STORED_QUOTE_FIELDS = tuple(f.name for f in dataclasses.fields(StoredQuote))


def _in_load_order(rows: Iterable[Sequence[Any]], docs: Mapping[str, tuple[Any, ...]], shared: dict[Any, Any]) -> list[StoredQuote]:
    """StoredQuotes of quote rows (_QUOTE_SELECT columns first) whose document is in `docs`
    (id -> id, name, outlet, published), earliest publication first (undated last), then
    document name, document id, start, end, quote id.

    Documents are ordered once and their quotes by (place of the document, start, end, row):
    a short key, compared in C (92,000 quotes: a quarter of the loading time less than one
    seven-value key per quote).
    """
    order = sorted(docs.values(), key=lambda d: (d[3] is None, d[3] or "", d[1], d[0]))
    place = {d[0]: k for k, d in enumerate(order)}
    get = place.get
    # the row last breaks ties, by its first value: the quote id
    keyed = [(k, row[2], row[3], row) for row in rows if (k := get(row[1])) is not None]
    keyed.sort()
    # Every value but the quote id and start is one of few (a document's, a speaker's,
    # a kind) or a copy's text: `shared` keeps each value once, not once per row
    # (SQLite makes a new string for every row: about a third of the memory at 92,000 quotes).
    # Made as `records.changed` makes a Quote: its fields set at once, not one frozen
    # __setattr__ each (a third of the time of loading 92,000 quotes).
    setdefault, new = shared.setdefault, object.__new__
    out = []
    for _, _, _, row in keyed:
        tail = row[4:12]
        q = new(StoredQuote)
        q.__dict__.update(
            zip(_STORED_QUOTE_FIELDS, (row[0], *docs[row[1]], row[2], *map(setdefault, tail, tail), row[12]), strict=True)
        )
        out.append(q)
    return out


def _shared_values(row: Sequence[Any], shared: dict[Any, Any]) -> tuple[Any, ...]:
    return tuple(map(shared.setdefault, row, row))


def load_quotes_for_alignment(
    db: sqlite_utils.Database,
    *,
    quote_ids: Iterable[str] | None = None,
    person_ids: Iterable[str] | None = None,
    after_document: int | None = None,
) -> list[StoredQuote]:
    """Stored quotes, earliest publication first (undated last), then document, start.

    Without arguments, every quote. With any of them, the quotes that match
    any: these ids, linked to these people, or in documents whose rowid is
    above `after_document` (not yet aligned, see `aligned_through`). Each
    filter runs on its own index, so a few quotes load fast from a big database.
    """
    shared: dict[Any, Any] = {}
    if quote_ids is None and person_ids is None and after_document is None:
        # each document's values read once, not once per quote
        docs = {row[0]: _shared_values(row, shared) for row in db.execute("SELECT id, name, outlet, published FROM documents")}
        return _in_load_order(db.execute(f"{_QUOTE_SELECT} FROM quotes q"), docs, shared)
    queries: list[tuple[str, list[Any]]] = []
    if quote_ids is not None:
        queries.append(("q.id IN (SELECT value FROM json_each(?))", [json.dumps(list(quote_ids))]))
    if person_ids is not None:
        queries.append(("q.person_id IN (SELECT value FROM json_each(?))", [json.dumps(list(person_ids))]))
    if after_document is not None:
        queries.append(("d.rowid > ?", [after_document]))
    rows: dict[str, tuple[Any, ...]] = {}
    for where, params in queries:
        for row in db.execute(f"{_ALIGNMENT_SELECT} WHERE {where}", params):
            rows[row[0]] = row
    docs = {}
    for row in rows.values():
        if row[1] not in docs:
            docs[row[1]] = _shared_values((row[1], *row[13:16]), shared)
    return _in_load_order(rows.values(), docs, shared)


@lru_cache(maxsize=1)
def _link_indexes() -> frozenset[str]:
    """The schema's indexes on quotes that read a link alignment writes (person_id, cluster_id)."""
    db = sqlite_utils.Database(memory=True)
    MIGRATIONS.apply(db)
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quotes'")]
    found = frozenset(
        name for name in names
        if {"person_id", "cluster_id"} & {row[2] for row in db.execute(f"PRAGMA index_info('{name}')")}
    )
    db.close()
    return found


def load_quotes_building_indexes(db: sqlite_utils.Database) -> list[StoredQuote]:
    """Every quote, as `load_quotes_for_alignment()` reads them, while the missing indexes
    of the schema are built but for those on the quote links (a first ingest's, see
    `quote_indexes_deferred`; `save_alignment` builds those once the links are written).

    The build is SQLite's alone and lets go of the GIL, so the quotes are read meanwhile
    on a second connection, in a thread: 10,000 articles, 0.6 s each, on two cores. Call
    it inside the write transaction the alignment is saved in: the second connection
    reads what the transaction started from, as the build holds the write lock from
    its first statement until the transaction ends (and fails, as any write would, if
    another connection wrote since). An in-memory database, or one not in WAL mode
    (where a writer waits for readers), builds first, then reads; so does a read the
    second connection could not make.
    """
    missing = [sql for name, sql in _missing_indexes(db).items() if name not in _link_indexes()]
    path = _shared_file(db)
    if not missing or path is None or not db.conn.in_transaction:
        for sql in missing:
            db.execute(sql)
        return load_quotes_for_alignment(db)
    loaded: list[list[StoredQuote]] = []

    def read() -> None:
        try:
            # no waiting for locks (a database held exclusively, say): read on this connection instead
            other = sqlite3.connect(path, timeout=0)
            try:
                loaded.append(load_quotes_for_alignment(sqlite_utils.Database(other)))
            finally:
                other.close()
        except Exception:  # noqa: BLE001 - read again on this connection below
            pass

    reader = threading.Thread(target=read, name="quotetrace-load", daemon=True)
    reader.start()
    try:
        for sql in missing:
            db.execute(sql)
    finally:
        reader.join()
    return loaded[0] if loaded else load_quotes_for_alignment(db)


@lru_cache(maxsize=1 << 14)
def _json_tuple(values: tuple[str, ...]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _json_list(values: Iterable[str]) -> str:
    # Memoised: outlet and speaker lists repeat across thousands of clusters.
    return _json_tuple(tuple(values))


def _check_alignment(alignment: Alignment, stored: Mapping[str, int]) -> None:
    """Refuse an alignment that names unknown people, clusters, or quotes not `stored` (every stored quote id)."""
    person_ids = {p.id for p in alignment.people}
    cluster_ids = {c.id for c in alignment.clusters}
    if len(person_ids) != len(alignment.people):
        raise StoreError("alignment lists a person id twice")
    if len(cluster_ids) != len(alignment.clusters):
        raise StoreError("alignment lists a cluster id twice")
    unknown_people = set(alignment.person_of_quote.values()) - person_ids
    if unknown_people:
        raise StoreError(
            f"alignment assigns quotes to unknown people: {sorted(unknown_people)[:5]}"
        )
    unknown_clusters = {v.cluster_id for v in alignment.variants} - cluster_ids
    if unknown_clusters:
        raise StoreError(
            f"alignment has variants of unknown clusters: {sorted(unknown_clusters)[:5]}"
        )
    quote_ids = set(alignment.person_of_quote) | {v.quote_id for v in alignment.variants}
    if quote_ids:
        missing = sorted(q for q in quote_ids if q not in stored)[:5]
        if missing:
            raise StoreError(f"alignment names quotes that are not stored: {missing}")


def _upsert_changed(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows keyed on `id`; update an existing row only if a value differs."""
    if not rows:
        return
    columns = list(rows[0])
    others = [c for c in columns if c != "id"]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in others)} "
        f"WHERE {' OR '.join(f'{table}.{c} IS NOT excluded.{c}' for c in others)}"
    )
    db.conn.executemany(sql, rows)


def _person_row(p: Person, n_quotes: int) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "affiliations": _json_list(p.affiliations),
        "n_quotes": n_quotes,
        "n_spellings": len(p.spellings),
        "kind": p.kind,
    }


_CLUSTER_COLUMNS = (
    "id", "representative", "first_quote_id", "first_document_id", "first_published", "first_is_dated", "outlets",
    "n_variants", "n_documents", "max_drift", "speakers_disagree", "wording_changed", "numbers_changed", "speakers",
    "evidence",
)


def _cluster_values(c: Cluster) -> tuple[Any, ...]:
    # in _CLUSTER_COLUMNS order: a first alignment inserts ~10^4 of them as they are
    return (
        c.id, c.representative, c.first_quote_id, c.first_document_id, c.first_published, int(c.first_is_dated),
        _json_list(c.outlets), c.n_variants, c.n_documents, c.max_drift, int(c.speakers_disagree),
        int(c.wording_changed), int(c.numbers_changed), _json_list(c.speakers), c.evidence,
    )


def _cluster_row(c: Cluster) -> dict[str, Any]:
    return dict(zip(_CLUSTER_COLUMNS, _cluster_values(c), strict=True))


def spelling_drifted(spelling: str, name: str) -> bool:
    """A spelling other than a part of the name: "Hawach" for "Nanar Hawash" is, "Lund" for "Aron Lund" is not."""
    return not set(normalise_name(spelling).split()) <= set(normalise_name(name).split())


def _name_rows(people: Iterable[Person]) -> list[dict[str, Any]]:
    return [
        {
            "person_id": p.id,
            "spelling": s.spelling,
            "count": s.count,
            "first_document_id": s.first_document_id,
            "drifted": int(spelling_drifted(s.spelling, p.name)),
        }
        for p in people
        for s in p.spellings
    ]


def _variant_row(v: Variant) -> dict[str, Any]:
    return {
        "quote_id": v.quote_id,
        "cluster_id": v.cluster_id,
        "similarity": v.similarity,
        "relation": v.relation,
        "diff": v.diff,
        "numbers_changed": int(v.numbers_changed),
        "closest_earlier_quote_id": v.closest_earlier_quote_id,
        "person_id": v.person_id,
    }


def _relation_row(r: Relation) -> dict[str, Any]:
    return {
        "cluster_id": r.cluster_id,
        "other_cluster_id": r.other_cluster_id,
        "relation": r.relation,
        "quote_id": r.quote_id,
        "other_quote_id": r.other_quote_id,
        "similarity": r.similarity,
    }


def _quote_rowids(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT id, rowid FROM quotes").fetchall())


# A link update changing more than this share of the quotes rebuilds the indexes on
# person_id and cluster_id once instead of updating them row by row (92,000 quotes,
# four indexes: 1.4 s of CPU -> 0.5 s).
REBUILD_SHARE = 0.25


@contextmanager
def _link_indexes_rebuilt(db: sqlite_utils.Database) -> Iterator[None]:
    """Around the update of quote links from temp._quote_links: when it changes most quotes,
    the indexes reading person_id or cluster_id are dropped and made again after (same SQL,
    same ANALYZE statistics if any)."""
    changed = db.execute(
        "SELECT count(*) FROM temp._quote_links l JOIN quotes q ON q.rowid = l.quote_rowid "
        "WHERE q.person_id IS NOT l.person_id OR q.cluster_id IS NOT l.cluster_id"
    ).fetchone()[0]
    if changed <= REBUILD_SHARE * db.execute("SELECT count(*) FROM quotes").fetchone()[0]:
        yield
        return
    with _indexes_rebuilt(db, "quotes", {"person_id", "cluster_id"}):
        yield


@contextmanager
def _indexes_rebuilt(db: sqlite_utils.Database, table: str, columns: set[str] | None = None) -> Iterator[None]:
    """The table's indexes (those reading one of `columns`; None: all but its primary key's)
    dropped for the block and made again after it, with the same SQL and the same ANALYZE
    statistics if any: one sort per index instead of an index update per row written."""
    indexes = {
        name: sql
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]).fetchall()
        if columns is None or columns & {row[2] for row in db.execute(f"PRAGMA index_info('{name}')")}
    }
    stats = []
    if db["sqlite_stat1"].exists():  # dropping an index drops its statistics
        stats = [r for r in db.execute("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = ?", [table]).fetchall() if r[1] in indexes]
    for name in indexes:
        db.execute(f'DROP INDEX "{name}"')
    yield
    for sql in indexes.values():
        db.execute(sql)
    if stats:
        db.conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", stats)


def _is_empty(db: sqlite_utils.Database, table: str) -> bool:
    return db.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1


_VARIANT_COLUMNS = (
    "quote_id", "cluster_id", "similarity", "relation", "diff", "numbers_changed", "closest_earlier_quote_id", "person_id",
)


def _variant_values(v: Variant) -> tuple[Any, ...]:
    # `_variant_row` as a tuple, in _VARIANT_COLUMNS order: a whole alignment's variants are ~10^5
    return (v.quote_id, v.cluster_id, v.similarity, v.relation, v.diff, int(v.numbers_changed), v.closest_earlier_quote_id, v.person_id)


def save_alignment(db: sqlite_utils.Database, alignment: Alignment) -> None:
    """Replace people, spellings, clusters and variants, and link quotes to them.

    Quotes not listed get person_id / cluster_id NULL. One transaction; rows
    whose values do not change are not rewritten (keeps FTS churn low). The
    order of writes keeps every foreign key valid at each step.
    """
    rowid = _quote_rowids(db)
    _check_alignment(alignment, rowid)
    quotes_per_person = Counter(alignment.person_of_quote.values())
    person_of_quote = alignment.person_of_quote
    cluster_of_quote = {v.quote_id: v.cluster_id for v in alignment.variants}
    # (quote rowid, person id, cluster id), in rowid order
    links = sorted(
        (rowid[qid], person_of_quote.get(qid), cluster_of_quote.get(qid)) for qid in person_of_quote.keys() | cluster_of_quote.keys()
    )
    people = [_person_row(p, quotes_per_person.get(p.id, 0)) for p in alignment.people]
    clusters = [_cluster_values(c) for c in alignment.clusters]
    names = _name_rows(alignment.people)
    variants = [_variant_values(v) for v in alignment.variants]
    relations = [_relation_row(r) for r in alignment.relations]
    with db.atomic():
        # 1. parents first, updated in place and only when changed: unchanged
        # rows keep their rowid and their full-text entries untouched
        _upsert_changed(db, "people", people)
        if _is_empty(db, "clusters"):
            # the first alignment: every cluster is new, inserted as it is, its indexes made once after
            with _indexes_rebuilt(db, "clusters"):
                _insert_values(db, "clusters", _CLUSTER_COLUMNS, clusters)
        else:
            _upsert_changed(db, "clusters", [dict(zip(_CLUSTER_COLUMNS, c, strict=True)) for c in clusters])
        # 2. children that are rebuilt wholesale
        db.execute("DELETE FROM variants")
        db.execute("DELETE FROM person_names")
        db.execute("DELETE FROM relations")
        # 3. quote links, touching only rows that change, in the table's order: in the
        # order of quote ids (hashes) each row was on another page, and at 92,000 quotes
        # the pages written and written again took most of the save
        db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _quote_links "
            "(quote_rowid INTEGER PRIMARY KEY, person_id TEXT, cluster_id TEXT)"
        )
        db.execute("DELETE FROM temp._quote_links")
        db.conn.executemany("INSERT INTO temp._quote_links VALUES (?, ?, ?)", links)
        with _link_indexes_rebuilt(db):
            db.execute(
                """
                UPDATE quotes SET person_id = l.person_id, cluster_id = l.cluster_id
                FROM temp._quote_links l
                WHERE l.quote_rowid = quotes.rowid
                  AND (quotes.person_id IS NOT l.person_id OR quotes.cluster_id IS NOT l.cluster_id)
                """
            )
        db.execute(
            """
            UPDATE quotes SET person_id = NULL, cluster_id = NULL
            WHERE (person_id IS NOT NULL OR cluster_id IS NOT NULL)
              AND rowid NOT IN (SELECT quote_rowid FROM temp._quote_links)
            """
        )
        db.execute("DROP TABLE temp._quote_links")
        # indexes a first ingest left out (on the links, see `load_quotes_building_indexes`):
        # built now, on the links written
        _restore_indexes(db)
        # 4. parents no longer referenced
        db.execute(
            "DELETE FROM people WHERE id NOT IN (SELECT value FROM json_each(?))",
            [json.dumps([p["id"] for p in people])],
        )
        db.execute(
            "DELETE FROM clusters WHERE id NOT IN (SELECT value FROM json_each(?))",
            [json.dumps([c.id for c in alignment.clusters])],
        )
        # 5. children
        _insert_rows(db, "person_names", names)
        with _indexes_rebuilt(db, "variants"):  # every variant is new
            _insert_values(db, "variants", _VARIANT_COLUMNS, variants)
        _insert_rows(db, "relations", relations)


# ---------------------------------------------------------------- incremental alignment
#
# Reads and writes that let `quotetrace.incremental` align a few new documents
# against a big database: every read goes through an index, every write
# touches only the people, clusters and quotes it names.


def aligned_through(db: sqlite_utils.Database) -> int:
    """The documents.rowid up to which every document is aligned (0: none yet)."""
    row = db.execute("SELECT value FROM alignment_state WHERE key = 'aligned_through'").fetchone()
    return int(row[0]) if row else 0


def set_aligned_through(db: sqlite_utils.Database, rowid: int) -> None:
    """Record alignment up to a document rowid; call inside the alignment's transaction."""
    db.execute(
        "INSERT INTO alignment_state (key, value) VALUES ('aligned_through', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [rowid],
    )


def last_document_rowid(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]


def _ids_param(ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(ids)))


def quote_ids_with_word(db: sqlite_utils.Database, word: str, max_texts: int) -> list[str] | None:
    """Ids of the quotes whose text has `word` (full-text index: stems match).

    None when they hold more than `max_texts` distinct texts: copies of one
    text count once, as in `align`'s blocking.
    """
    phrase = '"' + word.replace('"', '""') + '"'
    ids: list[str] = []
    texts: set[str] = set()
    cursor = db.execute(
        "SELECT q.id, q.text FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid WHERE quotes_fts MATCH ?",
        [phrase],
    )
    try:
        for qid, text in cursor:
            texts.add(text)
            if len(texts) > max_texts:
                return None
            ids.append(qid)
    finally:
        cursor.close()
    return ids


def cluster_ids_of_quotes(db: sqlite_utils.Database, quote_ids: Iterable[str]) -> set[str]:
    return {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT cluster_id FROM quotes WHERE id IN (SELECT value FROM json_each(?)) "
            "AND cluster_id IS NOT NULL",
            [_ids_param(quote_ids)],
        )
    }


def quote_ids_in_clusters(db: sqlite_utils.Database, cluster_ids: Iterable[str]) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT id FROM quotes WHERE cluster_id IN (SELECT value FROM json_each(?))",
            [_ids_param(cluster_ids)],
        )
    ]


def people_with_spellings(db: sqlite_utils.Database, spellings: Iterable[str]) -> set[str]:
    """Ids of the people one of whose recorded spellings is exactly one of these."""
    return {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT person_id FROM person_names WHERE spelling IN (SELECT value FROM json_each(?))",
            [_ids_param(spellings)],
        )
    }


def names_of_people(db: sqlite_utils.Database, person_ids: Iterable[str]) -> dict[str, str]:
    """person id -> display name, for those of these ids that are stored people."""
    return {
        row[0]: row[1]
        for row in db.execute(
            "SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))", [_ids_param(person_ids)]
        )
    }


def person_spellings(db: sqlite_utils.Database, person_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(person id, spelling) pairs: every one, or those of these people."""
    if person_ids is None:
        return [(row[0], row[1]) for row in db.execute("SELECT person_id, spelling FROM person_names")]
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT person_id, spelling FROM person_names WHERE person_id IN (SELECT value FROM json_each(?))",
            [_ids_param(person_ids)],
        )
    ]


def people_with_keys(db: sqlite_utils.Database, keys: Iterable[str], prefixes: Iterable[str] = ()) -> set[str]:
    """People holding one of these blocking keys, or a key that starts with one of `prefixes`."""
    found = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT person_id FROM person_keys WHERE key IN (SELECT value FROM json_each(?))",
            [_ids_param(keys)],
        )
    }
    for prefix in sorted(set(prefixes)):
        # a range on the primary key: "abc|" <= key < "abc|\U0010ffff"
        found.update(
            row[0]
            for row in db.execute(
                "SELECT DISTINCT person_id FROM person_keys WHERE key >= ? AND key < ?", [prefix, prefix + "\U0010ffff"]
            )
        )
    return found


_KEYED = ("keys.people", "keys.people_rowid", "keys.names", "keys.names_rowid")


def _people_fingerprint(db: sqlite_utils.Database) -> tuple[int, ...]:
    # Any write to people or spellings changes one of these: rows added move
    # max(rowid), rows removed move count(*). All four are index lookups.
    return tuple(
        db.execute(sql).fetchone()[0]
        for sql in (
            "SELECT count(*) FROM people",
            "SELECT coalesce(max(rowid), 0) FROM people",
            "SELECT count(*) FROM person_names",
            "SELECT coalesce(max(rowid), 0) FROM person_names",
        )
    )


def person_keys_complete(db: sqlite_utils.Database) -> bool:
    """True when the blocking keys were written after the last change to people or their spellings."""
    stored = dict(
        db.execute(
            "SELECT key, value FROM alignment_state WHERE key IN (SELECT value FROM json_each(?))", [json.dumps(_KEYED)]
        ).fetchall()
    )
    return tuple(stored.get(k) for k in _KEYED) == _people_fingerprint(db)


def replace_person_keys(
    db: sqlite_utils.Database, keys: Iterable[tuple[str, str]], person_ids: Iterable[str] | None = None
) -> None:
    """Replace the blocking keys, (key, person id) pairs, of these people (None: of everyone).

    Call after writing people and spellings: it records their state, which
    `person_keys_complete` checks.
    """
    with db.atomic():
        if person_ids is None:
            db.execute("DELETE FROM person_keys")
        else:
            db.execute(
                "DELETE FROM person_keys WHERE person_id IN (SELECT value FROM json_each(?))", [_ids_param(person_ids)]
            )
        db.conn.executemany("INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)", keys)
        db.conn.executemany(
            "INSERT INTO alignment_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            zip(_KEYED, _people_fingerprint(db), strict=True),
        )


def people_of_quotes(db: sqlite_utils.Database, quote_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """quote id -> (person id, person name), for the quotes linked to a person."""
    return {
        row[0]: (row[1], row[2])
        for row in db.execute(
            "SELECT q.id, p.id, p.name FROM quotes q JOIN people p ON p.id = q.person_id "
            "WHERE q.id IN (SELECT value FROM json_each(?))",
            [_ids_param(quote_ids)],
        )
    }


def quotes_of_people(db: sqlite_utils.Database, person_ids: Iterable[str]) -> dict[str, str]:
    """quote id -> person id, for every quote linked to one of these people."""
    return {
        row[0]: row[1]
        for row in db.execute(
            "SELECT id, person_id FROM quotes WHERE person_id IN (SELECT value FROM json_each(?))",
            [_ids_param(person_ids)],
        )
    }


def load_clusters(db: sqlite_utils.Database, cluster_ids: Iterable[str]) -> tuple[list[Cluster], list[Variant]]:
    """These clusters and all their variants, as `align` returned them."""
    ids = _ids_param(cluster_ids)
    clusters = [
        Cluster(
            id=r["id"],
            representative=r["representative"],
            first_quote_id=r["first_quote_id"],
            first_document_id=r["first_document_id"],
            first_published=r["first_published"],
            first_is_dated=bool(r["first_is_dated"]),
            outlets=tuple(json.loads(r["outlets"] or "[]")),
            n_variants=r["n_variants"],
            n_documents=r["n_documents"],
            max_drift=r["max_drift"],
            speakers_disagree=bool(r["speakers_disagree"]),
            wording_changed=bool(r["wording_changed"]),
            numbers_changed=bool(r["numbers_changed"]),
            speakers=tuple(json.loads(r["speakers"] or "[]")),
            evidence=r["evidence"],
        )
        for r in db.query("SELECT * FROM clusters WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", [ids])
    ]
    variants = [
        Variant(
            quote_id=r["quote_id"],
            cluster_id=r["cluster_id"],
            similarity=r["similarity"],
            relation=r["relation"],
            diff=r["diff"],
            numbers_changed=bool(r["numbers_changed"]),
            closest_earlier_quote_id=r["closest_earlier_quote_id"],
            person_id=r["person_id"],
        )
        for r in db.query(
            "SELECT * FROM variants WHERE cluster_id IN (SELECT value FROM json_each(?)) ORDER BY cluster_id, quote_id",
            [ids],
        )
    ]
    return clusters, variants


def load_relations(db: sqlite_utils.Database, cluster_ids: Iterable[str]) -> list[Relation]:
    """The relations with one of these clusters on either side."""
    ids = _ids_param(cluster_ids)
    return [
        Relation(r["cluster_id"], r["other_cluster_id"], r["relation"], r["quote_id"], r["other_quote_id"], r["similarity"])
        for r in db.query(
            "SELECT * FROM relations WHERE cluster_id IN (SELECT value FROM json_each(?)) "
            "OR other_cluster_id IN (SELECT value FROM json_each(?)) ORDER BY cluster_id, other_cluster_id, relation",
            [ids, ids],
        )
    ]


def _relink(db: sqlite_utils.Database, column: str, links: Mapping[str, str | None], unlink: str, unlink_ids: str) -> None:
    """Set quotes.<column> from `links`; then clear it on the quotes `unlink` selects that are not linked."""
    db.conn.executemany(
        f"UPDATE quotes SET {column} = ? WHERE id = ? AND {column} IS NOT ?",
        ((value, qid, value) for qid, value in sorted(links.items())),
    )
    db.execute(
        f"UPDATE quotes SET {column} = NULL WHERE {unlink} AND id NOT IN (SELECT value FROM json_each(?))",
        [unlink_ids, _ids_param(links)],
    )


def _replace_rows(
    db: sqlite_utils.Database, table: str, key: Sequence[str], where: str, params: list[Any], rows: list[dict[str, Any]]
) -> None:
    """Make the rows `where` selects equal `rows`, rewriting only those that differ (they keep their rowid)."""
    columns = list(rows[0]) if rows else [c.name for c in db.table(table).columns]
    current = {
        tuple(r[c] for c in key): tuple(r[c] for c in columns)
        for r in db.query(f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", params)
    }
    wanted = {tuple(r[c] for c in key): tuple(r[c] for c in columns) for r in rows}
    stale = [k for k, v in current.items() if wanted.get(k) != v]
    match = " AND ".join(f"{c} = ?" for c in key)
    db.conn.executemany(f"DELETE FROM {table} WHERE {match}", stale)
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [v for k, v in wanted.items() if current.get(k) != v],
    )


def update_people(
    db: sqlite_utils.Database,
    people: Sequence[Person],
    person_of_quote: Mapping[str, str],
    *,
    replacing: Iterable[str],
    changed: Iterable[str] | None = None,
) -> None:
    """Write `people` in place of the people `replacing` names, and link quotes to them.

    `person_of_quote` must hold every quote of these people (their n_quotes
    are counted from it); quotes of a replaced person that it does not list
    are unlinked. `changed`, when the caller knows it, names the only quotes
    whose person differs from the stored one: only those are relinked. Other
    people and quotes are not touched. One transaction.
    """
    ids = {p.id for p in people}
    unknown = set(person_of_quote.values()) - ids
    if unknown:
        raise StoreError(f"quotes linked to people not given: {sorted(unknown)[:5]}")
    replaced = set(replacing)
    counts = Counter(person_of_quote.values())
    with db.atomic():
        _upsert_changed(db, "people", [_person_row(p, counts[p.id]) for p in people])
        if changed is None:
            _relink(db, "person_id", person_of_quote, "person_id IN (SELECT value FROM json_each(?))", _ids_param(replaced))
        else:
            db.conn.executemany(
                "UPDATE quotes SET person_id = ? WHERE id = ?", ((person_of_quote.get(q), q) for q in sorted(set(changed)))
            )
        _replace_rows(
            db,
            "person_names",
            ("person_id", "spelling"),
            "person_id IN (SELECT value FROM json_each(?))",
            [_ids_param(replaced | ids)],
            _name_rows(people),
        )
        db.execute("DELETE FROM people WHERE id IN (SELECT value FROM json_each(?))", [_ids_param(replaced - ids)])


def update_clusters(
    db: sqlite_utils.Database,
    clusters: Sequence[Cluster],
    variants: Sequence[Variant],
    *,
    replacing: Iterable[str],
    quote_ids: Iterable[str],
    relations: Sequence[Relation] = (),
) -> None:
    """Write `clusters` and their `variants` in place of the clusters `replacing` names.

    `quote_ids` are the quotes these clusters were computed over (every member
    of a replaced cluster among them): their variants are replaced, and those
    not in `variants` leave their cluster. Rows whose values stay the same are
    not rewritten; other clusters are not touched.
    """
    ids = {c.id for c in clusters}
    unknown = {v.cluster_id for v in variants} - ids
    if unknown:
        raise StoreError(f"variants of clusters not given: {sorted(unknown)[:5]}")
    replaced = set(replacing)
    quotes = _ids_param(quote_ids)
    with db.atomic():
        _upsert_changed(db, "clusters", [_cluster_row(c) for c in clusters])
        _replace_rows(
            db,
            "variants",
            ("quote_id",),
            "quote_id IN (SELECT value FROM json_each(?)) OR cluster_id IN (SELECT value FROM json_each(?))",
            [quotes, _ids_param(replaced)],
            [_variant_row(v) for v in variants],
        )
        _relink(
            db,
            "cluster_id",
            {v.quote_id: v.cluster_id for v in variants},
            "id IN (SELECT value FROM json_each(?))",
            quotes,
        )
        # relations of the clusters written or replaced are those given, plus
        # any an untouched cluster keeps with one that still exists
        touched = _ids_param(replaced | ids)
        db.execute(
            "DELETE FROM relations WHERE cluster_id IN (SELECT value FROM json_each(?)) "
            "OR other_cluster_id IN (SELECT value FROM json_each(?))",
            [touched, touched],
        )
        db.execute("DELETE FROM clusters WHERE id IN (SELECT value FROM json_each(?))", [_ids_param(replaced - ids)])
        db.conn.executemany(
            "INSERT OR REPLACE INTO relations (cluster_id, other_cluster_id, relation, quote_id, other_quote_id, similarity) "
            "SELECT :cluster_id, :other_cluster_id, :relation, :quote_id, :other_quote_id, :similarity "
            "WHERE EXISTS (SELECT 1 FROM clusters WHERE id = :cluster_id) AND EXISTS (SELECT 1 FROM clusters WHERE id = :other_cluster_id)",
            [_relation_row(r) for r in relations],
        )


# ---------------------------------------------------------------- reading


def stats(db: sqlite_utils.Database) -> dict[str, int]:
    counts = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in ("documents", "quotes", "clusters")}
    people = "kind IS NULL OR kind = 'person'"
    counts["people"] = db.execute(f"SELECT count(*) FROM people WHERE {people}").fetchone()[0]
    counts["organisations"] = db.execute(f"SELECT count(*) FROM people WHERE NOT ({people})").fetchone()[0]
    return counts


def count_quotes(db: sqlite_utils.Database, kinds: Sequence[str]) -> int:
    """How many stored quotes are of these kinds."""
    sql = "SELECT count(*) FROM quotes WHERE kind IN (SELECT value FROM json_each(?))"
    return int(db.execute(sql, [json.dumps(list(kinds))]).fetchone()[0])


def people_rows(db: sqlite_utils.Database, person_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every person (or these people) with spellings (most frequent first) and affiliations, by name."""
    where, params = "", []
    if person_ids is not None:
        where, params = "WHERE {} IN (SELECT value FROM json_each(?))", [_ids_param(person_ids)]
    spellings: dict[str, list[str]] = {}
    for row in db.query(
        f"SELECT person_id, spelling FROM person_names {where.format('person_id')} ORDER BY count DESC, spelling",
        params,
    ):
        spellings.setdefault(row["person_id"], []).append(row["spelling"])
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "spellings": spellings.get(row["id"], []),
            "affiliations": json.loads(row["affiliations"] or "[]"),
            "n_quotes": row["n_quotes"],
        }
        for row in db.query(
            f"SELECT id, name, affiliations, n_quotes FROM people {where.format('id')} ORDER BY name, id", params
        )
    ]


# Every column a quote row can be read with: name -> SQL over quotes q,
# documents d, people p. Export and lookup pick from this fixed set, so no
# caller-supplied text ever reaches the SQL.
QUOTE_ROW_SQL: dict[str, str] = {
    "quote_id": "q.id",
    "document": "d.name",
    "outlet": "d.outlet",
    "published": "d.published",
    "start": "q.start",
    "end": 'q."end"',
    "text": "q.text",
    "speaker": "q.speaker",
    # the person across documents: the statement's where the attribution is uncertain (variants.person_id)
    "speaker_id": "coalesce(v.person_id, q.person_id)",
    "speaker_as_written": "q.speaker_as_written",
    "speaker_start": "q.speaker_start",
    "speaker_end": "q.speaker_end",
    "affiliation": "q.affiliation",
    "cue": "q.cue",
    "told_to": "q.told_to",
    "cluster_id": "q.cluster_id",
    "confidence": "q.confidence",
    "kind": "q.kind",
    "title": "q.title",
    "speaker_kind": "q.speaker_kind",
    "speaker_confidence": "q.speaker_confidence",
    "document_id": "q.document_id",
    "backend": "q.backend",
    "person_name": "p.name",
    "url": "d.url",
    "document_title": "d.title",
}

_ORDERS = {
    "document": 'd.name, d.id, q.start, q."end", q.id',
    "published": 'd.published IS NULL, d.published, d.name, d.id, q.start, q."end", q.id',
}


def iter_quote_rows(
    db: sqlite_utils.Database,
    columns: Sequence[str],
    *,
    person_ids: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    order: str = "document",
) -> Iterator[dict[str, Any]]:
    """Stream quote rows with the named columns (keys of QUOTE_ROW_SQL), in that order.

    `order` is "document" (document name, start) or "published" (earliest first,
    undated last). `person_ids` keeps only quotes linked to those people, `kinds`
    only quotes of those kinds (records.QUOTE_KINDS).
    """
    unknown = [c for c in columns if c not in QUOTE_ROW_SQL]
    if unknown or order not in _ORDERS:
        raise ValueError(f"unknown quote columns {unknown} or order {order!r}")
    select = ", ".join(f'{QUOTE_ROW_SQL[c]} AS "{c}"' for c in columns)
    sql = (
        f"SELECT {select} FROM quotes q JOIN documents d ON d.id = q.document_id "
        "LEFT JOIN variants v ON v.quote_id = q.id "
        "LEFT JOIN people p ON p.id = coalesce(v.person_id, q.person_id)"
    )
    named: dict[str, Any] = {}
    where: list[str] = []
    if person_ids is not None:
        # The candidates through the two person_id indexes first: a coalesce alone reads every quote.
        # (INDEXED BY: where most versions credit no one, ANALYZE's statistics make the
        # variants index look useless, and SQLite would read all of variants instead.)
        where.append(
            "q.id IN (SELECT quote_id FROM variants INDEXED BY idx_variants_person_id "
            "WHERE person_id IN (SELECT value FROM json_each(:people)) "
            "UNION ALL SELECT id FROM quotes INDEXED BY idx_quotes_person_id WHERE person_id IN (SELECT value FROM json_each(:people))) "
            "AND coalesce(v.person_id, q.person_id) IN (SELECT value FROM json_each(:people))"
        )
        named["people"] = json.dumps(list(person_ids))
    if kinds is not None:
        where.append("q.kind IN (SELECT value FROM json_each(:kinds))")
        named["kinds"] = json.dumps(list(kinds))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {_ORDERS[order]}"
    yield from db.query(sql, named)


LOOKUP_COLUMNS = (
    "quote_id",
    "speaker_id",
    "person_name",
    "document",
    "outlet",
    "published",
    "url",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_as_written",
    "title",
    "affiliation",
    "cue",
    "told_to",
    "cluster_id",
    "confidence",
    "speaker_confidence",
)


def quotes_for_people(db: sqlite_utils.Database, person_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The quotes credited to these people, earliest publication first (LOOKUP_COLUMNS keys)."""
    return list(iter_quote_rows(db, LOOKUP_COLUMNS, person_ids=person_ids, order="published"))


def unlinked_quote_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The quotes with a speaker but credited to no person, earliest publication first (LOOKUP_COLUMNS keys)."""
    return [
        r
        for r in iter_quote_rows(db, (*LOOKUP_COLUMNS, "speaker_id"), order="published")
        if r["speaker_id"] is None and (r["speaker"] or r["speaker_as_written"])
    ]
