#!/usr/bin/env python3
"""Cross-outlet alignment on labelled pairs: are the versions of one statement linked, and only they?

    .venv/bin/python scripts/eval_alignment.py          (or: make eval-align)
    .venv/bin/python scripts/eval_alignment.py --json   (the figures as one JSON object)

Two sets of pairs of quoted passages, each judged by reading:

- `crossoutlet`: ../shared/corpus/crossoutlet-dev (222 pairs among its 226 articles): the
  check, never tuned on;
- `own`: tests/alignment_pairs/polnear_pairs.jsonl (249 pairs among polnear-dev articles,
  labelled for this project): where the thresholds were set.

For each, the articles are ingested into a temporary database (rules backend), exported
as JSONL and scored with ../shared/tools/score_alignment.py: recall of same pairs (by
relation), the false-merge rate of different pairs (by same or other speaker), speaker
linking. Then ../shared/tools/statement_chains.py counts the statements that are chains
(two versions sharing little text), on both databases and, with `--polnear-chains`, on
the whole of polnear-dev (the same database as `own`).

The article texts stay in ../shared; nothing here copies them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import runpy
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
CROSSOUTLET = SHARED / "corpus" / "crossoutlet-dev"
POLNEAR = SHARED / "corpus" / "polnear-dev"
OWN_PAIRS = ROOT / "tests" / "alignment_pairs" / "polnear_pairs.jsonl"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_alignment", TOOLS / "score_alignment.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_cli(*args: str) -> None:
    from quotetrace.cli import cli

    try:
        cli.main(list(args), standalone_mode=False)
    except SystemExit as exc:  # `ingest` exits 1 when an input failed: the scores still count
        if exc.code not in (0, 1, None):
            raise


def build(docs: Path, work: Path) -> tuple[Path, Path]:
    """Ingest `docs` into work/quotes.db and export it; (database, export)."""
    db, out = work / "quotes.db", work / "quotes.jsonl"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        _run_cli("ingest", str(docs), "--db", str(db), "-q")
        _run_cli("export", "--db", str(db), "--format", "jsonl", "-o", str(out))
    return db, out


def score(pairs: Path, docs: Path, export: Path, work: Path) -> dict[str, Any]:
    """score_alignment.py's figures; the pairs file is laid beside a `docs` link as the scorer expects."""
    if pairs.parent / "docs" != docs:
        folder = work / "pairs"
        folder.mkdir(exist_ok=True)
        (folder / "pairs.jsonl").write_bytes(pairs.read_bytes())
        (folder / "docs").symlink_to(docs)
        pairs = folder / "pairs.jsonl"
    with contextlib.redirect_stdout(io.StringIO()):
        result: dict[str, Any] = _scorer().main(str(pairs), str(export))
    return result


def chains(db: Path) -> dict[str, int]:
    """statement_chains.py on a database: impure (chained) statements of all multi-version ones."""
    saved = sys.argv
    sys.argv = ["statement_chains.py", str(db)]
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            runpy.run_path(str(TOOLS / "statement_chains.py"), run_name="__main__")
    finally:
        sys.argv = saved
    m = re.search(r"impure (\d+) of (\d+)", buffer.getvalue())
    assert m, buffer.getvalue()
    return {"chains": int(m.group(1)), "statements": int(m.group(2))}


def evaluate(which: tuple[str, ...] = ("crossoutlet", "own")) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in which:
            work = Path(tmp) / name
            work.mkdir()
            docs, pairs = (CROSSOUTLET / "docs", CROSSOUTLET / "pairs.jsonl") if name == "crossoutlet" else (POLNEAR / "docs", OWN_PAIRS)
            db, export = build(docs, work)
            results[name] = {**score(pairs, docs, export, work), "statements": chains(db)}
    return results


def _line(name: str, r: dict[str, Any]) -> str:
    a, s = r["alignment"], r["speaker_link"]
    rel = ", ".join(f"{k} {v['recall']}" for k, v in r["recall_by_relation"].items())
    spk = ", ".join(f"{k.replace('_speaker', '')} {v['rate']}" for k, v in r["false_merge_by_speaker"].items())
    c = r["statements"]
    return (
        f"{name}: {r['pairs']['same']} same / {r['pairs']['different']} different pairs\n"
        f"  alignment: recall {a['recall']} ({rel}), false merges {a['false_merge_rate']} ({spk})\n"
        f"  speaker_link: recall {s['recall']} ({s['agree']} of {s['pairs']})\n"
        f"  chains: {c['chains']} of {c['statements']} multi-version statements"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", choices=["crossoutlet", "own"], help="one set of pairs")
    args = parser.parse_args()
    if not (CROSSOUTLET.is_dir() and POLNEAR.is_dir()):
        sys.exit(f"needs {CROSSOUTLET} and {POLNEAR}")
    results = evaluate((args.only,) if args.only else ("crossoutlet", "own"))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, r in results.items():
        print(_line({"crossoutlet": "crossoutlet-dev (check)", "own": "own pairs among polnear-dev"}[name], r))


if __name__ == "__main__":
    main()
