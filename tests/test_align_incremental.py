"""Aligning new quotes against an earlier alignment gives what a full run gives, with less work."""

from __future__ import annotations

from test_align_order_independent import CORPUS, partition, q

from quotetrace.align import AlignStats, align
from quotetrace.records import Alignment, StoredQuote

NEW = [
    q("f1", "F", "The old bridge is now closed to all traffic after the river rose four metres overnight.", "Maria Fernandez", published="2025-02-03"),
    q("f2", "F", "Rural schools will bear the brunt of the budget cuts; they already struggle to hire teachers.", "Youssef Haddad"),
    q("f3", "F", "A brand new statement about tram timetables and night buses in the city centre.", "Lena Vogel"),
]
FILLER = [
    q(f"z{i}", f"Z{i}", f"Statement number {word} concerns the {word} harbour, its {word} cranes and its {word} ferries.", "Lena Vogel")
    for i, word in enumerate(["northern", "southern", "eastern", "western", "central", "coastal", "inland", "upper"])
]


def same_alignment(a: Alignment, b: Alignment) -> None:
    assert partition(a, "cluster") == partition(b, "cluster")
    assert partition(a, "person") == partition(b, "person")
    assert a.clusters == b.clusters
    assert a.variants == b.variants
    assert a.people == b.people


def test_incremental_equals_full_run() -> None:
    old = CORPUS + FILLER
    earlier = align(old)
    stats = AlignStats()
    incremental = align(old + NEW, existing=earlier, stats=stats)
    same_alignment(incremental, align(old + NEW))


def test_new_quotes_join_existing_clusters_and_keep_their_ids() -> None:
    earlier = align(CORPUS + FILLER)
    cluster_of = {v.quote_id: v.cluster_id for v in earlier.variants}
    after = align(CORPUS + FILLER + NEW, existing=earlier)
    new_cluster_of = {v.quote_id: v.cluster_id for v in after.variants}
    assert new_cluster_of["f1"] == cluster_of["a1"]  # the flood statement, first seen in A
    assert new_cluster_of["f3"] not in cluster_of.values()
    assert after.person_of_quote["f1"] == earlier.person_of_quote["a1"]


def test_incremental_scores_fewer_pairs_and_reuses_untouched_clusters() -> None:
    old = CORPUS + FILLER
    earlier = align(old)
    full, inc = AlignStats(), AlignStats()
    align(old + NEW, stats=full)
    align(old + NEW, existing=earlier, stats=inc)
    assert inc.n_candidate_pairs < full.n_candidate_pairs
    assert inc.n_reused_clusters > 0


def test_nothing_new_changes_nothing() -> None:
    quotes: list[StoredQuote] = CORPUS + FILLER
    earlier = align(quotes)
    stats = AlignStats()
    again = align(quotes, existing=earlier, stats=stats)
    same_alignment(again, earlier)
    assert stats.n_candidate_pairs == 0
    assert stats.n_reused_clusters == len(earlier.clusters)
