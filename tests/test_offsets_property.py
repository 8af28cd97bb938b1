"""Property: whatever the text and however its quote marks are scattered,
every quote's text is exactly document_text[start:end]."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrace import extract_quotes

MARKS = ["“", "”", '"', "«", "»", "„", "‘", "’", "''", "'"]
WORDS = ["Mayor", "Ana", "Ruiz", "said", "he", "she", "told", "CNN", "the", "plan", "is", "dead", ",", ".", ":", "\n", " ", "—", "according", "to"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKS + WORDS), max_size=60).map(" ".join))
def test_quote_text_is_the_slice_it_claims(text: str) -> None:
    for q in extract_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert "\n" not in q.text  # a quote never swallows the next paragraph
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_as_written


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_unicode_text_is_safe(text: str) -> None:
    for q in extract_quotes(text):
        assert text[q.start : q.end] == q.text
