"""Hostile repetition: one line quoted thousands of times ingests in bounded memory, and wire copy is one statement."""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from quotetrace.cli import cli; cli()"]
# Far above what ingesting these needs (about 400 MB of address space), far
# below what a pair per two copies took (1.6 GB for 4,000 copies, 24 GB killed).
ADDRESS_SPACE = 1 << 30
WIRE = "“The ministry will reopen the northern crossing for aid convoys on Monday,” said Dana Whitfield, a spokeswoman."

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="address-space limits are POSIX")


def ingest_limited(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """`quotetrace ingest` in a child process that may map at most ADDRESS_SPACE bytes."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [*CLI, "ingest", str(folder), "--db", str(db), "-q"],
        env=env, capture_output=True, text=True, preexec_fn=limit, timeout=600, check=False,
    )


def statements(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
    finally:
        conn.close()


def one_file(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "article.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_line_quoted_6000_times_ingests_and_the_next_ingest_too(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    hostile = one_file(tmp_path / "hostile", "“We will do it,” he said. " * 6000)
    first = ingest_limited(hostile, db)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr and "MemoryError" not in first.stderr
    # no content word: each is a statement of its own, none compared with the others
    assert statements(db) == 6000
    later = one_file(tmp_path / "later", WIRE)
    second = ingest_limited(later, db)
    assert second.returncode == 0, second.stderr
    assert statements(db) == 6001


def test_a_statement_quoted_6000_times_in_one_article_is_one_statement(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    text = "“We will rebuild the northern bridge before winter,” he said. " * 6000
    done = ingest_limited(one_file(tmp_path / "in", text), db)
    assert done.returncode == 0, done.stderr
    assert statements(db) == 1


def wire_copies(path: Path, n: int, first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(first, first + n):
            record = {"id": f"story-{i}", "outlet": f"Outlet {i}", "text": f"Report {i} from the border. {WIRE}"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_500_outlets_copying_one_quote_make_one_statement(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(wire_copies(tmp_path / "wire.jsonl", 500)), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    assert "500 statements (1 distinct across outlets), 0 other quotes; 1 people" in r.output


def test_a_later_copy_joins_the_statement_of_300_stored_copies(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(wire_copies(tmp_path / "a.jsonl", 300)), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    # one more document is a small share of the database: aligned incrementally
    later = runner.invoke(cli, ["ingest", str(wire_copies(tmp_path / "b.jsonl", 1, first=300)), "--db", str(db), "-q"])
    assert later.exit_code == 0, later.output
    assert "301 statements (1 distinct across outlets), 0 other quotes; 1 people" in later.output
