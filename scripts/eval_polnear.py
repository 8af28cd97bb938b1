#!/usr/bin/env python3
"""Attribution on real news: quotetrace against the human-annotated polnear-dev corpus.

    .venv/bin/python scripts/eval_polnear.py            (or: make eval)

Ingests `../shared/corpus/polnear-dev/docs` into a temporary database with the
rules backend, exports JSONL and prints what the corpus's own scorers say
(`../shared/tools/score_polnear.py`: quotes and speaker mentions;
`score_speakers.py`: resolved full names), then two figures of our own:

- evidence: every attributed quote's `speaker_as_written` must be the document
  text at `speaker_start:speaker_end`, outside the quote; the mean length of
  that evidence span;
- confidence bands: speaker accuracy (as score_polnear.py judges it) by
  `speaker_confidence`, on the articles with an odd or even position in name
  order (`--half odd|even|all`), and the share of matched quotes at or above
  `quotetrace.records.CHECKED_CONFIDENCE`.

The article texts stay in ../shared; nothing here copies them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "polnear-dev"
TOOLS = SHARED / "tools"


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    i = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    u = max(a[1], b[1]) - min(a[0], b[0])
    return i / u if u else 0.0


def _words(s: str | None) -> list[str]:
    return re.findall(r"[a-z]+", (s or "").casefold())


def judged_quotes(gold: list[dict], docs: dict[str, str], pred: list[dict]) -> list[tuple[dict, dict, bool]]:
    """(gold segment, predicted quote, speaker right) for every matched required
    segment with a source: the matching and the judgement of score_polnear.py."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g["doc"]].append(i)
    pieces: dict[str, list[tuple[int, int, dict]]] = defaultdict(list)
    for p in pred:
        d = PurePath(str(p.get("document") or "")).name
        if d not in docs:
            continue
        s, e = int(p["start"]), int(p["end"])
        t = docs[d]
        for m in re.finditer(r"[^\n]+", t[s:e]):
            a, b = s + m.start(), s + m.end()
            if re.search(r"\w", t[a:b].strip(" “”\"")):
                pieces[d].append((a, b, p))
    out = []
    for d, idx in by_doc.items():
        cands = sorted(
            ((_iou((gold[i]["start"], gold[i]["end"]), pc[:2]), i, k) for i in idx for k, pc in enumerate(pieces.get(d, ()))),
            reverse=True,
        )
        used: set[int] = set()
        done: set[int] = set()
        for o, i, k in cands:
            if o < 0.5 or i in done or k in used:
                continue
            done.add(i)
            used.add(k)
            g, p = gold[i], pieces[d][k][2]
            if g["optional"] or not g["speaker_text"]:
                continue
            right = False
            if p.get("speaker_start") is not None and g["speaker_start"] is not None:
                a, b = int(p["speaker_start"]), int(p["speaker_end"])
                inter = min(b, g["speaker_end"]) - max(a, g["speaker_start"])
                right = inter > 0 and inter >= 0.5 * (b - a)
            if not right and not g["pronoun"]:
                gw, pw = _words(g["speaker_text"]), _words(p.get("speaker"))
                right = bool(gw and pw and (gw[-1] == pw[-1] or gw[-1] in pw))
            out.append((g, p, right))
    return out


def confidence_bands(judged: list[tuple[dict, dict, bool]], threshold: float) -> list[str]:
    bands = [(0.0, 0.5), (0.5, 0.8), (0.8, threshold), (threshold, 0.97), (0.97, 1.01)]
    lines = []
    for lo, hi in bands:
        rows = [r for _, p, r in judged if lo <= float(p.get("speaker_confidence") or 0) < hi]
        if rows:
            lines.append(f"  [{lo:.2f}, {min(hi, 1.0):.2f}{')' if hi < 1 else ']'}: {len(rows):5d} quotes, speaker accuracy {sum(rows) / len(rows):.3f}")
    above = [r for _, p, r in judged if float(p.get("speaker_confidence") or 0) >= threshold]
    share = len(above) / len(judged) if judged else 0.0
    acc = sum(above) / len(above) if above else 0.0
    lines.append(f"  >= {threshold}: {len(above)} of {len(judged)} matched quotes ({share:.3f}), speaker accuracy {acc:.3f}")
    return lines


