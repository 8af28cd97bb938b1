"""Two people named together speak together: "Ames and Bell" is both of them, each
in full; a surname "of" a place or an organisation is a person and where they belong."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of


def test_two_surnames_are_both_people_in_full() -> None:
    text = (
        "Senator Tobias Ferrante and Governor Iris Lindgren sparred over the budget.\n"
        "Later, Ferrante and Lindgren both said the deal was “dead on arrival.”"
    )
    assert speaker_of(text, "dead on arrival") == "Tobias Ferrante and Iris Lindgren"


def test_two_given_names_share_one_surname() -> None:
    text = "In their book, Nora and Felix Ostergaard wrote that the party was “doomed from the start.”"
    assert speaker_of(text, "doomed from") == "Nora and Felix Ostergaard"


def test_a_surname_of_a_place_is_the_person() -> None:
    text = "Caucus Chairman R.J. Delacroix of South Dakota said the new rule was “unfair to small states.”"
    q = quote_starting(text, "unfair to small")
    assert q.speaker == "R.J. Delacroix"
