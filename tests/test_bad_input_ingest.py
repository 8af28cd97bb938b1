"""Bad input gets one clear line naming the file; the batch goes on; nothing stored is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli

GOOD = "“We reopen the port on Monday,” Harbour master Ines Calloway told reporters.\n"


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03PNG\x00\x00", "binary"),
        ("latin.txt", "caf\u00e9 ".encode("utf-8")[:-2] + b"\xff\xfe\xfa text", "UTF-8"),
        ("broken.jsonl", b'{"id": "a", "text": "fine"}\n{"id": "b", "text": \n', "line 2"),
        ("rows.csv", b"id,text\nr1,\"ok text\"\nr2\n", "row 3"),
    ],
)
def test_each_bad_input_is_reported_and_the_rest_stored(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(tmp_path / "good.txt"), str(tmp_path / name), "--db", str(db), "-q"])
    assert r.exit_code == 1
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and reason in errors[0], r.output
    assert count(db, "documents") >= 1
    assert count(db, "quotes") >= 1


def test_folder_with_nothing_readable(tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "q.db"), "-q"])
    assert r.exit_code == 1
    assert "no readable files" in r.output


def test_failed_batch_keeps_what_was_stored_before(tmp_path: Path, palmyra_files: list[Path]) -> None:
    db = tmp_path / "q.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(palmyra_files[0]), "--db", str(db), "-q"]).exit_code == 0
    quotes_before = count(db, "quotes")
    (tmp_path / "empty.txt").write_bytes(b"")
    r = runner.invoke(cli, ["ingest", str(tmp_path / "empty.txt"), "--db", str(db), "-q"])
    assert r.exit_code == 1
    assert count(db, "quotes") == quotes_before


def test_unbalanced_marks_keep_the_other_quotes(tmp_path: Path) -> None:
    text = (
        "The minister said the plan was “under review.\n"
        "“We will publish the audit,” Pia Lindgren said.\n"
        "“Every figure will be public,” she added.\n"
    )
    f = tmp_path / "unbalanced.txt"
    f.write_text(text, encoding="utf-8")
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(f), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(db)
    speakers = dict(con.execute("SELECT text, speaker FROM quotes"))
    assert speakers["We will publish the audit,"] == "Pia Lindgren"
    assert speakers["Every figure will be public,"] == "Pia Lindgren"


def test_missing_database_for_lookup_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1
    assert "no database at" in r.output
