"""`quotetrace find`: paste a quote, get the statements it matches, who said them, first where, what changed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.find import differences, find_terms

PASTED = "The Palmyra attack points to structural flaws rather than a simple one-off event"


def run(*args: str) -> CliRunner:
    return CliRunner().invoke(cli, list(args))


def test_find_names_the_statement_its_speaker_first_appearance_and_what_changed(palmyra_db: Path) -> None:
    r = run("find", PASTED, "--db", str(palmyra_db))
    assert r.exit_code == 0, r.output
    first = r.output.split("\n2. ")[0]
    assert "Nanar Hawash" in first
    assert "first: News digest, 2025-12-27" in first
    assert "the pasted text says 'simple'; the earliest version says 'mere'" in first
    assert first.count("   - [") == 3  # every version, each with what differs


def test_find_json_orders_statements_best_first(palmyra_db: Path) -> None:
    r = run("find", PASTED, "--db", str(palmyra_db), "--json")
    assert r.exit_code == 0, r.output
    found = json.loads(r.output)
    scores = [m["score"] for m in found]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0.9
    best = found[0]
    assert best["speakers"] == ["Nanar Hawash"]
    assert {v["outlet"] for v in best["versions"]} == {"News digest", "v0 blog", "Al Jazeera"}
    # the ids it prints are the ids `variants` takes
    shown = run("variants", best["versions"][0]["quote_id"], "--db", str(palmyra_db))
    assert best["cluster_id"] in shown.output


def test_words_no_statement_holds_are_a_clear_miss(palmyra_db: Path) -> None:
    r = run("find", "Quarterly earnings beat analyst expectations in every region", "--db", str(palmyra_db))
    assert r.exit_code == 1
    assert "no statement" in r.output
    assert run("find", "   ", "--db", str(palmyra_db)).exit_code == 1


def test_differences_read_as_sentences() -> None:
    assert differences("a simple event", "a mere event", label="the earliest version") == [
        "the pasted text says 'simple'; the earliest version says 'mere'"
    ]
    assert differences("a very big event", "a big event") == ["the pasted text adds 'very'"]
    assert differences("a big event", "a big event in the city,") == ["the pasted text leaves out 'in the city'"]
    assert differences("A big event.", "a big event") == []


def test_search_terms_are_the_telling_words() -> None:
    terms = find_terms("The Palmyra attack points to structural flaws")
    assert '"palmyra"' in terms and '"the"' not in terms
    assert find_terms("and the of") == '""'
