"""What keeps served pages cheap stays correct: counts, facets and schema follow every commit,
indexes stand behind the metadata's facets and canned queries, the chosen settings apply.

(How cheap is measured by `make bench`, bench/serveload.py; no timings here.)
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from quotetrace.cli import cli
from quotetrace.lookup import could_match, spelling_matches
from quotetrace.serve import build_datasette, load_metadata_for, metadata_path

ROOT = Path(__file__).resolve().parent.parent
PALMYRA = ROOT / "data" / "palmyra"
BIG_TABLES = {"quotes", "documents", "variants", "clusters"}


def ingest(db: Path, *paths: Path) -> None:
    r = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output


def more_articles(folder: Path, n: int) -> Path:
    """Short articles cut from the Palmyra texts, each one different."""
    lines = [line for p in sorted(PALMYRA.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n") if len(line) > 80]
    folder.mkdir()
    for i in range(n):
        body = [lines[(i * 5 + k * 11) % len(lines)] for k in range(3)]
        (folder / f"more_{i:03d}.txt").write_text(f"Desk report {i}.\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def counted(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        tables = {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in ("documents", "quotes", "people", "clusters")}
        kinds = dict(conn.execute("SELECT kind, count(*) FROM quotes GROUP BY kind").fetchall())
    finally:
        conn.close()
    return {"tables": tables, "kinds": kinds}


async def served(ds: Datasette, name: str) -> dict[str, Any]:
    """What the home page, the database page and the quotes page say about the database."""
    home = (await ds.client.get("/.json")).json()[name]
    database = (await ds.client.get(f"/{name}.json")).json()
    quotes = (await ds.client.get(f"/{name}/quotes.json?_size=1")).json()
    home_counts = {t["name"]: t["count"] for t in home["tables_and_views_truncated"] if "count" in t}
    return {
        "home": home_counts,
        "tables": {t["name"]: t["count"] for t in database["tables"]},
        "quotes_rows": quotes["filtered_table_rows_count"],
        "kinds": {v["value"]: v["count"] for v in quotes["facet_results"]["kind"]["results"]},
    }


@pytest.mark.asyncio
async def test_counts_and_facets_follow_an_ingest_into_the_served_file(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    ingest(db, PALMYRA)
    ds = build_datasette(db)
    for step in range(2):
        if step:
            ingest(db, more_articles(tmp_path / "more", 12))  # another process's commits, as `ingest` while served
        truth = counted(db)
        seen = await served(ds, "live")
        for table, n in truth["tables"].items():
            assert seen["tables"][table] == n
            assert seen["home"].get(table, n) == n  # the home page shows the five largest
        assert seen["home"], "the home page shows row counts"
        assert seen["quotes_rows"] == truth["tables"]["quotes"]
        assert seen["kinds"] == truth["kinds"]
    assert truth["tables"]["documents"] == len(list(PALMYRA.glob("*.txt"))) + 12


@pytest.mark.asyncio
async def test_a_new_table_shows_on_the_database_page(tmp_path: Path) -> None:
    db = tmp_path / "schema.db"
    ingest(db, PALMYRA)
    ds = build_datasette(db)
    before = {t["name"] for t in (await ds.client.get("/schema.json")).json()["tables"]}
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT)")
    conn.execute("INSERT INTO notes (note) VALUES ('checked')")
    conn.commit()
    conn.close()
    after = {t["name"]: t["count"] for t in (await ds.client.get("/schema.json")).json()["tables"]}
    assert "notes" not in before and after["notes"] == 1
    rows = (await ds.client.get("/schema/notes.json?_shape=array")).json()
    assert rows == [{"id": 1, "note": "checked"}]


@pytest.mark.asyncio
async def test_a_filtered_facet_counts_the_filtered_rows(palmyra_db: Path) -> None:
    ds = build_datasette(palmyra_db, prepare=False)
    conn = sqlite3.connect(palmyra_db)
    speaker = conn.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC").fetchone()[0]
    truth = dict(conn.execute("SELECT kind, count(*) FROM quotes WHERE speaker = ? GROUP BY kind", [speaker]).fetchall())
    conn.close()
    await ds.client.get("/palmyra/quotes.json")  # the whole table's facets first
    page = (await ds.client.get("/palmyra/quotes.json", params={"speaker": speaker})).json()
    assert {v["value"]: v["count"] for v in page["facet_results"]["kind"]["results"]} == truth
    assert page["filtered_table_rows_count"] == sum(truth.values())


# ---------------------------------------------------------------- indexes


def _aliases(sql: str) -> dict[str, str]:
    """Alias (or name) -> table, for the tables a query reads."""
    found = {}
    for table, alias in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql, flags=re.IGNORECASE):
        found[table] = table
        if alias and alias.upper() not in {"ON", "WHERE", "JOIN", "LEFT", "CROSS", "ORDER", "GROUP", "USING"}:
            found[alias] = table
    return found


def _metadata() -> dict[str, Any]:
    return json.loads(metadata_path().read_text(encoding="utf-8"))["databases"]["quotetrace"]


@pytest.mark.parametrize("name", sorted(_metadata()["queries"]))
def test_no_canned_query_reads_a_whole_large_table(palmyra_db: Path, name: str) -> None:
    """Every read of quotes, documents, variants or clusters goes through an index."""
    from quotetrace.datasette import prepare_connection

    query = _metadata()["queries"][name]
    conn = sqlite3.connect(f"file:{palmyra_db}?mode=ro", uri=True)
    prepare_connection(conn)
    conn.create_function("escape_fts", 1, lambda s: s)
    params = {p: "x" for p in re.findall(r":(\w+)", query["sql"])}
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + query["sql"], params)]
    conn.close()
    aliases = _aliases(query["sql"])
    bare = [step for step in plan if (m := re.fullmatch(r"SCAN (\w+)", step)) and aliases.get(m.group(1)) in BIG_TABLES]
    assert not bare, plan


def _facet_columns() -> list[tuple[str, str]]:
    out = []
    for table, meta in _metadata()["tables"].items():
        for facet in meta.get("facets", []):
            if isinstance(facet, str):
                out.append((table, facet))
            elif "date" in facet:
                out.append((table, facet["date"]))
            # array facets read JSON lists: no index can count their items
    return out


@pytest.mark.parametrize(("table", "column"), _facet_columns())
def test_every_facet_column_leads_an_index(palmyra_db: Path, table: str, column: str) -> None:
    conn = sqlite3.connect(f"file:{palmyra_db}?mode=ro", uri=True)
    kind = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    if kind == "view":
        conn.close()
        pytest.skip("a view's facets read its tables' indexes")
    leading = set()
    for index in conn.execute(f"PRAGMA index_list([{table}])").fetchall():
        if index[4]:  # a partial index counts only some rows
            continue
        first = conn.execute(f"PRAGMA index_info([{index[1]}])").fetchone()
        leading.add(first[2])
    conn.close()
    assert column in leading


# ---------------------------------------------------------------- settings


@pytest.mark.asyncio
@pytest.mark.parametrize(("immutable", "cache_control"), [(False, "no-cache"), (True, "max-age=300")])
async def test_serving_settings_apply(tmp_path: Path, palmyra_db: Path, immutable: bool, cache_control: str) -> None:
    db = tmp_path / "palmyra.db"
    db.write_bytes(palmyra_db.read_bytes())
    ds = build_datasette(db, immutable=immutable)
    assert ds.setting("suggest_facets") is False
    assert ds.setting("sql_time_limit_ms") == 2000
    assert ds.setting("num_sql_threads") == 0  # queries in the rendering thread
    response = await ds.client.get("/palmyra/quotes.json")
    assert response.headers["cache-control"] == cache_control
    page = response.json()
    assert page["suggested_facets"] == []
    assert len(page["rows"]) == min(50, page["filtered_table_rows_count"])  # quotes pages of 50 rows
    # the statement page and other plugin routes are unaffected
    assert (await ds.client.get("/-/quotetrace.css")).status_code == 200


def test_the_served_metadata_is_the_root_file(palmyra_db: Path) -> None:
    served = load_metadata_for(palmyra_db)["databases"]["palmyra"]
    assert served["queries"]["search_quotes"]["sql"].rstrip().endswith("LIMIT 100")
    assert served["tables"]["quotes"]["size"] == 50


# ---------------------------------------------------------------- name search prefilter


def _names(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT spelling FROM person_names UNION SELECT name FROM people "
            "UNION SELECT speaker FROM quotes WHERE speaker IS NOT NULL "
            "UNION SELECT speaker_as_written FROM quotes WHERE speaker_as_written IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    return sorted(r[0] for r in rows)


def test_could_match_never_turns_away_a_match(palmyra_db: Path) -> None:
    names = _names(palmyra_db) + ["Nanar Hawach", "Abdulaziz", "Abdul Aziz", "Müller", "Mueller", "Ahmed el-Sharaa"]
    queries = list(names)
    for name in names:
        words = name.split()
        queries += [words[-1], name.lower(), name.upper(), "President " + name, name.replace("sh", "ch"), words[0][0] + ". " + words[-1]]
    queries += ["N.", "al", "Al-", "   ", "the ministry", "Gaddafi", "Qaddafi"]
    matches = 0
    for query in queries:
        for name in names:
            if spelling_matches(query, name):
                matches += 1
                assert could_match(query, name), (query, name)
    assert matches > len(names)  # the searches do find names


@pytest.mark.asyncio
async def test_quotes_by_speaker_finds_quotes_credited_to_no_person(tmp_path: Path, palmyra_db: Path) -> None:
    """Quotes linked to no person (an organisation, a name alignment left alone) are found by their speaker."""
    db = tmp_path / "palmyra.db"
    db.write_bytes(palmyra_db.read_bytes())
    conn = sqlite3.connect(db)
    speaker = conn.execute(
        "SELECT speaker FROM quotes WHERE speaker LIKE '% %' GROUP BY 1 ORDER BY count(*) DESC"
    ).fetchone()[0]
    ids = [r[0] for r in conn.execute("SELECT id FROM quotes WHERE speaker = ?", [speaker])]
    conn.execute("UPDATE quotes SET person_id = NULL WHERE speaker = ?", [speaker])
    conn.execute("UPDATE variants SET person_id = NULL WHERE quote_id IN (SELECT id FROM quotes WHERE speaker = ?)", [speaker])
    conn.commit()
    conn.close()
    ds = build_datasette(db)
    rows = (await ds.client.get("/palmyra/quotes_by_speaker.json", params={"name": speaker, "_shape": "array"})).json()
    assert {r["quote_id"] for r in rows} >= set(ids)
    assert {r["person"] for r in rows if r["quote_id"] in ids} == {speaker}


# ---------------------------------------------------------------- cheaper links, the same links


@pytest.mark.parametrize(
    "path",
    [
        "/palmyra/quotes?kind=full&_facet=kind",
        "/palmyra/quotes?_next=abc%2Cdef",
        "/",
        "/palmyra/-/statement/c1#versions",
        "/palmyra/../x",  # dot segments: urljoin's
        "//elsewhere.example/x",  # another host: urljoin's
        "?_sort=start",  # relative: urljoin's
        "/a b",
        "/palmyra/quotes;params?x=1",
    ],
)
@pytest.mark.parametrize("force_https", [False, True])
def test_absolute_urls_are_urljoins(palmyra_db: Path, path: str, force_https: bool) -> None:
    from datasette.app import Datasette as Plain
    from datasette.utils.asgi import Request

    ds = build_datasette(palmyra_db, prepare=False)
    plain = Plain(settings={"force_https_urls": force_https})
    ds._settings["force_https_urls"] = force_https
    request = Request.fake("/palmyra/quotes?_facet=cue&kind=full")
    assert ds.absolute_url(request, path) == plain.absolute_url(request, path)


def test_url_strings_behave_as_datasette_writes_them(palmyra_db: Path) -> None:
    from datasette.utils import PrefixedUrlString

    build_datasette(palmyra_db, prepare=False)  # applies quotetrace.datasette.speedups.speed_up_url_strings
    url = PrefixedUrlString("/palmyra/quotes?x=1")
    for value in (url.replace("x", "y"), url.split("?")[0], url.partition("?")[2], url + "&y=2", url.strip("/")):
        assert isinstance(value, PrefixedUrlString)
    assert url.split("?") == ["/palmyra/quotes", "x=1"] and isinstance(url.split("?")[1], PrefixedUrlString)
    assert url.startswith("/") is True and url.count("/") == 2 and url.maketrans("a", "b") == {97: 98}
    assert str(url) == "/palmyra/quotes?x=1" and type(str(url)) is str


# ---------------------------------------------------------------- several server processes


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(c) for c in (task / "children").read_text().split()}
    return out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_several_processes_share_the_port_and_stop_together(tmp_path: Path, palmyra_db: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    import httpx
    from serve_helpers import free_port

    db = tmp_path / "palmyra.db"
    db.write_bytes(palmyra_db.read_bytes())
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from quotetrace.cli import main; main()", "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "no answer within 60 s"
            time.sleep(0.2)
        # every reader, on a connection of its own, is answered (whichever process took it)
        for _ in range(20):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                assert client.get("/palmyra/quotes").status_code == 200
        workers = _children(proc.pid)
        assert len(workers) >= 2  # the server processes
        # a second server on the same port is refused with one line
        second = subprocess.run(
            [sys.executable, "-c", "from quotetrace.cli import main; main()", "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert second.returncode != 0
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        # every process it started ends (multiprocessing's helper a moment after it)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower() for pid in workers):
            assert time.monotonic() < deadline, "a server process outlived the server"
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_server_sockets_are_tcp_sockets_asyncio_sets_nodelay_on() -> None:
    """A socket made without its protocol named gets no TCP_NODELAY from asyncio: 40 ms a response."""
    import socket

    from quotetrace.serve import _bound_socket

    sock = _bound_socket("127.0.0.1", 0, shared=True)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


@pytest.mark.asyncio
async def test_table_and_query_pages_are_datasettes_own_byte_for_byte(palmyra_db: Path) -> None:
    """templates/_table.html and query.html write each row in one piece: the pages stay Datasette's."""
    from urllib.parse import quote

    from jinja2 import BaseLoader, Environment

    class DatasettesOwn(BaseLoader):
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def get_source(self, environment: Environment, template: str) -> Any:
            if template in ("_table.html", "query.html"):
                template = "default:" + template
            return self.inner.get_source(environment, template)

    ours = build_datasette(palmyra_db, prepare=False)
    theirs = build_datasette(palmyra_db, prepare=False)
    theirs.jinja_env.loader = DatasettesOwn(theirs.jinja_env.loader)
    took = re.compile(r"Queries took [0-9.]+ms")
    name = palmyra_db.stem
    pages = [
        *(f"/{name}/{t}" for t in ("quotes", "documents", "people", "person_names", "clusters", "variants", "quote_details")),
        f"/{name}/quotes?_size=3&kind=full",
        f"/{name}/quotes?text__contains=nothing-has-these-words",  # no rows
        f"/{name}/quotes_by_speaker?name=Hawash",
        f"/{name}/search_quotes?q=attack",
        f"/{name}/search_quotes?q=",
        f"/{name}/speakers",
        f"/{name}?sql=" + quote("select 1 as a, '<b>&' as b, null as c"),
    ]
    for page in pages:
        mine = (await ours.client.get(page)).text
        own = (await theirs.client.get(page)).text
        assert "<td" in own or "0 re" in own, page
        assert took.sub("", mine) == took.sub("", own), page


@pytest.mark.asyncio
async def test_another_plugins_render_cell_is_still_called(palmyra_db: Path) -> None:
    """quotetrace's render_cell is called directly only while it is the only one (speedups._RenderCell)."""
    from datasette import hookimpl
    from datasette.plugins import pm

    class Shouting:
        @hookimpl
        def render_cell(self, value: Any, column: str) -> Any:
            return "SHOUT" if column == "outlet" else None

    ds = build_datasette(palmyra_db, prepare=False)
    page = f"/{palmyra_db.stem}/search_quotes?q=attack"  # its cluster_id cells link to the statement pages
    before = (await ds.client.get(page)).text
    assert "SHOUT" not in before and "versions and timeline" in before  # quotetrace's own cluster_id links
    plugin = Shouting()
    pm.register(plugin, name="shouting")
    try:
        during = (await ds.client.get(page)).text
        assert "SHOUT" in during and "versions and timeline" in during
    finally:
        pm.unregister(plugin)
    assert (await ds.client.get(page)).text.count("SHOUT") == 0
