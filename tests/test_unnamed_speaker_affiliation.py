"""An unnamed speaker says whom it speaks for: "One Harlow spokesman" speaks for Harlow,
"a Reyes campaign spokeswoman" for the Reyes campaign (a person, not the organisation),
"one senior City Hall official" for City Hall; counts and determiners are no part of it."""

from __future__ import annotations

import pytest

from quotetrace import extract_quotes
from quotetrace.records import SPEAKER_DESCRIPTION


@pytest.mark.parametrize(
    ("sentence", "affiliation"),
    [
        ("One Harlow spokesman has called the plan “a mess from start to finish.”", "Harlow"),
        ("A Reyes campaign spokeswoman said the ad was “a total distortion.”", "Reyes campaign"),
        ("One senior City Hall official called the audit “overdue and thin.”", "City Hall"),
        ("Two Pentagon officials said the review was “not over yet.”", "Pentagon"),
        ("A Harlow administration official said it was “under review.”", "Harlow administration"),
    ],
)
def test_an_unnamed_speaker_speaks_for_its_organisation(sentence: str, affiliation: str) -> None:
    (q,) = extract_quotes(sentence)
    assert q.speaker_kind == SPEAKER_DESCRIPTION
    assert q.affiliation == affiliation