def evidence_check(docs: dict[str, str], pred: list[dict]) -> list[str]:
    attributed = [p for p in pred if p.get("speaker") or p.get("speaker_as_written")]
    bad = []
    lengths = []
    for p in attributed:
        d = PurePath(str(p.get("document") or "")).name
        t = docs.get(d)
        if t is None:
            continue
        s, e = p.get("speaker_start"), p.get("speaker_end")
        if s is None or e is None:
            bad.append((p, "no evidence span"))
            continue
        if t[s:e] != p.get("speaker_as_written"):
            bad.append((p, "speaker_as_written differs from the text"))
        elif s < int(p["end"]) and e > int(p["start"]):
            bad.append((p, "evidence inside the quote"))
        lengths.append(e - s)
    mean = sum(lengths) / len(lengths) if lengths else 0.0
    lines = [f"evidence: {len(attributed) - len(bad)} of {len(attributed)} attributed quotes carry their mention; mean evidence span {mean:.1f} characters"]
    for p, why in bad[:10]:
        lines.append(f"  {why}: {p.get('document')}@{p['start']} speaker={p.get('speaker')!r}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="polnear-dev folder (default ../shared/corpus/polnear-dev)")
    ap.add_argument("--backend", default="rules")
    ap.add_argument("--half", choices=["odd", "even", "all"], default="all", help="articles whose confidence bands to report")
    ap.add_argument("--errors", type=int, default=0, help="also list this many wrong full names")
    ap.add_argument("--keep", type=Path, help="keep the exported JSONL here")
    args = ap.parse_args()
    if not (args.corpus / "gold.jsonl").exists():
        print(f"polnear-dev not found at {args.corpus}: it lives in ../shared beside the checkout", file=sys.stderr)
        return 2
    from quotetrace.cli import cli
    from quotetrace.records import CHECKED_CONFIDENCE

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "polnear.db")
        out = args.keep or Path(tmp) / "polnear.jsonl"
        docs_dir = args.corpus / "docs"
        for argv in (
            ["ingest", str(docs_dir), "--db", db, "--backend", args.backend, "--no-align", "-q"],
            ["export", "--db", db, "--format", "jsonl", "-o", str(out)],
        ):
            try:
                cli.main(argv, prog_name="quotetrace", standalone_mode=False)
            except SystemExit as e:  # ingest exits 1 when an input failed
                if e.code not in (0, None):
                    print(f"quotetrace {argv[0]} exited {e.code}", file=sys.stderr)
            sys.stdout.flush()
        print(f"== score_polnear.py ({args.backend})", flush=True)
        subprocess.run([sys.executable, str(TOOLS / "score_polnear.py"), str(args.corpus / "gold.jsonl"), str(docs_dir), str(out)], check=True)
        print("== score_speakers.py", flush=True)
        cmd = [sys.executable, str(TOOLS / "score_speakers.py"), str(args.corpus / "speakers.jsonl"), str(docs_dir), str(out)]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=True)
        gold = [json.loads(line) for line in (args.corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = {p.name: p.read_text(encoding="utf-8") for p in docs_dir.glob("*.txt")}
        pred = [json.loads(line) for line in Path(out).read_text(encoding="utf-8").splitlines() if line.strip()]
        names = sorted(docs)
        if args.half != "all":
            keep = {n for i, n in enumerate(names) if (i % 2 == 1) == (args.half == "odd")}
            gold = [g for g in gold if g["doc"] in keep]
        print("== evidence")
        print("\n".join(evidence_check(docs, pred)))
        print(f"== speaker accuracy by speaker_confidence ({args.half} articles)")
        print("\n".join(confidence_bands(judged_quotes(gold, docs, pred), CHECKED_CONFIDENCE)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
