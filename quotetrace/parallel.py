"""Extraction in this process, or across processes and machines on Dask.

Extraction (read nothing, write nothing: text in, quotes out) is the only
stage that runs elsewhere. Workers receive documents and return `Extracted`
records; the calling process stays the one writer and gets the records back
in input order, so a parallel ingest stores exactly what a serial one stores,
in the same order.

    with extraction("rules", workers=4) as extract:
        for record in extract(documents):
            ...

`workers=N` starts a `distributed.LocalCluster` of N single-threaded worker
processes for the duration of the block (spawned, never forked); the first
documents are extracted here while it starts. `scheduler="tcp://host:8786"`
connects to a running cluster instead (its workers need quotetrace, and the
stanza models when `backend="stanza"`). Neither: extraction runs here, serially.

`distributed` is optional (`pip install 'quotetrace[dask]'`): asking for
workers without it raises `DaskUnavailable`.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from .attribution import quotes_in_text
from .errors import BackendUnavailable, QuotetraceError
from .nlp import Backend, load_backend
from .records import Document, Quote

# Documents per Dask task, by backend. Each task costs the calling process
# (which also writes) a few milliseconds of scheduling and transfer: the rules
# backend takes about 3 ms a document, so it gets 64 (the overhead a
# twentieth); stanza takes a second, so small tasks keep both workers busy to
# the end of a batch.
CHUNK_SIZES = {"rules": 64, "stanza": 4}
CHUNK_SIZE = 16  # any other backend
# Tasks queued per worker: keeps workers fed while bounding the documents
# (and their quotes) held in memory to about workers * this * the task size.
TASKS_PER_WORKER = 3
# Allocations (less deallocations) between collections of the collector's
# youngest generation while extraction runs; Python's default is 700.
YOUNG_COLLECTION_EVERY = 5_000
# A local cluster takes a second or two to start (its processes import distributed
# and quotetrace); meanwhile this process extracts the first documents itself.
EXTRACT_WHILE_STARTING = True
# Settings of the local workers. Dask's statistical profiler samples the task's
# stack a hundred times a second and keeps the history for a dashboard that is
# not started here: CPU taken from extraction, and memory (10,000 articles: a
# worker's peak 153 MB with it, 136 MB without).
WORKER_CONFIG = {"distributed": {"worker": {"profile": {"enabled": False}}}}


class DaskUnavailable(BackendUnavailable):
    """`--workers` / `--scheduler` need the optional `distributed` package."""


class ClusterError(QuotetraceError):
    """The Dask cluster could not be started or reached, or lost a task."""


@dataclass(frozen=True)
class Extracted:
    """What extraction made of one document: its quotes, or why it failed."""

    document: Document
    quotes: tuple[Quote, ...] = ()
    error: str | None = None  # "extraction failed (TypeError: ...)"


Extractor = Callable[[Iterable[Document]], Iterator[Extracted]]


def extract_document(document: Document, backend: Backend) -> Extracted:
    """Extract and resolve one document; a failure is returned, not raised,
    so that one bad document never stops a batch."""
    try:
        return Extracted(document, tuple(quotes_in_text(document.text, backend)))
    except Exception as exc:
        return Extracted(document, error=f"extraction failed ({type(exc).__name__}: {exc})")


def extract_chunk(
    documents: list[Document], backend: str, stanza_dir: str | None
) -> list[tuple[tuple[Quote, ...], str | None]]:
    """A Dask task: (quotes, error) per document, in order.

    Without the documents: the caller holds them, and sending every text
    back would double what crosses between processes. The backend is built
    once per worker process (load_backend caches it).
    """
    nlp = load_backend(backend, stanza_dir)
    _set_up_worker_collector_once()
    return [(r.quotes, r.error) for r in (extract_document(d, nlp) for d in documents)]


@cache
def _set_up_worker_collector_once() -> None:
    """Move what the worker holds after start-up out of the collector's sight,
    and collect less often (see `_fewer_collections`).

    A Dask worker carries a big, long-lived heap (distributed, tornado, the
    backend); extraction allocates millions of short-lived objects, and every
    full collection would walk that heap again.
    """
    gc.freeze()
    _collect_less_often()


def _collect_less_often() -> tuple[int, ...]:
    """The young generation collected every YOUNG_COLLECTION_EVERY allocations (or less
    often, if set so); returns the thresholds before."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION_EVERY), *before[1:])
    return before


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often in this process for the block.

    Extraction makes millions of short-lived objects, which reference counting
    frees; at the default threshold (700) the collector ran 2,600 times for
    10,000 articles, its passes over the older generations walking all the
    process holds: about 2 s of a 55 s serial ingest, 0.2 s at this threshold.
    """
    before = _collect_less_often()
    try:
        yield
    finally:
        gc.set_threshold(*before)


def serial_extractor(backend: Backend) -> Extractor:
    def extract(documents: Iterable[Document]) -> Iterator[Extracted]:
        for document in documents:
            yield extract_document(document, backend)

    return extract


@contextmanager
def extraction(
    backend: Backend,
    *,
    stanza_dir: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
) -> Iterator[Extractor]:
    """An extractor for the life of the block: serial, a LocalCluster, or a scheduler.

    Workers build their own backend by name (`backend.name`, so an `auto`
    choice made here holds everywhere) from `stanza_dir`.
    """
    with _fewer_collections(), _extractor(backend, stanza_dir, workers, scheduler, chunk_size) as extract:
        yield extract


@contextmanager
def _extractor(
    backend: Backend, stanza_dir: str | None, workers: int | None, scheduler: str | None, chunk_size: int | None
) -> Iterator[Extractor]:
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers is not None and scheduler is not None:
        raise ValueError("give workers (a local cluster) or scheduler (an existing one), not both")
    if workers is None and scheduler is None:
        yield serial_extractor(backend)
        return
    size = chunk_size or CHUNK_SIZES.get(backend.name, CHUNK_SIZE)
    if scheduler is None and EXTRACT_WHILE_STARTING:
        with _starting_cluster(workers or 1) as starting:

            def extract_meanwhile(documents: Iterable[Document]) -> Iterator[Extracted]:
                iterator = iter(documents)
                # This process extracts until the workers are up, then hands them the rest.
                while not starting.ready():
                    document = next(iterator, None)
                    if document is None:
                        return
                    yield extract_document(document, backend)
                client = starting.client()
                yield from _ordered_map(client, iterator, backend.name, stanza_dir, size, _in_flight(client, workers))

            yield extract_meanwhile
        return
    with _client(workers, scheduler) as client:

        def extract(documents: Iterable[Document]) -> Iterator[Extracted]:
            yield from _ordered_map(client, documents, backend.name, stanza_dir, size, _in_flight(client, workers))

        yield extract


def _in_flight(client: Any, workers: int | None) -> int:
    n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
    return max(2, TASKS_PER_WORKER * n_workers)


def _ordered_map(
    client: Any,
    documents: Iterable[Document],
    backend: str,
    stanza_dir: str | None,
    chunk_size: int,
    in_flight: int,
) -> Iterator[Extracted]:
    """Results in input order with at most `in_flight` tasks queued.

    Waiting on the oldest task first keeps the order; the others keep running
    meanwhile, so a slow document delays only the hand-over, not the workers.
    """
    from distributed import Future

    iterator = iter(documents)
    pending: deque[tuple[Future, list[Document]]] = deque()
    try:
        while True:
            while len(pending) < in_flight and (chunk := list(islice(iterator, chunk_size))):
                future = client.submit(extract_chunk, chunk, backend, stanza_dir, pure=False)
                pending.append((future, chunk))
            if not pending:
                return
            future, chunk = pending.popleft()
            try:
                results = future.result()
            except QuotetraceError:
                raise  # e.g. ModelsNotFound on a worker: the same one-line error as serially
            except Exception as exc:
                raise ClusterError(f"a Dask task failed ({type(exc).__name__}: {exc})") from exc
            for document, (quotes, error) in zip(chunk, results, strict=True):
                yield Extracted(document, quotes, error)
    finally:
        for future, _ in pending:
            future.cancel()


class _StartingCluster:
    """A local cluster being started in a thread of its own, and its client once it is up."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._cluster: Any = None
        self._client: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="quotetrace-cluster-start", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._cluster = _local_cluster(self._workers)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller in client()
            self._error = exc

    def ready(self) -> bool:
        return not self._thread.is_alive()

    def client(self) -> Any:
        """The client of the started cluster (waits for it); why it failed, raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._client is None:
            import distributed

            self._client = distributed.Client(self._cluster)
        return self._client

    def close(self) -> None:
        self._thread.join()  # a cluster half-started cannot be stopped: let it finish, then close it
        try:
            if self._client is not None:
                self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


@contextmanager
def _starting_cluster(workers: int) -> Iterator[_StartingCluster]:
    _distributed()  # a missing package is said at once, before any document is read
    starting = _StartingCluster(workers)
    try:
        yield starting
    finally:
        starting.close()
        _return_freed_memory()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(
            "parallel ingest needs Dask's distributed package: pip install 'quotetrace[dask]'"
        ) from exc
    return distributed


def _local_cluster(workers: int | None) -> Any:
    """A LocalCluster of `workers` single-threaded processes, spawned.

    Never forked: the cluster starts in a thread while this process extracts, and a
    process forked while another thread holds a lock can wait on it forever (a
    10,000-article ingest hung so, its workers idle)."""
    return _new_local_cluster(_distributed(), workers)


def _new_local_cluster(distributed: Any, workers: int | None) -> Any:
    # Worker processes import quotetrace the way this process did, even when it
    # runs from a source tree that is not installed.
    package_root = str(Path(__file__).resolve().parent.parent)
    python_path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    try:
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            env={"PYTHONPATH": python_path},
            config=_worker_config(),
        )
    except (OSError, TimeoutError, RuntimeError) as exc:
        # RuntimeError: a worker process failed to start, e.g. a script calling
        # ingest(workers=N) without the `if __name__ == "__main__":` guard.
        raise ClusterError(f"cannot start a local Dask cluster of {workers} workers: {exc}") from exc


def _worker_config() -> dict[str, Any]:
    """This process's Dask settings with WORKER_CONFIG over them: the whole tree,
    since a nanny lays what it is given over its own settings key by top-level key."""
    import dask.config

    return dask.config.merge(dask.config.config, WORKER_CONFIG)


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    distributed = _distributed()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = _local_cluster(workers)
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()
        _return_freed_memory()


def _return_freed_memory() -> None:
    """Hand the C heap's free pages back to the system, where the C library can (glibc).

    The client's threads received every result: memory they took and this
    thread freed stays in their own heaps, which what comes next (alignment,
    in this thread) never reuses, nor the child alignment forks, which
    inherits the heap. The cluster's objects in reference cycles are
    collected first. 10,000 articles: 258 MB before, 144 MB after; peaks
    while aligning 682 -> 576 MB here, 496 -> 390 MB in the child.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (Windows cannot even open the process)
        return
    gc.collect()
    trim(0)
