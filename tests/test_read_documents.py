"""Reading input documents: formats, exact text, ids, metadata precedence, manifests, dates."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from quotetrace.documents import find_inputs, normalise_date, read_documents
from quotetrace.errors import InputError, ManifestError
from quotetrace.records import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"
PALMYRA = Path(__file__).resolve().parent.parent / "data" / "palmyra"


def documents(*args, **kwargs) -> list[Document]:
    items = list(read_documents(*args, **kwargs))
    errors = [item for item in items if isinstance(item, InputError)]
    assert errors == [], errors
    return items  # type: ignore[return-value]


def by_name(docs: list[Document]) -> dict[str, Document]:
    return {doc.name: doc for doc in docs}


def test_folder_yields_every_format_in_sorted_order() -> None:
    docs = documents([FIXTURES])
    assert [doc.name for doc in docs] == [
        "article.html",
        "article.txt",
        "notes.md",
        "csv-1",
        "records.csv:3",
        "wire-001",
        "records.jsonl:2",
    ]
    assert {doc.path for doc in docs} == {
        str(FIXTURES / name)
        for name in ("article.html", "article.txt", "notes.md", "records.csv", "records.jsonl")
    }


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes.rst"
    shutil.copy(FIXTURES / "notes.md", notes)
    (doc,) = documents([notes])
    assert doc.text == notes.read_text(encoding="utf-8")
    assert doc.name == "notes.rst"


def test_find_inputs_lists_files_recursively_skipping_hidden_and_manifest(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "sub" / "d.NDJSON").write_text("{}", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.txt").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    found = find_inputs([tmp_path, tmp_path / "image.png"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.html",
        "b.txt",
        "sub/c.jsonl",
        "sub/d.NDJSON",
        "image.png",
    ]


def test_txt_text_is_exactly_the_decoded_file(tmp_path: Path) -> None:
    raw = "  Title\r\n\r\n\u201cWe won\u2019t stop,\u201d she said.\r\nNext line\u00a0here.\n\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    (doc,) = documents([path])
    assert doc.text == raw
    start = doc.text.index("\u201c") + 1
    assert doc.text[start : start + 6] == "We won"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # A leading BOM is not text.
        (b"\xef\xbb\xbfHello there.\r\n", "Hello there.\r\n"),
        ("\u201cYes,\u201d he said.\n".encode("utf-16"), "\u201cYes,\u201d he said.\n"),
        # Plainly Western cp1252 (curly quotes, en dash) is read as such.
        (
            b"The caf\xe9 owner said \x93we will reopen\x94 \x96 soon.\r\n",
            "The caf\u00e9 owner said \u201cwe will reopen\u201d \u2013 soon.\r\n",
        ),
    ],
    ids=["utf-8 with BOM", "utf-16 with BOM", "cp1252"],
)
def test_file_bytes_decode_to_text(tmp_path: Path, raw: bytes, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    (doc,) = documents([path])
    assert doc.text == text


def test_id_is_the_content_hash(tmp_path: Path) -> None:
    text = "Same words in two files.\n"
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_text(text, encoding="utf-8")
    (tmp_path / "three.txt").write_text(text + "More.\n", encoding="utf-8")
    first, second, third = documents(
        [tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "three.txt"]
    )
    assert first.id == second.id == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert third.id != first.id
    (again,) = documents([tmp_path / "one.txt"], outlet="Elsewhere")
    assert again.id == first.id


def test_palmyra_manifest_applies_to_its_folder() -> None:
    docs = by_name(documents([PALMYRA]))
    assert sorted(docs) == sorted(p.name for p in PALMYRA.glob("*.txt"))
    assert "manifest.csv" not in docs
    arab_news = next(doc for name, doc in docs.items() if name.startswith("004_"))
    assert arab_news.outlet == "Arab News"
    assert arab_news.published == "2025-12-15"
    assert arab_news.title
    for name, doc in docs.items():
        assert doc.text == (PALMYRA / name).read_bytes().decode("utf-8-sig")
        assert doc.path == str(PALMYRA / name)


def test_flags_override_manifest() -> None:
    docs = documents([PALMYRA], outlet="My Outlet", published="Jan 2, 2026")
    assert {doc.outlet for doc in docs} == {"My Outlet"}
    assert {doc.published for doc in docs} == {"2026-01-02"}
    # Fields the flags leave unset still come from the manifest.
    assert any(doc.title for doc in docs)


def test_folder_manifest_does_not_apply_to_files_named_alone() -> None:
    path = next(PALMYRA.glob("004_*.txt"))
    (doc,) = documents([path])
    assert doc.outlet is None


def test_manifest_argument_applies_to_named_files_and_replaces_folder_manifests(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(PALMYRA, folder)
    custom = tmp_path / "mine.csv"
    custom.write_text(
        "url,File,outlet\nhttps://x.example/a,corpus/004_8c3ea6ad5052530d.txt,Custom\n",
        encoding="utf-8",
    )
    docs = by_name(documents([folder], manifest=custom))
    assert docs["004_8c3ea6ad5052530d.txt"].outlet == "Custom"
    assert docs["004_8c3ea6ad5052530d.txt"].url == "https://x.example/a"
    assert docs["004_8c3ea6ad5052530d.txt"].published is None
    assert docs["000_3d3ed4c88bb30364.txt"].outlet is None


def test_manifest_in_a_subfolder_applies_below_it(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text("Top article.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\ntop.txt,Top\ninner.txt,Outer\n")
    sub = tmp_path / "wire"
    sub.mkdir()
    (sub / "inner.txt").write_text("Inner article.", encoding="utf-8")
    (sub / "other.txt").write_text("Other article.", encoding="utf-8")
    (sub / "manifest.csv").write_text("file,outlet\ninner.txt,Wire\n")
    docs = by_name(documents([tmp_path]))
    assert docs["top.txt"].outlet == "Top"
    assert docs["inner.txt"].outlet == "Wire"
    assert docs["other.txt"].outlet is None


def test_missing_manifest_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="not found"):
        read_documents([PALMYRA], manifest=tmp_path / "absent.csv")


def test_manifest_without_file_column_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,outlet\na.txt,X\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="'file' column"):
        read_documents([PALMYRA], manifest=bad)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    (folder / "manifest.csv").write_text("name,outlet\na.txt,X\n", encoding="utf-8")
    with pytest.raises(ManifestError):
        read_documents([folder])


def test_jsonl_records_carry_their_fields() -> None:
    docs = by_name(documents([FIXTURES / "records.jsonl"]))
    wire = docs["wire-001"]
    assert wire.text == "\u201cPrices will fall next year,\u201d the minister said."
    assert (wire.outlet, wire.url, wire.title, wire.published) == (
        "Wire One",
        "https://wire.example/1",
        "Minister on prices",
        "2025-12-30",
    )
    local = docs["records.jsonl:2"]
    assert local.text.startswith("Residents said")
    assert (local.outlet, local.published) == ("Daily Local", "2025-12-28")
    assert local.path == str(FIXTURES / "records.jsonl")


def test_csv_records_keep_cell_text_exactly(tmp_path: Path) -> None:
    docs = by_name(documents([FIXTURES / "records.csv"]))
    assert docs["csv-1"].text == 'He said: "We are ready."\r\nThen he left.'
    assert (docs["csv-1"].outlet, docs["csv-1"].published) == ("Evening Post", "2025-12-15")
    assert docs["records.csv:3"].text == "A second article, without an id."
    assert docs["records.csv:3"].published is None


def test_csv_accepts_very_large_fields(tmp_path: Path) -> None:
    text = "word " * 60_000
    path = tmp_path / "big.csv"
    path.write_text('body\n"' + text + '"\n', encoding="utf-8")
    (doc,) = documents([path])
    assert doc.text == text


def test_manifest_overrides_record_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Words.", "outlet": "Own", "title": "T"}) + "\n")
    (tmp_path / "manifest.csv").write_text("file,outlet\nfeed.jsonl,From manifest\n")
    (doc,) = documents([tmp_path])
    assert (doc.outlet, doc.title) == ("From manifest", "T")


def test_html_main_text_and_page_metadata() -> None:
    (doc,) = documents([FIXTURES / "article.html"])
    assert "\u201cThe damage was lighter than we feared" in doc.text
    assert "All rights reserved" not in doc.text
    assert "Sport" not in doc.text
    assert doc.outlet == "Coastal Herald"
    assert doc.published == "2025-11-04"
    assert doc.url == "https://coastal-herald.example/news/harbour-reopens"
    assert doc.title and "Harbour reopens" in doc.title
    assert doc.id == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16]


def test_flags_override_html_metadata() -> None:
    (doc,) = documents([FIXTURES / "article.html"], outlet="Flag Outlet", title="Flag title")
    assert (doc.outlet, doc.title) == ("Flag Outlet", "Flag title")
    assert doc.published == "2025-11-04"


def test_reading_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    stream = read_documents([tmp_path])
    first = next(stream)
    assert isinstance(first, Document) and first.text == "First."
    # b.txt has not been read yet: what it holds now is what comes out.
    (tmp_path / "b.txt").write_text("Changed.", encoding="utf-8")
    second = next(stream)
    assert isinstance(second, Document) and second.text == "Changed."


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-12-30", "2025-12-30"),
        ("2025-12-30T10:00:00Z", "2025-12-30"),
        ("2025-12-30 10:00:00+02:00", "2025-12-30"),
        ("2025/1/5", "2025-01-05"),
        ("Dec 30, 2025", "2025-12-30"),
        ("December 30, 2025", "2025-12-30"),
        ("15 December 2025", "2025-12-15"),
        ("the 15th of December, 2025", "2025-12-15"),
        ("Sat Dec 27 13:46:17 UTC 2025", "2025-12-27"),
        ("Tue, 30 Dec 2025 10:00:00 +0000", "2025-12-30"),
        ("Published on Sept 3, 2025 at 10:30 am", "2025-09-03"),
        ("12/30/2025", "2025-12-30"),
        ("30/12/2025", "2025-12-30"),
        ("30.12.2025", "2025-12-30"),
        ("05/06/2025", "05/06/2025"),  # day and month could be either: kept as given
        ("February 30, 2025", "February 30, 2025"),  # no such day
        ("December 2025", "December 2025"),
        ("last Tuesday", "last Tuesday"),
        ("  ", None),
        ("", None),
    ],
)
def test_normalise_date(given: str, expected: str | None) -> None:
    assert normalise_date(given) == expected


def test_a_single_path_may_be_given_bare() -> None:
    assert [doc.name for doc in documents(str(PALMYRA))] == [
        doc.name for doc in documents([PALMYRA])
    ]
