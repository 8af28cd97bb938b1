"""Ingesting the same content twice changes nothing in the database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        # ingested_at records when a document first arrived; it must not change either.
        return list(con.iterdump())
    finally:
        con.close()


def test_reingest_changes_nothing(tmp_path: Path, palmyra_dir: Path) -> None:
    db = tmp_path / "q.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    before = dump(db)
    second = runner.invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "-q"])
    assert second.exit_code == 0, second.output
    assert "0 new, 5 unchanged" in second.output
    assert dump(db) == before


def test_same_text_under_another_name_is_not_stored_twice(tmp_path: Path, palmyra_files: list[Path]) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(palmyra_files[0], copy)
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_files[0]), str(copy), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    assert "1 new, 1 unchanged" in r.output
