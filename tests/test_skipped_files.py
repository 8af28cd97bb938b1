"""Files in a folder that quotetrace does not read are counted, and listed with -v."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.documents import READABLE_SUFFIXES

QUOTE = "\u201cWe reopen the port on Monday,\u201d Ines Calloway said.\n"


def folder_with_pictures(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    (folder / "media").mkdir(parents=True)
    (folder / "article.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "notes.md").write_text("# Notes\n\n\u201cEvery figure will be public,\u201d she said.\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "media" / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftyp")
    (folder / "README").write_text("no extension", encoding="utf-8")
    return folder


def test_skipped_files_are_counted_and_markdown_is_read(tmp_path: Path) -> None:
    folder = folder_with_pictures(tmp_path)
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output  # skipping another format is not a failure
    assert "documents: 2 new, 0 unchanged, 0 failed, 3 skipped" in r.output
    assert "skipped: 3 files in folders, not in a format quotetrace reads" in r.output
    assert ", ".join(READABLE_SUFFIXES) in r.output and "-v lists them" in r.output
    assert "skipped: " + str(folder / "photo.png") not in r.output
    names = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM documents")}
    assert names == {"article.txt", "notes.md"}


def test_verbose_lists_each_skipped_file(tmp_path: Path) -> None:
    folder = folder_with_pictures(tmp_path)
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "q.db"), "-q", "-v"])
    assert r.exit_code == 0, r.output
    listed = [line for line in r.output.splitlines() if line.startswith(f"skipped: {folder}")]
    assert listed == [
        f"skipped: {folder / 'README'}: no extension: not a format quotetrace reads",
        f"skipped: {folder / 'media' / 'clip.mp4'}: .mp4: not a format quotetrace reads",
        f"skipped: {folder / 'photo.png'}: .png: not a format quotetrace reads",
    ]
    assert "-v lists them" not in r.output
