"""Small helpers both halves of alignment use: ids, order, a union-find."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..records import StoredQuote


def hash_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def order_key(q: StoredQuote, index: int) -> tuple[bool, str, int]:
    """Earliest publication first; undated after dated, then by ingest order."""
    return (q.published is None, q.published or "", index)


class UnionFind:
    def __init__(self, items: Iterable[int]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            ra, rb = min(ra, rb), max(ra, rb)
            self.parent[rb] = ra
        return ra

