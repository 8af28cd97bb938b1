#!/usr/bin/env python3
"""Sample candidate pairs of quoted passages among polnear-dev articles, for labelling by reading.

usage: sample_align_pairs.py [POLNEAR_DIR] > candidates.jsonl

The sampling, written down so that it can be repeated (and it never runs quotetrace):

- passages: the required segments of `gold.jsonl` (`optional` false) with at least
  three words; the two sides of a pair come from different articles (of any publishers:
  polnear-dev has few statements quoted by two publishers), never from two files that
  hold the same text;
- strata: (A) every pair sharing a sequence of 5 words (casefolded, punctuation
  dropped); (B) a seeded random sample (seed 12) of 100 of the pairs sharing a 4-word
  sequence but no 5-word one; (C) every pair where one passage, whole, is a word
  sequence of the other (partial quotes), not in A or B; (D) a seeded random sample of 50
  of the pairs sharing at least two rare words (in at most 15 passages) and no 4-word
  sequence (edited versions and paraphrases, and many different statements on one topic);
  (E) added after labelling A to D found only 7 same pairs among 223: every pair not
  drawn above whose shorter passage has at least 3 content words (4 letters or more, in
  at most 40 passages) and shares at least 60% of them, and at least 3, with the other
  (cut or edited versions of one statement, and stock phrases);
- at most 3 pairs per pair of articles, so one long speech quoted twice does not fill
  the sample.

Each candidate is printed with its text (for the reader; the committed file keeps
offsets, labels and notes only). The texts stay in ../shared, never in this repository.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

WORD = re.compile(r"[^\W_]+")
SEED = 12


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text.replace("’", "'"))]


def grams(ws: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def main(root: Path) -> None:
    segs = [json.loads(line) for line in open(root / "gold.jsonl", encoding="utf-8")]
    segs = [s for s in segs if not s["optional"] and len(words(s["text"])) >= 3]
    texts = {d: (root / "docs" / d).read_bytes() for d in {s["doc"] for s in segs}}
    ws = [words(s["text"]) for s in segs]
    g4 = [grams(w, 4) for w in ws]
    g5 = [grams(w, 5) for w in ws]
    sets = [set(w) for w in ws]
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for w in s:
            by_word[w].append(i)
    df = {w: len(v) for w, v in by_word.items()}
    strata: dict[str, list[tuple[int, int]]] = {"A": [], "B": [], "C": [], "D": [], "E": []}
    content = [{w for w in s if len(w) >= 4 and df[w] <= 40} for s in sets]
    for i in range(len(segs)):
        near = {j for w in sets[i] if df[w] <= 300 for j in by_word[w] if j > i}
        for j in sorted(near):
            if texts[segs[i]["doc"]] == texts[segs[j]["doc"]]:
                continue  # one article (or two files holding it)
            if g5[i] & g5[j]:
                strata["A"].append((i, j))
            elif g4[i] & g4[j]:
                strata["B"].append((i, j))
            elif contained(ws[i], ws[j]):
                strata["C"].append((i, j))
            elif sum(1 for w in sets[i] & sets[j] if df[w] <= 15) >= 2:
                strata["D"].append((i, j))
            if overlapping(content[i], content[j]):
                strata["E"].append((i, j))
    rng = random.Random(SEED)
    chosen: dict[tuple[int, int], str] = {}
    for stratum, pairs in (
        ("A", strata["A"]),
        ("B", rng.sample(strata["B"], min(100, len(strata["B"])))),
        ("C", strata["C"]),
        ("D", rng.sample(strata["D"], min(50, len(strata["D"])))),
        ("E", strata["E"]),
    ):
        for pair in pairs:
            chosen.setdefault(pair, stratum)
    per_docs: dict[tuple[str, ...], int] = defaultdict(int)
    out = []
    for (i, j), stratum in sorted(chosen.items()):
        key = tuple(sorted((segs[i]["doc"], segs[j]["doc"])))
        if per_docs[key] >= 3:
            continue
        per_docs[key] += 1
        out.append((stratum, segs[i], segs[j]))
    counts = ", ".join(f"{k} {len(v)}" for k, v in strata.items())
    print(f"candidates: {counts}; sampled {len(out)}", file=sys.stderr)
    keys = ("doc", "start", "end", "text", "publisher", "date", "speaker_text", "speaker_start", "speaker_end")
    for n, (stratum, a, b) in enumerate(out):
        sides = {k: {f: s[f] for f in keys} for k, s in (("a", a), ("b", b))}
        print(json.dumps({"pair_id": n, "stratum": stratum, **sides}, ensure_ascii=False))


def overlapping(a: set[str], b: set[str]) -> bool:
    shorter = min(len(a), len(b))
    return shorter >= 3 and len(a & b) >= max(3, 0.6 * shorter)


def contained(a: list[str], b: list[str]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return n < len(long_) and any(long_[k : k + n] == short for k in range(len(long_) - n + 1))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear-dev")
