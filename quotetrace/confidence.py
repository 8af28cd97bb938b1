"""How sure a quote's speaker is: one number a fact-checker can act on.

`calibrate(text, quotes)` replaces each attributed quote's `speaker_confidence`
with the probability that its speaker evidence is right, from what the text
shows about the attribution: whether a mention was found at all, how sure
resolution was, what kind of mention it is (a full name, a surname, a pronoun,
a description), how far it stands from the quote and on which side, whether a
line break or another outlet's report stands between, the kind of quote and the
reporting verb.

The weights are a logistic model fitted on half of the annotated real news in
`polnear-dev` (the articles at odd positions in name order) and checked on the
other half; `records.CHECKED_CONFIDENCE` was chosen on the same half. Quotes at
or above it were right 97% of the time on the held-back half and are over 70% of
the quotes found; below it a person should check (`scripts/eval_polnear.py`
prints the bands).
"""

from __future__ import annotations

import math
import operator
import re

from .records import Quote, changed

_WEIGHTS = {
    "bias": -2.15,
    "has_mention": 1.62,
    "resolution": 2.11,
    "pronoun": 1.33,
    "description": 1.08,
    "surname": 0.42,
    "other_pronoun": 0.12,
    "near": 0.68,
    "mid": 0.62,
    "far": 0.33,
    "after": 0.32,
    "line_break": -1.76,
    "secondary": -0.56,
    "continuation": -0.16,
    "partial": -0.51,
    "attribution": 0.57,
    "verb_of_saying": 0.22,
    "full_name": 0.57,
}

_WEIGHT_VALUES = tuple(_WEIGHTS.values())  # in the order `features` lists its keys

# Another outlet's report around the quote: the words come secondhand.
_SECONDARY = re.compile(r"according to|\breport(?:ed|s)\b|\btold (?:the )?[A-Z]|interview with|\bwrote\b")
_SECONDARY_WORDS = ("according to", "report", "told ", "interview with", "wrote")
_SAYING = frozenset("said says say told tells added adds asked wrote writes".split())
_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its")


def _secondhand(around: str) -> bool:
    """`_SECONDARY.search(around) is not None`, the pattern tried only where one of its
    words is written: each of its alternatives starts with one (a search would try it
    at every character; most contexts hold none of the words)."""
    for word in _SECONDARY_WORDS:
        at = around.find(word)
        while at != -1:
            if _SECONDARY.match(around, at):
                return True
            at = around.find(word, at + 1)
    return False


def features(text: str, q: Quote) -> dict[str, float]:
    """What the model reads off one quote (each feature 0/1 unless said)."""
    mention = q.speaker_as_written or ""
    low = mention.lower()
    f = dict.fromkeys(_WEIGHTS, 0.0)
    f["bias"] = 1.0
    if mention:
        f["has_mention"] = 1.0
    f["resolution"] = float(q.speaker_confidence or 0.0)
    if low in ("he", "she"):
        f["pronoun"] = 1.0
    elif low in ("who", "which", "it", "they", "we", "i"):
        f["other_pronoun"] = 1.0
    elif mention and low.split()[0] in _DETERMINERS:
        f["description"] = 1.0
    elif mention and len(mention.split()) == 1:
        f["surname"] = 1.0
    elif mention and mention[:1].isupper():
        f["full_name"] = 1.0
    if q.speaker_start is not None and q.speaker_end is not None:
        after = q.speaker_start >= q.end
        gap = text[q.end : q.speaker_start] if after else text[q.speaker_end : q.start]
        f["after"] = float(after)
        f["near" if len(gap) < 12 else "mid" if len(gap) < 60 else "far"] = 1.0
        f["line_break"] = float("\n" in gap)
        around = text[max(0, q.start - 120) : q.start] + " " + text[q.end : q.end + 120]
        f["secondary"] = float(_secondhand(around))
    f["continuation"] = float(q.kind == "continuation")
    f["partial"] = float(q.kind == "partial")
    f["attribution"] = float(q.confidence)
    f["verb_of_saying"] = float((q.cue or "").split(" ")[0].lower() in _SAYING)
    return f


def _guessed_role(q: Quote) -> float:
    """A description ("the senator") that resolution could only tie to a person by
    guessing who holds the role: the evidence is right, the name may not be."""
    mention = (q.speaker_as_written or "").lower()
    if q.speaker_kind == "person" and mention.split()[:1] and mention.split()[0] in _DETERMINERS:
        return min(1.0, float(q.speaker_confidence or 0.0) / 0.6)
    return 1.0


def speaker_confidence(text: str, q: Quote) -> float:
    """The probability that the quote's speaker evidence is right (resolution's own
    confidence is one of the features), lowered where the name is a guessed role holder."""
    # (the same products summed in the same order as sum(_WEIGHTS[k] * v for k, v in
    # ...items()), multiplied in C)
    z = sum(map(operator.mul, _WEIGHT_VALUES, features(text, q).values()))
    return _guessed_role(q) / (1.0 + math.exp(-z))


def calibrate(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quotes with `speaker_confidence` calibrated; quotes without a speaker keep 0."""
    out = []
    for q in quotes:
        if q.speaker is None and q.speaker_as_written is None:
            out.append(q)
            continue
        out.append(changed(q, speaker_confidence=round(speaker_confidence(text, q), 3)))
    return out


__all__ = ["calibrate", "features", "speaker_confidence"]
