"""An organisation speaks under other names than its own: "it" and "they" for the one in focus,
"the newspaper" for the paper the story is about, "the paper's editorial board", "the editorial
board" of the newspaper named last, "the BLM group" for the initials spelled out, "the Saudis"
for Saudi Arabia, "HuffPo" for the Huffington Post. A company's spokesman stays a person."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of

from quotetrace.records import CHECKED_CONFIDENCE


def test_it_added_is_the_outlet_that_reported() -> None:
    text = (
        "Senator Ida Brenn met the author on Monday.\n\n"
        "The Courier reported that the author was gathering material for a book. "
        "It added, “the visit comes as Brenn prepares a new line of attack.”"
    )
    q = quote_starting(text, "the visit comes")
    assert (q.speaker, q.speaker_kind) == ("Courier", "organisation")
    assert q.speaker_confidence < CHECKED_CONFIDENCE  # "it" is a guess a person checks


def test_they_conclude_is_the_editorial_board_in_focus() -> None:
    text = (
        "“Are we talking about the same governor?” the Harbor Times editorial board writes.\n\n"
        "The newspaper, long an advocate of reform, writes that the governor has changed.\n\n"
        "“The attacks show how far the party has drifted,” they conclude."
    )
    assert speaker_of(text, "The attacks show") == "Harbor Times editorial board"


def test_they_after_a_person_is_no_organisation() -> None:
    text = (
        "The Harbor Times ran an editorial on Sunday.\n\n"
        "Mayor Lena Okafor and her aides read it closely. “We will answer every point,” they said."
    )
    assert speaker_of(text, "We will answer") != "Harbor Times"


def test_an_indefinite_description_names_no_newspaper() -> None:
    text = (
        "A Lakeview newspaper called on the governor to visit the flooded towns.\n\n"
        "The Sentinel had chided the president a week earlier.\n\n"
        "“A crisis should be a call to conscience,” the newspaper admitted."
    )
    assert speaker_of(text, "A crisis should be") == "Sentinel"


def test_the_papers_editorial_board() -> None:
    text = (
        "The Harbor Times endorsed her rival on Sunday.\n\n"
        "“He is selling his own brand of fiction,” the paper's editorial board wrote."
    )
    assert speaker_of(text, "He is selling") == "Harbor Times editorial board"


def test_the_editorial_board_of_the_newspaper_named_last() -> None:
    text = (
        "The pro-Reyes Granite Union Leader, the state's largest newspaper, has run a string of editorials.\n\n"
        "“Pandering belies his reputation,” the editorial board recently wrote."
    )
    assert speaker_of(text, "Pandering belies") == "Granite Union Leader editorial board"


def test_initials_with_a_generic_head() -> None:
    text = (
        "Leaders of the Fair Wages Now movement met on Monday.\n\n"
        "“We will not stop,” the FWN group said."
    )
    assert speaker_of(text, "We will not stop") == "Fair Wages Now"


def test_a_people_for_its_country() -> None:
    text = "Saudi Arabia sent a memo to Congress. “We have worked closely with our allies,” the Saudis write in it."
    q = quote_starting(text, "We have worked")
    assert (q.speaker, q.speaker_kind) == ("Saudi Arabia", "organisation")
    text2 = "“We will not wait,” the Israelis said in a statement."
    assert speaker_of(text2, "We will not wait") == "Israel"


def test_a_clipped_outlet_name() -> None:
    text = "According to HuffPo: “The senator has had a mixed record.”"
    assert speaker_of(text, "The senator has had") == "Huffington Post"
    text2 = "The Daily Harbor Ledger ran the story first. According to DaHaLe: “Nobody knew.”"
    assert speaker_of(text2, "Nobody knew") == "Daily Harbor Ledger"


def test_a_companys_spokesman_is_a_person() -> None:
    text = "Brightline Foods cut its forecast. “We were too slow,” the company's spokesman said."
    assert quote_starting(text, "We were too slow").speaker_kind != "organisation"
