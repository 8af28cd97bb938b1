"""`quotetrace variants` and `quotetrace drift` on the Palmyra corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli


@pytest.fixture
def db(palmyra_db: Path) -> Path:
    return palmyra_db


def run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def hawash_quote(db: Path, startswith: str) -> dict:
    people = json.loads(run("speaker", "Hawash", "--db", str(db), "--json"))
    return next(q for q in people[0]["quotes"] if q["text"].startswith(startswith))


def test_variants_show_every_outlet_with_its_diff(db: Path) -> None:
    q = hawash_quote(db, "The Palmyra attack points")
    st = json.loads(run("variants", q["quote_id"], "--db", str(db), "--json"))
    outlets = {v["outlet"] for v in st["versions"]}
    assert outlets == {"Al Jazeera", "v0 blog", "News digest"}
    assert st["first_published"] == "2025-12-27"
    changed = [v for v in st["versions"] if v["relation"] != "earliest"]
    assert any(op != "=" for v in changed for op, _ in v["diff"])
    text = run("variants", q["quote_id"], "--db", str(db))
    assert "date unknown" in text  # Al Jazeera's version carries no date
    assert "2 of 3 versions are dated" in text  # and the header says only some are
    assert "{+" in text or "[-" in text


def test_variants_accepts_a_cluster_id_prefix(db: Path) -> None:
    q = hawash_quote(db, "ISIS cannot hold")
    cid = q["cluster_id"]
    st = json.loads(run("variants", cid[:8], "--db", str(db), "--json"))
    assert st["cluster_id"] == cid
    assert {v["speaker_as_written"] for v in st["versions"]} == {"Hawach"}


def test_unknown_id_is_a_clear_error(db: Path) -> None:
    r = CliRunner().invoke(cli, ["variants", "no-such-id", "--db", str(db)])
    assert r.exit_code == 1 and "no quote or statement" in r.output


def test_drift_reports_spellings_and_wording(db: Path) -> None:
    report = json.loads(run("drift", "--db", str(db), "--json"))
    hawash = next(p for p in report["name_spellings"] if p["name"] == "Nanar Hawash")
    assert "Hawach" in hawash["spellings"]
    assert report["wording"], "the retranslated quotes differ in wording"
    assert report["misattributions"] == []
