"""Markup left in scraped copy is never a quotation: attribute values of leftover tags
(author="…", tweet-id="…") are not quotes; the article's own quotes around them still are."""

from __future__ import annotations

from quotetrace import extract_quotes


def test_attribute_values_of_leftover_tags_are_not_quotes() -> None:
    text = (
        '<tweet tweet-id="672137288055398401" tweet-date="1449075600" author="@someone">We will win</tweet>. '
        "“We are ready,” Ruiz said.\n"
        "<a href=\"https://example.org/x\" title='Home page'>link</a> she added."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We are ready,"]
    assert quotes[0].speaker == "Ruiz"


def test_offsets_hold_after_markup() -> None:
    text = '<span class="x">Tuesday</span> “The bridge is closed,” the mayor said.'
    (q,) = extract_quotes(text)
    assert text[q.start : q.end] == q.text == "The bridge is closed,"


def test_a_straight_pair_inside_a_curly_quote_nests() -> None:
    text = '“We told them "no" twice,” Ruiz said.'
    quotes = extract_quotes(text)
    outer = next(q for q in quotes if q.kind == "full")
    assert outer.text == 'We told them "no" twice,' and outer.speaker == "Ruiz"
    assert [q.text for q in quotes if q.kind == "nested"] == ["no"]
