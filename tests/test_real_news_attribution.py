"""Attribution on real, human-annotated news (../shared/corpus/polnear-dev), gated at the level
reached, with the corpus's own scorers. Skipped when ../shared is not beside the checkout; the
article texts never enter the repository."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrace.cli import cli
from quotetrace.records import CHECKED_CONFIDENCE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-dev"
TOOLS = ROOT.parent / "shared" / "tools"

sys.path.insert(0, str(ROOT / "scripts"))
from eval_polnear import judged_quotes  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (CORPUS / "gold.jsonl").exists() or not (TOOLS / "score_polnear.py").exists():
        pytest.skip("../shared/corpus/polnear-dev is not beside this checkout")
    tmp = tmp_path_factory.mktemp("polnear")
    db, out = str(tmp / "p.db"), tmp / "p.jsonl"
    r = CliRunner().invoke(cli, ["ingest", str(CORPUS / "docs"), "--db", db, "--no-align", "-q"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


def _scores(tool: str, gold: str, export: Path) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, str(TOOLS / tool), str(CORPUS / gold), str(CORPUS / "docs"), str(export)],
        capture_output=True, text=True, check=True,
    )
    out: dict[str, object] = {}
    for line in run.stdout.splitlines():
        key, _, value = line.partition(": ")
        try:
            out[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            out[key] = value
    return out


def test_quotes_and_their_speakers_on_real_news(export: Path) -> None:
    s = _scores("score_polnear.py", "gold.jsonl", export)
    assert s["quotes"]["f1"] >= 0.955, s  # type: ignore[index]
    assert s["quote+speaker"]["f1"] >= 0.85, s  # type: ignore[index]
    assert s["speaker_accuracy_on_matched"] >= 0.89, s  # type: ignore[operator]


def test_full_names_on_real_news(export: Path) -> None:
    s = _scores("score_speakers.py", "speakers.jsonl", export)
    assert s["person_full_name_accuracy"] >= 0.92, s  # type: ignore[operator]
    assert s["organisation_accuracy"] >= 0.68, s  # type: ignore[operator]


def test_every_attributed_quote_shows_its_evidence(export: Path) -> None:
    docs = {p.name: p.read_text(encoding="utf-8") for p in (CORPUS / "docs").glob("*.txt")}
    for line in export.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if not (q["speaker"] or q["speaker_as_written"]):
            continue
        text = docs[q["document"]]
        assert q["speaker_start"] is not None, q
        assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker_as_written"], q
        assert q["speaker_end"] <= q["start"] or q["speaker_start"] >= q["end"], q


def test_confident_speakers_are_right_on_the_half_the_threshold_was_not_chosen_on(export: Path) -> None:
    gold = [json.loads(x) for x in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = {p.name: p.read_text(encoding="utf-8") for p in (CORPUS / "docs").glob("*.txt")}
    pred = [json.loads(x) for x in export.read_text(encoding="utf-8").splitlines() if x.strip()]
    even = {n for i, n in enumerate(sorted(docs)) if i % 2 == 0}
    judged = [(p, right) for g, p, right in judged_quotes([g for g in gold if g["doc"] in even], docs, pred)]
    sure = [right for p, right in judged if p["speaker_confidence"] >= CHECKED_CONFIDENCE]
    assert len(sure) >= 0.70 * len(judged)
    assert sum(sure) >= 0.97 * len(sure)
