"""Two ingests into one database take turns: the second waits for the first, or stops with one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from test_crash_safety import N_DOCUMENTS, make_corpus, run_cli

from quotetrace.cli import cli
from quotetrace.writer import exclusive, lock_path


def corpora(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders of different articles (the second: the first's, signed by another desk)."""
    first = make_corpus(tmp_path / "first")
    second = tmp_path / "second"
    second.mkdir()
    for p in sorted(first.iterdir()):
        (second / p.name).write_text(p.read_text(encoding="utf-8").replace("regional desk", "foreign desk"), encoding="utf-8")
    return first, second


def summary(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "clusters": one("SELECT count(*) FROM clusters"),
            "people": one("SELECT count(*) FROM people"),
            "unaligned": one("SELECT count(*) FROM quotes WHERE cluster_id IS NULL AND kind IN ('full', 'partial', 'continuation')"),
            "pending": one("SELECT max(rowid) FROM documents") - one("SELECT coalesce(max(value), 0) FROM alignment_state WHERE key = 'aligned_through'"),
        }
    finally:
        conn.close()


def test_two_ingests_at_once_both_complete(tmp_path: Path) -> None:
    first, second = corpora(tmp_path)
    db = tmp_path / "shared.db"
    a = run_cli("ingest", str(first), "--db", str(db), "-q")
    b = run_cli("ingest", str(second), "--db", str(db), "-q")
    results = [p.communicate(timeout=600) for p in (a, b)]
    for proc, (_, err) in zip((a, b), results, strict=True):
        assert proc.returncode == 0, err.decode()
        assert b"Traceback" not in err and b"locked" not in err
    together = summary(db)
    assert together["documents"] == 2 * N_DOCUMENTS
    assert together["unaligned"] == 0 and together["pending"] == 0
    # what one ingest of both folders makes (the partition does not depend on the order)
    one = tmp_path / "one.db"
    proc = run_cli("ingest", str(first), str(second), "--db", str(one), "-q")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert together == summary(one)
    assert not lock_path(db).exists()


def test_the_second_ingest_waits_for_the_first(tmp_path: Path) -> None:
    first, _ = corpora(tmp_path)
    db = tmp_path / "shared.db"
    with exclusive(db):  # another ingest is writing
        waiting = run_cli("ingest", str(first), "--db", str(db), "--wait", "600")
        assert waiting.stderr is not None
        said = b""
        while b"waiting for another ingest" not in said and (line := waiting.stderr.readline()):
            said += line
        assert b"waiting for another ingest" in said, said
        assert not db.exists()  # nothing touched while it waits
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err.decode()
    assert f"{N_DOCUMENTS} new".encode() in out


def test_an_ingest_that_cannot_wait_stops_with_one_line(tmp_path: Path) -> None:
    first, _ = corpora(tmp_path)
    db = tmp_path / "shared.db"
    with exclusive(db):
        proc = run_cli("ingest", str(first), "--db", str(db), "--wait", "0.5", "-q")
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "another ingest is still writing" in lines[0], lines
    assert not db.exists()  # nothing touched


def test_a_lock_file_left_by_a_killed_ingest_does_not_stop_the_next(tmp_path: Path, palmyra_dir: Path) -> None:
    db = tmp_path / "q.db"
    lock_path(db).write_text("")  # the file stays when its holder is killed; the lock does not
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "--wait", "0", "-q"])
    assert r.exit_code == 0, r.output
    assert not lock_path(db).exists()
