"""Real news text of a chosen size, as one long document or as the articles it joins.

Transcripts, hearings and reports are single long documents; `make bench` checks that
ingesting one costs what ingesting the same text as separate articles costs; the
real-news ingest runs read many such articles, sized like polnear-dev's. The text
is real: paragraphs of the `polnear-dev` and `crossoutlet-dev` articles (in
`../shared`, never copied into the repository), recombined so that no two articles
share a content hash (the store would keep one copy of a repeated document, and
the split run would then do less work than the long one).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SOURCES = (SHARED / "polnear-dev" / "docs", SHARED / "crossoutlet-dev" / "docs")
SIZED_LIKE = SOURCES[0]  # the real-news ingest's article lengths are drawn from polnear-dev's


def source_articles() -> list[list[str]]:
    """The paragraphs of every source article (empty when the corpora are absent)."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            paras = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
            if len(paras) >= 3:
                out.append(paras)
    return out


def article_sizes(folder: Path = SIZED_LIKE) -> list[int]:
    """The lengths, in characters, of the articles of `folder` (empty when it is absent)."""
    return [len(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []


def articles(seed: int = 0, sizes: Sequence[int] = ()) -> Iterator[str]:
    """Endless distinct articles: every source article once as written, then each again
    with a third of its paragraphs (never the first, its headline) replaced by
    paragraphs of other articles, until the caller has enough.

    With `sizes`, each article is then cut or filled with more paragraphs of other
    articles to a length drawn from `sizes`, so the lengths follow that distribution."""
    sources = source_articles()
    if not sources:
        return
    rng = random.Random(seed)
    seen: set[str] = set()
    pool = [p for paras in sources for p in paras[1:]]
    rounds = 0
    while True:
        for paras in sources:
            paras = list(paras)
            if rounds:
                for k in rng.sample(range(1, len(paras)), max(1, (len(paras) - 1) // 3)):
                    paras[k] = rng.choice(pool)
            if sizes:
                paras = _fitted(paras, rng.choice(sizes), pool, rng)
            text = "\n\n".join(paras) + "\n"
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            yield text
        rounds += 1


def _fitted(paras: list[str], size: int, pool: list[str], rng: random.Random) -> list[str]:
    """The headline and paragraphs, cut at a paragraph or filled from `pool` to about `size` characters."""
    total = sum(len(p) + 2 for p in paras)
    while total < size:
        paras.append(rng.choice(pool))
        total += len(paras[-1]) + 2
    while len(paras) > 2 and total - len(paras[-1]) - 2 >= size:
        total -= len(paras.pop()) + 2
    return paras


def sized(n: int, seed: int = 0) -> list[str]:
    """`n` distinct real-news articles whose lengths are distributed as polnear-dev's (empty without ../shared)."""
    sizes = article_sizes()
    out: list[str] = []
    for text in articles(seed, sizes) if sizes else ():
        if len(out) >= n:
            break
        out.append(text)
    return out


def take(chars: int, seed: int = 0) -> list[str]:
    """Articles, in order, until they hold at least `chars` characters."""
    out: list[str] = []
    total = 0
    for text in articles(seed):
        if total >= chars:
            break
        out.append(text)
        total += len(text)
    return out


def write_long(folder: Path, texts: list[str]) -> Path:
    """The articles as one document: one file, articles separated by a blank line."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.txt"
    path.write_text("\n".join(texts), encoding="utf-8")
    return path


def write_split(folder: Path, texts: list[str]) -> Path:
    """The same articles, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
