"""Serve a quotetrace database with Datasette, read-only, with the project metadata.

Datasette keys database metadata (table descriptions, facets, canned queries)
on the database name, which is the file's stem. `load_metadata_for` rewrites
that key for whatever file is being served, so `palmyra.db`, `quotetrace.db`
and `anything.db` all get the same pages.

The file is opened read-only, in WAL mode, so that `quotetrace ingest` can add
documents while it is served: every query sees the database as one of the
ingest's commits left it, never an error. (Immutable mode, where Datasette
caches row counts and skips locking, broke on the first write: "database disk
image is malformed" until restart.) `immutable=True` is for a file that will
not change while served; it also allows the database download, which
Datasette offers only for immutable files. Datasette already limits ad-hoc SQL
to a single read-only SELECT. `public=True` also turns off ad-hoc SQL and the
database download, leaving tables, views and canned queries.
"""

from __future__ import annotations

import copy
import gc
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import sqlite_utils
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils.asgi import AsgiLifespan

import quotetrace.datasette as plugin
from quotetrace import store
from quotetrace.datasette.cached import CachedDatabase, CachedDatasette
from quotetrace.datasette.speedups import speed_up_render_cell, speed_up_url_strings
from quotetrace.errors import QuotetraceError

# The metadata file lives at the repository root (the one a user edits); a built
# package carries a copy of it (setup.py); $QUOTETRACE_METADATA overrides both.
METADATA_FILE = "datasette-metadata.json"
METADATA_KEY = "quotetrace"  # the database key used inside the metadata file
REQUIRED_TABLES = ("documents", "quotes", "people", "clusters")

PUBLIC_SETTINGS: dict[str, Any] = {"default_allow_sql": False, "allow_download": False}
# Chosen for many readers on a 2-core machine; measured with `make bench`
# (bench/serveload.py: 50 clients, mixed pages, 10,000 articles).
BASE_SETTINGS: dict[str, Any] = {
    # A query past 2 s is stopped with an error page rather than holding its
    # server process while other readers queue behind it. The heaviest canned
    # pages (quotes_by_speaker for the most quoted names) take 0.2 s of CPU on
    # 10,000 articles; on a 2-core machine busy with other work a process may
    # get a fifth of a core, and Datasette's 1 s then stopped a few of them
    # under load. Ad-hoc SQL (off with --public) is held to the same 2 s.
    "sql_time_limit_ms": 2000,
    # Queries run in the thread that renders the pages (Datasette's
    # "non-threaded" mode). Pages are rendered in Python, one thread at a time,
    # so SQL threads bought no speed; but each query handed to a thread sent
    # its page to the back of the queue of pages being rendered, once per
    # query: under 50 readers the quotes page (five queries) waited 1.6 s at
    # the median where the home page (one) waited 0.3 s, and the slowest 1%
    # 2.4 s; in the same thread every page waits about the same (bench/results.md).
    # A query blocks its server process while it runs (sql_time_limit_ms at
    # most): the others go on (`workers`).
    "num_sql_threads": 0,
    # Off: on every table page Datasette would run one query per column to
    # suggest facets (up to 50 ms each, two dozen on quotes: 0.8 s of the
    # quotes page alone). datasette-metadata.json names each table's facets,
    # and ?_facet=column still facets any column.
    "suggest_facets": False,
    # A facet that takes longer is left out of the page (and said so), not an
    # error; the metadata's facets have indexes (store.SERVING_INDEXES) and
    # take a few milliseconds on 10,000 articles.
    "facet_time_limit_ms": 200,
}
# Cache-Control max-age of table and query pages, seconds. A database that
# may take new documents: browsers ask again every time (an ingest shows at
# once). Immutable: the file does not change while served.
CACHE_TTL_S = 0
IMMUTABLE_CACHE_TTL_S = 300
BUSY_TIMEOUT_S = 1.0  # how long to wait for a build still writing before giving up


class ServeError(QuotetraceError):
    """The database or the metadata cannot be served."""


