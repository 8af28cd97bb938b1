"""Long documents: a transcript or a text without line breaks is read whole, every quote found
and attributed from what stands near it, however long the paragraph.

How cost grows with document length is measured by `make bench` (one long document
against the same text as articles), never timed here.
"""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner

from quotetrace import extract_quotes
from quotetrace.cli import cli
from quotetrace.store import open_db

GIVEN = ["Maria", "Daniel", "Amina", "Tomasz", "Keiko", "Oluwaseun", "Ingrid", "Rafael", "Priya", "Gareth"]
FAMILY = ["Okonkwo", "Lindqvist", "Barrientos", "Haddad", "Nakamura", "Fairweather", "Kowalczyk", "Moreau", "Adeyemi", "Castellanos"]


def test_a_line_quoted_twenty_thousand_times_gives_every_quote_its_offsets() -> None:
    text = "“We will do it,” he said. " * 20_000  # 280 KB on one line
    quotes = extract_quotes(text)
    assert len(quotes) == 20_000
    assert all(text[q.start : q.end] == "We will do it," for q in quotes)
    assert {q.speaker_as_written for q in quotes} == {"he"}


def test_stray_quotation_marks_in_a_long_line_are_read_without_failing() -> None:
    rng = random.Random(7)
    words = ["the", "said", "we", "Smith", "will", "“", "”", "and", "a", "of", "he", "told", "Reuters"]
    text = " ".join(rng.choice(words) for _ in range(60_000))  # about 200 KB, no sentence end, no line break
    quotes = extract_quotes(text)
    assert quotes
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_each_speaker_of_a_very_long_paragraph_is_credited_with_their_own_words() -> None:
    # A hearing transcript pasted as one paragraph: a hundred witnesses, each named once,
    # each followed by their statement and a sentence of narrative.
    people = [f"{g} {f}" for f in FAMILY for g in GIVEN]
    parts = []
    for i, name in enumerate(people):
        parts.append(f"{name}, a witness from district {i}, said: “District {i} needs a new bridge.”")
        parts.append(f"The committee took notes on item {i} and moved on to the next witness.")
    text = " ".join(parts)
    assert "\n" not in text and len(text) > 15_000
    said = {q.text: q.speaker for q in extract_quotes(text)}
    for i, name in enumerate(people):
        assert said[f"District {i} needs a new bridge."] == name


def test_a_long_file_ingests_with_every_quote_stored(tmp_path: Path) -> None:
    long_file = tmp_path / "transcript.txt"
    long_file.write_text("“We will do it,” he said. " * 20_000, encoding="utf-8")
    db = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", str(long_file), "--db", str(db), "--no-align", "-q"])
    assert result.exit_code == 0, result.output
    conn = open_db(db)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 20_000
