"""Serving is read-only; public mode also refuses ad-hoc SQL and the database download."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from test_datasette_corpus import QUOTES, build_db

from quotetrace import store
from quotetrace.serve import ServeError, build_datasette, prepare_database, settings_for


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("lockdown") / "palmyra.db")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "sql",
    [
        "delete from quotes",
        "update quotes set text = 'x'",
        "drop table quotes",
        "insert into people (id, name) values ('x', 'y')",
    ],
)
async def test_writes_through_sql_are_refused(db_path: Path, sql: str) -> None:
    ds = build_datasette(db_path)
    response = await ds.client.get("/palmyra.json", params={"sql": sql, "_shape": "array"})
    assert response.status_code in (400, 403)
    rows = await ds.client.get("/palmyra.json", params={"sql": "select count(*) n from quotes", "_shape": "array"})
    assert rows.json() == [{"n": len(QUOTES)}]


@pytest.mark.asyncio
async def test_private_mode_allows_select(db_path: Path) -> None:
    ds = build_datasette(db_path)
    response = await ds.client.get("/palmyra.json?sql=select+1+as+one&_shape=array")
    assert response.json() == [{"one": 1}]


@pytest.mark.asyncio
async def test_download_only_of_a_file_served_immutable(db_path: Path) -> None:
    # A file an ingest may be writing to is never handed out half-written (Datasette's rule).
    assert (await build_datasette(db_path).client.get("/palmyra.db")).status_code == 403
    download = await build_datasette(db_path, immutable=True).client.get("/palmyra.db")
    assert download.status_code == 200
    assert download.content.startswith(b"SQLite format 3")


@pytest.mark.asyncio
async def test_public_mode_refuses_sql_and_download(db_path: Path) -> None:
    ds = build_datasette(db_path, public=True)
    assert (await ds.client.get("/palmyra.json?sql=select+1")).status_code == 403
    assert (await ds.client.get("/palmyra?sql=select+1")).status_code == 403
    assert (await ds.client.get("/palmyra.db")).status_code == 403


@pytest.mark.asyncio
async def test_public_mode_keeps_tables_and_canned_queries(db_path: Path) -> None:
    ds = build_datasette(db_path, public=True)
    rows = (await ds.client.get("/palmyra/quotes_by_speaker.json?name=Hawash&_shape=array")).json()
    assert len(rows) == 3
    assert (await ds.client.get("/palmyra/quotes.json?_search=caliphate&_shape=array")).json()
    assert (await ds.client.get("/palmyra/-/statement/c-museum")).status_code == 200


def test_settings_for_public_turn_off_sql_and_downloads() -> None:
    assert settings_for(True)["default_allow_sql"] is False
    assert settings_for(True)["allow_download"] is False
    assert "default_allow_sql" not in settings_for(False)


def test_database_is_served_read_only_unless_immutable(db_path: Path) -> None:
    # read-only (mode=ro), not immutable: an ingest may write while it is served
    assert build_datasette(db_path).get_database("palmyra").is_mutable is True
    assert build_datasette(db_path, immutable=True).get_database("palmyra").is_mutable is False
    assert sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_prepare_folds_the_write_ahead_log(tmp_path: Path) -> None:
    # What a crashed build leaves: committed pages still in the -wal file.
    building = tmp_path / "building.db"
    db = store.open_db(building)
    db.execute("INSERT INTO people (id, name) VALUES ('p1', 'Jane Roe')")
    path = tmp_path / "crashed.db"
    shutil.copy(building, path)
    shutil.copy(f"{building}-wal", f"{path}-wal")
    db.close()
    prepare_database(path)
    assert not Path(f"{path}-wal").exists()
    immutable = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert immutable.execute("SELECT name FROM people").fetchall() == [("Jane Roe",)]


def test_prepare_while_an_ingest_writes(tmp_path: Path) -> None:
    path = build_db(tmp_path / "busy.db")
    writer = sqlite3.connect(path)
    writer.execute("BEGIN EXCLUSIVE")  # in WAL mode readers go on reading
    try:
        assert prepare_database(path) == path
    finally:
        writer.rollback()
        writer.close()


def test_prepare_reports_an_old_database_busy_with_a_writer(tmp_path: Path) -> None:
    path = build_db(tmp_path / "busy.db")
    sqlite_utils.Database(path).disable_wal()  # as earlier versions left it
    writer = sqlite3.connect(path)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ServeError, match="busy"):
            prepare_database(path)
    finally:
        writer.rollback()
        writer.close()


def test_prepare_refuses_a_missing_file_without_creating_it(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="no such database"):
        prepare_database(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_prepare_refuses_a_database_that_is_not_quotetrace(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite_utils.Database(other).table("things").insert({"id": 1})
    with pytest.raises(ServeError, match="not a quotetrace database"):
        prepare_database(other)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ServeError, match="not a SQLite database"):
        prepare_database(garbage)


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/\\example.com/", "/%5Cexample.com/", "/%5cexample.com"])
async def test_backslash_paths_do_not_redirect_off_site(db_path: Path, path: str) -> None:
    # Datasette 0.65.5 answers /\example.com/ with a redirect browsers follow off-site.
    response = await build_datasette(db_path).client.get(path)
    assert response.status_code == 404
    assert "location" not in response.headers