def metadata_path() -> Path:
    """Where the Datasette metadata is read from.

    $QUOTETRACE_METADATA; else the copy an installed package carries; else the
    repository root's file (a source checkout or an editable install).
    """
    env = os.environ.get("QUOTETRACE_METADATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "datasette" / METADATA_FILE
    return packaged if packaged.is_file() else here.parent / METADATA_FILE


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives a database file: its stem."""
    return Path(db_path).stem


def rekey_metadata(metadata: dict[str, Any], name: str) -> dict[str, Any]:
    """A copy of `metadata` whose database section is keyed on `name`."""
    result = copy.deepcopy(metadata)
    databases = result.get("databases") or {}
    if METADATA_KEY in databases:
        section = databases[METADATA_KEY]
    elif len(databases) == 1:
        section = next(iter(databases.values()))
    else:
        raise ServeError(f"metadata has no {METADATA_KEY!r} database section")
    result["databases"] = {name: section}
    return result


def load_metadata_for(db_path: str | Path, metadata_file: str | Path | None = None) -> dict[str, Any]:
    """The project metadata, keyed on the name Datasette will give `db_path`."""
    path = Path(metadata_file) if metadata_file is not None else metadata_path()
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ServeError(f"{path}: cannot read the Datasette metadata ({exc.strerror})") from exc
    except ValueError as exc:
        raise ServeError(f"{path}: not valid JSON ({exc})") from exc
    return rekey_metadata(metadata, database_name(db_path))


def settings_for(public: bool, immutable: bool = False) -> dict[str, Any]:
    """Datasette settings: bounded queries; public also disables ad-hoc SQL and downloads."""
    ttl = IMMUTABLE_CACHE_TTL_S if immutable else CACHE_TTL_S
    return {**BASE_SETTINGS, "default_cache_ttl": ttl, **(PUBLIC_SETTINGS if public else {})}


def prepare_database(db_path: str | Path) -> Path:
    """Check that `db_path` is a quotetrace database, in WAL mode, with its log copied into the file.

    WAL mode lets an ingest write while Datasette reads (a rollback journal
    would make readers wait or fail while a transaction commits); immutable
    mode ignores a `-wal` file, hence the copy. Also brings views and search
    indexes up to date. Never creates a file.
    """
    path = Path(db_path)
    if not path.is_file():
        raise ServeError(f"{path}: no such database (build it with `quotetrace ingest`)")
    try:
        db = sqlite_utils.Database(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S))
        missing = [t for t in REQUIRED_TABLES if not db.table(t).exists()]
    except sqlite3.DatabaseError as exc:
        raise ServeError(f"{path}: not a SQLite database ({exc})") from exc
    if missing:
        raise ServeError(
            f"{path}: not a quotetrace database (missing {', '.join(missing)}); "
            "build it with `quotetrace ingest`"
        )
    try:
        store.ensure_tables(db)
        db.enable_wal()
        store.finish(db)
    except (sqlite3.OperationalError, store.StoreError) as exc:
        raise ServeError(f"{path}: database is busy, is a build still writing to it? ({exc})") from exc
    finally:
        db.close()
    return path


def register_plugin() -> None:
    """Register the quotetrace Datasette plugin once (it may already be an entry point)."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotetrace")


def build_datasette(
    db_path: str | Path,
    *,
    public: bool = False,
    metadata_file: str | Path | None = None,
    prepare: bool = True,
    immutable: bool = False,
) -> Datasette:
    """A Datasette serving `db_path` read-only (or `immutable`) with the project metadata and plugin."""
    path = prepare_database(db_path) if prepare else Path(db_path)
    register_plugin()
    speed_up_url_strings()
    speed_up_render_cell()
    ds = CachedDatasette(
        files=[] if immutable else [str(path)],
        immutables=[str(path)] if immutable else [],
        metadata=load_metadata_for(path, metadata_file),
        settings=settings_for(public, immutable),
    )
    # The same database, with its schema and row counts kept between pages
    # until the file changes (quotetrace.datasette.cached).
    name = database_name(path)
    ds.remove_database(name)
    ds.add_database(CachedDatabase(ds, path, is_mutable=not immutable), name=name)
    # Templates are read once: a server does not watch them for edits (each
    # page otherwise checks every template file's time on disk).
    ds.jinja_env.auto_reload = False
    internal = ds.get_database("_internal")
    ds.remove_database("_internal")
    ds.add_database(CachedDatabase(ds, memory_name=internal.memory_name), name="_internal")
    return ds


WARM_NAME = "Warm%20Up"  # a name of two words: compared through the keys of every spelling

# Options of the server, for its worker processes (each starts afresh).
WORKER_OPTIONS_ENV = "QUOTETRACE_SERVE_OPTIONS"
WORKER_MIN_LIFE_S = 20.0  # a process that ends sooner after starting is not started again
UVICORN_OPTIONS: dict[str, Any] = {
    "log_level": "info",
    "lifespan": "on",  # warm-up (`warm`) before the first reader
    # How long a reader's idle connection is kept, seconds. uvicorn's 5 s is
    # no longer than browsers and HTTP clients keep theirs: a reader whose
    # next request crossed the server's close got a connection error, and
    # under 50 readers a response could take that long to be read and followed.
    "timeout_keep_alive": 75,
}


def default_workers() -> int:
    """Server processes by default: one per core, at most four.

    Datasette renders pages in Python, which runs one thread at a time: one
    process uses one core however many readers wait. Each process holds its
    own SQLite connections and caches (about 100 MB).
    """
    return max(1, min(os.cpu_count() or 1, 4))


