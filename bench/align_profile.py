"""`align()` alone on a large realistic input: time per stage, cProfile, and an equivalence check.

Inputs (cached as pickles under /tmp, so every run compares the same quotes):

- `pipeline`: articles from `corpus.Generator` through the real ingest
  (rules extraction and resolution, no alignment), read back with
  `store.load_quotes_for_alignment`, as `align_all` reads them;
- `truth`: the generator's own quote spans, as `run.py --only align` builds them;
- `unicode`: the `pipeline` quotes with typographic apostrophes and accents put
  into some of them (the generator writes ASCII only), for the folding paths;
- `real`: the real articles in the repository (Palmyra, the dev and holdout
  corpora) through the real ingest: a few hundred quotes, real punctuation.

    python bench/align_profile.py --input pipeline --docs 3000 --dump /tmp/before.json
    python bench/align_profile.py --input pipeline --docs 3000 --compare /tmp/before.json
    python bench/align_profile.py --input pipeline --docs 3000 --profile

A dump holds the canonical alignment of every quote, and of an incremental run
(`existing=` the alignment of the first 80%), so both paths are checked.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import pickle
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

from quotetrace import align as align_module  # noqa: E402
from quotetrace.align import clustering, people, similarity  # noqa: E402

ALIGN_PARTS = (clustering, people, similarity)
from quotetrace.records import Alignment, StoredQuote  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "quotetrace-align-bench"
# the stages of the version at hand: before _Edges, candidates and scoring were two functions
STAGES = ("_build_people", "_prepare", "_blocks", "_candidates", "_scored_edges", "_Edges.scored", "_link",
          "_build_cluster")
TOLERANCE = 1e-6


# ------------------------------------------------------------------ inputs


def ingested(paths: Sequence[Path]) -> list[StoredQuote]:
    """The quotes of these inputs after the real ingest (no alignment), read back as `align_all` reads them."""
    from quotetrace import pipeline, store

    tmp = Path(tempfile.mkdtemp(prefix="qt-align-bench-"))
    try:
        db = store.open_db(tmp / "bench.db")
        pipeline.ingest(list(paths), db, align=False)
        quotes = store.load_quotes_for_alignment(db)
        db.close()
        return quotes
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def pipeline_quotes(n_docs: int, seed: int) -> list[StoredQuote]:
    """Quotes of `n_docs` generated articles after the real extraction and resolution."""
    from run import write_articles

    with tempfile.TemporaryDirectory(prefix="qt-align-articles-") as tmp:
        folder, _ = write_articles(Path(tmp) / "in", n_docs, seed=seed)
        return ingested([folder])


def truth_quotes(n_quotes: int, seed: int) -> list[StoredQuote]:
    """The generator's true quote spans, as `run.py`'s align phase builds them."""
    from corpus import Generator

    from quotetrace import store
    from quotetrace.records import SPEAKER_PERSON

    gen = Generator(seed, n_people=3_000, n_stories=6_000, padding=False)
    quotes: list[StoredQuote] = []
    i = 0
    while len(quotes) < n_quotes:
        article = gen.article(i)
        i += 1
        d = article.document
        for q in article.quotes:
            quotes.append(
                StoredQuote(store.quote_id(d.id, q.start, q.end), d.id, d.name, d.outlet, d.published, q.start, q.text,
                            "partial" if q.partial else "full", q.speaker, q.written, SPEAKER_PERSON, None, None, None)
            )
    return quotes[:n_quotes]


REAL = ("data/palmyra", "tests/devcorpus", "tests/holdout", "tests/holdout2")


def real_quotes() -> list[StoredQuote]:
    return ingested([ROOT / p for p in REAL])


def unicode_quotes(n_docs: int, seed: int) -> list[StoredQuote]:
    """Pipeline quotes, some with curly apostrophes and quotes, accents and a backtick."""
    out = []
    for i, q in enumerate(load_input("pipeline", n_docs, seed)):
        text = q.text
        if i % 3 == 0:
            text = text.replace("'", "’")
        if i % 5 == 0:
            text = text.replace("e ", "é ").replace("A", "Å")
        if i % 7 == 0:
            text = "‘" + text.replace("it", "ìt") + "`"
        out.append(dataclasses.replace(q, text=text))
    return out


def load_input(kind: str, size: int, seed: int) -> list[StoredQuote]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{kind}-{size}-{seed}.pickle"
    if path.exists():
        with open(path, "rb") as fh:
            quotes: list[StoredQuote] = pickle.load(fh)
        return quotes
    makers: dict[str, Callable[[], list[StoredQuote]]] = {
        "pipeline": lambda: pipeline_quotes(size, seed),
        "truth": lambda: truth_quotes(size, seed),
        "unicode": lambda: unicode_quotes(size, seed),
        "real": real_quotes,
    }
    quotes = makers[kind]()
    with open(path, "wb") as fh:
        pickle.dump(quotes, fh)
    return quotes


# ------------------------------------------------------------------ canonical form


def canonical(result: Alignment) -> dict[str, Any]:
    return {
        "people": sorted((dataclasses.asdict(p) for p in result.people), key=lambda p: p["id"]),
        "person_of_quote": dict(sorted(result.person_of_quote.items())),
        "clusters": sorted((dataclasses.asdict(c) for c in result.clusters), key=lambda c: c["id"]),
        "variants": sorted(
            (dataclasses.asdict(v) for v in result.variants), key=lambda v: (v["cluster_id"], v["quote_id"])
        ),
    }


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two canonical dumps differ; floats within TOLERANCE are equal."""
    if isinstance(a, float) or isinstance(b, float):
        ok = isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) <= TOLERANCE
        return [] if ok else [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys differ: {sorted(a.keys() ^ b.keys())[:5]}"]
        return [d for k in a for d in differences(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)} items"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


# ------------------------------------------------------------------ timing


def clear_caches() -> None:
    """Every memo in align.py, so each run starts cold as a new process would."""
    for module in (align_module, *ALIGN_PARTS):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


class StageTimer:
    """Wraps align.py's stage functions (module globals, or "Class.method") to time them."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.saved: list[tuple[Any, str, Callable[..., Any]]] = []

    def __enter__(self) -> StageTimer:
        for name in STAGES:
            *outer, attr = name.split(".")
            owner: Any = next((m for m in (align_module, *ALIGN_PARTS) if hasattr(m, outer[0] if outer else attr)), align_module)
            for part in outer:
                owner = getattr(owner, part, None)
            fn = getattr(owner, attr, None)
            if fn is None:
                continue  # a stage this version of align.py does not have
            self.saved.append((owner, attr, fn))
            setattr(owner, attr, self._timed(name, fn))
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, attr, fn in self.saved:
            setattr(owner, attr, fn)

    def _timed(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t

        return wrapper


def dump(quotes: Sequence[StoredQuote]) -> dict[str, Any]:
    """Canonical full alignment, and the incremental one over the first 80% as `existing`."""
    clear_caches()
    full_stats, inc_stats = align_module.AlignStats(), align_module.AlignStats()
    out = {"full": canonical(align_module.align(quotes, stats=full_stats))}
    base = align_module.align(quotes[: int(len(quotes) * 0.8)])
    out["incremental"] = canonical(align_module.align(quotes, existing=base, stats=inc_stats))
    out["stats"] = {"full": dataclasses.asdict(full_stats), "incremental": dataclasses.asdict(inc_stats)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=("pipeline", "truth", "unicode", "real"), default="pipeline")
    parser.add_argument("--docs", type=int, default=3000, help="pipeline: generated articles")
    parser.add_argument("--quotes", type=int, default=16000, help="truth: quotes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", help="write the canonical alignment (full and incremental) here")
    parser.add_argument("--compare", help="compare with a dump written by --dump")
    parser.add_argument("--profile", action="store_true", help="cProfile one full run; print the top functions")
    parser.add_argument("--repeat", type=int, default=3, help="timed full runs (best is reported)")
    args = parser.parse_args()

    size = args.quotes if args.input == "truth" else args.docs
    t = time.perf_counter()
    quotes = load_input(args.input, size, args.seed)
    print(f"input {args.input}: {len(quotes)} quotes ({time.perf_counter() - t:.1f} s to load)")

    if args.dump or args.compare:
        dumped = dump(quotes)
        if args.dump:
            Path(args.dump).write_text(json.dumps(dumped, ensure_ascii=False, sort_keys=True))
            full = dumped["full"]
            print(f"dumped {len(full['clusters'])} clusters, {len(full['variants'])} variants, "
                  f"{len(full['people'])} people to {args.dump}")
        if args.compare:
            expected = json.loads(Path(args.compare).read_text())
            got = json.loads(json.dumps(dumped, ensure_ascii=False, sort_keys=True))
            diffs = differences(expected, got)
            for d in diffs[:20]:
                print("DIFF", d)
            print("EQUIVALENT" if not diffs else f"{len(diffs)} DIFFERENCES")
            if diffs:
                sys.exit(1)

    best: dict[str, float] = {}
    totals = []
    for _ in range(args.repeat):
        clear_caches()
        with StageTimer() as timer:
            t = time.perf_counter()
            align_module.align(quotes)
            totals.append(time.perf_counter() - t)
        for k, v in timer.seconds.items():
            best[k] = min(best.get(k, v), v)
    if totals:
        print(f"align: best {min(totals):.3f} s of {len(totals)} ({len(quotes) / min(totals):,.0f} quotes/s)")
        for name in STAGES:
            if name in best:
                print(f"  {name:15s} {best[name]:7.3f} s")

    if args.profile:
        clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        align_module.align(quotes)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
        print(buf.getvalue())


if __name__ == "__main__":
    main()
