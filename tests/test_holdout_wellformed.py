"""The held-out corpus (tests/holdout) measures generalisation only if its
expectations are exact and it shares nothing with the development corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from devcorpus_loader import PATTERNS, load_devcorpus

# The development corpus's own checks, run here on the held-out passages:
# pytest collects these imported tests in this module, where `passages` is the
# fixture below, so both corpora always obey the same rules.
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

HOLDOUT_DIR = Path(__file__).resolve().parent / "holdout"

# Mark styles US outlets do not print: the held-out set is US news, so only
# these pattern tags may be missing from it.
NON_US_MARKS = {"guillemets", "low_high", "single_british", "doubled_single"}


@pytest.fixture(scope="module")
def passages() -> list[dict[str, Any]]:
    return load_devcorpus(HOLDOUT_DIR)


def test_holdout_has_at_least_40_passages(passages: list[dict[str, Any]]) -> None:
    assert len(passages) >= 40


def test_holdout_ids_are_numbered_apart_from_the_dev_corpus(
    passages: list[dict[str, Any]],
) -> None:
    assert [p["id"] for p in passages if not p["id"].startswith("ho-")] == []


def test_holdout_shares_no_quotation_with_the_dev_corpus(passages: list[dict[str, Any]]) -> None:
    # Short fragments ("No,") may recur by chance; a shared sentence would not.
    dev = {q["text"] for p in load_devcorpus() for q in p["quotes"] if len(q["text"]) > 25}
    shared = [(p["id"], q["text"]) for p in passages for q in p["quotes"] if q["text"] in dev]
    assert shared == []


def test_every_us_pattern_is_covered_three_times(passages: list[dict[str, Any]]) -> None:
    counts = Counter(tag for p in passages for tag in set(p["patterns"]))
    wanted = sorted(set(PATTERNS) - NON_US_MARKS)
    assert {tag: counts[tag] for tag in wanted if counts[tag] < 3} == {}
