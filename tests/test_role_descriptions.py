"""A definite description ("the senator", "the Republican nominee", "the Texan")
resolves to the person the article names in that role, or, when nobody was introduced
with it, to the person the story follows; an unnamed role ("the spokesman") and a role
someone else holds stay descriptions."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of


def test_a_role_nobody_was_given_is_the_person_the_story_follows() -> None:
    text = (
        "Marta Kowalczyk won the party's primary on Tuesday.\n"
        "Kowalczyk thanked volunteers in Toledo, where she grew up.\n"
        "“We start the real work tomorrow,” the Democratic nominee said."
    )
    assert speaker_of(text, "We start the real work") == "Marta Kowalczyk"


def test_a_demonym_is_the_person_the_story_follows() -> None:
    text = (
        "Rep. Hollis Granger opposed the bill.\n"
        "Granger spoke for an hour on the floor.\n"
        "“This is a land grab,” the Nevadan said."
    )
    q = quote_starting(text, "This is a land grab")
    assert (q.speaker, q.speaker_kind) == ("Hollis Granger", "person")


def test_a_role_held_by_someone_else_is_not_given_away() -> None:
    text = (
        "Press secretary Lena Vukovic answered questions on Tuesday.\n"
        "Vukovic said the plan was fair.\n"
        "A reporter noted that the president had promised relief “within the year.”"
    )
    assert speaker_of(text, "within the year") != "Lena Vukovic"


def test_an_unnamed_role_stays_a_description() -> None:
    text = (
        "Senator Abel Moreau toured the plant.\n"
        "Moreau said nothing to reporters.\n"
        "“No decision has been made,” the spokesman said."
    )
    q = quote_starting(text, "No decision")
    assert q.speaker_kind == "description"
