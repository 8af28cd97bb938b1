"""One person across outlets: transliteration, extra given names, a surname another outlet gives in full."""

from __future__ import annotations

import pytest
from quote_factory import stored

from quotetrace.align import align
from quotetrace.names import same_person, token_similarity

MARKETS = "The central bank will not raise rates again before the summer, whatever the markets expect."
MATCH = "We played the second half like a team that had already won the cup, and we paid for it."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thomas Müller", "Thomas Mueller"),
        ("Thomas Mueller", "Thomas Muller"),
        ("Lars Jørgensen", "Lars Jorgensen"),
        ("Lars Jørgensen", "Lars Joergensen"),
        ("Fransiskus Bambang Soelistyo", "Bambang Soelistyo"),
    ],
)
def test_spellings_and_extra_given_names_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    alignment = align([stored("a", MARKETS, a), stored("b", MARKETS + " Really.", b)])
    assert len(alignment.people) == 1


def test_umlaut_transliteration_folds_only_vowel_pairs() -> None:
    assert token_similarity("Müller", "Mueller") >= 0.85
    assert token_similarity("Lund", "Lind") < 0.85
    assert not same_person("Anna Müller", "Thomas Müller")


def test_a_surname_joins_the_full_name_another_outlet_gives_when_the_statement_agrees() -> None:
    quotes = [
        stored("full", MARKETS, "Thomas Müller", doc="banking", published="2016-03-01"),
        stored("bare", "The central bank will not raise rates again before the summer.", "Mueller", doc="wire", published="2016-03-02"),
    ]
    alignment = align(quotes)
    assert alignment.person_of_quote["bare"] == alignment.person_of_quote["full"]


def test_two_people_sharing_only_a_surname_stay_apart() -> None:
    quotes = [
        stored("banker", MARKETS, "Thomas Müller", doc="banking", published="2016-03-01"),
        stored("coach", MATCH, "Müller", doc="football", published="2016-03-02"),
    ]
    alignment = align(quotes)
    assert alignment.person_of_quote["banker"] != alignment.person_of_quote["coach"]
    # an affiliation they share is agreement enough
    quotes = [
        stored("banker", MARKETS, "Thomas Müller", doc="banking", affiliation="Deutsche Bank"),
        stored("again", MATCH, "Müller", doc="football", affiliation="Deutsche Bank"),
    ]
    alignment = align(quotes)
    assert alignment.person_of_quote["banker"] == alignment.person_of_quote["again"]
