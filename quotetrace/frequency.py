"""How common an English word is: a general frequency list shipped in the package
(data/en_word_zipf.tsv.gz, from wordfreq: see data/README.md), never built from the
documents read, so every stage weighs a word the same way whatever the corpus holds."""

from __future__ import annotations

import gzip
import importlib.resources
from functools import cache

_WORD_LIST = "data/en_word_zipf.tsv.gz"


@cache
def _zipf_table() -> dict[str, float]:
    raw = (importlib.resources.files(__package__) / _WORD_LIST).read_bytes()
    table: dict[str, float] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            table[word] = float(zipf)
    return table


def zipf(word: str) -> float | None:
    """The word's Zipf frequency (log10 of occurrences per billion words, case folded),
    None when it is not among the 60,000 most frequent."""
    return _zipf_table().get(word.casefold())
