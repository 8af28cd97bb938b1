"""Speakers that are not a plain name: organisations, descriptions, back-references,
pronouns across paragraphs; quote kinds kept apart; page furniture ignored."""

from __future__ import annotations

from quotetrace import extract_quotes


def by_text(text: str) -> dict[str, object]:
    return {q.text: q for q in extract_quotes(text)}


def test_organisation_speaker_is_kept_as_such() -> None:
    q = by_text("“The plant will stay open,” the Ministry of Energy said in a statement.")["The plant will stay open,"]
    assert (q.speaker, q.speaker_kind) == ("Ministry of Energy", "organisation")


def test_description_speaker_is_not_forced_onto_a_person() -> None:
    text = "Senator Ruth Calder spoke first.\n“We saw no evidence of that,” a Pentagon spokesman said."
    q = by_text(text)["We saw no evidence of that,"]
    assert q.speaker_kind == "description"
    assert q.speaker == "Pentagon spokesman"
    assert q.affiliation == "Pentagon"


def test_nominal_back_reference_finds_the_person_with_that_title() -> None:
    text = (
        "Harbor Authority spokeswoman Dana Whitfield said the ferry would resume on Friday.\n"
        "Commuters were unconvinced.\n"
        "“We have inspected every hull,” the spokeswoman said."
    )
    assert by_text(text)["We have inspected every hull,"].speaker == "Dana Whitfield"


def test_pronouns_follow_the_right_person_across_paragraphs() -> None:
    text = (
        "Gov. Laura Benton signed the budget on Tuesday, and Mayor Carl Ortiz criticised it.\n"
        "“It shortchanges our schools,” Ortiz said.\n"
        "Benton defended the cuts in a radio interview.\n"
        "“Every district gets more than last year,” she said.\n"
        "“That is simply not true,” he replied."
    )
    got = by_text(text)
    assert got["Every district gets more than last year,"].speaker == "Laura Benton"
    assert got["That is simply not true,"].speaker == "Carl Ortiz"


def test_according_to_and_statement_read() -> None:
    text = (
        "“No injuries were reported,” according to the Coast Guard.\n"
        "The airline issued a statement. “We apologise to every passenger,” the statement read."
    )
    got = by_text(text)
    assert got["No injuries were reported,"].speaker == "Coast Guard"
    assert got["We apologise to every passenger,"].speaker_kind == "organisation"


def test_social_media_and_dash_attributions() -> None:
    text = (
        "“This is a great day for Ohio,” Senator Mark Doyle wrote on X.\n"
        "“Stay off the roads tonight.” —Commissioner Ellen Park"
    )
    got = by_text(text)
    assert got["This is a great day for Ohio,"].speaker == "Mark Doyle"
    assert got["This is a great day for Ohio,"].cue == "wrote on X"
    assert got["Stay off the roads tonight."].speaker == "Ellen Park"


def test_kinds_keep_titles_scare_quotes_and_nested_quotes_apart() -> None:
    text = (
        "Her memoir, “Salt and Iron,” sold 40,000 copies.\n"
        "Critics called the policy a so-called “reform” of nothing.\n"
        "“He told me, ‘Keep going,’ and I did,” Ana Ruiz said."
    )
    kinds = {q.text: q.kind for q in extract_quotes(text)}
    assert kinds["Salt and Iron,"] == "title"
    assert kinds["reform"] == "scare"
    assert kinds["Keep going,"] == "nested"
    assert kinds["He told me, ‘Keep going,’ and I did,"] == "full"


def test_title_and_affiliation_are_kept_apart_across_mentions() -> None:
    text = (
        "Miriam Osei, a senior economist at the Brookfield Institute, published the report.\n"
        "“Rents are rising twice as fast as wages,” Osei said."
    )
    q = by_text(text)["Rents are rising twice as fast as wages,"]
    assert (q.speaker, q.title, q.affiliation) == ("Miriam Osei", "senior economist", "Brookfield Institute")


def test_page_furniture_never_yields_a_speaker() -> None:
    text = (
        "By Jane Porter, Associated Press\n"
        "Follow\n"
        "“The dam is holding,” county engineer Luis Mendez said.\n"
        "Flood waters rise near the river on Monday. (AP Photo/Tom Reilly)\n"
        "“We are watching it hour by hour,” he said.\n"
        "Read More\n"
        "‘A miracle’: Hiker found alive after four days\n"
    )
    statements = [q for q in extract_quotes(text) if q.kind in ("full", "partial", "continuation")]
    assert [q.speaker for q in statements] == ["Luis Mendez", "Luis Mendez"]


def test_confidence_is_given_for_the_quote_and_the_speaker() -> None:
    strong, weak = extract_quotes("“We won,” Maria Lopez said.\n“Maybe,” someone wrote somewhere.")[:2]
    assert 0 < strong.confidence <= 1 and 0 < strong.speaker_confidence <= 1
    assert strong.speaker_confidence > weak.speaker_confidence


def test_acronym_speaker_takes_the_name_the_article_spelled_out() -> None:
    text = (
        "Inspectors at the Federal Aviation Administration were warned twice.\n"
        "The FAA said in a statement that “safety has never been compromised.”"
    )
    q = by_text(text)["safety has never been compromised."]
    assert (q.speaker, q.speaker_kind) == ("Federal Aviation Administration", "organisation")


def test_capitalised_words_are_not_reporting_verbs() -> None:
    text = "“This is what accountability looks like.” — Central Plains State President Helen Vasquez-Orr, on X"
    assert by_text(text)["This is what accountability looks like."].speaker == "Helen Vasquez-Orr"
