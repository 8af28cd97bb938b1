"""Stored quotes for alignment tests, as the aligner reads them back from the database."""

from __future__ import annotations

from quotetrace.align import align
from quotetrace.records import KIND_FULL, SPEAKER_PERSON, Alignment, StoredQuote


def stored(
    qid: str,
    text: str,
    speaker: str | None = None,
    *,
    doc: str | None = None,
    published: str | None = "2016-03-01",
    confidence: float = 0.97,
    kind: str = KIND_FULL,
    outlet: str | None = None,
    affiliation: str | None = None,
    start: int = 0,
) -> StoredQuote:
    """One quote in its own document (unless `doc`), by `speaker` resolved with `confidence`."""
    doc = doc or f"doc-{qid}"
    return StoredQuote(
        id=qid,
        document_id=doc,
        document_name=f"{doc}.txt",
        outlet=outlet or f"Outlet {doc}",
        published=published,
        start=start,
        text=text,
        kind=kind,
        speaker=speaker,
        speaker_as_written=speaker,
        speaker_kind=SPEAKER_PERSON if speaker else None,
        affiliation=affiliation,
        title=None,
        told_to=None,
        speaker_confidence=confidence if speaker else 0.0,
    )


def clusters_of(alignment: Alignment) -> dict[str, str]:
    """quote id -> cluster id."""
    return {v.quote_id: v.cluster_id for v in alignment.variants}


def together(quotes: list[StoredQuote], a: str, b: str) -> bool:
    """Whether quotes a and b end up versions of one statement."""
    c = clusters_of(align(quotes))
    return c[a] == c[b]
