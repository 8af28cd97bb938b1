"""Datasette pages a fact-checker uses: metadata, canned questions, search, facets, labels."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from test_datasette_corpus import (
    CALIPHATE,
    MUSEUM,
    MUSEUM_FIRST,
    MUSEUM_GAZETTE,
    MUSEUM_NUMBERS,
    MUSEUM_PARTIAL,
    SIGN,
    SINGLE,
    build_db,
    qid,
)

from quotetrace.serve import build_datasette, load_metadata_for, metadata_path

HAWASH_TEXTS = {MUSEUM_FIRST, MUSEUM_NUMBERS, MUSEUM_PARTIAL}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("app") / "palmyra.db")


@pytest.fixture
def ds(db_path: Path) -> Datasette:
    return build_datasette(db_path)


async def get_rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    sep = "&" if "?" in path else "?"
    response = await ds.client.get(f"{path}{sep}_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.asyncio
async def test_metadata_has_the_title(ds: Datasette) -> None:
    response = await ds.client.get("/-/metadata.json")
    assert response.status_code == 200
    assert response.json()["title"].startswith("quotetrace")
    assert "palmyra" in response.json()["databases"]


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["Hawash", "Hawach", "Nanar Hawach", "N. Hawash", "HAWASH"])
async def test_quotes_by_speaker_finds_every_spelling(ds: Datasette, name: str) -> None:
    rows = await get_rows(ds, f"/palmyra/quotes_by_speaker.json?name={name}")
    assert {r["text"] for r in rows} == HAWASH_TEXTS
    # the quote whose article wrote "Hawach" is among them, credited to one person
    assert {r["speaker_as_written"] for r in rows} >= {"Hawach", "Nanar Hawash"}
    assert {r["person"] for r in rows} == {"Nanar Hawash"}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["", "   ", "Hamid", "Nanar Lund"])
async def test_quotes_by_speaker_returns_nothing_for_other_or_empty_names(
    ds: Datasette, name: str
) -> None:
    assert await get_rows(ds, f"/palmyra/quotes_by_speaker.json?name={name}") == []


@pytest.mark.asyncio
async def test_quotes_by_speaker_without_a_name_shows_the_form(ds: Datasette) -> None:
    response = await ds.client.get("/palmyra/quotes_by_speaker")
    assert response.status_code == 200
    assert 'name="name"' in response.text


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/palmyra/quotes.json", "/palmyra/quote_details.json"])
async def test_full_text_search_finds_the_quote(ds: Datasette, path: str) -> None:
    rows = await get_rows(ds, f"{path}?_search=caliphate")
    assert [r["text"] for r in rows] == [CALIPHATE]
    # stemming: "statue" finds "statues"
    assert {r["text"] for r in await get_rows(ds, f"{path}?_search=statue")} == {
        MUSEUM_FIRST, MUSEUM_NUMBERS, MUSEUM_GAZETTE,
    }  # fmt: skip


# Each canned query with the parameters a user would give, and what must come back.
CANNED: dict[str, tuple[str, Any]] = {
    # pasted words: the statement, every version, what differs from each
    "find_statement": (
        "text=We+have+lost+40+statues%2C+but+the+galleries+can+be+restored",
        lambda rows: {r["cluster_id"] for r in rows} == {MUSEUM}
        and len(rows) == 4
        and any(r["what_differs"] == "the same words" for r in rows)
        and any("the pasted text says 'restored'; the earliest version says 'rebuilt'" in r["what_differs"] for r in rows),
    ),
    "statement_relations": (
        f"cluster_id={MUSEUM}",
        lambda rows: [(r["cluster_id"], r["relation"], r["other_cluster_id"]) for r in rows] == [(MUSEUM, "contains", SINGLE)],
    ),
    "quotes_by_speaker": ("name=Hawash", lambda rows: {r["text"] for r in rows} == HAWASH_TEXTS),
    "statement_variants": (
        f"cluster_id={MUSEUM}",
        lambda rows: [r["outlet"] for r in rows]
        == ["Levant Wire", "The Daily Courier", "Evening Gazette", "Heritage Blog"],
    ),
    "name_variants": (
        "",
        lambda rows: [(r["name"], r["n_spellings"]) for r in rows] == [("Nanar Hawash", 3)],
    ),
    "misattributions": (
        "",
        lambda rows: [r["cluster_id"] for r in rows] == [MUSEUM]
        and "Karim Adel (Evening Gazette)" in rows[0]["credited"]
        and "Nanar Hawash (Levant Wire)" in rows[0]["credited"],
    ),
    "first_appearances": (
        "",
        lambda rows: (rows[0]["cluster_id"], rows[0]["first_outlet"], rows[0]["first_published"])
        == (MUSEUM, "Levant Wire", "2024-03-02")
        and len(rows) == 3,
    ),
    "changed_quotes": (
        "",
        lambda rows: rows[0]["this_version"] == MUSEUM_NUMBERS
        and MUSEUM_FIRST not in {r["this_version"] for r in rows}
        and MUSEUM_GAZETTE in {r["this_version"] for r in rows},
    ),
    "search_quotes": ("q=caliphate", lambda rows: [r["text"] for r in rows] == [CALIPHATE]),
    "quotes_by_outlet": (
        "outlet=courier",
        lambda rows: {r["text"] for r in rows} == {MUSEUM_NUMBERS, SIGN}
        and {r["outlet"] for r in rows} == {"The Daily Courier"},
    ),
    "speakers": (
        "",
        lambda rows: rows[0]["name"] == "Nanar Hawash"
        and rows[0]["n_quotes"] == 3
        and set(rows[0]["spellings"].split(" | ")) == {"Nanar Hawash", "Hawach", "Hawash"},
    ),
    "unattributed_quotes": ("", lambda rows: [r["text"] for r in rows] == [SIGN]),
    "attributions_to_check": ("", lambda rows: [r["text"] for r in rows] == [MUSEUM_GAZETTE]),
    "quote_in_context": (
        f"quote_id={qid('caliphate')}",
        lambda rows: len(rows) == 1
        and rows[0]["before"].endswith('said: "')
        and rows[0]["after"].startswith('"'),
    ),
}


def test_every_canned_query_is_checked() -> None:
    queries = load_metadata_for("x.db")["databases"]["x"]["queries"]
    assert set(queries) == set(CANNED)


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(CANNED))
async def test_canned_query_answers(ds: Datasette, name: str) -> None:
    params, check = CANNED[name]
    rows = await get_rows(ds, f"/palmyra/{name}.json?{params}")
    assert rows and check(rows), rows
    page = await ds.client.get(f"/palmyra/{name}?{params}")
    assert page.status_code == 200
    title = load_metadata_for("palmyra.db")["databases"]["palmyra"]["queries"][name]["title"]
    assert title in page.text


@pytest.mark.asyncio
async def test_metadata_applies_whatever_the_file_is_called(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "anything.db"
    shutil.copy(db_path, other)
    ds = build_datasette(other)
    databases = (await ds.client.get("/-/metadata.json")).json()["databases"]
    assert list(databases) == ["anything"]
    rows = await get_rows(ds, "/anything/quotes_by_speaker.json?name=Hawash")
    assert {r["text"] for r in rows} == HAWASH_TEXTS
    page = await ds.client.get("/anything/clusters")
    assert "Open &#39;versions &amp; timeline&#39;" in page.text  # the table description


def test_load_metadata_for_keys_the_database_on_the_file_stem() -> None:
    metadata = load_metadata_for(Path("/somewhere/2024 scrape.db"))
    assert list(metadata["databases"]) == ["2024 scrape"]
    assert "quotes_by_speaker" in metadata["databases"]["2024 scrape"]["queries"]
    assert metadata_path().name == "datasette-metadata.json"


@pytest.mark.asyncio
async def test_configured_facets_are_shown(ds: Datasette) -> None:
    tables = load_metadata_for("palmyra.db")["databases"]["palmyra"]["tables"]
    for table, options in tables.items():
        if not options.get("facets"):
            continue
        data = (await ds.client.get(f"/palmyra/{table}.json")).json()
        wanted = {f if isinstance(f, str) else next(iter(f.values())) for f in options["facets"]}
        assert wanted <= set(data["facet_results"]), table
    outlets = (await ds.client.get("/palmyra/clusters.json")).json()["facet_results"]["outlets"]
    assert {r["value"] for r in outlets["results"]} >= {"Levant Wire", "Heritage Blog"}
    speakers = (await ds.client.get("/palmyra/quote_details.json")).json()["facet_results"]["speaker"]
    assert {"Nanar Hawash", "Karim Adel"} <= {r["value"] for r in speakers["results"]}


@pytest.mark.asyncio
async def test_foreign_keys_show_labels(ds: Datasette) -> None:
    rows = await get_rows(ds, f"/palmyra/quotes.json?_labels=on&id={qid('museum_numbers')}")
    assert rows[0]["person_id"] == {"value": "p-hawash", "label": "Nanar Hawash"}
    assert rows[0]["cluster_id"] == {"value": MUSEUM, "label": MUSEUM_FIRST}
    assert rows[0]["document_id"]["label"] == "courier-2024-03-05.txt"


@pytest.mark.asyncio
async def test_migrations_table_is_hidden(ds: Datasette) -> None:
    tables = {t["name"]: t for t in (await ds.client.get("/palmyra.json")).json()["tables"]}
    assert tables["_sqlite_migrations"]["hidden"] is True
    assert tables["quotes"]["hidden"] is False


@pytest.mark.asyncio
async def test_sortable_columns_sort(ds: Datasette) -> None:
    rows = await get_rows(ds, "/palmyra/clusters.json?_sort_desc=n_variants")
    assert [r["n_variants"] for r in rows] == sorted((r["n_variants"] for r in rows), reverse=True)
    rows = await get_rows(ds, "/palmyra/quote_details.json?_sort=published")
    dated = [r["published"] for r in rows if r["published"]]
    assert dated == sorted(dated)


@pytest.mark.asyncio
async def test_plugins_are_installed(ds: Datasette) -> None:
    names = {p["name"] for p in (await ds.client.get("/-/plugins.json")).json()}
    assert {"datasette-search-all", "datasette-copyable", "datasette-block-robots"} <= names
    # Registered by `quotetrace serve`, or as the `quotetrace` entry point when installed.
    assert names & {"quotetrace.datasette", "quotetrace"}
    assert "Disallow: /" in (await ds.client.get("/robots.txt")).text
    search = await ds.client.get("/-/search?q=caliphate")
    assert search.status_code == 200
    copyable = await ds.client.get("/palmyra/speakers.copyable?_table_format=github&_raw=1")
    assert "Nanar Hawash" in copyable.text


@pytest.mark.asyncio
async def test_statement_variants_without_an_id_lists_every_statement(ds: Datasette) -> None:
    rows = await get_rows(ds, "/palmyra/statement_variants.json")
    assert {r["cluster_id"] for r in rows} == {MUSEUM, "c-hostile", "c-caliphate"}
    assert len(rows) == 7
