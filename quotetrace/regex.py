"""Regular expressions compiled once, looked up cheaply.

`re.search(pattern, s)` looks its pattern up in re's cache on every call,
which in the extractor's inner loops cost a twentieth of the run;
`compiled(pattern).search(s)` keeps the pattern next to where it is used and
pays one memoised lookup instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

compiled = lru_cache(maxsize=None)(re.compile)


def search_end(pattern: re.Pattern[str], s: str, words: int) -> re.Match[str] | None:
    """`pattern.search(s)` for a pattern anchored at the end of `s` whose match spans at
    most its last `words` white-space separated words: begun where those words begin,
    since a search is otherwise tried at every position of a long sentence prefix.
    (Searched in `s` itself, so `\\b` and look-behinds see the characters they would.)"""
    kept = s.rsplit(None, words)
    return pattern.search(s, len(kept[0]) if len(kept) > words else 0)
