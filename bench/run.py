"""`make bench`: quotetrace's throughput, latency and scaling, written to bench/results.md.

Each measurement runs in a child process of its own (`run.py --phase NAME`),
so that its peak memory is its own; this process only collects the JSON they
print and writes the report. Everything is generated from fixed seeds.

    python bench/run.py                 # everything, about 20 minutes on 2 cores (real-news ingest: 14)
    python bench/run.py --stanza-docs 1000   # stanza on the full 1,000 documents (slow)
    python bench/run.py --only align,lookup  # some phases (results.md is not rewritten)
    python bench/run.py --only longdoc       # one long document against the same text as articles
    python bench/run.py --only serve --serve-db my.db   # Datasette under load, on any quotetrace database
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

CACHE = BENCH / ".cache"
RESULTS = BENCH / "results.md"
PALMYRA = ROOT / "data" / "palmyra"
TINY_STANZA = ROOT / "tests" / "fixtures" / "stanza_tiny"
# Generated articles, the second line: 10,000 of them no longer run (the real-news runs
# take most of the budget); 100 and 1,000 serially, 1,000 with 2 workers.
INGEST_SIZES = (100, 1_000)
REAL_ARTICLES = 10_000  # real-news articles per ingest run
REAL_RUNS = 5  # runs of each real-news ingest (serial, 2 workers)
WRITE_STAGE = "write (thread)"  # batches stored by the writer thread, while extraction goes on
ALIGN_SIZES = (2_000, 4_000, 8_000, 16_000, 32_000)
REAL_ALIGN_SIZES = (750, 1_500, 3_000, 6_000)  # distinct quotes of polnear-dev and crossoutlet-dev: about 6,900
BIG_QUOTES = 1_000_000
INCREMENTAL_ARTICLES = 12
# characters of real news in one file (4,000,000 no longer runs by default: the real-news ingest took its time)
LONGDOC_SIZES = (250_000, 500_000, 1_000_000, 2_000_000)
TARGETS = {
    "longdoc_exponent": 1.1,
    "longdoc_ratio": 1.5,
    "ingest_docs_per_s": 300.0,
    "real_workers_docs_per_s": 300.0,
    "real_serial_docs_per_s": 200.0,
    "real_peak_mb": 500.0,
    "real_align_exponent": 1.1,
    "align_exponent": 1.2,
    "lookup_p50_ms": 50.0,
    "incremental_s": 1.0,
    "serve_per_s": 100.0,
    "serve_p99_ms": 1500.0,
    "serve_alone_ms": 50.0,
}
SERVE_ARTICLES = REAL_ARTICLES  # the real-news articles of the ingest phase (same seed): the database served unless --serve-db names one
SERVE_RUNS = 3  # load runs of the default mode (the median is judged, every run listed)
SERVE_CLIENTS = 50
SERVE_SECONDS = 60.0

# ------------------------------------------------------------------ helpers


def peak_mb() -> float:
    """Peak resident memory of this process and of its largest finished child (Dask workers), MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(max(own, children), 1)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y against log x: the growth exponent."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


