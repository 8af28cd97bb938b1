"""Palmyra: the same statement across outlets is one cluster; one person across spellings."""

from __future__ import annotations

import csv
import json
from itertools import combinations
from pathlib import Path

import pytest

from quotetrace.align import align
from quotetrace.records import KIND_FULL, KIND_PARTIAL, KIND_SCARE, SPEAKER_PERSON, StoredQuote

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "corpus" / "palmyra" / "gold_quotes.jsonl"
MANIFEST = ROOT / "data" / "palmyra" / "manifest.csv"


def gold_records() -> list[dict]:
    if not GOLD.exists():
        pytest.skip("../shared/corpus/palmyra gold is not beside this checkout")
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def palmyra_quotes(records: list[dict]) -> list[StoredQuote]:
    """The gold quotes as the aligner would read them back, speakers as the text names them."""
    with MANIFEST.open(encoding="utf-8") as fh:
        meta = {row["file"]: row for row in csv.DictReader(fh)}
    quotes = []
    for g in records:
        kind = KIND_SCARE if g["optional"] else KIND_PARTIAL if g["partial"] else KIND_FULL
        quotes.append(
            StoredQuote(
                id=f"{g['doc']}:{g['start']}",
                document_id=g["doc"],
                document_name=g["doc"],
                outlet=meta[g["doc"]]["outlet"] or None,
                published=meta[g["doc"]]["published"] or None,
                start=g["start"],
                text=g["text"],
                kind=kind,
                speaker=g["speaker_surface"],
                speaker_as_written=g["speaker_surface"],
                speaker_kind=SPEAKER_PERSON if g["speaker_surface"] else None,
                affiliation=g["affiliation"],
                title=None,
                told_to=None,
            )
        )
    return quotes


def cross_document_pairs(records: list[dict], labels: list[str | None]) -> set[tuple[int, int]]:
    return {
        (a, b)
        for a, b in combinations(range(len(records)), 2)
        if records[a]["doc"] != records[b]["doc"] and labels[a] is not None and labels[a] == labels[b]
    }


def f1(gold: set[tuple[int, int]], pred: set[tuple[int, int]]) -> float:
    tp = len(gold & pred)
    return 2 * tp / (len(gold) + len(pred)) if gold or pred else 1.0


def test_palmyra_clusters_match_gold_statements() -> None:
    records = [g for g in gold_records() if not g["optional"]]
    quotes = palmyra_quotes(records)
    alignment = align(quotes)
    cluster_of = {v.quote_id: v.cluster_id for v in alignment.variants}
    pred = [cluster_of.get(q.id) for q in quotes]
    assert all(pred), "every statement has a cluster"
    gold = cross_document_pairs(records, [g["cluster"] for g in records])
    assert f1(gold, cross_document_pairs(records, pred)) == 1.0


def test_palmyra_one_person_across_spellings() -> None:
    records = [g for g in gold_records() if not g["optional"]]
    quotes = palmyra_quotes(records)
    alignment = align(quotes)
    pred = [alignment.person_of_quote.get(q.id) for q in quotes]
    gold = cross_document_pairs(records, [g["speaker"] for g in records])
    assert f1(gold, cross_document_pairs(records, pred)) >= 0.95
    person_of_surface = {q.speaker: alignment.person_of_quote[q.id] for q in quotes}
    assert person_of_surface["Nanar Hawash"] == person_of_surface["Hawach"]
    assert person_of_surface["Ghassan Ibrahim"] != person_of_surface["Ibrahim Hamidi"]
    assert person_of_surface["Ibrahim"] == person_of_surface["Ghassan Ibrahim"]


def test_within_one_article_statements_stay_apart() -> None:
    records = [g for g in gold_records() if not g["optional"]]
    quotes = palmyra_quotes(records)
    alignment = align(quotes)
    cluster_of = {v.quote_id: v.cluster_id for v in alignment.variants}
    seen: set[tuple[str, str]] = set()
    for q in quotes:
        key = (q.document_id, cluster_of[q.id])
        assert key not in seen, f"two quotes of {q.document_id} share a cluster"
        seen.add(key)


def test_scare_quotes_get_no_cluster() -> None:
    records = gold_records()
    quotes = palmyra_quotes(records)
    alignment = align(quotes)
    clustered = {v.quote_id for v in alignment.variants}
    for q in quotes:
        assert (q.id in clustered) == (q.kind != KIND_SCARE)


def _quote(qid: str, doc: str, text: str, speaker: str, kind: str = KIND_FULL) -> StoredQuote:
    return StoredQuote(
        id=qid, document_id=doc, document_name=doc, outlet=None, published=None, start=0, text=text,
        kind=kind, speaker=speaker, speaker_as_written=speaker, speaker_kind=SPEAKER_PERSON,
        affiliation=None, title=None, told_to=None,
    )


def test_a_shared_fragment_does_not_bridge_two_statements() -> None:
    quotes = [
        _quote("s", "A", "What we see in the north is a humanitarian catastrophe in the making, and nobody is listening.", "Rania Aziz"),
        _quote("t", "B", "Without fuel for the hospitals this is a humanitarian catastrophe in the making for the whole city.", "Rania Aziz"),
        _quote("f", "C", "a humanitarian catastrophe in the making", "Rania Aziz", kind=KIND_PARTIAL),
    ]
    alignment = align(quotes)
    cluster_of = {v.quote_id: v.cluster_id for v in alignment.variants}
    assert cluster_of["s"] != cluster_of["t"]
    assert cluster_of["f"] in (cluster_of["s"], cluster_of["t"])
