"""A quote in the article's headline is the editor's rendering of words the body gives in
full: kept (with its speaker) as a headline quote, not exported as a statement."""

from __future__ import annotations

from quotetrace import extract_quotes


def test_a_headline_quote_is_not_a_statement() -> None:
    text = (
        "Ruiz Says ‘Dead on Arrival’ After Bridge Vote\n\n"
        "SPRINGFIELD — Mayor Ana Ruiz said Tuesday the state’s bridge plan was “dead on arrival in this city.”"
    )
    quotes = extract_quotes(text)
    kinds = {q.text: q.kind for q in quotes}
    assert kinds["Dead on Arrival"] == "headline"
    assert kinds["dead on arrival in this city."] == "partial"
    head = next(q for q in quotes if q.kind == "headline")
    assert head.speaker_as_written == "Ruiz"


def test_a_lede_is_not_a_headline() -> None:
    text = (
        "CLEVELAND — The council president said Tuesday the budget was ''dead on arrival''.\n\n"
        "The mayor disagreed."
    )
    (q,) = extract_quotes(text)
    assert q.kind == "partial"


def test_a_quote_paragraph_after_a_headline_is_no_continuation_of_it() -> None:
    text = "Ruiz: ‘We Will Appeal’\n\n“We will appeal this ruling,” Mayor Ana Ruiz said on Tuesday."
    body = next(q for q in extract_quotes(text) if q.text.startswith("We will appeal"))
    assert body.kind == "full" and body.speaker == "Ana Ruiz"
