"""The second held-out corpus (tests/holdout2) measures generalisation only if its
expectations are exact and it shares nothing with the corpora used for development."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from devcorpus_loader import load_devcorpus

# The development corpus's own checks and the first held-out set's, run here on
# these passages: pytest collects the imported tests in this module, where
# `passages` is the fixture below, so every corpus always obeys the same rules.
from test_devcorpus_wellformed import (  # noqa: F401
    test_continuations_keep_the_previous_speaker,
    test_every_passage_expects_a_quote,
    test_kinds_and_speaker_kinds_are_valid,
    test_names_and_roles_are_written_in_the_text,
    test_passage_ids_are_unique,
    test_pattern_tags_agree_with_the_expectations,
    test_patterns_are_known_tags,
    test_quote_offsets_index_the_text,
    test_quote_records_have_exactly_the_documented_keys,
    test_quote_spans_sit_right_inside_their_marks,
    test_quote_text_has_no_surrounding_space_or_marks,
    test_quotes_are_listed_in_text_order,
    test_scare_title_and_nested_quotes_have_no_speaker,
)
from test_holdout_wellformed import (  # noqa: F401
    HOLDOUT_DIR,
    test_every_us_pattern_is_covered_three_times,
    test_holdout_has_at_least_40_passages,
)

HOLDOUT2_DIR = Path(__file__).resolve().parent / "holdout2"


@pytest.fixture(scope="module")
def passages() -> list[dict[str, Any]]:
    return load_devcorpus(HOLDOUT2_DIR)


def test_holdout2_ids_are_numbered_apart_from_the_other_corpora(
    passages: list[dict[str, Any]],
) -> None:
    assert [p["id"] for p in passages if not p["id"].startswith("h2-")] == []


def test_holdout2_passages_are_article_length(passages: list[dict[str, Any]]) -> None:
    # Whole articles with their furniture, not snippets: 300 to 700 words.
    assert [p["id"] for p in passages if not 300 <= len(p["text"].split()) <= 700] == []


def test_holdout2_shares_no_quotation_with_the_development_corpora(
    passages: list[dict[str, Any]],
) -> None:
    # The first held-out set is now tuned on, so it counts as development data.
    # Short fragments ("No,") may recur by chance; a shared sentence would not.
    seen = {
        q["text"]
        for corpus in (load_devcorpus(), load_devcorpus(HOLDOUT_DIR))
        for p in corpus
        for q in p["quotes"]
        if len(q["text"]) > 25
    }
    shared = [(p["id"], q["text"]) for p in passages for q in p["quotes"] if q["text"] in seen]
    assert shared == []