async def warm(ds: Datasette) -> None:
    """Render the pages every visit starts from once, before the server takes readers.

    Fills what the served database keeps until the next commit (schema, row
    counts, the facets of each table's page), so that the first readers of a
    new server process do not all wait for the same counting.
    """
    await ds.invoke_startup()
    name = next(n for n in ds.databases if n != "_internal")
    tables = (ds.metadata("databases") or {}).get(name, {}).get("tables", {})
    for path in ["/", ds.urls.database(name), *(ds.urls.table(name, t) for t, m in tables.items() if m.get("facets"))]:
        await ds.client.get(path)
    # A name search works out the transliteration keys of every name in the
    # database once per process (lookup.could_match keeps them): a quarter of
    # a second on 10,000 articles, which the first reader would otherwise wait
    # for (and, on a busy machine, past the query time limit).
    await ds.client.get(ds.urls.database(name) + "/quotes_by_speaker?name=" + WARM_NAME)
    # What the process holds now (Datasette, templates, caches) lives as long
    # as it does: the collector need not go through it again and again. Its
    # full passes cost a quotes page 5 ms on average.
    gc.collect()
    gc.freeze()


def served_app(ds: Datasette) -> Any:
    """Datasette's ASGI app, warmed (`warm`) when the server starts (ASGI lifespan startup)."""
    return AsgiLifespan(ds.app(), on_startup=[lambda: warm(ds)])


def worker_app() -> Any:
    """The ASGI app of one server process (uvicorn's factory when serving with several)."""
    options = json.loads(os.environ[WORKER_OPTIONS_ENV])
    ds = build_datasette(options["db"], public=options["public"], immutable=options["immutable"], prepare=False)
    return served_app(ds)


def _bound_socket(host: str, port: int, *, shared: bool) -> socket.socket:
    """A TCP socket bound to host:port; `shared` with the other server processes (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on connections of such a
    # socket; without it every response waited 40 ms for the reader's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    return sock


def _worker_process(options: dict[str, Any], host: str, port: int) -> None:
    """One server process: its own socket on the shared port, the warmed Datasette app (uvicorn)."""
    import uvicorn

    os.environ[WORKER_OPTIONS_ENV] = json.dumps(options)
    config = uvicorn.Config(f"{__name__}:worker_app", factory=True, host=host, port=port, **UVICORN_OPTIONS)
    sock = _bound_socket(host, port, shared=True)
    sock.listen(2048)
    uvicorn.Server(config).run(sockets=[sock])


def _serve_processes(options: dict[str, Any], host: str, port: int, workers: int) -> None:
    """`workers` server processes, each listening on host:port with a socket of its own.

    With one socket shared by all (uvicorn's own way), the first process to
    wake takes every connection waiting: 50 readers arriving together were
    often all served by one process while the other idled. Each process with
    its own socket (SO_REUSEPORT), the kernel spreads new connections over
    them. A process that dies is started again; SIGINT or SIGTERM stops all.
    """
    # A port in use, even by another server sharing ports so, is refused now
    # (two servers must not split one port's readers). Then it is held,
    # bound but not listening, so that no connection waits where nobody accepts.
    _bound_socket(host, port, shared=False).close()
    reserved = _bound_socket(host, port, shared=True)
    spawn = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def start() -> tuple[multiprocessing.process.BaseProcess, float]:
        process = spawn.Process(target=_worker_process, args=(options, host, port), name="quotetrace-serve")
        process.start()
        return process, time.monotonic()

    def stop(signum: int, frame: Any) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    try:
        while not stopping.is_set():
            multiprocessing.connection.wait([p.sentinel for p, _ in processes], timeout=0.5)
            for i, (process, started) in enumerate(processes):
                if process.is_alive() or stopping.is_set():
                    continue
                if time.monotonic() - started < WORKER_MIN_LIFE_S:  # it cannot start: say so rather than loop
                    raise ServeError(f"a server process ended as it started (exit status {process.exitcode})")
                print(f"quotetrace serve: process {process.pid} ended ({process.exitcode}); starting another", file=sys.stderr)
                processes[i] = start()
    finally:
        for process, _ in processes:
            if process.is_alive():
                process.terminate()  # uvicorn ends its connections and stops
        for process, _ in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        reserved.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    public: bool = False,
    immutable: bool = False,
    workers: int | None = None,
) -> None:
    """Serve `db_path` until interrupted (blocking) from `workers` processes. Raises ServeError before starting."""
    import uvicorn

    ds = build_datasette(db_path, public=public, immutable=immutable)  # checks and prepares the file once
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        uvicorn.run(served_app(ds), host=host, port=port, workers=1, **UVICORN_OPTIONS)
        return
    options = {"db": str(db_path), "public": public, "immutable": immutable}
    if hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux"):
        _serve_processes(options, host, port, workers)
        return
    # Elsewhere SO_REUSEPORT does not spread connections: one socket, shared.
    os.environ[WORKER_OPTIONS_ENV] = json.dumps(options)
    uvicorn.run(
        f"{__name__}:worker_app", factory=True, host=host, port=port, workers=workers, **UVICORN_OPTIONS
    )
