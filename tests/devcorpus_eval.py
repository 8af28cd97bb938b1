"""Score the extractor on the development corpus: spans, kinds, speakers, affiliations.

Used by tests/test_dev_corpus.py and scripts/eval_devcorpus.py (which prints the misses).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devcorpus_loader import load_devcorpus

from quotetrace import extract_quotes

STATEMENT = ("full", "partial", "continuation")


def norm(name: str | None) -> str:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("’", "'").replace("-", " ").replace(".", " ")
    return " ".join(s.split())


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    i = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    u = max(a[1], b[1]) - min(a[0], b[0])
    return i / u if u else 0.0


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    speaker_gold: int = 0
    affiliation_ok: int = 0
    affiliation_gold: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_gold if self.speaker_gold else 0.0

    @property
    def affiliation_accuracy(self) -> float:
        return self.affiliation_ok / self.affiliation_gold if self.affiliation_gold else 0.0

    def summary(self) -> str:
        return (
            f"statements: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(gold {self.gold}, predicted {self.predicted}, matched {self.matched}); "
            f"speaker accuracy {self.speaker_accuracy:.3f} ({self.speaker_ok}/{self.speaker_gold}); "
            f"affiliation accuracy {self.affiliation_accuracy:.3f} ({self.affiliation_ok}/{self.affiliation_gold})"
        )


def speaker_matches(pred: str | None, gold: str | None) -> bool:
    p, g = norm(pred), norm(gold)
    if not g:
        return not p
    if p == g:
        return True
    # organisations and descriptions: "the ministry" vs "Interior Ministry" style heads agree
    return bool(p) and (p in g or g in p) and len(p) >= 4


def evaluate(backend: str = "rules", directory: Path | None = None) -> Score:
    score = Score()
    for passage in load_devcorpus(directory) if directory else load_devcorpus():
        text = passage["text"]
        optional = [g for g in passage["quotes"] if g.get("optional")]
        gold = [g for g in passage["quotes"] if g["kind"] in STATEMENT and not g.get("optional")]
        pred = [
            q
            for q in extract_quotes(text, backend=backend)
            if q.kind in STATEMENT and not any(overlap((g["start"], g["end"]), (q.start, q.end)) >= 0.5 for g in optional)
        ]
        score.gold += len(gold)
        score.predicted += len(pred)
        used: set[int] = set()
        for g in gold:
            best = None
            for j, q in enumerate(pred):
                if j in used:
                    continue
                o = overlap((g["start"], g["end"]), (q.start, q.end))
                if o >= 0.5 and (best is None or o > best[0]):
                    best = (o, j)
            if best is None:
                score.misses.append(f"{passage['id']}: MISSED {g['text'][:60]!r}")
                if g.get("speaker"):
                    score.speaker_gold += 1
                continue
            used.add(best[1])
            q = pred[best[1]]
            score.matched += 1
            if g.get("speaker"):
                score.speaker_gold += 1
                if speaker_matches(q.speaker, g["speaker"]):
                    score.speaker_ok += 1
                else:
                    score.misses.append(
                        f"{passage['id']}: SPEAKER {q.speaker!r} (as written {q.speaker_as_written!r}) "
                        f"expected {g['speaker']!r} for {g['text'][:50]!r}"
                    )
            if g.get("affiliation"):
                score.affiliation_gold += 1
                if q.affiliation and (norm(g["affiliation"]) in norm(q.affiliation) or norm(q.affiliation) in norm(g["affiliation"])):
                    score.affiliation_ok += 1
                else:
                    score.misses.append(f"{passage['id']}: AFFILIATION {q.affiliation!r} expected {g['affiliation']!r}")
        for j, q in enumerate(pred):
            if j not in used:
                score.misses.append(f"{passage['id']}: EXTRA {q.kind} {q.text[:60]!r} ({q.speaker!r})")
    return score


def details() -> dict[str, Any]:
    s = evaluate()
    return {"summary": s.summary(), "misses": s.misses}
