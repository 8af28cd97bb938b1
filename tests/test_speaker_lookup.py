"""`quotetrace speaker` finds a person under any spelling of their name."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli


def lookup(db: Path, name: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["speaker", name, "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_surname_finds_quotes_under_another_spelling(palmyra_db: Path) -> None:
    people = lookup(palmyra_db, "Hawash")
    assert people[0]["name"] == "Nanar Hawash"
    written = {q["speaker_as_written"] for q in people[0]["quotes"]}
    assert "Hawach" in written  # quotes credited to "Hawach" come back for "Hawash"


def test_misspelled_query_still_finds_the_person(palmyra_db: Path) -> None:
    assert lookup(palmyra_db, "Nanar Hawach")[0]["name"] == "Nanar Hawash"


def test_people_who_share_a_name_token_stay_apart(palmyra_db: Path) -> None:
    names = [p["name"] for p in lookup(palmyra_db, "Ghassan Ibrahim")]
    assert names == ["Ghassan Ibrahim"]


def test_unknown_speaker_is_a_clear_error(palmyra_db: Path) -> None:
    r = CliRunner().invoke(cli, ["speaker", "Zebedee Quorn", "--db", str(palmyra_db)])
    assert r.exit_code == 1
    assert "no speaker matches" in r.output


def test_export_by_speaker(palmyra_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "drevon.csv"
    r = CliRunner().invoke(cli, ["export", "--db", str(palmyra_db), "--speaker", "Drevon", "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("quote_id,document,outlet,published,start,end,text,speaker,")
    assert len(lines) > 3 and all("Jerome Drevon" in line for line in lines[1:])
