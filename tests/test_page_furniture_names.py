"""Page furniture names nobody: a photo credit, a title-case headline or a caption
never puts a person in the article's cast, so neither a pronoun nor a description
resolves to them."""

from __future__ import annotations

from quote_helpers import speaker_of


def test_a_photo_credit_is_not_a_person_a_description_can_mean() -> None:
    text = (
        "Comedian Piet Vandermolen mocked the candidate on Monday.\n\n"
        "Marisol Quintero via Getty Images.\n\n"
        "“I only read what he writes,” the 41-year-old said."
    )
    assert speaker_of(text, "I only read") == "Piet Vandermolen"


def test_a_title_case_headline_is_not_read_as_one_long_name() -> None:
    text = (
        "Farm Bill Vote Angers Hannah Pruitt\n\n"
        "The vote came late on Friday.\n"
        "“I changed my mind in March,” Pruitt said."
    )
    assert speaker_of(text, "I changed my mind") == "Hannah Pruitt"
