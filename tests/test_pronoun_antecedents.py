"""He/she skip people who are only mentioned (names inside quotes, an article's
byline, phrases that are no person) and take the subject of the last attribution,
also when that attribution was reported speech ("…, said Jane Roe")."""

from __future__ import annotations

from quote_helpers import speaker_of


def test_a_name_inside_a_quote_is_not_the_antecedent() -> None:
    text = (
        "Gov. Walter Brandt has vowed to close the shelters.\n"
        "“Thanks for coming tonight,” said organiser Imran Qadri, a retired engineer. "
        "“No thanks to Walter Brandt,” he added."
    )
    assert speaker_of(text, "No thanks to") == "Imran Qadri"


def test_the_subject_of_reported_speech_is_in_focus() -> None:
    text = (
        "“Turnout will be high,” said Olav Brekke, a pollster.\n"
        "Whether it helps the incumbent is unclear, said Tomas Reinholt, a strategist at Northgate Partners. "
        "“Nobody knows yet,” he said."
    )
    assert speaker_of(text, "Nobody knows yet") == "Tomas Reinholt"


def test_who_said_puts_the_name_before_it_in_focus() -> None:
    text = (
        "Councilman Arturo Pell proposed the tax.\n"
        "He was backed by Sen. Miriam Szabo of Ohio, who said the revenue was needed. "
        "“Schools cannot wait,” she said."
    )
    assert speaker_of(text, "Schools cannot wait") == "Miriam Szabo"


def test_an_article_phrase_is_not_a_person() -> None:
    text = (
        "Mayor Teresa Galvan said the Northern Front must be defeated.\n"
        "“We will not negotiate,” she said."
    )
    assert speaker_of(text, "We will not negotiate") == "Teresa Galvan"


def test_the_byline_is_never_the_speaker() -> None:
    text = (
        "By Harriet Okonjo-Blake\n\n"
        "Officials met on Monday to discuss the levee.\n"
        "Another official noted that the mayor had promised repairs “by spring, at the latest.”"
    )
    assert speaker_of(text, "by spring") != "Harriet Okonjo-Blake"


def test_who_said_after_a_place_and_a_role_puts_the_name_in_focus() -> None:
    text = (
        "Secretary Hillary Reyes spoke on Friday.\n\n"
        "Reyes's position was supported Friday by Sen. Lena Ortiz of Ohio, the ranking Democrat on the "
        "intelligence committee, who said none of the emails originated with Reyes.\n\n"
        '"It has never made sense to me," she said in a statement.'
    )
    assert speaker_of(text, "It has never made sense") == "Lena Ortiz"