class Stages:
    """Wall time per pipeline stage, by wrapping the functions the pipeline calls.

    The wrapped names are the ones `quotetrace.pipeline` and `quotetrace.attribution`
    look up at call time, so the measured run is an ordinary `pipeline.ingest`.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()  # batches are written in a thread of their own

    def add(self, stage: str, dt: float) -> None:
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + dt

    def timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - t)

        return wrapper

    def timed_iter(self, stage: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(fn(*args, **kwargs))
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add(stage, time.perf_counter() - t)
                    return
                self.add(stage, time.perf_counter() - t)
                yield item

        return wrapper

    def install(self, backend: Any) -> None:
        from quotetrace import attribution, pipeline, store

        pipeline.read_documents = self.timed_iter("read", pipeline.read_documents)
        backend.analyse = self.timed("nlp", backend.analyse)
        attribution.direct_quotations = self.timed_iter("extract", attribution.direct_quotations)
        attribution.resolve_quotes = self.timed("resolve", attribution.resolve_quotes)
        # in the writer thread, beside extraction: not a share of the wall time
        store.save_documents = self.timed(WRITE_STAGE, store.save_documents)
        # a first ingest builds the quotes' indexes once, after the last batch: storing too
        store._restore_indexes = self.timed("store", store._restore_indexes)
        pipeline.align_database = self.timed("align", pipeline.align_database)


def write_articles(folder: Path, n: int, seed: int) -> tuple[Path, int]:
    from corpus import Generator

    gen = Generator(seed, n_people=max(60, n // 4), n_stories=max(30, n // 5))
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for article in gen.articles(n):
            d = article.document
            chars += len(d.text)
            fh.write(json.dumps({"id": d.name, "text": d.text, "outlet": d.outlet, "published": d.published}) + "\n")
    return folder, chars


# ------------------------------------------------------------------ phases


def phase_machine(args: argparse.Namespace) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for pkg in ("distributed", "stanza", "torch", "sqlite-utils", "rapidfuzz", "datasette"):
        try:
            versions[pkg] = version(pkg)
        except PackageNotFoundError:
            versions[pkg] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": os.getloadavg(),
        "commit": commit,
        "versions": versions,
    }


def write_real_articles(folder: Path, n: int, seed: int) -> tuple[Path, int]:
    """`n` distinct real-news articles (bench/longdoc.py), one .txt file each."""
    import longdoc

    texts = longdoc.sized(n, seed)
    if len(texts) < n:
        raise SystemExit(f"no source articles in {longdoc.SHARED} (polnear-dev, crossoutlet-dev)")
    return longdoc.write_split(folder, texts), sum(len(t) for t in texts)


def phase_ingest(args: argparse.Namespace) -> dict[str, Any]:
    """End to end: `pipeline.ingest` of N articles (generated, or real news) into a new database."""
    from quotetrace import pipeline, store
    from quotetrace.nlp import load_backend

    n, workers = args.n, args.workers
    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-"))
    try:
        write = write_real_articles if args.corpus == "real" else write_articles
        folder, chars = write(tmp / "in", n, seed=n)
        stages = Stages()
        stages.install(load_backend("rules"))
        db_path = tmp / "bench.db"
        db = store.open_db(db_path)
        t = time.perf_counter()
        report = pipeline.ingest([folder], db, workers=workers)
        # as `quotetrace ingest` does: the WAL copied into the file
        store.finish = stages.timed("finish", store.finish)
        store.finish(db)
        seconds = time.perf_counter() - t
        totals = store.stats(db)
        db.close()
        size = db_path.stat().st_size
        if workers:  # extraction ran in the workers: what the main thread did not do
            main_thread = sum(v for k, v in stages.seconds.items() if k != WRITE_STAGE)
            stages.seconds["extract+resolve (workers)"] = seconds - main_thread
        return {
            "corpus": args.corpus,
            "n": n,
            "workers": workers or 0,
            "seconds": seconds,
            "docs_per_s": n / seconds,
            "chars_per_s": chars / seconds,
            "chars_per_doc": chars / n,
            "quotes": totals["quotes"],
            "people": totals["people"],
            "clusters": totals["clusters"],
            "failed": len(report.failed),
            "stages": stages.seconds,
            "alignment": report.alignment.mode if report.alignment else None,
            "db_bytes": size,
            "db_kb_per_1000_quotes": size / 1024 / max(1, totals["quotes"]) * 1000,
            "peak_mb": peak_mb(),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _palmyra_documents(n: int) -> list[Any]:
    from dataclasses import replace

    from quotetrace.documents import read_documents
    from quotetrace.records import Document

    base = [d for d in read_documents([str(PALMYRA)]) if isinstance(d, Document)]
    return [replace(base[i % len(base)], id=f"{i:016x}", name=f"palmyra-{i}") for i in range(n)]


def phase_extract(args: argparse.Namespace) -> dict[str, Any]:
    """Extraction and resolution alone (no database) on the Palmyra texts repeated to N documents."""
    from quotetrace.pipeline import quotes_in

    note = ""
    if args.backend == "stanza":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from quotetrace.models import models_installed, resolve_stanza_dir
        from quotetrace.nlp.stanza_backend import StanzaBackend

        real = resolve_stanza_dir(None)
        folder = real if models_installed(real) else TINY_STANZA
        note = "real English models" if folder == real else f"tiny test models ({TINY_STANZA.relative_to(ROOT)}): real models not installed"
        t = time.perf_counter()
        backend: Any = StanzaBackend(str(folder))
        load_seconds = time.perf_counter() - t
        note += f"; processors {','.join(backend.processors)}; pipeline built in {load_seconds:.1f} s (not counted)"
        import torch

        note += f"; torch threads {torch.get_num_threads()}"
    else:
        from quotetrace.nlp import load_backend

        backend = load_backend("rules")
    docs = _palmyra_documents(args.n)
    quotes_in(docs[0], backend)  # warm up (imports, regex compilation)
    t = time.perf_counter()
    n_quotes = sum(len(quotes_in(d, backend)) for d in docs)
    seconds = time.perf_counter() - t
    chars = sum(len(d.text) for d in docs)
    return {
        "backend": args.backend,
        "n": args.n,
        "seconds": seconds,
        "docs_per_s": args.n / seconds,
        "chars_per_s": chars / seconds,
        "quotes": n_quotes,
        "note": note,
        "peak_mb": peak_mb(),
    }


def phase_profile(args: argparse.Namespace) -> dict[str, Any]:
    """Where rules extraction spends its time (cProfile over the Palmyra texts)."""
    from quotetrace.nlp import load_backend
    from quotetrace.pipeline import quotes_in

    backend = load_backend("rules")
    docs = _palmyra_documents(50)
    quotes_in(docs[0], backend)
    profile = cProfile.Profile()
    profile.enable()
    for d in docs:
        quotes_in(d, backend)
    profile.disable()
    stats = pstats.Stats(profile, stream=io.StringIO())
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (file, line, fn), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "quotetrace" in file:
            rows.append({"where": f"{Path(file).relative_to(ROOT)}:{line} {fn}", "calls": ncalls, "own_s": tottime, "cum_s": cumtime})
    rows.sort(key=lambda r: -r["cum_s"])
    by_own = sorted(rows, key=lambda r: -r["own_s"])
    modules: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        key = str(Path(file).relative_to(ROOT)) if "quotetrace" in file else ("re (regex engine)" if file == "~" else "other")
        modules[key] = modules.get(key, 0.0) + tottime
    return {"docs": len(docs), "total_s": total, "cumulative": rows[:12], "own": by_own[:12], "modules": modules}


def _cached_db(stem: str, parts: list[Path], build: Callable[[Path], object]) -> Path:
    """bench/.cache/<stem>-<digest>.db, built by `build(path)` once per version of the code in `parts`."""
    import hashlib

    digest = hashlib.sha1(b"".join(p.read_bytes() for p in parts)).hexdigest()[:12]
    path = CACHE / f"{stem}-{digest}.db"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        for old in CACHE.glob(f"{stem}-*.db*"):
            old.unlink()
        build(path)
    return path


def _big_db() -> Path:
    """The 1M-quote database, built once per version of the code that makes it."""
    from bigdb import build

    parts = [BENCH / "corpus.py", BENCH / "bigdb.py", ROOT / "quotetrace" / "store.py", *sorted((ROOT / "quotetrace" / "align").glob("*.py")),
             ROOT / "quotetrace" / "incremental.py", ROOT / "quotetrace" / "names.py"]
    return _cached_db(f"big-{BIG_QUOTES}", parts, lambda path: build(path, BIG_QUOTES))


def phase_bigdb(args: argparse.Namespace) -> dict[str, Any]:
    t = time.perf_counter()
    cached = any(CACHE.glob("big-*.db"))
    path = _big_db()
    seconds = time.perf_counter() - t
    conn = sqlite3.connect(path)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "quotes", "people", "clusters", "person_names")}
    conn.close()
    size = path.stat().st_size
    return {
        "path": str(path.relative_to(ROOT)),
        "seconds": seconds,
        "reused": cached and seconds < 5,
        "bytes": size,
        "kb_per_1000_quotes": size / 1024 / counts["quotes"] * 1000,
        "counts": counts,
        "peak_mb": peak_mb(),
    }


def _lookup_queries(conn: sqlite3.Connection) -> list[str]:
    """Names people type: prolific and rare people, full names, surnames, other spellings."""
    import random

    rng = random.Random(3)
    by_quotes = [r[0] for r in conn.execute("SELECT name FROM people ORDER BY n_quotes DESC, id")]
    top, rest = by_quotes[:200], by_quotes[200:]
    full = rng.sample(top, 8) + rng.sample(rest, 8)
    surnames = [n.split()[-1] for n in rng.sample(by_quotes, 6)]
    from corpus import _spelling_variant

    variants = [_spelling_variant(n, rng) for n in rng.sample(by_quotes, 6)]
    return full + surnames + variants + ["Nobody Atall", "Zzyzx"]


def phase_lookup(args: argparse.Namespace) -> dict[str, Any]:
    """Speaker lookup (quotetrace speaker / lookup.find_people + quotes_of) and canned queries at 1M quotes."""
    from quotetrace import incremental, store
    from quotetrace.datasette import prepare_connection
    from quotetrace.lookup import MATCH_THRESHOLD, find_people, quotes_of, spelling_score

    path = _big_db()
    db = store.open_db(path)
    queries = _lookup_queries(db.conn)
    find_ms, quotes_ms, total_ms, n_rows = [], [], [], []
    found: dict[str, set[str]] = {}
    for q in queries:
        t0 = time.perf_counter()
        matches = find_people(db, q)
        found[q] = {m.id for m in matches}
        t1 = time.perf_counter()
        rows = quotes_of(db, matches)
        t2 = time.perf_counter()
        find_ms.append((t1 - t0) * 1000)
        quotes_ms.append((t2 - t1) * 1000)
        total_ms.append((t2 - t0) * 1000)
        n_rows.append(len(rows))

    # The same lookup with candidates found through the name-key index first
    # (incremental.people_named), then scored exactly as lookup.find_people does.
    indexed_ms, same = [], 0
    for q in queries:
        t0 = time.perf_counter()
        ids = incremental.people_named(db, q)
        hits = {
            r["id"]
            for r in store.people_rows(db, ids)
            if max(spelling_score(q, s) for s in [r["name"], *r["spellings"]]) >= MATCH_THRESHOLD
        }
        indexed_ms.append((time.perf_counter() - t0) * 1000)
        same += hits == found[q]

    # canned queries from datasette-metadata.json, with Datasette's SQL functions
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    prepare_connection(conn)
    try:
        from datasette.utils import escape_fts

        conn.create_function("escape_fts", 1, escape_fts)
    except ImportError:
        pass
    meta_path = ROOT / "datasette-metadata.json"
    canned: dict[str, Any] = {}
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        found = {}
        for dbmeta in meta.get("databases", {}).values():
            found.update(dbmeta.get("queries", {}))
        sample = {
            "name": [queries[0], queries[16], queries[-3]],
            "cluster_id": [r[0] for r in conn.execute("SELECT id FROM clusters ORDER BY n_variants DESC LIMIT 2")] + [""],
            "q": ["water network", "ceasefire fragile", "teachers"],
            "text": ["the water network is fragile", "we will reopen the crossing", "teachers have not been paid"],
            "outlet": ["Wire", "Times", "Gazette"],
            "quote_id": [r[0] for r in conn.execute("SELECT id FROM quotes LIMIT 3 OFFSET 500000")],
        }
        for name, q in found.items():
            sql = q["sql"] if isinstance(q, dict) else q
            params = q.get("params", []) if isinstance(q, dict) else []
            times, rows, error = [], 0, None
            for i in range(5):
                if times and times[0] > 2000:
                    break  # slow: once is enough to say so
                values = {p: sample.get(p, ["", "", ""])[i % 3] for p in params}
                t = time.perf_counter()
                try:
                    rows = len(conn.execute(sql, values).fetchmany(1001))  # Datasette shows up to 1,000 rows
                except sqlite3.Error as exc:
                    error = str(exc)
                    break
                times.append((time.perf_counter() - t) * 1000)
            canned[name] = {
                "params": params,
                "p50_ms": percentile(times, 0.5) if times else None,
                "p95_ms": percentile(times, 0.95) if times else None,
                "rows": rows,
                "error": error,
            }
    conn.close()
    db.close()
    return {
        "queries": len(queries),
        "find_p50_ms": percentile(find_ms, 0.5),
        "find_p95_ms": percentile(find_ms, 0.95),
        "quotes_p50_ms": percentile(quotes_ms, 0.5),
        "quotes_p95_ms": percentile(quotes_ms, 0.95),
        "total_p50_ms": percentile(total_ms, 0.5),
        "total_p95_ms": percentile(total_ms, 0.95),
        "rows_p50": percentile([float(x) for x in n_rows], 0.5),
        "rows_max": max(n_rows),
        "indexed_p50_ms": percentile(indexed_ms, 0.5),
        "indexed_p95_ms": percentile(indexed_ms, 0.95),
        "indexed_same_people": same,
        "canned": canned,
        "peak_mb": peak_mb(),
    }


def phase_align(args: argparse.Namespace) -> dict[str, Any]:
    """align() alone on generated quotes: time against corpus size."""
    from corpus import Generator

    from quotetrace import store
    from quotetrace.records import SPEAKER_PERSON, StoredQuote

    gen = Generator(5, n_people=3_000, n_stories=6_000, padding=False)
    quotes: list[StoredQuote] = []
    i = 0
    while len(quotes) < max(ALIGN_SIZES):
        article = gen.article(i)
        i += 1
        d = article.document
        for q in article.quotes:
            quotes.append(
                StoredQuote(store.quote_id(d.id, q.start, q.end), d.id, d.name, d.outlet, d.published, q.start, q.text,
                            "partial" if q.partial else "full", q.speaker, q.written, SPEAKER_PERSON, None, None, None)
            )
    runs = _align_runs(quotes, ALIGN_SIZES)
    return {
        "runs": runs,
        "exponent": slope([r["quotes"] for r in runs], [r["seconds"] for r in runs]),
        "peak_mb": peak_mb(),
    }


ALIGN_REPEATS = 3  # each size timed this many times; the median is the figure


def _cold_alignment() -> None:
    """Empty alignment's memoised text analyses, so that each run pays for them as a new
    ingest does (left full, a larger size would reuse a smaller one's and grow more slowly)."""
    import quotetrace.align as aligning

    for module in (getattr(aligning, name) for name in ("similarity", "clustering", "people", "common")):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _align_runs(quotes: list[Any], sizes: Sequence[int]) -> list[dict[str, Any]]:
    """align() alone on the first n quotes for each size: time (median of ALIGN_REPEATS runs,
    each from cold caches) and candidate pairs."""
    from quotetrace.align import AlignStats, align

    runs = []
    for n in sizes:
        times = []
        for _ in range(ALIGN_REPEATS):
            _cold_alignment()
            stats = AlignStats()
            t = time.perf_counter()
            result = align(quotes[:n], stats=stats)
            times.append(time.perf_counter() - t)
        seconds = statistics.median(times)
        runs.append({
            "quotes": n,
            "seconds": seconds,
            "all_seconds": times,
            "pairs": stats.n_candidate_pairs,
            "pairs_per_s": stats.n_candidate_pairs / seconds,
            "pairs_per_quote": stats.n_candidate_pairs / n,
            "clusters": len(result.clusters),
            "people": len(result.people),
        })
    return runs


def phase_align_real(args: argparse.Namespace) -> dict[str, Any]:
    """align() alone on the distinct quotes of real news: time against the number of quotes.

    The source articles of bench/longdoc.py, each once as written, are extracted and stored
    (no alignment), then every quote text is kept once: the recombined articles of the
    ingest runs repeat the same paragraphs, and copies of one quote would only measure
    how fast identical texts cluster."""
    import longdoc

    from quotetrace import pipeline, store
    from quotetrace.align import align

    sources = longdoc.source_articles()
    if not sources:
        return {"error": f"no source articles in {longdoc.SHARED} (polnear-dev, crossoutlet-dev)"}
    texts = [t for t, _ in zip(longdoc.articles(), sources, strict=False)]
    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-align-"))
    try:
        db = store.open_db(tmp / "real.db")
        pipeline.ingest([longdoc.write_split(tmp / "in", texts)], db, align=False)
        distinct: dict[str, Any] = {}
        for q in store.load_quotes_for_alignment(db):
            distinct.setdefault(" ".join(q.text.split()).lower(), q)
        db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    quotes = list(distinct.values())
    sizes = [n for n in REAL_ALIGN_SIZES if n <= len(quotes)]
    align(quotes[:200])  # warm up (imports, caches): the smallest size would pay for them
    runs = _align_runs(quotes, sizes)
    return {
        "articles": len(texts),
        "distinct_quotes": len(quotes),
        "runs": runs,
        "exponent": slope([r["quotes"] for r in runs], [r["seconds"] for r in runs]),
        "peak_mb": peak_mb(),
    }


def phase_incremental(args: argparse.Namespace) -> dict[str, Any]:
    """`pipeline.ingest` of one full-length article at a time into a copy of the 1M-quote database."""
    import random

    import bigdb

    from quotetrace import pipeline, store

    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-inc-"))
    try:
        work = tmp / "big.db"
        shutil.copy(_big_db(), work)
        db = store.open_db(work)
        gen = bigdb.generator(11, padding=True)
        rng = random.Random(12)
        runs = []
        for k in range(INCREMENTAL_ARTICLES):
            # stories as the corpus picks them (Zipf), so popular people and statements come up
            story = rng.choices(range(bigdb.STORIES), cum_weights=gen.story_weights)[0]
            article = gen.article(50_000_000 + k, story=story)
            folder = tmp / f"a{k}"
            folder.mkdir()
            d = article.document
            (folder / "one.jsonl").write_text(
                json.dumps({"id": f"incremental-{k}", "text": d.text, "outlet": d.outlet, "published": d.published}) + "\n"
            )
            t = time.perf_counter()
            report = pipeline.ingest([folder], db)
            seconds = time.perf_counter() - t
            a = report.alignment
            runs.append({
                "story": story,
                "seconds": seconds,
                "align_seconds": a.seconds if a else None,
                "mode": a.mode if a else None,
                "new_quotes": a.new_quotes if a else 0,
                "loaded_quotes": a.loaded_quotes if a else 0,
                "people": a.people if a else 0,
                "clusters": a.clusters if a else 0,
            })
        db.close()
        secs = [r["seconds"] for r in runs]
        return {
            "runs": runs,
            "p50_s": percentile(secs, 0.5),
            "p90_s": percentile(secs, 0.9),
            "max_s": max(secs),
            "under_1s": sum(s < 1.0 for s in secs),
            "peak_mb": peak_mb(),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def phase_longdoc(args: argparse.Namespace) -> dict[str, Any]:
    """`pipeline.ingest` of real news text of `--n` characters, as one file (`--mode long`)
    or as the articles it joins (`--mode split`), into a new database."""
    import longdoc

    from quotetrace import pipeline, store

    texts = longdoc.take(args.n)
    if not texts:
        return {"error": f"no source articles in {longdoc.SHARED} (polnear-dev, crossoutlet-dev)"}
    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-long-"))
    try:
        path = longdoc.write_long(tmp / "in", texts) if args.mode == "long" else longdoc.write_split(tmp / "in", texts)
        chars = sum(len(t) for t in texts)
        db = store.open_db(tmp / "bench.db")
        t = time.perf_counter()
        report = pipeline.ingest([path], db)
        store.finish(db)
        seconds = time.perf_counter() - t
        totals = store.stats(db)
        db.close()
        return {
            "mode": args.mode,
            "chars": chars,
            "articles": len(texts),
            "seconds": seconds,
            "chars_per_s": chars / seconds,
            "quotes": totals["quotes"],
            "failed": len(report.failed),
            "peak_mb": peak_mb(),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _serve_db() -> Path:
    """The real-news articles of the ingest phase (`write_real_articles`), 10,000 of them, ingested once per version of the code."""

    def build(path: Path) -> None:
        from quotetrace import pipeline, store

        tmp = Path(tempfile.mkdtemp(prefix="qt-bench-serve-"))
        try:
            folder, _ = write_real_articles(tmp / "in", SERVE_ARTICLES, seed=SERVE_ARTICLES)
            db = store.open_db(tmp / "serve.db")
            pipeline.ingest([folder], db, workers=2)
            store.finish(db)
            db.close()
            shutil.move(tmp / "serve.db", path)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # what ingest runs (not serving: serve.py, cli.py, the Datasette plugin)
    parts = [BENCH / "longdoc.py", *sorted((ROOT / "quotetrace").rglob("*.py"))]
    parts = [p for p in parts if "datasette" not in p.parts and p.name not in ("serve.py", "cli.py")]
    return _cached_db(f"serve-real-{SERVE_ARTICLES}", parts, build)


def phase_serve(args: argparse.Namespace) -> dict[str, Any]:
    """`quotetrace serve` under 50 concurrent readers, and each page alone (bench/serveload.py).

    Serves a copy of the database (`--serve-db`, else 10,000 real-news articles),
    so that serving's upgrade of the file (indexes, WAL) never touches the original.
    """
    import serveload

    source = Path(args.serve_db) if args.serve_db else _serve_db()
    tmp = Path(tempfile.mkdtemp(prefix="qt-bench-serve-"))
    try:
        db = tmp / source.name
        shutil.copy(source, db)
        counts = {}
        with sqlite3.connect(db) as conn:
            for table in ("documents", "quotes", "people", "clusters"):
                counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        serve_args = ("--immutable",) if args.mode == "immutable" else ()
        result = serveload.measure(db, clients=args.clients, seconds=args.seconds, serve_args=serve_args)
        corpus = "file" if args.serve_db else "real-news"
        return {"mode": args.mode, "source": str(source), "corpus": corpus, "counts": counts, **result}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


PHASES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "machine": phase_machine,
    "ingest": phase_ingest,
    "extract": phase_extract,
    "profile": phase_profile,
    "bigdb": phase_bigdb,
    "lookup": phase_lookup,
    "align": phase_align,
    "align_real": phase_align_real,
    "incremental": phase_incremental,
    "longdoc": phase_longdoc,
    "serve": phase_serve,
}


# ------------------------------------------------------------------ driver


def child(phase: str, *extra: str, timeout: float = 1800) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, *extra]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    print(f"  {phase} {' '.join(extra)} ...", end="", flush=True, file=sys.stderr)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    print(f" {time.perf_counter() - t:.0f} s", file=sys.stderr)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1], "stderr": proc.stderr[-3000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def real_ingest_runs() -> list[dict[str, Any]] | dict[str, Any]:
    """Real-news ingest, serial and with 2 workers in turn, REAL_RUNS times each (the
    report gives the median and lists every run); skipped without ../shared."""
    import longdoc

    if not longdoc.article_sizes() or not longdoc.source_articles():
        print(f"  real-news ingest skipped: no polnear-dev / crossoutlet-dev in {longdoc.SHARED}", file=sys.stderr)
        return {"error": f"skipped: no source articles in {longdoc.SHARED} (polnear-dev, crossoutlet-dev)"}
    runs = []
    for _ in range(REAL_RUNS):
        # in turn, so that a slow spell of the shared machine falls on both
        runs.append(child("ingest", "--corpus", "real", "--n", str(REAL_ARTICLES)))
        runs.append(child("ingest", "--corpus", "real", "--n", str(REAL_ARTICLES), "--workers", "2"))
    return runs


def longdoc_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Growth exponent of the one-file ingest, and its time over the split ingest's at each size."""
    failed = [x for x in runs if "error" in x]
    if failed:
        return {"error": failed[0]["error"], "runs": runs}
    long = [x for x in runs if x["mode"] == "long"]
    split = {x["chars"]: x for x in runs if x["mode"] == "split"}
    for x in long:
        x["ratio"] = x["seconds"] / split[x["chars"]]["seconds"]
    return {
        "runs": runs,
        "exponent": slope([x["chars"] for x in long], [x["seconds"] for x in long]),
        "split_exponent": slope([x["chars"] for x in split.values()], [x["seconds"] for x in split.values()]),
        "max_ratio": max(x["ratio"] for x in long),
    }


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    only = set(args.only.split(",")) if args.only else None

    def want(name: str) -> bool:
        return only is None or name in only

    results: dict[str, Any] = {"started": time.time()}
    results["machine"] = child("machine")
    if want("ingest"):
        results["ingest_real"] = real_ingest_runs()
        # Generated articles: the second line, each size once.
        results["ingest"] = [child("ingest", "--n", str(n)) for n in INGEST_SIZES[:2]]
        results["ingest"] += [child("ingest", "--n", str(n), "--workers", "2") for n in INGEST_SIZES[1:]]
    if want("extract"):
        results["extract"] = [
            child("extract", "--backend", "rules", "--n", "1000"),
            child("extract", "--backend", "stanza", "--n", str(args.stanza_docs)),
        ]
        results["profile"] = child("profile")
    if want("align"):
        results["align_real"] = child("align_real")
        results["align"] = child("align")
    if want("bigdb") or want("lookup") or want("incremental"):
        results["bigdb"] = child("bigdb")
    if want("lookup"):
        results["lookup"] = child("lookup")
    if want("incremental"):
        results["incremental"] = child("incremental")
    if want("longdoc"):
        results["longdoc"] = longdoc_summary(
            [child("longdoc", "--n", str(n), "--mode", mode) for n in LONGDOC_SIZES for mode in ("long", "split")]
        )
    if want("serve"):
        extra = ("--serve-db", args.serve_db) if args.serve_db else ()
        load = ("--clients", str(args.clients), "--seconds", str(args.seconds), *extra)
        results["serve"] = [child("serve", "--mode", "default", *load) for _ in range(SERVE_RUNS)]
        results["serve"].append(child("serve", "--mode", "immutable", *load))
    results["seconds"] = time.time() - results.pop("started")
    results["machine_after"] = {"load_average": os.getloadavg()}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--mode", choices=("long", "split", "default", "immutable"), default="long")
    parser.add_argument("--corpus", choices=("real", "synthetic"), default="synthetic", help="articles of the ingest phase")
    parser.add_argument("--serve-db", help="database for the serve phase (default: 10,000 real-news articles)")
    parser.add_argument("--clients", type=int, default=SERVE_CLIENTS, help="concurrent readers in the serve phase")
    parser.add_argument("--seconds", type=float, default=SERVE_SECONDS, help="length of each serve load run")
    parser.add_argument("--stanza-docs", type=int, default=50, help="documents for the stanza measurement (default 50)")
    parser.add_argument("--only", help="comma-separated phases: ingest,extract,align,lookup,incremental,longdoc,serve")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--render", type=Path, help="only rewrite results.md from the JSON of an earlier run")
    args = parser.parse_args()
    if args.render:
        from report import render

        RESULTS.write_text(render(json.loads(args.render.read_text()), TARGETS), encoding="utf-8")
        return
    if args.phase:
        print(json.dumps(PHASES[args.phase](args), default=str))
        return
    print(f"quotetrace benchmark ({'all phases' if not args.only else args.only}); progress on stderr", file=sys.stderr)
    results = run_all(args)
    from report import render

    text = render(results, TARGETS)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    if not args.only:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    (CACHE / "last.json").parent.mkdir(exist_ok=True)
    (CACHE / "last.json").write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
