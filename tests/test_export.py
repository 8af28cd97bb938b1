"""Export: column contract, CSV and JSONL round trips, spreadsheet-formula safety."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlite_utils
from quote_helpers import span

from quotetrace import export, store
from quotetrace.export import EXPORT_COLUMNS
from quotetrace.records import Alignment, Document, Person

CONTRACT = (
    "quote_id, document, outlet, published, start, end, text, speaker, speaker_id, "
    "speaker_as_written, speaker_start, speaker_end, affiliation, cue, told_to, "
    "cluster_id, confidence"
).split(", ")

# Quotes a CSV writer must escape: a comma, doubled marks, a line break inside
# a multi-paragraph quote, non-ASCII letters and curly marks.
CAIRO = Document(
    id="e1cairo000000001",
    name="cairo-report.txt",
    outlet="Nile Post",
    published="2022-06-14",
    text=(
        "Residents of Shubra said the water cuts were getting longer.\n"
        '"We wait, we queue, and then we wait again," said Samira El-Sayed, 54.\n'
        '"The pipes are older than me.\nNobody comes to fix them," she added.\n'
        "A ministry engineer, Ahmed Fathy, said the network was “being upgraded”, "
        'and called the complaints "exaggerated".\n'
        'Graffiti near the station read "=HYPERLINK(""http://x"")".\n'
    ),
)
ATHENS = Document(
    id="e2athens00000002",
    name="athens-brief.txt",
    outlet="Aegean Daily",
    text=(
        "Το υπουργείο δήλωσε: «Η κατάσταση είναι υπό έλεγχο».\n"
        'A trader, Nikos Pappás, said: "+1 percent today, -2 tomorrow; @SUM of nothing."\n'
    ),
)




CAIRO_QUOTES = [
    span(
        CAIRO,
        "We wait, we queue, and then we wait again,",
        cue="said",
        speaker="Samira El-Sayed",
        speaker_as_written="Samira El-Sayed",
        confidence=0.9,
    ),
    span(
        CAIRO,
        "The pipes are older than me.\nNobody comes to fix them,",
        cue="added",
        speaker="Samira El-Sayed",
        speaker_as_written="she",
        confidence=0.8,
    ),
    span(CAIRO, "being upgraded", kind="partial", speaker="Ahmed Fathy", title="engineer"),
    span(CAIRO, '=HYPERLINK(""http://x"")', kind="scare"),
]
ATHENS_QUOTES = [
    span(
        ATHENS, "Η κατάσταση είναι υπό έλεγχο", speaker="Το υπουργείο", speaker_kind="organisation"
    ),
    span(ATHENS, "+1 percent today, -2 tomorrow; @SUM of nothing.", speaker="Nikos Pappás"),
]
DOCS = {CAIRO.id: CAIRO, ATHENS.id: ATHENS}


@pytest.fixture
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    store.ensure_tables(database)
    store.save_documents(database, [(CAIRO, CAIRO_QUOTES), (ATHENS, ATHENS_QUOTES)])
    return database


def csv_text(db: sqlite_utils.Database, **kwargs: bool) -> str:
    fh = io.StringIO(newline="")
    export.write_csv(export.export_rows(db, kinds=None), fh, **kwargs)
    return fh.getvalue()


def test_export_columns_are_the_contract_then_extras() -> None:
    assert list(EXPORT_COLUMNS) == CONTRACT
    assert export.ALL_COLUMNS[: len(CONTRACT)] == tuple(CONTRACT)
    for extra in ("kind", "title", "speaker_kind", "speaker_confidence", "document_id", "backend"):
        assert extra in export.ALL_COLUMNS[len(CONTRACT) :]


def test_export_rows_are_ordered_by_document_name_then_start(db: sqlite_utils.Database) -> None:
    got = [(r["document"], r["start"]) for r in export.export_rows(db, kinds=None)]
    expected = sorted(
        [(ATHENS.name, q.start) for q in ATHENS_QUOTES]
        + [(CAIRO.name, q.start) for q in CAIRO_QUOTES]
    )
    assert got == expected


def test_csv_round_trips_commas_marks_newlines_and_non_ascii(db: sqlite_utils.Database) -> None:
    text = csv_text(db)
    assert not text.startswith("\ufeff")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == list(export.ALL_COLUMNS)
    header, body = records[0], records[1:]
    assert len(body) == len(CAIRO_QUOTES) + len(ATHENS_QUOTES)
    texts = set()
    for record in body:
        row = dict(zip(header, record, strict=True))
        document = DOCS[row["document_id"]]
        assert document.text[int(row["start"]) : int(row["end"])] == row["text"]
        texts.add(row["text"])
    assert "The pipes are older than me.\nNobody comes to fix them," in texts
    assert "Η κατάσταση είναι υπό έλεγχο" in texts
    assert '=HYPERLINK(""http://x"")' in texts


def test_csv_lines_end_with_crlf_and_missing_values_are_empty(db: sqlite_utils.Database) -> None:
    text = csv_text(db)
    assert text.startswith(",".join(export.ALL_COLUMNS) + "\r\n")
    athens = [
        r for r in csv.DictReader(io.StringIO(text, newline="")) if r["document"] == ATHENS.name
    ]
    assert {r["published"] for r in athens} == {""}
    assert {r["speaker_id"] for r in athens} == {""}


def test_excel_safe_neutralises_formula_cells_and_writes_a_bom(db: sqlite_utils.Database) -> None:
    text = csv_text(db, excel_safe=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    by_text = {r["text"] for r in rows}
    assert '\'=HYPERLINK(""http://x"")' in by_text
    assert "'+1 percent today, -2 tomorrow; @SUM of nothing." in by_text
    assert "We wait, we queue, and then we wait again," in by_text  # ordinary text untouched
    assert {r["start"] for r in rows} == {str(q.start) for q in CAIRO_QUOTES + ATHENS_QUOTES}


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("We will rebuild = stronger", "We will rebuild = stronger"),
        ("", ""),
        (-2, -2),
        (0.75, 0.75),
        (None, None),
    ],
)
def test_excel_safe_cell_only_changes_text_that_starts_like_a_formula(
    cell: object, expected: object
) -> None:
    assert export.excel_safe_cell(cell) == expected


def test_jsonl_keys_follow_the_contract_and_values_round_trip(db: sqlite_utils.Database) -> None:
    fh = io.StringIO()
    n = export.write_jsonl(export.export_rows(db, kinds=None), fh)
    lines = fh.getvalue().split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert n == len(records) == len(CAIRO_QUOTES) + len(ATHENS_QUOTES)
    for record in records:
        assert list(record) == list(export.ALL_COLUMNS)
        assert DOCS[record["document_id"]].text[record["start"] : record["end"]] == record["text"]
    assert "Η κατάσταση" in fh.getvalue()  # not \u-escaped
    athens = [r for r in records if r["document"] == ATHENS.name]
    assert athens[0]["published"] is None


def test_jsonl_keeps_one_record_per_line_for_unicode_line_separators() -> None:
    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    odd = Document(
        id="e3odd00000000003", name="odd.txt", text='He said "first\u2028second\x85third".'
    )
    store.save_document(db, odd, [span(odd, "first\u2028second\x85third")])
    fh = io.StringIO()
    export.write_jsonl(export.export_rows(db, kinds=None), fh)
    lines = fh.getvalue().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == "first\u2028second\x85third"


def test_export_rows_for_people_keeps_only_their_quotes(db: sqlite_utils.Database) -> None:
    samira = [store.quote_id(CAIRO.id, q.start, q.end) for q in CAIRO_QUOTES[:2]]
    store.save_alignment(
        db,
        Alignment(
            people=[Person(id="p-samira", name="Samira El-Sayed")],
            person_of_quote={qid: "p-samira" for qid in samira},
        ),
    )
    rows = list(export.export_rows(db, person_ids=["p-samira"]))
    assert [r["quote_id"] for r in rows] == samira
    assert {r["speaker_id"] for r in rows} == {"p-samira"}
    assert list(export.export_rows(db, person_ids=[])) == []
    assert len(list(export.export_rows(db, kinds=None))) == len(CAIRO_QUOTES) + len(ATHENS_QUOTES)


def test_csv_of_an_empty_database_is_just_the_header() -> None:
    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    fh = io.StringIO(newline="")
    assert export.write_csv(export.export_rows(db), fh) == 0
    assert fh.getvalue() == ",".join(export.ALL_COLUMNS) + "\r\n"


def test_export_defaults_to_statements(db: sqlite_utils.Database) -> None:
    kinds = {r["kind"] for r in export.export_rows(db)}
    assert "scare" not in kinds
    assert {r["kind"] for r in export.export_rows(db, kinds=None)} >= {"scare", "partial"}
