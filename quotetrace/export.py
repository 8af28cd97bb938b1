"""CSV and JSONL export: one row per quote occurrence.

The contract columns come first, in `EXPORT_COLUMNS` order (CSV header and
JSONL keys); `EXTRA_COLUMNS` follow. `text == document_text[start:end]` holds
for every row, so a reader can find each quote in its source.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

import sqlite_utils

from quotetrace.records import STATEMENT_KINDS
from quotetrace.store import iter_quote_rows

EXPORT_COLUMNS = (
    "quote_id",
    "document",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_id",
    "speaker_as_written",
    "speaker_start",
    "speaker_end",
    "affiliation",
    "cue",
    "told_to",
    "cluster_id",
    "confidence",
)
EXTRA_COLUMNS = ("kind", "title", "speaker_kind", "speaker_confidence", "document_id", "backend")
ALL_COLUMNS = EXPORT_COLUMNS + EXTRA_COLUMNS

# Cells a spreadsheet reads as a formula (OWASP "CSV injection"): starting with
# = + - @ (or tab, CR), also after leading whitespace, which spreadsheets skip,
# and in the full-width forms ＝ ＋ － ＠, which some read as the ASCII ones.
FORMULA_START = re.compile(r"[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")

# Line breaks that json.dumps(ensure_ascii=False) leaves raw but that
# str.splitlines() splits on: escape them so one record stays one line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def export_rows(
    db: sqlite_utils.Database,
    *,
    person_ids: Sequence[str] | None = None,
    kinds: Sequence[str] | None = STATEMENT_KINDS,
) -> Iterator[dict[str, Any]]:
    """Stream quotes by document name, start: statements only unless `kinds` says
    otherwise (None: every kind), only those linked to `person_ids` if given."""
    return iter_quote_rows(db, ALL_COLUMNS, person_ids=person_ids, kinds=kinds, order="document")


def excel_safe_cell(value: Any) -> Any:
    """Prefix `'` to a text cell a spreadsheet would run as a formula."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], fh: TextIO, *, excel_safe: bool = False) -> int:
    """Write rows as CSV (header first, CRLF line ends) and return how many rows.

    Open `fh` with `newline=""` and UTF-8. `excel_safe` neutralises text cells
    a spreadsheet would run as formulas (FORMULA_START) by prefixing `'`, and
    also writes a UTF-8 BOM so Excel decodes the file as UTF-8. Missing values
    are empty cells.
    """
    writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    if excel_safe:
        fh.write("\ufeff")
    writer.writerow(ALL_COLUMNS)
    n = 0
    for row in rows:
        cells = [row.get(column) for column in ALL_COLUMNS]
        if excel_safe:
            cells = [excel_safe_cell(cell) for cell in cells]
        writer.writerow(["" if cell is None else cell for cell in cells])
        n += 1
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write one JSON object per line (keys in ALL_COLUMNS order, UTF-8); return how many."""
    n = 0
    for row in rows:
        line = json.dumps({column: row.get(column) for column in ALL_COLUMNS}, ensure_ascii=False)
        for raw, escaped in _LINE_BREAKS.items():
            line = line.replace(raw, escaped)
        fh.write(line + "\n")
        n += 1
    return n
