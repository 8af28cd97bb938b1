"""A capitalised run holding an organisation, a title and a name is an organisation and a person
("House Oversight Committee Chairman Ann Roe"); a date after a connector ends a name ("… on
Tuesday"); a title word inside an organisation's name makes no person ("Council on Foreign
Relations")."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of

from quotetrace.nlp.rules import find_entities


def _entities(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in find_entities(text)]


def test_an_organisation_title_and_name_in_one_run() -> None:
    found = _entities("Then Harbor Ethics Committee Chairman Dale Okafor on Tuesday asked for a review.")
    assert ("Dale Okafor", "PERSON") in found
    assert ("Harbor Ethics Committee", "ORG") in found


def test_a_title_word_inside_an_organisation_name_is_no_person() -> None:
    found = _entities("The Institute on Foreign Affairs published the study.")
    assert all(label != "PERSON" for _, label in found)


def test_the_chairman_named_that_way_is_the_speaker_later() -> None:
    text = (
        "Harbor Ethics Committee Chairman Dale Okafor on Tuesday asked for a review of the contracts.\n\n"
        "In the letter, the chairman asks whether “anyone was paid twice.”"
    )
    q = quote_starting(text, "anyone was paid twice")
    assert q.speaker == "Dale Okafor"
    assert speaker_of(text, "anyone was paid twice") == "Dale Okafor"


def test_a_named_day_is_no_person() -> None:
    found = _entities("Before Election Day and after Super Tuesday, Maria Reyes posted on Facebook Friday. Doris Day sang.")
    people = {text for text, label in found if label == "PERSON"}
    assert "Maria Reyes" in people and "Doris Day" in people
    assert not people & {"Election Day", "Super Tuesday", "Facebook Friday"}
