"""The cheap bounds that rule candidate pairs out before scoring: `views_bound` is never under the score,
and `least_shared` is `out_of_reach`'s first test as a count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrace.align.similarity import SAME_STATEMENT, _prepare, _score, least_shared, views_bound

WORDS = (
    "the we will not rest until every hostage is home river rose four metres overnight old bridge closed "
    "traffic Gaza Tuesday vetting infiltration president know people 200 two hundred 3% percent never "
    "recruit recruitment recruited faction factional destabilisation destabilization Damascus US said "
    "budget cuts rural schools teachers struggle hire attack assault can't won't it's"
).split()
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_views_bound_is_at_least_the_score(a: str, b: str) -> None:
    ta, tb = _prepare(a), _prepare(b)
    if ta.words != tb.words:
        assert _score(ta, tb) <= views_bound(ta, tb) + 0.5e-4 + 1e-12  # (the score is rounded to four places)
        assert views_bound(ta, tb) == views_bound(tb, ta)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_least_shared_is_the_first_test_as_a_count(a: str, b: str) -> None:
    ta, tb = _prepare(a), _prepare(b)
    both, least = len(ta.keyset & tb.keyset), 0.9 * SAME_STATEMENT
    first = ta.spread * both / ta.size < least and tb.spread * both / tb.size < least
    assert first == (both < min(least_shared(ta, SAME_STATEMENT), least_shared(tb, SAME_STATEMENT)))
