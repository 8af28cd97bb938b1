"""A quote running over paragraphs (each paragraph opens with a mark, only the last
closes) is one statement of the speaker who introduced it, also when a title in the
other style of marks sits inside it; words quoted within narration copied between
straight marks stay quotes of their own."""

from __future__ import annotations

from quotetrace import extract_quotes
from quotetrace.records import KIND_CONTINUATION, KIND_FULL


def statements(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text[:20], q.speaker) for q in extract_quotes(text) if q.kind in (KIND_FULL, KIND_CONTINUATION, "partial")]


def test_a_title_inside_a_straight_quote_over_paragraphs() -> None:
    text = (
        "Mayor Ellen Park stated:\n\n"
        '"The agency is no longer about “Equal Justice Under Law” at all. It is about an extreme vision.\n\n'
        '"The latest example is the lawsuit over the “Harbor Fees Act,” which lets the port decide."'
    )
    assert statements(text) == [
        (KIND_FULL, "The agency is no lon", "Ellen Park"),
        (KIND_CONTINUATION, "The latest example i", "Ellen Park"),
    ]


def test_words_quoted_in_narration_between_straight_marks_stay_quotes() -> None:
    text = (
        "The exchange was tense.\n\n"
        '"Tom Reyes tried to laugh it off by interjecting, “Only the auditors.” But Park was relentless.\n\n'
        "“Does that sound like a mayor?” Park asked."
    )
    kinds = {q.text: q.kind for q in extract_quotes(text)}
    assert kinds["Only the auditors."] != "nested"
