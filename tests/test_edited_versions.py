"""Recall: a partial quote links to the longer version holding it; edited versions link."""

from __future__ import annotations

import pytest
from quote_factory import stored, together

from quotetrace.align import SAME_STATEMENT, quote_similarity
from quotetrace.records import KIND_PARTIAL

FULL = "A lot will have to do with Israel and whether or not Israel wants to make the deal, whether or not Israel is willing to sacrifice certain things."


@pytest.mark.parametrize(
    ("version", "kind"),
    [
        ("whether or not Israel is willing to sacrifice certain things", KIND_PARTIAL),  # a partial quote, word for word
        ("has to do with Israel and whether or not Israel is willing to sacrifice certain things", KIND_PARTIAL),  # an ellipsis
        ("A lot will have to do with Israel … whether or not Israel is willing to sacrifice certain things.", "full"),
        ("A lot will have to do with [Jerusalem] and whether or not Israel wants to make the deal, whether or not Israel is willing to sacrifice certain things.", "full"),
        ("A lot will have to do with Israel and whether Israel wants to make the deal, whether Israel is willing to sacrifice certain things.", "full"),
    ],
)
def test_cut_and_edited_versions_of_an_unattributed_quote_link(version: str, kind: str) -> None:
    quotes = [stored("full", FULL, "Donald Trump"), stored("v", version, None, kind=kind)]
    assert together(quotes, "full", "v")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The organisation will honour its programme of modernisation.", "The organization will honor its program of modernization."),
        ("More than two hundred people were killed in the attack on the market.", "More than 200 people were killed in the attack on the market."),
        ("We will rebuild the bridge. Then we will reopen the road to the north.", "We will reopen the road to the north. Then we will rebuild the bridge."),
    ],
)
def test_spelling_numbers_and_reordered_sentences_link(a: str, b: str) -> None:
    assert together([stored("a", a, "Lina Haddad"), stored("b", b, None)], "a", "b")


def test_a_figure_only_in_a_sentence_the_other_version_leaves_out_is_no_changed_figure() -> None:
    longer = "It is probably a three-way race now. If you do not want Lopez or Baker to be the nominee, you had better get behind Carla Chen."
    edited = "If you do not want Ana Baker or Luis Lopez as the nominee, you had better get behind Carla Chen,"
    assert quote_similarity(longer, edited) >= SAME_STATEMENT
    # a figure inside the stretch both quote still counts
    assert quote_similarity(longer, edited.replace("the nominee,", "the nominee in 2 weeks,")) < SAME_STATEMENT


def test_six_words_found_word_for_word_may_be_a_version_but_three_may_not() -> None:
    fuller = "in charge of fixing the economy, because, you know, she knows how to do it,"
    assert quote_similarity(fuller, "she knows how to do it.") >= SAME_STATEMENT
    assert quote_similarity(fuller, "she knows how.") < SAME_STATEMENT
