"""One writer at a time: ingests into one database take turns.

SQLite lets many processes read a database in WAL mode while one writes, but
two ingests into one file would interleave their transactions and the second
to ask for the write lock at a bad moment dies with "database is locked",
half-way. So an ingest holds an exclusive lock on a file beside the database
(`DB.lock`) from opening the database to copying its log back, and a second
ingest waits for it, up to a bound, then stops with one clear line before
touching anything. Readers (`serve`, `export`, `speaker`...) never take it.

The lock file is removed by its holder; a waiter that gets the lock on a file
already removed tries again on the new one, so two ingests never both hold it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from . import store
from .errors import QuotetraceError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
    fcntl = None  # type: ignore[assignment]

WRITE_WAIT_S = 600.0  # how long an ingest waits for another one writing to the same database
POLL_S = 0.2


class DatabaseBusy(QuotetraceError):
    """Another process kept the database for writing longer than we would wait."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


@contextmanager
def exclusive(db_path: str | Path, *, wait: float = WRITE_WAIT_S, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the write lock of `db_path`, waiting up to `wait` seconds (`on_wait` is called once if we wait)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = lock_path(db_path)
    deadline = time.monotonic() + wait
    waited = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise store.StoreError(f"{path}: cannot create the write lock ({exc.strerror})") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"{db_path}: another ingest is still writing to this database (waited {wait:g} s); "
                    "run this one again when it has finished, or wait longer with --wait"
                ) from None
            if not waited:
                waited = True
                on_wait()
            time.sleep(POLL_S)
            continue
        if _is_current(fd, path):
            break
        os.close(fd)  # the holder we waited for removed this file: lock the new one
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while holding the lock: see the module docstring
        os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


@contextmanager
def writing(
    db_path: str | Path, *, wait: float = WRITE_WAIT_S, on_wait: Callable[[], None] = lambda: None
) -> Iterator[sqlite_utils.Database]:
    """The database opened for writing by this process alone; its log is copied back and it is closed at the end."""
    folder = Path(db_path).parent
    if not folder.is_dir():
        raise store.StoreError(f"{db_path}: folder {folder} does not exist")
    with exclusive(db_path, wait=wait, on_wait=on_wait):
        db = store.open_db(db_path)
        try:
            yield db
        finally:
            store.finish(db)
            db.close()
