"""Unreadable inputs: each yields one InputError naming the file and why, and the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrace.documents import read_documents
from quotetrace.errors import InputError
from quotetrace.records import Document

GOOD_TEXT = "The mayor said the bridge would open in spring.\n"

HTML_WITHOUT_TEXT = (
    b"<html><head><title>Nothing</title></head><body><script>var a = 1;</script></body></html>"
)


def run_batch(tmp_path: Path, bad: Path) -> tuple[list[Document], list[InputError]]:
    """Read a good file, the bad input, then another good file."""
    before = tmp_path / "before.txt"
    after = tmp_path / "after.txt"
    before.write_text(GOOD_TEXT, encoding="utf-8")
    after.write_text("Another article.\n", encoding="utf-8")
    items = list(read_documents([before, bad, after]))
    docs = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \r\n\t\n", "empty file (only whitespace)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        ("noise.txt", bytes(range(1, 32)) * 8 + b"abc", "binary file"),
        (
            "broken.txt",
            b"Caf\xc3\xa9 owners said \x81 no.",
            "not valid UTF-8 (byte 0x81 at offset 18)",
        ),
        # Well-formed UTF-8 around one bad byte: damaged UTF-8, so no cp1252 guess.
        (
            "mixed.txt",
            "\u201cYes\u201d he said ".encode() + b"\xff.",
            "not valid UTF-8 (byte 0xff at offset 18)",
        ),
        (
            "cyrillic.txt",
            "Министр заявил".encode("cp1251"),
            "not valid UTF-8 (byte 0xcc at offset 0)",
        ),
        ("bom-broken.txt", b"\xef\xbb\xbfok \xc3(", "not valid UTF-8 (byte 0xc3 at offset 6)"),
        ("page.html", HTML_WITHOUT_TEXT, "no main text found in HTML"),
        ("table.csv", b"title,outlet\nA,B\n", "no 'text' column (columns: title, outlet)"),
    ],
)
def test_bad_file_yields_one_error_and_the_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    docs, errors = run_batch(tmp_path, bad)
    assert [doc.name for doc in docs] == ["before.txt", "after.txt"]
    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert errors[0].reason.startswith(reason)
    assert str(bad) in str(errors[0]) and reason in str(errors[0])


def test_missing_path_is_reported(tmp_path: Path) -> None:
    docs, errors = run_batch(tmp_path, tmp_path / "nowhere.txt")
    assert len(docs) == 2
    assert [(e.source, e.reason) for e in errors] == [
        (str(tmp_path / "nowhere.txt"), "no such file or folder")
    ]


def test_folder_with_nothing_readable(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".notes.txt").write_text("hidden", encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet\nscan.png,X\n", encoding="utf-8")
    docs, errors = run_batch(tmp_path, folder)
    assert len(docs) == 2
    assert [(e.source, e.reason) for e in errors] == [
        (str(folder), "no readable files (.txt, .md, .markdown, .html, .htm, .jsonl, .ndjson, .csv, .pdf, .docx)")
    ]


def test_bad_jsonl_lines_are_reported_one_by_one(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "First record."}),
        '{"id": "b", "text": "no closing brace"',
        "",
        '{"id": "c" "text": "missing comma"}',
        json.dumps({"id": "d", "title": "No text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "e", "text": 42}),
        json.dumps({"id": "f", "content": "   "}),
        json.dumps({"id": "g", "body": "Last record."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_documents([path]))
    assert [item.name for item in items if isinstance(item, Document)] == ["a", "g"]
    reasons = [item.reason for item in items if isinstance(item, InputError)]
    assert reasons == [
        "line 2: invalid JSON (Expecting ',' delimiter)",
        "line 4: invalid JSON (Expecting ',' delimiter)",
        "line 5: no 'text' field",
        "line 6: not a JSON object",
        "line 7: 'text' is not a string",
        "line 8: empty 'content'",
    ]
    assert all(item.source == str(path) for item in items if isinstance(item, InputError))


def test_bad_csv_rows_are_reported_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        'id,outlet,text\nr1,X,"First row."\nr2,Y\nr3,Z,""\n\nr5,W,Fifth row.\n',
        encoding="utf-8",
    )
    items = list(read_documents([path]))
    assert [item.name for item in items if isinstance(item, Document)] == ["r1", "r5"]
    assert [(item.source, item.reason) for item in items if isinstance(item, InputError)] == [
        (str(path), "row 3: no 'text' column"),
        (str(path), "row 4: empty 'text'"),
    ]


def test_manifest_named_as_input_says_so(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,outlet\na.txt,X\n", encoding="utf-8")
    docs, errors = run_batch(tmp_path, manifest)
    assert len(docs) == 2
    assert len(errors) == 1 and "manifest" in errors[0].reason


def test_broken_manifest_in_a_subfolder_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Top article.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text("Inner article.", encoding="utf-8")
    (sub / "manifest.csv").write_text("name,outlet\nb.txt,X\n", encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [item.name for item in items if isinstance(item, Document)] == ["a.txt", "b.txt"]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [(e.source, e.reason) for e in errors] == [
        (str(sub / "manifest.csv"), "manifest has no 'file' column")
    ]
