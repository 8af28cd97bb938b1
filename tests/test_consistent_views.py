"""The CLI and Datasette count the same people and return the same quotes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette

from quotetrace.cli import cli
from quotetrace.serve import build_datasette


def run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.output


@pytest.fixture(scope="module")
def ds(palmyra_db: Path) -> Datasette:
    return build_datasette(palmyra_db)


async def rows(ds: Datasette, path: str) -> list[dict]:
    r = await ds.client.get(path)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["Hawash", "Hawach", "Nanar Hawash", "Ibrahim", "Ghassan Ibrahim", "Drevon", "Syrian"])
async def test_speaker_and_quotes_by_speaker_return_the_same_quotes(palmyra_db: Path, ds: Datasette, name: str) -> None:
    people = json.loads(run("speaker", name, "--db", str(palmyra_db), "--json")) if _found(palmyra_db, name) else []
    cli_ids = {q["quote_id"] for p in people for q in p["quotes"]}
    web = await rows(ds, f"/palmyra/quotes_by_speaker.json?name={name}&_shape=array&_size=max")
    assert cli_ids == {r["quote_id"] for r in web}


def _found(db: Path, name: str) -> bool:
    return CliRunner().invoke(cli, ["speaker", name, "--db", str(db)]).exit_code == 0


@pytest.mark.asyncio
async def test_drift_and_name_variants_count_the_same_people(palmyra_db: Path, ds: Datasette) -> None:
    report = json.loads(run("drift", "--db", str(palmyra_db), "--json"))
    web = await rows(ds, "/palmyra/name_variants.json?_shape=array")
    assert {p["person_id"] for p in report["name_spellings"]} == {r["person_id"] for r in web}
    assert report["name_spellings"]  # Hawash / Hawach at least


def test_a_surname_alone_is_no_spelling_drift(tmp_path: Path) -> None:
    from quotetrace import store
    from quotetrace.provenance import drift
    from quotetrace.records import Alignment, Document, Person, PersonSpelling, Quote

    db = store.open_db(tmp_path / "d.db")
    doc = Document(id="d1", name="d1.txt", text="Aron Lund said it.")
    store.save_document(db, doc, [Quote(0, 4, "Aron", speaker="Aron Lund")])
    person = Person("p-lund", "Aron Lund", (PersonSpelling("Aron Lund", 2, "d1"), PersonSpelling("Lund", 1, "d1")))
    store.save_alignment(db, Alignment(people=[person], person_of_quote={}))
    assert drift(db).name_spellings == []
    assert list(sqlite_utils.Database(tmp_path / "d.db").query("SELECT * FROM name_variants")) == []


def test_speaker_prints_quote_ids_that_variants_accepts(palmyra_db: Path) -> None:
    text = run("speaker", "Hawash", "--db", str(palmyra_db))
    ids = re.findall(r"\bid ([0-9a-f]{16})\b", text)
    assert ids
    for quote_id in ids:
        shown = run("variants", quote_id, "--db", str(palmyra_db))
        assert shown.startswith("Statement c-")
