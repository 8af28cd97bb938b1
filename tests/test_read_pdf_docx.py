"""PDF and Word .docx inputs: their text is extracted, stored, and every offset indexes it.

Recognised by content as well as by name, so a PDF called .txt is never stored as
raw PDF source; files that claim a format they are not get one clear error.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from document_builders import make_docx, make_pdf

from quotetrace.cli import cli
from quotetrace.documents import read_documents
from quotetrace.errors import InputError
from quotetrace.records import Document

PAGE_ONE = ["Harbour news, page one.", "\u201cWe reopen the port on Monday,\u201d Ines Calloway said."]
PAGE_TWO = ["\u201cEvery figure will be public,\u201d she added."]
PDF_TEXT = "\n".join(PAGE_ONE) + "\n\n" + "\n".join(PAGE_TWO)


def read_one(path: Path) -> Document | InputError:
    (item,) = list(read_documents([path]))
    return item


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("name", ["article.pdf", "article.txt", "article"])
def test_pdf_text_is_the_pages_joined_by_a_blank_line(tmp_path: Path, name: str, compress: bool) -> None:
    path = tmp_path / name
    path.write_bytes(make_pdf([PAGE_ONE, PAGE_TWO], compress=compress))
    doc = read_one(path)
    assert isinstance(doc, Document), doc
    assert doc.text == PDF_TEXT
    assert doc.name == name


def test_pdf_ingest_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(db)
    (text,) = con.execute("SELECT text FROM documents").fetchone()
    assert text == PDF_TEXT
    quotes = con.execute('SELECT start, "end", text, speaker FROM quotes ORDER BY start').fetchall()
    assert [(q[2], q[3]) for q in quotes] == [
        ("We reopen the port on Monday,", "Ines Calloway"),
        ("Every figure will be public,", "Ines Calloway"),
    ]
    assert all(text[start:end] == quote for start, end, quote, _ in quotes)


def test_text_that_mentions_a_pdf_header_is_text(tmp_path: Path) -> None:
    path = tmp_path / "howto.txt"
    path.write_text("Every PDF file starts with %PDF- and a version number.\n", encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.text.startswith("Every PDF")


def test_a_pdf_header_after_junk_counts_in_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "mailed.pdf"
    path.write_bytes(b"\r\n" + make_pdf([PAGE_ONE]))
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.text == "\n".join(PAGE_ONE)


def test_docx_paragraphs_tables_and_tracked_changes(tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    path.write_bytes(
        make_docx(
            ["Harbour memo.|", "\u201cWe reopen the port |on Monday,\u201d Ines Calloway said."],
            table=["Cell one", "Cell two"],
            deleted="withdrawn words",
        )
    )
    doc = read_one(path)
    assert isinstance(doc, Document), doc
    # runs joined, one paragraph a line, table cells in order, deleted text left out
    assert doc.text == (
        "Harbour memo.\n\u201cWe reopen the port on Monday,\u201d Ines Calloway said.\nCell one\nCell two"
    )


def test_docx_named_otherwise_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_bytes(make_docx(["\u201cWe reopen the port on Monday,\u201d Ines Calloway said."]))
    doc = read_one(path)
    assert isinstance(doc, Document), doc
    assert doc.text == "\u201cWe reopen the port on Monday,\u201d Ines Calloway said."


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([PAGE_ONE]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_of(name: str, content: str = "<x/>") -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("scan.pdf", make_pdf([[]]), "no text in PDF"),
        ("locked.pdf", encrypted_pdf(), "encrypted PDF"),
        ("damaged.pdf", b"%PDF-1.4\n1 0 obj <<", "cannot read PDF"),
        ("fake.pdf", b"Plain words, not a PDF.", "not a PDF (no %PDF- header)"),
        ("fake.docx", b"Plain words, not a zip.", "not a Word .docx (not a zip archive)"),
        ("sheet.docx", zip_of("xl/workbook.xml"), "not a Word .docx (no word/document.xml)"),
        ("bundle.txt", zip_of("a.xml"), "a zip archive, not a format quotetrace reads"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "a legacy Microsoft Office file"),
        ("broken.docx", zip_of("word/document.xml", "<w:document"), "cannot read .docx"),
        ("blank.docx", zip_of("word/document.xml"), "no text in .docx"),
    ],
)
def test_files_that_are_not_what_they_claim_get_one_error(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    item = read_one(path)
    assert isinstance(item, InputError)
    assert item.source == str(path)
    assert item.reason.startswith(reason), item.reason
