#!/usr/bin/env python3
"""Write the word frequency list alignment ships: quotetrace/data/en_word_zipf.tsv.gz.

    .venv/bin/pip install wordfreq==3.1.1 && .venv/bin/python scripts/build_word_frequencies.py

The source is wordfreq 3.1.1 (Robyn Speer; code Apache-2.0, data CC BY-SA 4.0: Wikipedia,
subtitles, news, books, web text, Twitter and Reddit, up to 2021), a public, general list
built from none of this project's corpora. Kept: the 60,000 most frequent English words
that are letters only (apostrophes allowed), each with its Zipf frequency (log10 of
occurrences per billion words) to one decimal. A word not in the list is rarer than the
last one kept (Zipf about 2.1). Alignment weighs words by it (`similarity.word_information`).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "quotetrace" / "data" / "en_word_zipf.tsv.gz"
N = 60_000
WORD = re.compile(r"[a-z][a-z']*")


def main() -> None:
    lines = ["# word\tzipf -- from wordfreq 3.1.1 (data CC BY-SA 4.0); scripts/build_word_frequencies.py"]
    for word in top_n_list("en", 100_000):
        if WORD.fullmatch(word):
            lines.append(f"{word}\t{zipf_frequency(word, 'en'):.1f}")
        if len(lines) > N:
            break
    # mtime=0: the same list always gives the same bytes
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines) - 1} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
