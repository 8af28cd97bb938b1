"""The cue finder reads only the words a reporting verb can start with, and their
neighbours around them; it must find exactly what reading every word of the string
from its start finds (`_reference_cues`, the finder as it was written before)."""

from __future__ import annotations

import random
import re
from itertools import compress

import pytest

from quotetrace.extract import _CUE_FIRST_AS_WRITTEN, _CUE_RE, _DETERMINERS, _PHRASAL_SECOND, _PLATFORMS
from quotetrace.nlp.lexicon import CUE_VERBS

_WORD = re.compile(r"[A-Za-z][a-z’'-]*")


def _reference_cues(s: str) -> list[tuple[int, int, str]]:
    written = _WORD.findall(s)
    hits = list(compress(range(len(written)), map(_CUE_FIRST_AS_WRITTEN.__contains__, written)))
    lows = [w.lower() for w in written]
    words = list(_WORD.finditer(s))
    out = []
    for i in hits:
        m = words[i]
        if i and m.group()[0].isupper() and not (m.group().endswith("ed") and s[: m.start()].rstrip().endswith(",")):
            continue
        if not i and m.group()[0].isupper() and len(lows) > 1 and lows[1] in CUE_VERBS:
            continue
        if i and lows[i - 1] in ("of", "the") and s[words[i - 1].end() : m.start()].isspace():
            continue
        prev = words[i - 1] if i else None
        if (
            prev is not None
            and (lows[i - 1] in _DETERMINERS or s[prev.end() - 2 : prev.end()] in ("’s", "'s"))
            and s[prev.end() : m.start()].isspace()
            and (prev.start() == 0 or not s[prev.start() - 1].isalpha())
        ):
            continue
        low = lows[i]
        if i and lows[i - 1] in _PLATFORMS and low in ("post", "posts", "tweet", "tweets", "video", "message"):
            continue
        if i + 1 < len(lows) and lows[i + 1] in _PHRASAL_SECOND:
            nxt = words[i + 1]
            if f"{low} {lows[i + 1]}" in CUE_VERBS and s[m.end() : nxt.start()].isspace():
                out.append((m.start(), nxt.end(), s[m.start() : nxt.end()]))
                continue
        if low in CUE_VERBS:
            out.append((m.start(), m.end(), m.group()))
    return out


def _found(s: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CUE_RE.finditer(s)]


@pytest.mark.parametrize(
    "s",
    [
        "Read said the plan was dead.",
        "Jones, Added that",
        "McSaid x-said (-said ’said said- said’s",
        "the report says, Dale’s comments, the NCAA said",
        "his Facebook post, she pointed out and went on",
        "secretary of state told reporters; she chimed  in",
        "'-said it",
    ],
)
def test_written_cases(s: str) -> None:
    assert _found(s) == _reference_cues(s)


def test_random_strings_of_cue_words_and_their_neighbours() -> None:
    rnd = random.Random(7)
    words = ["said", "Said", "says", "the", "of", "The", "Read", "read", "’s", "'s", "told", "pointed", "out", "went", "on",
             "Facebook", "post", "-", "’", "'", "McSaid", "Added", "added", "a", "NCAA", "é", "\n", "(", '"', "weighed", "in", "x"]
    glue = ["", " ", " ", ", ", "-", "'", "’"]
    chars = list("saidtoeST ’'-,.xA\né(")
    for _ in range(20000):
        s = "".join(rnd.choice(words) + rnd.choice(glue) for _ in range(rnd.randint(1, 10)))
        assert _found(s) == _reference_cues(s), s
        s = "".join(rnd.choice(chars) for _ in range(rnd.randint(1, 25)))
        assert _found(s) == _reference_cues(s), s
