"""Regular expressions compiled once, looked up cheaply.

`re.search(pattern, s)` looks its pattern up in re's cache on every call,
which in the extractor's inner loops cost a twentieth of the run;
`compiled(pattern).search(s)` keeps the pattern next to where it is used and
pays one memoised lookup instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

compiled = lru_cache(maxsize=None)(re.compile)


def search_end(pattern: re.Pattern[str], s: str, words: int) -> re.Match[str] | None:
    """`pattern.search(s)` for a pattern anchored at the end of `s` whose match spans at
    most its last `words` white-space separated words: begun where those words begin,
    since a search is otherwise tried at every position of a long sentence prefix.
    (Searched in `s` itself, so `\\b` and look-behinds see the characters they would.)"""
    kept = s.rsplit(None, words)
    return pattern.search(s, len(kept[0]) if len(kept) > words else 0)


def alternation(words: Iterable[str]) -> str:
    """A regex that matches exactly `words`, written as a trie: the engine tries the
    few branches of a word's first letter, not every word of the set. (The trie tries
    longer words first; followed by what a word cannot end with or go on with, it
    matches what the plain alternation matches, in whatever order it was written.)"""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(rest) for ch, rest in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)
