"""Every attribution shows its evidence: the mention the cue attaches to, as written,
at offsets into the document, outside the quote. A continuation carries the mention
of the statement it continues."""

from __future__ import annotations

from pathlib import Path

from quotetrace import extract_quotes


def _evidence_ok(text: str) -> list[str]:
    problems = []
    for q in extract_quotes(text):
        if not q.speaker:
            continue
        if q.speaker_start is None or q.speaker_end is None:
            problems.append(f"{q.text!r}: no evidence")
            continue
        if text[q.speaker_start : q.speaker_end] != q.speaker_as_written:
            problems.append(f"{q.text!r}: evidence {q.speaker_as_written!r} is not the text")
        if q.speaker_start < q.end and q.speaker_end > q.start:
            problems.append(f"{q.text!r}: evidence inside the quote")
    return problems


def test_continuation_in_the_same_paragraph_carries_the_pronoun() -> None:
    text = "Marta Quiroga runs the depot.\n“We ran out of diesel,” she said. “Nobody came for a week.”"
    first, second = extract_quotes(text)
    assert second.kind == "continuation"
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)
    assert text[second.speaker_start : second.speaker_end] == "she"
    assert second.speaker == "Marta Quiroga"


def test_continuation_in_the_next_paragraph_carries_the_name() -> None:
    text = (
        "“The levee held,” said Tobias Wendt, the county engineer.\n\n"
        "“But another storm like that and I would not promise anything.”"
    )
    first, second = extract_quotes(text)
    assert second.kind == "continuation"
    assert second.speaker_as_written == "Tobias Wendt"
    assert text[second.speaker_start : second.speaker_end] == "Tobias Wendt"
    assert second.speaker_confidence < first.speaker_confidence  # carried over: one step less sure


def test_every_attributed_quote_has_its_mention_outside_the_quote() -> None:
    text = (
        "“The vote is Tuesday,” the clerk, Ana Ruiz, said. “Bring identification.”\n"
        "Officials disagreed. “It’s a mess,” one poll worker told the Ledger.\n"
        "Ruiz said she expected “a long night” and added: “We are ready.”\n"
        "“Maybe,” someone shouted from the back."
    )
    assert _evidence_ok(text) == []


def test_every_attributed_quote_of_our_corpora_shows_its_evidence() -> None:
    from devcorpus_loader import load_devcorpus

    checked = 0
    for folder in ("devcorpus", "holdout", "holdout2"):
        for passage in load_devcorpus(Path(__file__).parent / folder):
            assert _evidence_ok(passage["text"]) == [], passage["id"]
            checked += 1
    assert checked > 150
