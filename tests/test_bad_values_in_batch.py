"""One bad value costs one record or file, never the batch.

A lone surrogate from a JSON escape, a file name that is not UTF-8, JSON nested
too deeply and a number too long to convert each give one `error: FILE: reason`
line; everything else is stored and the exit status is 1. A NUL from a JSON escape
keeps every offset and the context shown around a quote right.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.serve import build_datasette

GOOD = {"id": "good", "text": "\u201cWe reopen the port on Monday,\u201d Ines Calloway said."}
LATER = {"id": "later", "text": "\u201cEvery figure will be public,\u201d Pia Lindgren said."}


def ingest(tmp_path: Path, *paths: Path) -> tuple[int, list[str], Path]:
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "-q"])
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    return r.exit_code, errors, db


def stored_names(db: Path) -> set[str]:
    return {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM documents")}


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        (
            '{"id": "bad", "text": "\u201cWe build,\u201d she said. \\ud800"}',
            "line 2: 'text' is not valid Unicode text (unpaired surrogate \\ud800 at offset 22)",
        ),
        ('{"id": "bad", "title": "\\udfff", "text": "Words."}', "line 2: 'title' is not valid Unicode text"),
        ("[" * 100_000 + "]" * 100_000, "line 2: JSON nested too deeply to read"),
        ('{"id": "bad", "views": ' + "9" * 5000 + ', "text": "Words."}', "line 2: unreadable JSON value (Exceeds the limit"),
    ],
)
def test_a_bad_record_is_one_error_and_the_batch_is_stored(tmp_path: Path, bad_line: str, reason: str) -> None:
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps(GOOD) + "\n" + bad_line + "\n" + json.dumps(LATER) + "\n", encoding="utf-8")
    code, errors, db = ingest(tmp_path, records)
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {records}: {reason}"), errors
    assert stored_names(db) == {"good", "later"}


def test_a_file_name_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD["text"], encoding="utf-8")
    bad = os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt")
    Path(bad).write_text("\u201cA third statement here,\u201d Ines Calloway said.", encoding="utf-8")
    (folder / "z.txt").write_text(LATER["text"], encoding="utf-8")
    code, errors, db = ingest(tmp_path, folder)
    assert code == 1
    assert errors == [f"error: '{folder}/caf\\xe9.txt': file name is not valid UTF-8 (byte 0xe9): rename the file"]
    assert stored_names(db) == {"a.txt", "z.txt"}


def test_a_nul_escape_keeps_offsets_and_context(tmp_path: Path) -> None:
    text = "Intro\u0000 words. \u201cWe reopen the port on Monday,\u201d Ines Calloway said. After\u0000 this."
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps({"id": "nul", "text": text}) + "\n", encoding="utf-8")
    code, errors, db = ingest(tmp_path, records)
    assert code == 0, errors
    con = sqlite3.connect(db)
    (stored,) = con.execute("SELECT text FROM documents").fetchone()
    assert len(stored) == len(text) and stored == text.replace("\u0000", "\ufffd")
    qid, start, end, quote = con.execute('SELECT id, start, "end", text FROM quotes').fetchone()
    assert quote == "We reopen the port on Monday," == stored[start:end] == text[start:end]
    con.close()

    async def context() -> dict[str, str]:
        ds = build_datasette(db)
        page = await ds.client.get(f"/q/quote_in_context.json?quote_id={qid}&_shape=array")
        assert page.status_code == 200, page.text
        return page.json()[0]

    row = asyncio.run(context())
    assert (row["before"], row["text"], row["after"]) == (stored[:start], quote, stored[end:])
