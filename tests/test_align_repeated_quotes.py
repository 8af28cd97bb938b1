"""Copies of one quote: one statement however many outlets copy it, at a cost linear in the copies."""

from __future__ import annotations

import pytest
from test_align_order_independent import q

from quotetrace.align import align
from quotetrace.records import Alignment, StoredQuote

WIRE = "The ministry will reopen the northern crossing for aid convoys on Monday."
EDITED = "The ministry will reopen the northern crossing to aid convoys from Monday."


def clusters(alignment: Alignment) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for v in alignment.variants:
        groups.setdefault(v.cluster_id, set()).add(v.quote_id)
    return list(groups.values())


def copies(
    text: str, n: int, *, speaker: str | None = "Dana Whitfield", same_document: bool = False, prefix: str = "q"
) -> list[StoredQuote]:
    return [q(f"{prefix}{i:05d}", "A" if same_document else f"D{i:05d}", text, speaker) for i in range(n)]


@pytest.mark.parametrize("n", [200, 201, 500])
def test_a_wire_quote_copied_by_every_outlet_is_one_statement(n: int) -> None:
    # A word in more than 200 quotes used to block nothing: 201 copies made 201 statements.
    assert len(clusters(align(copies(WIRE, n)))) == 1


def test_two_versions_of_a_wire_quote_each_copied_300_times_are_one_statement() -> None:
    quotes = copies(WIRE, 300) + [q(f"e{i:05d}", f"E{i:05d}", EDITED, "Dana Whitfield") for i in range(300)]
    assert len(clusters(align(quotes))) == 1


def test_a_line_repeated_in_one_article_is_one_statement() -> None:
    repeated = copies("We will rebuild the northern bridge before winter,", 3000, speaker=None, same_document=True)
    assert len(clusters(align(repeated))) == 1


def test_copies_of_a_short_fragment_join_within_an_article_or_with_one_speaker() -> None:
    # Fewer than three content words prove little: across articles only the same speaker links them.
    same_speaker = copies("absolutely unacceptable", 400)
    nobody = [q(f"n{i:05d}", f"N{i:05d}", "absolutely unacceptable", None) for i in range(3)]
    one_article = [q(f"a{i:05d}", "A", "absolutely unacceptable", None) for i in range(400)]
    found = clusters(align(same_speaker + nobody + one_article))
    assert {q.id for q in same_speaker} in found
    assert {q.id for q in one_article} in found
    assert all({x.id} in found for x in nobody)
    assert len(found) == 5


def test_a_quote_without_content_words_is_a_statement_of_its_own() -> None:
    # "We will do it" says nothing that could tell its versions apart: it is not aligned.
    quotes = copies("We will do it,", 3, same_document=True) + [q("other", "B", "We will do it.", "Dana Whitfield")]
    assert sorted(map(len, clusters(align(quotes)))) == [1, 1, 1, 1]


def test_new_copies_join_the_statement_of_the_stored_ones() -> None:
    old = copies(WIRE, 400)
    earlier = align(old)
    new = [q(f"z{i:05d}", f"Z{i:05d}", WIRE, "Dana Whitfield") for i in range(50)]
    later = align(old + new, existing=earlier)
    assert len(clusters(later)) == 1
    assert later.clusters == align(old + new).clusters


FULL = "The budget cuts will fall hardest on rural schools, which already struggle to hire teachers."
SHORTER = "The budget cuts will fall hardest on rural schools."
FRAGMENT = "already struggle to hire teachers"


@pytest.mark.parametrize(
    ("fragment_ids", "joins"),
    [(("e1", "z2"), "fragment"), (("t1", "t2"), "shorter")],
)
def test_the_pair_first_in_id_order_decides_as_if_every_pair_of_copies_were_compared(
    fragment_ids: tuple[str, str], joins: str
) -> None:
    # The fragment and the shorter version score alike with the full statement, and
    # article D0 holds one of each, so only one of them can join it: the one whose
    # pair with it comes first in quote ids, as when every two copies made a pair.
    fa, fb = fragment_ids
    quotes = [
        q("l1", "D1", FULL, "Youssef Haddad"), q("l2", "D2", FULL, "Youssef Haddad"),
        q(fa, "D3", FRAGMENT, "Youssef Haddad"), q(fb, "D0", FRAGMENT, "Youssef Haddad"),
        q("s1", "D0", SHORTER, "Youssef Haddad"), q("s2", "D4", SHORTER, "Youssef Haddad"),
    ]  # fmt: skip
    joined = {fa, fb} if joins == "fragment" else {"s1", "s2"}
    assert {"l1", "l2"} | joined in clusters(align(quotes))
