"""Repeats are not versions: one speaker's line at another occasion is a statement of its own, related as repeated."""

from __future__ import annotations

from quote_factory import clusters_of, stored

from quotetrace.align import align
from quotetrace.records import RELATION_REPEATED

LINE = "You've been willing to say or do anything to get votes in this campaign, and people see it."
AGAIN = "He would say or do anything to get votes, and people in this state see it."


def test_the_same_speaker_months_apart_is_a_repeat() -> None:
    quotes = [
        stored("jan", LINE, "Marco Rubio", published="2016-01-29"),
        stored("jun", AGAIN, "Marco Rubio", published="2016-06-20"),
    ]
    alignment = align(quotes)
    c = clusters_of(alignment)
    assert c["jan"] != c["jun"]
    assert [r.relation for r in alignment.relations] == [RELATION_REPEATED]
    assert {alignment.relations[0].quote_id, alignment.relations[0].other_quote_id} == {"jan", "jun"}


def test_the_same_speaker_the_same_week_is_one_statement() -> None:
    quotes = [
        stored("mon", LINE, "Marco Rubio", published="2016-01-29"),
        stored("tue", AGAIN, "Marco Rubio", published="2016-01-30"),
    ]
    assert len(set(clusters_of(align(quotes)).values())) == 1


def test_a_statement_quoted_again_months_later_word_for_word_stays_one() -> None:
    said = "I did not email any classified material to anyone on my email. There is no classified material."
    quotes = [
        stored("march", said, "Hillary Clinton", published="2015-11-12"),
        stored("july", said, "Hillary Clinton", published="2016-07-06"),
    ]
    assert len(set(clusters_of(align(quotes)).values())) == 1
