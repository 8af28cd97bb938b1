"""A surname (or a lone given name) resolves to the person the article names in full:
wherever the full name stands, whichever form the name run takes, and, when two people
share the surname, to the one last named in full as a subject or speaker."""

from __future__ import annotations

from quote_helpers import speaker_of


def test_the_full_name_may_come_after_the_surname() -> None:
    text = (
        "The race tightened on Tuesday.\n"
        "“We are closing the gap,” said Okafor, whose campaign has gained ground.\n"
        "A poll later showed Councilwoman Adaeze Okafor two points behind."
    )
    assert speaker_of(text, "We are closing") == "Adaeze Okafor"


def test_a_full_name_inside_a_longer_capitalised_run_is_found() -> None:
    text = (
        "Wow: Al Brandish Says Farm Bill Is Dead On Arrival\n\n"
        "The senator spoke on the radio.\n"
        "“It is dead,” Brandish said."
    )
    assert speaker_of(text, "It is dead") == "Al Brandish"


def test_a_full_name_with_an_office_and_a_second_person_is_found() -> None:
    text = (
        "Former Trade Representative Lionel Fairweather and Harbor Times Metro editor Kim Osei debated.\n"
        "“Tariffs are taxes,” Fairweather said."
    )
    assert speaker_of(text, "Tariffs are taxes") == "Lionel Fairweather"


def test_a_two_word_surname_is_the_tail_of_the_full_name() -> None:
    text = (
        "Party Chair Rosalind Ortega Vance defended the schedule.\n"
        "“The debates are fair,” Ortega Vance said."
    )
    assert speaker_of(text, "The debates are fair") == "Rosalind Ortega Vance"


def test_two_people_with_one_surname_follow_the_last_full_mention() -> None:
    text = (
        "Mara Lindqvist runs the family foundation her father, Gustav Lindqvist, set up.\n"
        "“My father gave generously,” Lindqvist said.\n"
        "Gustav Lindqvist declined to comment at first.\n"
        "“I gave what I could,” Lindqvist said later."
    )
    assert speaker_of(text, "My father gave") == "Mara Lindqvist"
    assert speaker_of(text, "I gave what") == "Gustav Lindqvist"


def test_an_object_mention_does_not_take_the_surname_from_the_subject() -> None:
    text = (
        "Actor Dale Petrakis backs the challenger.\n"
        "Petrakis, the younger brother of director Niko Petrakis, endorsed her in May.\n"
        "“She has courage,” Petrakis said."
    )
    assert speaker_of(text, "She has courage") == "Dale Petrakis"


def test_an_honorific_tells_which_of_two_people() -> None:
    text = (
        "Ruth Abernathy and her husband, Paul Abernathy, own the bakery.\n"
        "“We will reopen,” Mrs. Abernathy said."
    )
    assert speaker_of(text, "We will reopen") == "Ruth Abernathy"


def test_a_lone_given_name_is_the_only_person_with_it() -> None:
    text = (
        "Governor Wen Zhaolin met the delegation.\n"
        "“Trade must grow,” Wen said."
    )
    assert speaker_of(text, "Trade must grow") == "Wen Zhaolin"


def test_a_common_word_before_a_known_name_is_not_part_of_it() -> None:
    text = (
        "Donald Pruitt owns three casinos; the billionaire rarely speaks.\n"
        "Billionaire Donald Pruitt said he would sell one.\n"
        "“The market is soft,” Pruitt said."
    )
    assert speaker_of(text, "The market is soft") == "Donald Pruitt"


def test_a_middle_initial_belongs_to_the_name() -> None:
    text = "“The review is closed,” Agency Counsel Martin J. Oyelaran wrote in a letter."
    assert speaker_of(text, "The review is closed") == "Martin J. Oyelaran"


def test_a_surname_that_is_also_a_place_or_a_title() -> None:
    text = (
        "Organizer Lucas Denver and tennis champion Rosa Mae Bishop spoke.\n"
        "“We marched for hours,” Denver said.\n"
        "“I remember every step,” Bishop said."
    )
    assert speaker_of(text, "We marched") == "Lucas Denver"
    assert speaker_of(text, "I remember") == "Rosa Mae Bishop"


def test_two_vowels_swapped_are_one_spelling_of_the_name() -> None:
    text = (
        "Singer Anton Kriegis finished the album.\n"
        "“It is the best we made,” Kreigis said."
    )
    assert speaker_of(text, "It is the best") == "Anton Kriegis"


def test_a_participle_opening_a_sentence_is_not_a_given_name() -> None:
    text = (
        "Mayor Ines Caldwell won a second term.\n"
        "Thanking Caldwell, the council chair closed the session.\n"
        "“Back to work,” Caldwell said."
    )
    assert speaker_of(text, "Back to work") == "Ines Caldwell"
