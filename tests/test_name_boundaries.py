"""Where a person's name starts: the words glued before it in a capitalised run
(sentence-initial words, reporting verbs, possessors, origin adjectives, offices)
are never part of the speaker's name."""

from __future__ import annotations

import pytest
from quote_helpers import speaker_of

from quotetrace import extract_quotes


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a possessor before the name: an outlet or a party
        ("The Herald’s Maribel Ostrowski asked the mayor about it.\n“We will not wait,” Ostrowski said.", "We will not", "Maribel Ostrowski"),
        ("That was according to Lantern Radio's Ulrich Peabody.\n“Nobody called back,” Peabody said.", "Nobody called", "Ulrich Peabody"),
        # an adjective of origin or base
        ("Ohio-based Corinne Vadasz runs the shelter.\n“We are full every night,” Vadasz said.", "We are full", "Corinne Vadasz"),
        ("West Indian-born Lionel Quarrie spoke next.\n“I came here at six,” Quarrie said.", "I came here", "Lionel Quarrie"),
        # an office between title and name
        ("Deputy Chief of Staff Orla Brennick met the delegates.\n“We made progress,” Brennick said.", "We made progress", "Orla Brennick"),
        ("Assistant Secretary for Public Affairs Tobias Wren declined.\n“No comment,” Wren said.", "No comment", "Tobias Wren"),
        ("Gazette Editor-in-Chief Hollis Marrow answered.\n“We stand by the story,” Marrow said.", "We stand by", "Hollis Marrow"),
        ("Co-host Petra Lindqvist laughed.\n“That is a first,” Lindqvist said.", "That is a first", "Petra Lindqvist"),
        ("City Public Advocate Renata Osei objected.\n“It is unfair,” Osei said.", "It is unfair", "Renata Osei"),
    ],
)
def test_words_before_a_name_are_not_the_name(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


def test_a_reporting_verb_before_a_surname_is_not_a_first_name() -> None:
    text = (
        "Senator Margit Holloway spoke on Monday.\n"
        "“We will vote no,” Holloway told reporters.\n"
        "Stated Holloway: “The bill is dead.”"
    )
    assert speaker_of(text, "The bill is dead") == "Margit Holloway"


def test_a_function_word_before_a_surname_is_not_a_first_name() -> None:
    text = (
        "Economist Terrence Vail and Gov. Ada Kincaid disagree.\n"
        "Unlike Kincaid, Vail sees growth.\n"
        "“Growth is coming,” Vail said. Besides Kincaid, nobody objected.\n"
        "“We will see,” Kincaid said."
    )
    assert speaker_of(text, "We will see") == "Ada Kincaid"
    assert speaker_of(text, "Growth is coming") == "Terrence Vail"


def test_a_titled_person_then_and_is_not_an_organisation() -> None:
    text = (
        "Former Ambassador Rupert Lyle and Harbor News Network anchor Deb Sato met on Friday.\n"
        "“I said what I said,” Lyle said."
    )
    assert speaker_of(text, "I said what") == "Rupert Lyle"


def test_an_organisation_with_a_possessive_stays_whole() -> None:
    text = "“Rates will fall,” said an economist at Fenwick’s Analytics.\n“Rates will rise,” Fenwick’s Analytics said in a note."
    q = next(q for q in extract_quotes(text) if q.text.startswith("Rates will rise"))
    assert q.speaker == "Fenwick’s Analytics"
    assert q.speaker_kind == "organisation"
