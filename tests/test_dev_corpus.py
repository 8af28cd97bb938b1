"""The extractor on the hand-written development corpus (tests/devcorpus): news
passages from many beats, written to cover every attribution pattern."""

from __future__ import annotations

from devcorpus_eval import evaluate


def test_dev_corpus_statements_and_speakers() -> None:
    score = evaluate("rules")
    report = score.summary() + "\n" + "\n".join(score.misses[:40])
    assert score.f1 >= 0.97, report
    assert score.speaker_accuracy >= 0.90, report
    assert score.affiliation_accuracy >= 0.70, report
