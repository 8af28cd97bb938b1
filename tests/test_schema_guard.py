"""A database quotetrace must not write to is refused, clearly and without a write:
another program's, a newer quotetrace's, or one whose tables were changed by hand."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.errors import SchemaError
from quotetrace.serve import prepare_database
from quotetrace.store import SCHEMA_VERSION

QUOTE = "\u201cWe reopen the port on Monday,\u201d Ines Calloway said.\n"


def alter(db: Path, *sql: str) -> None:
    con = sqlite3.connect(db)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def newer_version(db: Path) -> None:
    alter(db, f"PRAGMA user_version = {SCHEMA_VERSION + 3}")


def newer_migration(db: Path) -> None:
    alter(
        db,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('quotetrace', 'm099_from_the_future', '2030-01-01')",
    )


@pytest.fixture
def built(tmp_path: Path, palmyra_db: Path) -> Path:
    db = tmp_path / "palmyra.db"
    shutil.copy(palmyra_db, db)
    return db


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, r.output


def commands(db: Path, article: Path) -> list[list[str]]:
    return [
        ["ingest", str(article), "--db", str(db), "-q"],
        ["export", "--db", str(db)],
        ["speaker", "Hawash", "--db", str(db)],
    ]


@pytest.mark.parametrize("make_newer", [newer_version, newer_migration])
def test_a_newer_database_is_refused_and_left_untouched(
    tmp_path: Path, built: Path, make_newer: Callable[[Path], None]
) -> None:
    make_newer(built)
    before = built.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text(QUOTE, encoding="utf-8")
    found = SCHEMA_VERSION + 3 if make_newer is newer_version else SCHEMA_VERSION + 1
    for args in commands(built, article):
        code, output = invoke(*args)
        assert code == 1, args
        assert f"written by a newer quotetrace (schema version {found}; " in output
        assert f"reads version {SCHEMA_VERSION} and older" in output
    with pytest.raises(SchemaError, match="newer quotetrace"):
        prepare_database(built)
    assert built.read_bytes() == before


def test_a_renamed_column_is_named(built: Path) -> None:
    alter(built, "ALTER TABLE quotes RENAME COLUMN speaker TO who")
    code, output = invoke("export", "--db", str(built))
    assert code == 1
    assert "damaged quotetrace database (table quotes has no column speaker;" in output
    assert "Traceback" not in output


def test_a_foreign_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    alter(db, "CREATE TABLE documents (doc_no INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO documents VALUES (1, 'x')")
    before = db.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text(QUOTE, encoding="utf-8")
    for args in commands(db, article):
        code, output = invoke(*args)
        assert code == 1, args
        assert "not a quotetrace database (it has tables documents and no quotetrace schema)" in output
    assert db.read_bytes() == before


def test_a_new_database_records_its_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    db.touch()  # an empty file is a new database
    article = tmp_path / "a.txt"
    article.write_text(QUOTE, encoding="utf-8")
    code, output = invoke("ingest", str(article), "--db", str(db), "-q")
    assert code == 0, output
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
