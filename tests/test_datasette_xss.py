"""Article text is data, never markup: `<script>` and `onerror=` in quotes render inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from datasette.app import Datasette
from markupsafe import escape
from test_datasette_corpus import XSS_CLUSTER, XSS_IMG, XSS_OUTLET, XSS_SCRIPT, build_db

from quotetrace.serve import build_datasette

HOSTILE = (XSS_SCRIPT, XSS_IMG, XSS_OUTLET)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("xss") / "palmyra.db")


@pytest.fixture
def ds(db_path: Path) -> Datasette:
    return build_datasette(db_path)


# Pages where the hostile strings appear, and which of them each must show.
PAGES = {
    f"/palmyra/-/statement/{XSS_CLUSTER}": HOSTILE,
    "/palmyra/clusters": (XSS_SCRIPT,),
    f"/palmyra/clusters/{XSS_CLUSTER}": (XSS_SCRIPT,),
    "/palmyra/quotes": (XSS_SCRIPT, XSS_IMG),
    "/palmyra/quote_details?_search=safe": (XSS_SCRIPT, XSS_IMG, XSS_OUTLET),
    "/palmyra/quotes_by_speaker?name=Mallory": (XSS_SCRIPT, XSS_IMG, XSS_OUTLET),
    f"/palmyra/statement_variants?cluster_id={XSS_CLUSTER}": (XSS_SCRIPT, XSS_IMG, XSS_OUTLET),
    "/palmyra/first_appearances": (XSS_SCRIPT,),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("path", sorted(PAGES))
async def test_hostile_text_is_escaped(ds: Datasette, path: str) -> None:
    response = await ds.client.get(path)
    assert response.status_code == 200
    for raw in HOSTILE:
        assert raw not in response.text
    for raw in PAGES[path]:
        assert str(escape(raw)) in response.text, raw
    # no tag anywhere carries an event handler from the data
    assert not re.search(r"<[^>]*\son(error|mouseover)=", response.text)


@pytest.mark.asyncio
async def test_sql_aliases_cannot_inject_through_the_cluster_link(ds: Datasette) -> None:
    # Anyone allowed SQL can name a column cluster_id: the link must stay inert.
    sql = "select '\"><script>alert(3)</script>' as cluster_id, '<img src=x onerror=alert(4)>' as representative"
    response = await ds.client.get("/palmyra", params={"sql": sql})
    assert response.status_code == 200
    assert "<script>alert(3)" not in response.text
    assert "<img src=x onerror=alert(4)>" not in response.text
    assert 'href="/palmyra/-/statement/%22%3E%3Cscript%3Ealert%283%29%3C%2Fscript%3E"' in response.text
