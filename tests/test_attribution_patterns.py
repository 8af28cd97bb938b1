"""Each attribution pattern a news article uses, on sentences written for these tests."""

from __future__ import annotations

import pytest

from quotetrace import extract_quotes


def only(source: str, **expect: object) -> None:
    text = source
    quotes = [q for q in extract_quotes(text) if q.kind in ("full", "partial", "continuation")]
    assert len(quotes) == 1, [(q.text, q.kind) for q in quotes]
    q = quotes[0]
    assert text[q.start : q.end] == q.text
    for key, value in expect.items():
        assert getattr(q, key) == value, (key, getattr(q, key), value)


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text) if q.kind in ("full", "partial", "continuation")]


@pytest.mark.parametrize(
    "text",
    [
        "“The bridge will reopen in March,” Maria Delgado said.",
        '"The bridge will reopen in March," Maria Delgado said.',
        "«The bridge will reopen in March», Maria Delgado said.",
        "„The bridge will reopen in March“, Maria Delgado said.",
        "''The bridge will reopen in March,'' Maria Delgado said.",
    ],
)
def test_every_double_quote_style(text: str) -> None:
    inside = "The bridge will reopen in March," if "March," in text else "The bridge will reopen in March"
    only(text, text=inside, speaker="Maria Delgado")


def test_attribution_after() -> None:
    only("“We expect turnout to be high,” Thomas Okafor said on Monday.", speaker="Thomas Okafor", cue="said")


def test_inverted_attribution() -> None:
    text = (
        "Ellen Marsh, the county's chief engineer, briefed the council.\n"
        "“The levee held, but barely,” said Marsh."
    )
    assert speakers(text) == [("The levee held, but barely,", "Ellen Marsh")]


def test_attribution_before_with_comma() -> None:
    only("Governor Paul Brandt said, “No one will be left behind.”", speaker="Paul Brandt")


def test_attribution_before_with_colon() -> None:
    only(
        "Lena Fischer, a climate economist at the Potsdam Institute, put the problem plainly: “Prices are rising faster than wages.”",
        speaker="Lena Fischer",
        affiliation="Potsdam Institute",
    )


def test_split_quote_keeps_the_speaker() -> None:
    text = "“The vote is close,” Omar Haddad said. “We will know by midnight.”"
    assert speakers(text) == [
        ("The vote is close,", "Omar Haddad"),
        ("We will know by midnight.", "Omar Haddad"),
    ]


def test_split_quote_within_one_sentence() -> None:
    text = "“The vote is close,” she said, “and we will know by midnight.”\n"
    text = "Anna Kowalski, the campaign manager, spoke after polls closed.\n" + text
    assert [s for _, s in speakers(text)] == ["Anna Kowalski", "Anna Kowalski"]


def test_multi_paragraph_quote() -> None:
    text = (
        "“The first thing we did was call the families,” Daniel Reyes, the fire chief, said.\n"
        "“Then we opened the school gym as a shelter.\n"
        "“By morning, 300 people were sleeping there.”"
    )
    got = speakers(text)
    assert [s for _, s in got] == ["Daniel Reyes"] * 3
    assert got[1][0] == "Then we opened the school gym as a shelter."


def test_partial_quote_in_reported_speech() -> None:
    text = "Senator Joan Pike called the proposal “a reckless gamble” during the hearing."
    only(text, text="a reckless gamble", speaker="Joan Pike", kind="partial")


def test_pronoun_resolves_to_the_right_person() -> None:
    text = (
        "Mayor Karen Holt met union leader Victor Salas on Tuesday.\n"
        "“We are close to a deal,” she said.\n"
        "Salas was more cautious. “Nothing is signed,” he said."
    )
    assert speakers(text) == [("We are close to a deal,", "Karen Holt"), ("Nothing is signed,", "Victor Salas")]


def test_surname_resolves_despite_spelling_drift() -> None:
    text = (
        "Youssef Haddad, an economist at the Arab Reform Initiative, said prices had doubled.\n"
        "“Bread is a political issue here,” Hadad said."
    )
    only(text, speaker="Youssef Haddad", affiliation="Arab Reform Initiative")


def test_affiliation_from_appositive() -> None:
    only(
        "“Supply chains are still fragile,” Priya Raman, a senior analyst at the Rhodium Group, told Reuters.",
        speaker="Priya Raman",
        title="senior analyst",
        affiliation="Rhodium Group",
        told_to="Reuters",
    )


def test_affiliation_from_prenominal_title() -> None:
    only(
        "“Our forecast has not changed,” Brookings Institution fellow Mark Ellison told CNN.",
        speaker="Mark Ellison",
        affiliation="Brookings Institution",
        told_to="CNN",
    )


def test_possessive_title() -> None:
    only(
        "“The ceasefire is fragile,” Leila Nasser, the Carnegie Endowment’s senior Middle East fellow, told the BBC.",
        speaker="Leila Nasser",
        affiliation="Carnegie Endowment",
        title="senior Middle East fellow",
    )


def test_country_possessive_title() -> None:
    only(
        "Brazil’s Finance Minister Rui Costa called the tariff “an act of aggression” on Friday.",
        speaker="Rui Costa",
        affiliation="Brazil",
    )


def test_told_to_outlet() -> None:
    only("“It was chaos,” Hannah Boyd told Al Jazeera.", told_to="Al Jazeera", cue="told Al Jazeera")


def test_unbalanced_mark_does_not_lose_later_quotes() -> None:
    text = (
        "Officials said the “review was ongoing.\n"
        "“We will publish everything,” Clara Jensen said.\n"
        "“Nothing will be hidden,” she added."
    )
    got = speakers(text)
    assert ("We will publish everything,", "Clara Jensen") in got
    assert ("Nothing will be hidden,", "Clara Jensen") in got
