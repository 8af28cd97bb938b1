"""An ingest killed with SIGKILL leaves whole documents only, and a rerun completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotetrace import store

ROOT = Path(__file__).resolve().parent.parent
PALMYRA = ROOT / "data" / "palmyra"
# five write batches (pipeline.BATCH = 200): up to three wait for the writer thread at a
# time, and the kill must land before the last is written
N_DOCUMENTS = 1000
CLI = [sys.executable, "-c", "from quotetrace.cli import cli; cli()"]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def make_corpus(folder: Path) -> Path:
    """Short articles cut from the Palmyra texts: every one different, many sharing statements."""
    lines = [
        line
        for p in sorted(PALMYRA.glob("*.txt"))
        for line in p.read_text(encoding="utf-8").split("\n")
        if len(line) > 80
    ]
    folder.mkdir()
    for i in range(N_DOCUMENTS):
        body = [lines[(i * 7 + k * 13) % len(lines)] for k in range(4)]
        text = f"Report {i} from the regional desk.\n\n" + "\n\n".join(body) + "\n"
        (folder / f"article_{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def run_cli(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_documents(db_path: Path) -> int:
    """Committed documents, read the way any other process would (0 before the schema exists)."""
    if not db_path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # no table yet, or locked for a moment
        return 0


def check_whole_documents(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute(
            """SELECT d.name, d.n_quotes, count(q.id) FROM documents d
               LEFT JOIN quotes q ON q.document_id = d.id
               GROUP BY d.id HAVING d.n_quotes != count(q.id)"""
        ).fetchall()
        assert partial == [], f"documents stored without all their quotes: {partial[:3]}"
        orphans = conn.execute(
            "SELECT count(*) FROM quotes WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def table_rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = store.open_db(db_path)
    try:
        return {
            "documents": [tuple(r) for r in db.execute("SELECT name, n_quotes, text FROM documents ORDER BY name")],
            "quotes": [tuple(r) for r in db.execute('SELECT id, "end", speaker, person_id, cluster_id FROM quotes ORDER BY id')],
            "clusters": [tuple(r) for r in db.execute("SELECT * FROM clusters ORDER BY id")],
            "people": [tuple(r) for r in db.execute("SELECT * FROM people ORDER BY id")],
        }
    finally:
        db.close()


def test_killed_ingest_keeps_whole_documents_and_a_rerun_completes_it(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db_path = tmp_path / "crash.db"

    proc = run_cli("ingest", str(corpus), "--db", str(db_path), "-q")
    deadline = time.monotonic() + 300
    while stored_documents(db_path) == 0:
        assert proc.poll() is None, f"ingest ended before it was killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "no document stored in time"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    survived = check_whole_documents(db_path)
    assert 0 < survived < N_DOCUMENTS  # killed in the middle of the batch

    rerun = run_cli("ingest", str(corpus), "--db", str(db_path), "-q")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert f"{N_DOCUMENTS - survived} new, {survived} unchanged" in out.decode()
    assert check_whole_documents(db_path) == N_DOCUMENTS

    # the same database as one uninterrupted run: every document once, all aligned
    clean_path = tmp_path / "clean.db"
    clean = run_cli("ingest", str(corpus), "--db", str(clean_path), "-q")
    _, err = clean.communicate(timeout=600)
    assert clean.returncode == 0, err.decode()
    assert table_rows(db_path) == table_rows(clean_path)
