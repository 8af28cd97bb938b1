"""`quotetrace ingest --workers N` extracts on Dask and stores the same database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli


def quotes(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute('SELECT id, text, speaker, cluster_id FROM quotes ORDER BY id').fetchall()
    finally:
        con.close()


def test_workers_store_what_the_serial_path_stores(tmp_path: Path, palmyra_dir: Path) -> None:
    runner = CliRunner()
    serial, dask = tmp_path / "serial.db", tmp_path / "dask.db"
    assert runner.invoke(cli, ["ingest", str(palmyra_dir), "--db", str(serial), "-q"]).exit_code == 0
    r = runner.invoke(cli, ["ingest", str(palmyra_dir), "--db", str(dask), "-q", "--workers", "2"])
    assert r.exit_code == 0, r.output
    assert quotes(dask) == quotes(serial)


def test_workers_and_scheduler_are_exclusive(tmp_path: Path, palmyra_dir: Path) -> None:
    r = CliRunner().invoke(
        cli, ["ingest", str(palmyra_dir), "--db", str(tmp_path / "q.db"), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert r.exit_code == 2 and "not both" in r.output
