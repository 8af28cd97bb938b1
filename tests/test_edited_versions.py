"""Recall: a partial quote links to the longer version holding it; edited versions link."""

from __future__ import annotations

import pytest
from quote_factory import stored, together

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
