"""speaker_confidence means something: a fact-checker can trust the quotes at or above
CHECKED_CONFIDENCE and check the rest (the CLI and Datasette say which)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotetrace import extract_quotes
from quotetrace.cli import cli
from quotetrace.records import CHECKED_CONFIDENCE

ROOT = Path(__file__).resolve().parent.parent


def _conf(text: str, start: str) -> float:
    return next(q for q in extract_quotes(text) if q.text.startswith(start)).speaker_confidence


def test_a_named_speaker_right_after_the_quote_needs_no_check() -> None:
    assert _conf("“The levee held,” said Tobias Wendt, the county engineer.", "The levee") >= CHECKED_CONFIDENCE


def test_a_speaker_only_guessed_from_the_sentence_subject_is_to_be_checked() -> None:
    text = "The Harbour Trust released a statement on Monday, offering “a deep and sincere apology” to the families."
    assert _conf(text, "a deep") < CHECKED_CONFIDENCE


def test_secondhand_and_distant_attributions_score_lower() -> None:
    direct = _conf("“We will appeal,” Ana Ruiz said.", "We will")
    secondhand = _conf("“We will appeal,” Ana Ruiz said, according to the Ledger.", "We will")
    across_a_paragraph = _conf("Ana Ruiz was quick to add that nothing was settled.\n\n“We will appeal.”", "We will")
    assert direct > secondhand
    assert direct > across_a_paragraph


def test_the_canned_query_uses_the_same_threshold() -> None:
    meta = json.loads((ROOT / "datasette-metadata.json").read_text(encoding="utf-8"))
    sql = meta["databases"]["quotetrace"]["queries"]["attributions_to_check"]["sql"]
    assert f"q.speaker_confidence < {CHECKED_CONFIDENCE}" in sql


def test_the_speaker_command_marks_what_to_check(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "“We will appeal,” said Ana Ruiz, the mayor.\n\n"
        "Ana Ruiz was quick to add that nothing was settled.\n\n"
        "“Nothing is over until the court says so.”\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "q.db")
    assert CliRunner().invoke(cli, ["ingest", str(article), "--db", db, "-q"]).exit_code == 0
    out = CliRunner().invoke(cli, ["speaker", "Ruiz", "--db", db]).output
    lines = [line for line in out.splitlines() if "“" in line]
    appeal = next(line for line in lines if "We will appeal" in line)
    later = next(line for line in lines if "Nothing is over" in line)
    assert "check" not in appeal
    assert "check: speaker uncertain" in later
