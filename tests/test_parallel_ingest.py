"""Extraction on a Dask cluster stores exactly what the serial path stores."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from quotetrace import parallel as parallel_module
from quotetrace import pipeline, store
from quotetrace.parallel import DaskUnavailable, extraction

pytest.importorskip("distributed")

PALMYRA = Path(__file__).resolve().parent.parent / "data" / "palmyra"
OUTLETS = ["Wire One", "Daily Ledger", "The Courier", None]

# Every table the ingest writes, with a stable order and without the one
# column that depends on the clock.
TABLES = {
    "documents": "SELECT rowid, * FROM documents ORDER BY rowid",
    "quotes": "SELECT rowid, * FROM quotes ORDER BY rowid",
    "people": "SELECT * FROM people ORDER BY id",
    "person_names": "SELECT * FROM person_names ORDER BY person_id, spelling",
    "clusters": "SELECT * FROM clusters ORDER BY id",
    "variants": "SELECT * FROM variants ORDER BY quote_id",
}


def contents(db_path: Path) -> dict[str, list[dict[str, object]]]:
    db = store.open_db(db_path)
    out = {}
    for table, sql in TABLES.items():
        rows = [dict(r) for r in db.query(sql)]
        for r in rows:
            r.pop("ingested_at", None)
        out[table] = rows
    db.close()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 articles: the Palmyra texts, each re-dated, re-sourced and trimmed differently,
    plus one file that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    texts = [p.read_text(encoding="utf-8") for p in sorted(PALMYRA.glob("*.txt"))]
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for i in range(40):
            text = texts[i % len(texts)]
            lines = text.split("\n")
            # drop a different line each time: new content, the same statements
            drop = (7 * i) % len(lines)
            record = {
                "id": f"article-{i:03d}",
                "text": "\n".join(lines[:drop] + lines[drop + 1 :]) + f"\n\nFiled by desk {i}.",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "published": f"2025-12-{1 + i % 28:02d}" if i % 3 else None,
            }
            fh.write(json.dumps(record) + "\n")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def run_ingest(corpus: Path, db_path: Path, **kwargs: object) -> pipeline.IngestReport:
    db = store.open_db(db_path)
    report = pipeline.ingest([corpus], db, **kwargs)  # type: ignore[arg-type]
    db.close()
    return report


def test_dask_ingest_stores_what_serial_ingest_stores(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small tasks, so that both workers take some and results come back out of order;
    # every document goes to the workers (none extracted here while they start)
    monkeypatch.setitem(parallel_module.CHUNK_SIZES, "rules", 8)
    monkeypatch.setattr(parallel_module, "EXTRACT_WHILE_STARTING", False)
    serial = run_ingest(corpus, tmp_path / "serial.db")
    parallel = run_ingest(corpus, tmp_path / "dask.db", workers=2)
    assert serial.new == parallel.new == 40
    assert serial.quotes_added == parallel.quotes_added > 0
    assert [str(e) for e in serial.failed] == [str(e) for e in parallel.failed]
    assert len(serial.failed) == 1
    expected = contents(tmp_path / "serial.db")
    assert expected["clusters"], "the corpus repeats statements: alignment has work to do"
    assert contents(tmp_path / "dask.db") == expected


def test_documents_extracted_while_the_cluster_starts_are_stored_the_same(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cluster counts as started after five documents: those are extracted in this
    # process, the others on the workers, and the database is the serial one
    monkeypatch.setitem(parallel_module.CHUNK_SIZES, "rules", 8)
    asked = iter(range(10_000))
    monkeypatch.setattr(parallel_module._StartingCluster, "ready", lambda self: next(asked) >= 5)
    serial = run_ingest(corpus, tmp_path / "serial.db")
    parallel = run_ingest(corpus, tmp_path / "dask.db", workers=2)
    assert serial.new == parallel.new == 40
    assert [str(e) for e in serial.failed] == [str(e) for e in parallel.failed]
    assert contents(tmp_path / "dask.db") == contents(tmp_path / "serial.db")


def test_dask_reingest_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "again.db"
    run_ingest(corpus, db_path, workers=2)
    before = contents(db_path)
    report = run_ingest(corpus, db_path, workers=2)
    assert report.new == 0 and report.unchanged == 40
    assert contents(db_path) == before


def test_workers_and_scheduler_together_are_refused() -> None:
    from quotetrace.nlp import load_backend

    with pytest.raises(ValueError, match="not both"):
        with extraction(load_backend("rules"), workers=2, scheduler="tcp://127.0.0.1:8786"):
            pass


def test_workers_without_distributed_say_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import now raises ImportError
    with pytest.raises(DaskUnavailable, match="distributed"):
        run_ingest(corpus, tmp_path / "none.db", workers=2)
    db = store.open_db(tmp_path / "none.db")
    assert store.stats(db)["documents"] == 0


def test_local_workers_get_every_dask_setting_with_the_profiler_off() -> None:
    # a nanny lays the settings it is given over its own by top-level key: the
    # whole "distributed" tree must come along, or a worker fails to start
    import dask.config

    own = dask.config.get("distributed.worker.profile.enabled")
    config = parallel_module._worker_config()
    assert config["distributed"]["worker"]["profile"]["enabled"] is False
    assert config["distributed"]["admin"] == dask.config.get("distributed.admin")
    assert dask.config.get("distributed.worker.profile.enabled") == own  # this process's own: untouched
