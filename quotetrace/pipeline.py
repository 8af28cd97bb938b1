"""Ingest: read → extract → resolve → store → align, for a batch of inputs.

The CLI's `ingest` command is a thin wrapper over `ingest()`. Every stage is a
module of its own; this one only composes them and keeps the batch going past
bad input.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from . import store
from .attribution import quotes_in_text
from .documents import Skipped, find_inputs, read_documents
from .errors import InputError, QuotetraceError
from .nlp import Backend, load_backend
from .records import STATEMENT_KINDS, Document, Quote

if TYPE_CHECKING:
    from .incremental import AlignReport
    from .parallel import Extracted

BATCH = 200  # documents per write transaction
WRITES_AHEAD = 2  # batches extracted while one is written: bounds what waits in memory


@dataclass
class IngestReport:
    new: int = 0
    unchanged: int = 0
    failed: list[InputError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files in folders not read (format)
    quotes_added: int = 0
    statements_added: int = 0  # of quotes_added, those of a statement kind
    backend: str = "rules"
    backend_note: str | None = None  # e.g. why auto fell back to rules
    totals: dict[str, int] = field(default_factory=dict)
    alignment: AlignReport | None = None  # how the alignment was brought up to date
    alignment_error: str | None = None  # why aligning failed (the documents are stored)

    @property
    def ok(self) -> bool:
        return not self.failed and self.alignment_error is None


def quotes_in(document: Document, backend: Backend) -> list[Quote]:
    """Extract and resolve the quotes of one document."""
    return quotes_in_text(document.text, backend)


def choose_backend(name: str, stanza_dir: str | None = None) -> tuple[Backend, str | None]:
    """The backend to use and, for `auto`, a note saying which one and why."""
    backend = load_backend(name, stanza_dir)
    note = None
    if name == "auto":
        if backend.name == "stanza":
            note = "auto: using stanza (English models found)"
        else:
            note = "auto: stanza models not installed, using the rules backend (quotetrace models download)"
    return backend, note


def _new_documents(
    items: Iterable[Document | InputError],
    db: sqlite_utils.Database,
    report: IngestReport,
    on_error: Callable[[InputError], None],
    on_document: Callable[[Document], None],
) -> Iterator[Document]:
    """The documents to extract: read errors reported, stored content skipped."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(item)
            on_error(item)
            continue
        on_document(item)
        if item.id in seen or store.document_exists(db, item.id):
            # Same content already stored: nothing to do (idempotent re-ingest).
            report.unchanged += 1
            seen.add(item.id)
            continue
        seen.add(item.id)
        yield item


def ingest(
    paths: Sequence[str | Path],
    db: sqlite_utils.Database,
    *,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    manifest: str | Path | None = None,
    backend: str = "rules",
    stanza_dir: str | None = None,
    align: bool = True,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_document: Callable[[Document], None] = lambda d: None,
    on_skip: Callable[[Skipped], None] = lambda s: None,
    workers: int | None = None,
    scheduler: str | None = None,
    realign: bool = False,
) -> IngestReport:
    """Read, extract, resolve and store every input, then align the whole database.

    Bad inputs are reported through `on_error` and in the report; the rest of the
    batch is stored. Files in folders whose format is not read go to `on_skip`.
    Documents are written whole, one transaction per batch.

    Extraction runs here by default; `workers=N` runs it on a local Dask cluster
    of N processes, `scheduler="tcp://host:port"` on a running Dask cluster
    (see `parallel`). This process alone writes, in input order, so the
    database is the same either way.

    Alignment covers the documents not aligned yet, incrementally when they
    are a small part of the database (see `incremental`); `realign=True`
    aligns the whole database again.
    """
    from .parallel import extraction

    nlp, note = choose_backend(backend, stanza_dir)
    report = IngestReport(backend=nlp.name, backend_note=note)

    def skip(item: Skipped) -> None:
        report.skipped.append(item)
        on_skip(item)

    items = read_documents(
        [str(p) for p in paths], outlet=outlet, published=published, title=title, url=url, manifest=manifest,
        on_skip=skip,
    )
    documents = _new_documents(items, db, report, on_error, on_document)
    # A first alignment builds the quotes' indexes as it goes, at less cost than before it
    with store.quote_indexes_deferred(db):
        with extraction(nlp, stanza_dir=stanza_dir, workers=workers, scheduler=scheduler) as extract:
            _store_extracted(db, extract(documents), report, on_error)
        if align:
            report.alignment, report.alignment_error = _align_stored(db, realign)
    report.totals = {**store.stats(db), "statements": store.count_quotes(db, STATEMENT_KINDS)}
    return report


