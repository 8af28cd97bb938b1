"""Awkward paths: symbolic link loops and dangling links are one error each, a name
cannot forge a line of output, and an export to a missing folder is one clear line."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli

QUOTE = "\u201cWe reopen the port on Monday,\u201d Ines Calloway said.\n"


def ingest(tmp_path: Path, *paths: Path) -> tuple[int, list[str], Path]:
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "-q"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    return r.exit_code, errors, db


def test_links_that_lead_nowhere_are_errors_and_the_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE, encoding="utf-8")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("here", folder / "here")  # a folder-like link to itself
    os.symlink("gone.txt", folder / "moved.txt")
    code, errors, db = ingest(tmp_path, folder)
    assert code == 1
    assert errors == [
        f"error: {folder / 'here'}: symbolic link loop (too many levels of symbolic links)",
        f"error: {folder / 'loop.txt'}: symbolic link loop (too many levels of symbolic links)",
        f"error: {folder / 'moved.txt'}: broken symbolic link (its target gone.txt does not exist)",
    ]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_link_loop_named_directly_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    code, errors, _ = ingest(tmp_path, tmp_path / "loop.txt", tmp_path / "a.txt")
    assert code == 1
    assert errors == [f"error: {tmp_path / 'loop.txt'}: symbolic link loop (too many levels of symbolic links)"]


def test_a_file_name_cannot_forge_an_output_line(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "x.txt\nerror: forged.txt: looks real\n.txt").write_bytes(b"")
    code, errors, _ = ingest(tmp_path, folder)
    assert code == 1
    assert errors == [f"error: '{folder}/x.txt\\nerror: forged.txt: looks real\\n.txt': empty file"]


def test_export_to_a_missing_folder_is_one_clear_line(tmp_path: Path, palmyra_db: Path) -> None:
    target = tmp_path / "missing" / "dir" / "x.csv"
    r = CliRunner().invoke(cli, ["export", "--db", str(palmyra_db), "-o", str(target)])
    assert r.exit_code == 1
    assert r.output.strip() == f"Error: cannot write {target} (No such file or directory)"
