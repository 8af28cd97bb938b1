"""Storage: schema, whole-document writes, alignment links, search and views."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from quote_helpers import span

from quotetrace import store
from quotetrace.align import align
from quotetrace.records import (
    KIND_FULL,
    KIND_PARTIAL,
    Alignment,
    Cluster,
    Document,
    Person,
    PersonSpelling,
    Quote,
    Variant,
)
from quotetrace.store import StoreError, quote_id

WIRE = Document(
    id="d1wire0000000001",
    name="wire-2024-03-02.txt",
    outlet="Levant Wire",
    published="2024-03-02",
    url="https://example.org/wire/museum",
    title="Museum director vows to restore damaged galleries",
    text=(
        "Palmyra's museum will reopen within two years, its director said on Saturday.\n\n"
        '"We have lost 40 statues, but the galleries can be rebuilt," said Nanar Hawaš, '
        'the museum\'s director. She called the looting "a wound that will not close".\n'
    ),
)
DAILY = Document(
    id="d2daily000000002",
    name="daily-2024-03-05.txt",
    outlet="The Daily Courier",
    published="2024-03-05",
    text=(
        "Officials in Damascus gave a more cautious timeline.\n"
        '"We have lost 50 statues, but the galleries can be rebuilt," Hawash told reporters. '
        'A ministry spokesman, Karim Adel, said: "No date has been set."\n'
    ),
)
UNDATED = Document(
    id="d3undated0000003",
    name="blog-repost.txt",
    text='A blog repeated the claim: "the galleries can be rebuilt," it quoted Hawash as saying.\n',
)




WIRE_QUOTES = [
    span(
        WIRE,
        "We have lost 40 statues, but the galleries can be rebuilt,",
        cue="said",
        speaker="Nanar Hawaš",
        speaker_as_written="Nanar Hawaš",
        speaker_kind="person",
        title="director",
        affiliation="Palmyra museum",
        confidence=0.9,
    ),
    span(
        WIRE,
        "a wound that will not close",
        kind=KIND_PARTIAL,
        cue="called",
        speaker="Nanar Hawaš",
        speaker_as_written="She",
        confidence=0.7,
    ),
]
DAILY_QUOTES = [
    span(
        DAILY,
        "We have lost 50 statues, but the galleries can be rebuilt,",
        cue="told reporters",
        speaker="Nanar Hawash",
        speaker_as_written="Hawash",
        confidence=0.8,
    ),
    span(DAILY, "No date has been set.", cue="said", speaker="Karim Adel", confidence=0.85),
]
UNDATED_QUOTES = [
    span(UNDATED, "the galleries can be rebuilt,", cue="quoted", speaker="Karim Adel"),
]


@pytest.fixture
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    store.ensure_tables(database)
    return database


@pytest.fixture
def corpus_db(db: sqlite_utils.Database) -> sqlite_utils.Database:
    store.save_documents(
        db, [(WIRE, WIRE_QUOTES), (DAILY, DAILY_QUOTES), (UNDATED, UNDATED_QUOTES)]
    )
    return db


def qid(document: Document, quote: Quote) -> str:
    return quote_id(document.id, quote.start, quote.end)


def alignment_hawash_with_misattribution() -> Alignment:
    """Hawaš/Hawash are one person; the 'rebuilt' statement is also credited to Adel."""
    first, second, third = (
        qid(WIRE, WIRE_QUOTES[0]),
        qid(DAILY, DAILY_QUOTES[0]),
        qid(UNDATED, UNDATED_QUOTES[0]),
    )
    hawash = Person(
        id="p-hawash",
        name="Nanar Hawaš",
        spellings=(
            PersonSpelling("Nanar Hawaš", 2, WIRE.id),
            PersonSpelling("Nanar Hawash", 1, DAILY.id),
        ),
        affiliations=("Palmyra museum",),
    )
    adel = Person(
        id="p-adel", name="Karim Adel", spellings=(PersonSpelling("Karim Adel", 2, DAILY.id),)
    )
    cluster = Cluster(
        id="c-rebuilt",
        representative=WIRE_QUOTES[0].text,
        first_quote_id=first,
        first_document_id=WIRE.id,
        first_published=WIRE.published,
        first_is_dated=True,
        outlets=("Levant Wire", "The Daily Courier"),
        n_variants=3,
        n_documents=3,
        max_drift=0.5,
        speakers_disagree=True,
        wording_changed=True,
        numbers_changed=True,
        speakers=("Nanar Hawaš", "Karim Adel"),
    )
    diff = json.dumps([["=", "We have lost"], ["-", "40"], ["+", "50"]])
    return Alignment(
        people=[hawash, adel],
        person_of_quote={
            first: "p-hawash",
            qid(WIRE, WIRE_QUOTES[1]): "p-hawash",
            second: "p-hawash",
            qid(DAILY, DAILY_QUOTES[1]): "p-adel",
            third: "p-adel",
        },
        clusters=[cluster],
        variants=[
            Variant(first, "c-rebuilt", 1.0, "earliest", "[]", False, None),
            Variant(second, "c-rebuilt", 0.95, "edited", diff, True, first),
            Variant(third, "c-rebuilt", 0.5, "partial", "[]", False, second),
        ],
    )


def rows(db: sqlite_utils.Database, sql: str, params: list | None = None) -> list[dict]:
    return list(db.query(sql, params or []))


# ---------------------------------------------------------------- schema


def test_ensure_tables_twice_runs_no_ddl_and_keeps_schema() -> None:
    statements: list[str] = []
    db = sqlite_utils.Database(memory=True, tracer=lambda sql, params: statements.append(sql))
    store.ensure_tables(db)
    schema = rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")
    statements.clear()
    store.ensure_tables(db)
    assert rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema
    ddl = [s for s in statements if s.lstrip().upper().startswith(("CREATE", "DROP", "INSERT"))]
    assert ddl == []


def test_schema_has_tables_views_and_lookup_indexes(db: sqlite_utils.Database) -> None:
    for table in ("documents", "quotes", "people", "person_names", "clusters", "variants"):
        assert db.table(table).exists()
    assert set(store.VIEWS) <= set(db.view_names())
    indexed = {
        (table, tuple(index.columns))
        for table in ("quotes", "person_names", "documents")
        for index in db.table(table).indexes
    }
    for expected in (
        ("quotes", ("person_id",)),
        ("quotes", ("cluster_id",)),
        ("quotes", ("speaker",)),
        ("person_names", ("spelling",)),
        ("documents", ("outlet",)),
        ("documents", ("published",)),
    ):
        assert expected in indexed
    assert any(t == "quotes" and cols[0] == "document_id" for t, cols in indexed)
    assert db.table("quotes").detect_fts() == "quotes_fts"
    assert db.table("people").detect_fts() == "people_fts"


def test_ensure_tables_restores_fts_triggers_dropped_by_a_transform(
    corpus_db: sqlite_utils.Database,
) -> None:
    corpus_db.table("quotes").transform(types={"confidence": float})  # drops triggers
    store.ensure_tables(corpus_db)
    later = Document(id="d4later000000004", name="later.txt", text='He said "zeppelins fly".')
    store.save_document(corpus_db, later, [span(later, "zeppelins fly")])
    assert rows(corpus_db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'zeppelins'")


def test_ensure_tables_upgrades_a_database_indexed_by_per_row_triggers(
    db: sqlite_utils.Database,
) -> None:
    # Databases written before quotes were indexed per batch have sqlite-utils'
    # three triggers: opening them keeps their index and switches it over.
    store.save_document(db, WIRE, WIRE_QUOTES)
    db.table("quotes").disable_fts()
    db.table("quotes").enable_fts(["text"], create_triggers=True, tokenize=store.QUOTES_TOKENIZE)
    store.ensure_tables(db)
    assert {t.name for t in db.table("quotes").triggers} == {"quotes_ad", "quotes_au"}
    later = Document(id="d4later000000004", name="later.txt", text='He said "zeppelins fly".')
    store.save_document(db, later, [span(later, "zeppelins fly")])
    for word in ("galleries", "zeppelins"):
        assert len(rows(db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [word])) == 1
    db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")


def test_open_db_uses_wal_and_finish_leaves_a_file_datasette_can_open_immutable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "quotetrace.db"
    db = store.open_db(path)
    assert db.journal_mode == "wal"
    store.save_document(db, WIRE, WIRE_QUOTES)
    store.finish(db)
    db.close()
    assert not (tmp_path / "quotetrace.db-wal").exists()
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == len(WIRE_QUOTES)
    conn.close()


def test_open_db_twice_applies_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    store.open_db(path).close()
    db = store.open_db(path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        store.MIGRATIONS.pending(sqlite_utils.Database(memory=True))
    )


def test_open_db_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="notes.db"):
        store.open_db(path)


def test_open_db_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        store.open_db(tmp_path / "nowhere" / "q.db")


# ---------------------------------------------------------------- documents


def test_save_document_returns_new_then_unchanged(db: sqlite_utils.Database) -> None:
    assert store.save_document(db, WIRE, WIRE_QUOTES) is True
    assert store.save_document(db, WIRE, WIRE_QUOTES) is False
    renamed = Document(id=WIRE.id, name="copy-of-wire.txt", text=WIRE.text)
    assert store.save_document(db, renamed, []) is False
    assert store.stats(db)["documents"] == 1
    assert store.stats(db)["quotes"] == len(WIRE_QUOTES)


def test_stored_quotes_keep_offsets_into_stored_text(corpus_db: sqlite_utils.Database) -> None:
    found = rows(
        corpus_db,
        'SELECT q.text, q.start, q."end", d.text AS doc FROM quotes q '
        "JOIN documents d ON d.id = q.document_id",
    )
    assert len(found) == len(WIRE_QUOTES) + len(DAILY_QUOTES) + len(UNDATED_QUOTES)
    for row in found:
        assert row["doc"][row["start"] : row["end"]] == row["text"]


def test_document_row_records_metadata_count_and_backend(db: sqlite_utils.Database) -> None:
    store.save_document(db, WIRE, WIRE_QUOTES)
    row = db.table("documents").get(WIRE.id)
    assert (row["name"], row["outlet"], row["published"], row["url"]) == (
        WIRE.name,
        WIRE.outlet,
        WIRE.published,
        WIRE.url,
    )
    assert row["text"] == WIRE.text
    assert row["n_quotes"] == len(WIRE_QUOTES)
    assert row["backend"] == "rules"
    assert row["ingested_at"]


def test_quote_id_is_stable_and_depends_on_span() -> None:
    assert quote_id("abc", 1, 5) == quote_id("abc", 1, 5)
    assert len({quote_id("abc", 1, 5), quote_id("abc", 1, 6), quote_id("abd", 1, 5)}) == 3
    assert len(quote_id("abc", 1, 5)) == 16


def test_quote_whose_text_is_not_the_span_is_refused_and_nothing_stored(
    db: sqlite_utils.Database,
) -> None:
    shifted = Quote(
        start=WIRE_QUOTES[0].start + 1, end=WIRE_QUOTES[0].end, text=WIRE_QUOTES[0].text
    )
    with pytest.raises(StoreError, match=WIRE.name):
        store.save_document(db, WIRE, [WIRE_QUOTES[1], shifted])
    assert store.stats(db)["documents"] == 0
    assert store.stats(db)["quotes"] == 0


def test_quote_outside_the_text_is_refused(db: sqlite_utils.Database) -> None:
    with pytest.raises(StoreError, match="outside"):
        store.save_document(db, UNDATED, [Quote(start=5, end=10_000, text="x")])


def test_write_failing_midway_leaves_no_partial_document(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_insert_values = store._insert_values

    def failing_after_quotes(db: sqlite_utils.Database, table: str, columns: list, rows: list) -> None:
        real_insert_values(db, table, columns, rows)
        if table == "quotes":  # the document and its quotes are written, not yet indexed
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_values", failing_after_quotes)
    with pytest.raises(sqlite3.OperationalError):
        store.save_document(db, WIRE, WIRE_QUOTES)
    assert rows(db, "SELECT id FROM documents") == []
    assert rows(db, "SELECT id FROM quotes") == []
    assert rows(db, "SELECT rowid FROM quotes_fts") == []


def test_save_documents_keeps_whole_documents_before_a_failure(
    db: sqlite_utils.Database,
) -> None:
    broken = [Quote(start=0, end=4, text="nope")]
    with pytest.raises(StoreError):
        store.save_documents(db, [(WIRE, WIRE_QUOTES), (DAILY, broken), (UNDATED, UNDATED_QUOTES)])
    assert [r["id"] for r in rows(db, "SELECT id FROM documents")] == [WIRE.id]
    assert {r["document_id"] for r in rows(db, "SELECT document_id FROM quotes")} == {WIRE.id}


def test_save_documents_counts_new_and_unchanged_across_batches(
    db: sqlite_utils.Database,
) -> None:
    assert store.save_documents(db, [(WIRE, WIRE_QUOTES)]) == (1, 0)
    items = [
        (WIRE, WIRE_QUOTES),
        (DAILY, DAILY_QUOTES),
        (UNDATED, UNDATED_QUOTES),
        (DAILY, DAILY_QUOTES),
    ]
    assert store.save_documents(db, items, batch_size=2) == (2, 2)
    assert store.stats(db)["documents"] == 3


def _index_sql(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall())


def test_quotes_loaded_with_indexes_deferred_end_with_every_index(db: sqlite_utils.Database) -> None:
    schema = _index_sql(db)
    with store.quote_indexes_deferred(db):
        assert not [name for name in _index_sql(db) if name.startswith("idx_quotes_")]
        store.save_documents(db, [(WIRE, WIRE_QUOTES), (DAILY, DAILY_QUOTES)])
    assert _index_sql(db) == schema
    assert rows(db, "SELECT count(*) AS n FROM quotes INDEXED BY idx_quotes_speaker WHERE speaker = 'Nanar Hawaš'") == [
        {"n": len([q for q in WIRE_QUOTES if q.speaker == "Nanar Hawaš"])}
    ]


def test_deferred_indexes_are_built_when_loading_fails(db: sqlite_utils.Database) -> None:
    schema = _index_sql(db)
    with pytest.raises(StoreError), store.quote_indexes_deferred(db):
        store.save_documents(db, [(WIRE, WIRE_QUOTES), (DAILY, [Quote(start=0, end=4, text="nope")])])
    assert _index_sql(db) == schema
    assert store.stats(db)["documents"] == 1


def test_indexes_a_crash_left_out_are_built_at_the_next_open(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "q.db")
    schema = _index_sql(db)
    db.execute("DROP INDEX idx_quotes_speaker")  # as a crash inside quote_indexes_deferred leaves it
    db.execute("DROP INDEX idx_quotes_person_id")
    db.close()
    assert _index_sql(store.open_db(tmp_path / "q.db")) == schema


def test_first_alignment_builds_the_deferred_indexes_reading_the_quotes_meanwhile(tmp_path: Path) -> None:
    # a file in WAL mode: the quotes are read on a second connection while this one builds
    db = store.open_db(tmp_path / "q.db")
    schema = _index_sql(db)
    with store.quote_indexes_deferred(db):
        store.save_documents(db, [(WIRE, WIRE_QUOTES), (DAILY, DAILY_QUOTES), (UNDATED, UNDATED_QUOTES)])
        with db.atomic():
            quotes = store.load_quotes_building_indexes(db)
            # those on the links wait for them to be written
            assert set(schema) - set(_index_sql(db)) == {
                "idx_quotes_person_id", "idx_quotes_cluster_id",
                "idx_quotes_unattributed_speaker", "idx_quotes_unattributed_written",
            }
            assert quotes == store.load_quotes_for_alignment(db)
            store.save_alignment(db, align(quotes))
        assert _index_sql(db) == schema


def test_quotes_a_second_connection_cannot_read_are_read_on_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = store.open_db(tmp_path / "q.db")
    with store.quote_indexes_deferred(db):
        store.save_documents(db, [(WIRE, WIRE_QUOTES), (DAILY, DAILY_QUOTES)])
        expected = store.load_quotes_for_alignment(db)

        def refused(*args: object, **kwargs: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(sqlite3, "connect", refused)
        with db.atomic():
            assert store.load_quotes_building_indexes(db) == expected


def test_indexes_stay_while_loading_into_a_table_with_quotes(corpus_db: sqlite_utils.Database) -> None:
    schema = _index_sql(corpus_db)
    with store.quote_indexes_deferred(corpus_db):
        assert _index_sql(corpus_db) == schema


def test_two_quotes_on_one_span_keep_the_more_confident(db: sqlite_utils.Database) -> None:
    weak = span(DAILY, "No date has been set.", speaker="Hawash", confidence=0.3)
    strong = span(DAILY, "No date has been set.", speaker="Karim Adel", confidence=0.85)
    store.save_document(db, DAILY, [weak, strong])
    assert [r["speaker"] for r in rows(db, "SELECT speaker FROM quotes")] == ["Karim Adel"]
    assert db.table("documents").get(DAILY.id)["n_quotes"] == 1


def test_load_quotes_for_alignment_orders_dated_first_then_name_then_start(
    corpus_db: sqlite_utils.Database,
) -> None:
    loaded = store.load_quotes_for_alignment(corpus_db)
    assert [(q.document_id, q.start) for q in loaded] == [
        (WIRE.id, WIRE_QUOTES[0].start),
        (WIRE.id, WIRE_QUOTES[1].start),
        (DAILY.id, DAILY_QUOTES[0].start),
        (DAILY.id, DAILY_QUOTES[1].start),
        (UNDATED.id, UNDATED_QUOTES[0].start),
    ]
    first = loaded[0]
    assert first.id == qid(WIRE, WIRE_QUOTES[0])
    assert (first.document_name, first.outlet, first.published) == (
        WIRE.name,
        WIRE.outlet,
        WIRE.published,
    )
    assert (first.speaker, first.affiliation, first.kind) == (
        "Nanar Hawaš",
        "Palmyra museum",
        KIND_FULL,
    )


# ---------------------------------------------------------------- alignment


def test_save_alignment_links_quotes_to_people_and_clusters(
    corpus_db: sqlite_utils.Database,
) -> None:
    alignment = alignment_hawash_with_misattribution()
    store.save_alignment(corpus_db, alignment)
    links = {
        r["id"]: (r["person_id"], r["cluster_id"])
        for r in rows(corpus_db, "SELECT id, person_id, cluster_id FROM quotes")
    }
    assert links[qid(WIRE, WIRE_QUOTES[0])] == ("p-hawash", "c-rebuilt")
    assert links[qid(WIRE, WIRE_QUOTES[1])] == ("p-hawash", None)
    assert links[qid(UNDATED, UNDATED_QUOTES[0])] == ("p-adel", "c-rebuilt")
    hawash = corpus_db.table("people").get("p-hawash")
    assert (hawash["n_quotes"], hawash["n_spellings"]) == (3, 2)
    assert json.loads(hawash["affiliations"]) == ["Palmyra museum"]
    cluster = corpus_db.table("clusters").get("c-rebuilt")
    assert json.loads(cluster["outlets"]) == ["Levant Wire", "The Daily Courier"]
    assert cluster["speakers_disagree"] == 1
    assert store.stats(corpus_db) == {"documents": 3, "quotes": 5, "people": 2, "organisations": 0, "clusters": 1}


def test_save_alignment_rebuilding_the_link_indexes_writes_the_same_rows_and_keeps_schema_and_statistics(
    corpus_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_db.execute("ANALYZE")
    schema = rows(corpus_db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")
    statistics = rows(corpus_db, "SELECT * FROM sqlite_stat1 ORDER BY tbl, idx")
    linked = "SELECT id, person_id, cluster_id FROM quotes ORDER BY id"
    with corpus_db.atomic():  # rolled back below: the same start for the row-by-row update
        corpus_db.execute("SAVEPOINT before_links")
        store.save_alignment(corpus_db, alignment_hawash_with_misattribution())  # 3 of 5 quotes: indexes rebuilt
        rebuilt = rows(corpus_db, linked)
        assert rows(corpus_db, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema
        assert rows(corpus_db, "SELECT * FROM sqlite_stat1 ORDER BY tbl, idx") == statistics
        assert rows(corpus_db, "SELECT id FROM quotes INDEXED BY idx_quotes_person_id WHERE person_id = 'p-hawash'")
        corpus_db.execute("ROLLBACK TO before_links")
        monkeypatch.setattr(store, "REBUILD_SHARE", 1.0)
        store.save_alignment(corpus_db, alignment_hawash_with_misattribution())  # row by row
        assert rows(corpus_db, linked) == rebuilt


def test_save_alignment_replaces_the_previous_alignment(corpus_db: sqlite_utils.Database) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    only_adel = Alignment(
        people=[
            Person(
                id="p-adel",
                name="Karim Adel",
                spellings=(PersonSpelling("Karim Adel", 1, DAILY.id),),
            )
        ],
        person_of_quote={qid(DAILY, DAILY_QUOTES[1]): "p-adel"},
    )
    store.save_alignment(corpus_db, only_adel)
    assert [r["id"] for r in rows(corpus_db, "SELECT id FROM people")] == ["p-adel"]
    assert rows(corpus_db, "SELECT id FROM clusters") == []
    assert rows(corpus_db, "SELECT quote_id FROM variants") == []
    assert rows(corpus_db, "SELECT spelling, count FROM person_names") == [
        {"spelling": "Karim Adel", "count": 1}
    ]
    linked = rows(
        corpus_db,
        "SELECT id, person_id FROM quotes WHERE person_id IS NOT NULL OR cluster_id IS NOT NULL",
    )
    assert linked == [{"id": qid(DAILY, DAILY_QUOTES[1]), "person_id": "p-adel"}]
    assert corpus_db.table("people").get("p-adel")["n_quotes"] == 1


def test_save_alignment_keeps_foreign_keys_valid_when_enforced(
    corpus_db: sqlite_utils.Database,
) -> None:
    corpus_db.execute("PRAGMA foreign_keys = ON")
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    store.save_alignment(corpus_db, Alignment())
    assert rows(corpus_db, "PRAGMA foreign_key_check") == []
    assert store.stats(corpus_db)["people"] == 0


def test_save_alignment_refuses_unknown_ids_and_changes_nothing(
    corpus_db: sqlite_utils.Database,
) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    before = list(corpus_db.conn.iterdump())
    with pytest.raises(StoreError, match="unknown people"):
        store.save_alignment(
            corpus_db, Alignment(person_of_quote={qid(WIRE, WIRE_QUOTES[0]): "p-ghost"})
        )
    ghost_quote = Alignment(
        people=[Person(id="p-x", name="X")], person_of_quote={"0000000000000000": "p-x"}
    )
    with pytest.raises(StoreError, match="not stored"):
        store.save_alignment(corpus_db, ghost_quote)
    assert list(corpus_db.conn.iterdump()) == before


# ---------------------------------------------------------------- search, views, lookup


def test_full_text_search_finds_quotes_by_stem_and_people_without_diacritics(
    corpus_db: sqlite_utils.Database,
) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    hits = rows(
        corpus_db,
        "SELECT q.id FROM quotes q JOIN quotes_fts f ON f.rowid = q.rowid "
        "WHERE quotes_fts MATCH ? ORDER BY q.id",
        ["wounds"],
    )
    assert hits == [{"id": qid(WIRE, WIRE_QUOTES[1])}]
    people = rows(
        corpus_db,
        "SELECT p.id FROM people p JOIN people_fts f ON f.rowid = p.rowid WHERE people_fts MATCH ?",
        ["hawas"],
    )
    assert people == [{"id": "p-hawash"}]


def test_full_text_index_stays_one_entry_per_quote_after_realignment(
    corpus_db: sqlite_utils.Database,
) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    store.save_alignment(corpus_db, Alignment())
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    hits = rows(corpus_db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'galleries'")
    assert len(hits) == 3
    corpus_db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")


def test_full_text_index_follows_text_edits_but_not_link_updates(
    corpus_db: sqlite_utils.Database,
) -> None:
    # Linking quotes to people must not rewrite their index entries (speed);
    # a corrected quote text must still be found by its new words.
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    before = rows(corpus_db, "SELECT count(*) AS n FROM quotes_fts_data")
    store.save_alignment(corpus_db, Alignment())
    assert rows(corpus_db, "SELECT count(*) AS n FROM quotes_fts_data") == before
    rowid = rows(corpus_db, "SELECT min(rowid) AS r FROM quotes")[0]["r"]
    corpus_db.execute("UPDATE quotes SET text = 'zeppelins over the museum' WHERE rowid = ?", [rowid])
    hits = rows(corpus_db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'zeppelins'")
    assert hits == [{"rowid": rowid}]
    corpus_db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")


def test_views_show_variants_spellings_and_misattributions(
    corpus_db: sqlite_utils.Database,
) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    details = rows(
        corpus_db, "SELECT * FROM quote_details WHERE quote_id = ?", [qid(DAILY, DAILY_QUOTES[0])]
    )
    assert len(details) == 1
    assert (details[0]["outlet"], details[0]["document"], details[0]["person_name"]) == (
        DAILY.outlet,
        DAILY.name,
        "Nanar Hawaš",
    )
    variants = rows(
        corpus_db, "SELECT outlet, published, relation, numbers_changed FROM statement_variants"
    )
    assert [v["outlet"] for v in variants] == [WIRE.outlet, DAILY.outlet, None]
    assert [v["numbers_changed"] for v in variants] == [0, 1, 0]
    names = rows(corpus_db, "SELECT person_id, n_spellings, spellings FROM name_variants")
    assert names == [
        {"person_id": "p-hawash", "n_spellings": 2, "spellings": "Nanar Hawaš | Nanar Hawash"}
    ]
    misattributed = rows(corpus_db, "SELECT cluster_id, first_document FROM misattributions")
    assert misattributed == [{"cluster_id": "c-rebuilt", "first_document": WIRE.name}]


def test_quote_details_view_is_searchable_through_the_quotes_index(
    corpus_db: sqlite_utils.Database,
) -> None:
    found = rows(
        corpus_db,
        "SELECT quote_id FROM quote_details WHERE quote_rowid IN "
        "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'date')",
    )
    assert found == [{"quote_id": qid(DAILY, DAILY_QUOTES[1])}]


def test_people_rows_and_quotes_for_people_serve_the_speaker_lookup(
    corpus_db: sqlite_utils.Database,
) -> None:
    store.save_alignment(corpus_db, alignment_hawash_with_misattribution())
    people = store.people_rows(corpus_db)
    assert [p["id"] for p in people] == ["p-adel", "p-hawash"]
    assert people[1]["spellings"] == ["Nanar Hawaš", "Nanar Hawash"]
    assert people[1]["affiliations"] == ["Palmyra museum"]
    quotes = store.quotes_for_people(corpus_db, ["p-hawash"])
    assert [q["quote_id"] for q in quotes] == [
        qid(WIRE, WIRE_QUOTES[0]),
        qid(WIRE, WIRE_QUOTES[1]),
        qid(DAILY, DAILY_QUOTES[0]),
    ]
    assert quotes[0]["url"] == WIRE.url
    assert quotes[0]["person_name"] == "Nanar Hawaš"
    assert store.quotes_for_people(corpus_db, []) == []


@pytest.mark.parametrize("variable_limit", [None, 40])
def test_a_batch_of_more_quotes_than_one_insert_holds_is_stored_whole_and_in_order(
    db: sqlite_utils.Database, variable_limit: int | None
) -> None:
    # Quotes are written many rows to a statement: more than one statement's worth
    # (store.ROWS_PER_INSERT rows, fewer where SQLite allows fewer parameters) must
    # all arrive, each with its own values, in the order given.
    if variable_limit is not None:
        db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variable_limit)
    n = store.ROWS_PER_INSERT + 37
    text = " ".join(f"\u201cline {i}\u201d" for i in range(n))
    document = Document(id="f" * 16, name="many.txt", text=text)
    quotes = [
        Quote(start=text.index(f"line {i}\u201d"), end=text.index(f"line {i}\u201d") + len(f"line {i}"), text=f"line {i}", confidence=i / n)
        for i in range(n)
    ]
    assert store.save_documents(db, [(document, quotes)]) == (1, 0)
    stored = db.execute('SELECT text, confidence FROM quotes ORDER BY rowid').fetchall()
    assert stored == [(q.text, q.confidence) for q in quotes]
    assert db.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'line'").fetchone()[0] == n
