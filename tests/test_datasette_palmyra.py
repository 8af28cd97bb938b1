"""End to end: the Palmyra demo corpus, ingested by the pipeline, served by Datasette."""

from __future__ import annotations

from pathlib import Path

import pytest
from datasette.app import Datasette

from quotetrace import store
from quotetrace.pipeline import ingest
from quotetrace.serve import build_datasette, load_metadata_for

PALMYRA = Path(__file__).resolve().parent.parent / "data" / "palmyra"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("palmyra") / "palmyra.db"
    db = store.open_db(path)
    ingest([PALMYRA], db)
    db.close()
    return path


@pytest.fixture
def ds(db_path: Path) -> Datasette:
    return build_datasette(db_path)


@pytest.mark.asyncio
async def test_demo_answers_the_issue_checks(ds: Datasette) -> None:
    assert (await ds.client.get("/-/metadata.json")).json()["title"].startswith("quotetrace")
    rows = (await ds.client.get("/palmyra/quotes_by_speaker.json?name=Hawash&_shape=array")).json()
    assert "Hawach" in {r["speaker_as_written"] for r in rows}
    assert {r["person"] for r in rows} == {"Nanar Hawash"}
    found = (await ds.client.get("/palmyra/quotes.json?_search=caliphate&_shape=array")).json()
    assert found and all("caliphate" in r["text"].lower() for r in found)
    refused = await ds.client.get("/palmyra.json?sql=delete+from+quotes")
    assert refused.status_code == 400


@pytest.mark.asyncio
async def test_every_canned_query_and_statement_page_renders(ds: Datasette) -> None:
    queries = load_metadata_for("palmyra.db")["databases"]["palmyra"]["queries"]
    for name, query in queries.items():
        params = "&".join(f"{p}=Hawash" for p in query.get("params", []))
        response = await ds.client.get(f"/palmyra/{name}?{params}")
        assert response.status_code == 200, name
    travelled = (await ds.client.get("/palmyra/first_appearances.json?_shape=array")).json()[0]
    assert travelled["n_documents"] > 1
    page = await ds.client.get(f"/palmyra/-/statement/{travelled['cluster_id']}")
    assert page.status_code == 200
    assert page.text.count('class="qt-mark"') == travelled["n_variants"]
