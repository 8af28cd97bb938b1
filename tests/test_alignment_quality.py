"""Cross-outlet alignment holds the level it reached on labelled pairs (`make eval-align`).

crossoutlet-dev is the check (never tuned on), tests/alignment_pairs the pairs the
thresholds were set on. Skipped when ../shared is not beside this checkout.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "eval_alignment.py"


def _eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_alignment", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _eval()
pytestmark = pytest.mark.skipif(
    not (EVAL.CROSSOUTLET.is_dir() and EVAL.POLNEAR.is_dir()), reason="../shared/corpus is not beside this checkout"
)


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    result: dict[str, Any] = EVAL.evaluate()
    return result


@pytest.mark.parametrize("corpus", ["crossoutlet", "own"])
def test_no_statement_is_a_chain(figures: dict[str, Any], corpus: str) -> None:
    assert figures[corpus]["statements"]["chains"] == 0


@pytest.mark.parametrize("corpus", ["crossoutlet", "own"])
def test_no_different_statements_are_merged(figures: dict[str, Any], corpus: str) -> None:
    assert figures[corpus]["alignment"]["different_linked"] == 0
    assert figures[corpus]["false_merge_by_speaker"]["same_speaker"]["rate"] == 0.0


def test_same_statement_recall(figures: dict[str, Any]) -> None:
    assert figures["own"]["alignment"]["recall"] == 1.0
    assert figures["crossoutlet"]["alignment"]["recall"] >= 0.96
    assert figures["crossoutlet"]["recall_by_relation"]["verbatim"]["recall"] == 1.0
    assert figures["crossoutlet"]["recall_by_relation"]["edited"]["recall"] == 1.0


def test_speaker_linking(figures: dict[str, Any]) -> None:
    assert figures["own"]["speaker_link"]["recall"] == 1.0
    assert figures["crossoutlet"]["speaker_link"]["recall"] >= 0.96
