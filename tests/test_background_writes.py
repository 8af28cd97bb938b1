"""An ingest into a database file writes its batches in a thread while extraction goes on.

What a user relies on: every batch is stored, in order, before ingest returns; a
document the store refuses is one reported failure and its batch is kept; a write
that fails outright stops the ingest with that error, and the batches written
before it stay stored.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from quotetrace import pipeline, store
from quotetrace.errors import InputError
from quotetrace.records import Document

SPEAKERS = ("Ines Calloway", "Pia Lindgren", "Tomas Okafor", "Ruth Abelard")


def write_articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        speaker = SPEAKERS[i % len(SPEAKERS)]
        (folder / f"a{i:04d}.txt").write_text(
            f"Harbour works, day {i}\n\n\u201cWe reopen berth {i} on Monday,\u201d {speaker} said.\n", encoding="utf-8"
        )
    return folder


def stored_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM documents ORDER BY rowid")]


def test_every_batch_is_stored_in_input_order_by_the_writer_thread(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", 2 * pipeline.BATCH + 50)
    db = store.open_db(tmp_path / "q.db")
    writers: set[str] = set()

    def seen(document: Document) -> None:
        writers.update(t.name for t in threading.enumerate() if t.name == "quotetrace-writer")

    report = pipeline.ingest([folder], db, on_document=seen, align=False)
    assert report.new == 2 * pipeline.BATCH + 50
    assert writers == {"quotetrace-writer"}
    assert stored_names(tmp_path / "q.db") == [f"a{i:04d}.txt" for i in range(2 * pipeline.BATCH + 50)]
    assert store.stats(db)["quotes"] == 2 * pipeline.BATCH + 50


def test_a_document_the_store_refuses_is_one_failure_and_its_batch_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_articles(tmp_path / "in", pipeline.BATCH + 10)
    check = store._check_quotes

    def refuse_one(document: Document, quotes: object) -> object:
        if document.name == "a0007.txt":
            raise store.StoreError("quote offsets outside the text")
        return check(document, quotes)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_check_quotes", refuse_one)
    errors: list[InputError] = []
    report = pipeline.ingest([folder], store.open_db(tmp_path / "q.db"), on_error=errors.append, align=False)
    assert [Path(e.source).name for e in errors] == ["a0007.txt"]
    assert "not stored (quote offsets outside the text)" in errors[0].reason
    assert report.new == pipeline.BATCH + 9
    assert len(stored_names(tmp_path / "q.db")) == pipeline.BATCH + 9


def test_a_failed_write_stops_the_ingest_and_keeps_the_batches_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_articles(tmp_path / "in", 3 * pipeline.BATCH)
    save = store.save_documents
    calls = []

    def disk_full_on_the_second_batch(db: object, items: object) -> tuple[int, int]:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return save(db, items)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "save_documents", disk_full_on_the_second_batch)
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        pipeline.ingest([folder], store.open_db(tmp_path / "q.db"), align=False)
    assert stored_names(tmp_path / "q.db") == [f"a{i:04d}.txt" for i in range(pipeline.BATCH)]


def test_a_database_in_memory_is_written_in_line(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    assert store.open_writer(db) is None
    report = pipeline.ingest([write_articles(tmp_path / "in", 30)], db, align=False)
    assert report.new == 30
    assert store.stats(db)["documents"] == 30


def test_a_database_held_exclusively_is_written_in_line(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "q.db")
    db.execute("PRAGMA locking_mode=EXCLUSIVE")
    assert store.open_writer(db) is None
    report = pipeline.ingest([write_articles(tmp_path / "in", 30)], db, align=False)
    assert report.new == 30
    assert store.stats(db)["documents"] == 30
