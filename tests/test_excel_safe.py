"""--excel-safe also catches formulas behind leading whitespace and in full-width forms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.export import excel_safe_cell


@pytest.mark.parametrize(
    "cell",
    [
        " =1+1",
        "\t=1",
        "  \t@SUM(A1:A9)",
        "\u00a0=HYPERLINK(\"http://evil\")",  # no-break space
        "\u3000=1",  # ideographic space
        "\n-2+3",
        "\uff1dHYPERLINK(\"http://evil\")",  # ＝
        "\uff0b1",  # ＋
        "\uff0d1",  # －
        "\uff20SUM(A1)",  # ＠
        " \uff1d1",
    ],
)
def test_formula_behind_whitespace_or_full_width_is_neutralised(cell: str) -> None:
    assert excel_safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["We said = enough", "A + B", " plain words", "\uff21 full-width letter", "x\uff1d1"])
def test_other_text_is_untouched(cell: str) -> None:
    assert excel_safe_cell(cell) == cell


def test_export_neutralises_formulas_from_record_fields(tmp_path: Path) -> None:
    record = {
        "id": ' =HYPERLINK("http://evil")',
        "outlet": "\uff0bcmd",
        "text": "\u201cWe reopen the port on Monday,\u201d Ines Calloway said.",
    }
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(records), "--db", db, "-q"]).exit_code == 0
    r = runner.invoke(cli, ["export", "--db", db, "--excel-safe"])
    assert r.exit_code == 0, r.output
    (row,) = csv.DictReader(io.StringIO(r.output.removeprefix("\ufeff"), newline=""))
    assert (row["document"], row["outlet"]) == ("\' =HYPERLINK(\"http://evil\")", "\'\uff0bcmd")
