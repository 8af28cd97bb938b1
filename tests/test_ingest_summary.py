"""The ingest summary counts statements apart from other quotes, as export does."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli

ARTICLE = (
    "The so-called \u201creform\u201d was debated for weeks. Critics reviewed the film "
    "\u201cBlue Harbour Nights\u201d on Friday.\n"
    "\u201cWe reopen the port on Monday,\u201d Ines Calloway said.\n"
    "\u201cEvery figure will be public,\u201d she added.\n"
)


def test_summary_counts_statements_and_other_kinds_as_export_does(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"])
    assert r.exit_code == 0, r.output
    added = re.search(r"quotes added: (\d+) statements, (\d+) other", r.output)
    stored = re.search(r"(\d+) statements \((\d+) distinct across outlets\), (\d+) other quotes", r.output)
    assert added and stored, r.output
    assert added.groups() == ("2", "2")
    assert stored.groups() == ("2", "2", "2")
    statements = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl"]).output.splitlines()
    everything = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl", "--all-kinds"]).output.splitlines()
    assert len(statements) == 2 and len(everything) == 4
