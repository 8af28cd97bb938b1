"""A failed alignment is one clear line: the documents stay stored and the next ingest aligns them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotetrace import incremental
from quotetrace.cli import cli

NEW = "“We reopen the port on Monday,” Harbour master Ines Calloway told reporters.\n"


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = ("documents", "quotes", "clusters", "people")
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        counts["aligned_quotes"] = conn.execute("SELECT count(*) FROM quotes WHERE cluster_id IS NOT NULL").fetchone()[0]
        return counts
    finally:
        conn.close()


def out_of_memory(*args: object, **kwargs: object) -> None:
    raise MemoryError


def ingest_failing_alignment(monkeypatch: pytest.MonkeyPatch, palmyra_dir: Path, db: Path, *, rollback_fails: bool = False) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(incremental, "align", out_of_memory)
        if rollback_fails:  # as with real memory exhaustion: the rollback in sqlite-utils' handler fails too
            patch.setattr(sqlite_utils.Database, "rollback", out_of_memory)
        r = CliRunner().invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "-q"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "alignment failed (MemoryError)" in errors[0], r.output
    stored = counts(db)
    assert stored["documents"] == 5 and stored["quotes"] > 0
    assert stored["clusters"] == stored["aligned_quotes"] == 0


@pytest.mark.parametrize("rollback_fails", [False, True])
def test_the_next_ingest_aligns_what_a_failed_alignment_left(
    monkeypatch: pytest.MonkeyPatch, palmyra_dir: Path, palmyra_db: Path, tmp_path: Path, rollback_fails: bool
) -> None:
    db = tmp_path / "q.db"
    ingest_failing_alignment(monkeypatch, palmyra_dir, db, rollback_fails=rollback_fails)
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    r = CliRunner().invoke(cli, ["ingest", str(tmp_path / "new.txt"), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    after, clean = counts(db), counts(palmyra_db)
    assert after["documents"] == clean["documents"] + 1
    assert after["clusters"] == clean["clusters"] + 1
    assert after["aligned_quotes"] == clean["aligned_quotes"] + 1


def test_realign_after_a_failed_alignment(monkeypatch: pytest.MonkeyPatch, palmyra_dir: Path, palmyra_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    ingest_failing_alignment(monkeypatch, palmyra_dir, db)
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "--realign", "-q"])
    assert r.exit_code == 0, r.output
    assert "5 unchanged" in r.output
    assert counts(db) == counts(palmyra_db)