def _store_extracted(
    db: sqlite_utils.Database,
    records: Iterable[Extracted],
    report: IngestReport,
    on_error: Callable[[InputError], None],
) -> None:
    """Store what extraction made, a batch per transaction; its failures reported."""
    batch: list[tuple[Document, Sequence[Quote]]] = []
    with _batch_writer(db, report, on_error) as write:
        for record in records:
            if record.error is not None:
                err = InputError(record.document.path or record.document.name, record.error)
                report.failed.append(err)
                on_error(err)
                continue
            report.quotes_added += len(record.quotes)
            report.statements_added += sum(q.kind in STATEMENT_KINDS for q in record.quotes)
            batch.append((record.document, record.quotes))
            if len(batch) >= BATCH:
                write(batch)
                batch = []
        if batch:
            write(batch)


@contextmanager
def _batch_writer(
    db: sqlite_utils.Database,
    report: IngestReport,
    on_error: Callable[[InputError], None],
) -> Iterator[Callable[[list[tuple[Document, Sequence[Quote]]]], None]]:
    """A function that stores a batch: in a thread of its own where the database allows.

    SQLite lets other threads run while it writes (inserts, the full-text
    index: most of a batch's cost), so extraction goes on meanwhile. The
    thread writes through a connection of its own, batches in order; every
    batch given is stored before the block ends, however it ends, and a
    failure there is raised here.
    """
    writer_db = store.open_writer(db)
    if writer_db is None:

        def save_here(batch: list[tuple[Document, Sequence[Quote]]]) -> None:
            report.new += _save(db, batch, report, on_error)

        yield save_here
        return
    batches: queue.Queue[list[tuple[Document, Sequence[Quote]]] | None] = queue.Queue(maxsize=WRITES_AHEAD)
    failure: list[BaseException] = []

    def write_all() -> None:
        while (batch := batches.get()) is not None:
            if failure:
                continue  # drain: the caller raises the first failure
            try:
                report.new += _save(writer_db, batch, report, on_error)
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread
                failure.append(exc)

    thread = threading.Thread(target=write_all, name="quotetrace-writer", daemon=True)
    thread.start()

    def save_in_thread(batch: list[tuple[Document, Sequence[Quote]]]) -> None:
        if failure:
            raise failure[0]
        batches.put(batch)

    try:
        yield save_in_thread
    finally:
        batches.put(None)
        thread.join()
        writer_db.conn.close()
    if failure:
        raise failure[0]


def _align_stored(db: sqlite_utils.Database, full: bool) -> tuple[AlignReport | None, str | None]:
    """Align what is stored; a failure is returned as a reason, never raised.

    The documents are committed before alignment starts and the alignment is
    written in one transaction with its watermark, so a failed alignment
    leaves them stored and pending: the next ingest (or `realign`) aligns
    them. Whatever went wrong (MemoryError included) must not stop that.
    """
    try:
        return align_database(db, full=full), None
    except Exception as exc:  # noqa: BLE001 - any failure here leaves a consistent database
        detail = str(exc).strip().splitlines()
        reason = type(exc).__name__ + (f": {detail[0]}" if detail else "")
    # Outside the handler, the traceback and everything alignment held are
    # freed: a rollback that ran out of memory in there can run now.
    if db.conn.in_transaction:
        db.conn.rollback()
    return None, (
        f"alignment failed ({reason}); the documents are stored and the next ingest aligns them "
        "(or run the same ingest again with --realign)"
    )


def _save(
    db: sqlite_utils.Database,
    batch: list[tuple[Document, Sequence[Quote]]],
    report: IngestReport,
    on_error: Callable[[InputError], None],
) -> int:
    """Store a batch; a document the store refuses is reported and the others kept.

    Every document in a batch is new (stored ones were skipped before extraction),
    so what is stored afterwards is what was added.
    """
    try:
        new, _ = store.save_documents(db, batch)
        return new
    except QuotetraceError:
        for document, quotes in batch:
            if store.document_exists(db, document.id):
                continue
            try:
                store.save_document(db, document, quotes)
            except QuotetraceError as exc:
                err = InputError(document.path or document.name, f"not stored ({exc})")
                report.failed.append(err)
                on_error(err)
        return sum(store.document_exists(db, d.id) for d, _ in batch)


def align_database(db: sqlite_utils.Database, *, full: bool = False) -> AlignReport:
    """Bring statement clusters and people up to date with every stored document.

    Only the documents stored since the last alignment are aligned, and only
    against what they touch, unless `full` (or they are a large share of the
    database): then everything is aligned again. Crash-safe either way.
    """
    from .incremental import align_all, align_new

    return align_all(db) if full else align_new(db)


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many files `ingest` will read (for a progress bar)."""
    return len(find_inputs([str(p) for p in paths]))
