"""Ingest → export on the real Palmyra articles, scored against their gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli


def _ingest_and_export(tmp_path: Path, palmyra_dir: Path) -> Path:
    db = tmp_path / "palmyra.db"
    out = tmp_path / "quotes.jsonl"
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_scorer_thresholds_on_palmyra(tmp_path: Path, palmyra_dir: Path, gold_dir: Path, scorer: Path) -> None:
    out = _ingest_and_export(tmp_path, palmyra_dir)
    res = subprocess.run(
        [sys.executable, str(scorer), str(gold_dir / "gold_quotes.jsonl"), str(gold_dir / "gold_speakers.json"), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    score = json.loads(res.stdout)
    assert score["quotes"]["f1"] >= 0.98, score["quotes"]
    assert score["speaker_strict"]["accuracy_on_matched"] >= 0.97, score["wrong_speaker"]
    assert score["affiliation_accuracy_on_matched"] >= 0.90
    assert score["alignment_pairs"]["f1"] == 1.0, score["alignment_pairs"]
    assert score["speaker_linking_pairs"]["f1"] >= 0.95, score["speaker_linking_pairs"]


def test_every_exported_row_indexes_its_document(tmp_path: Path, palmyra_dir: Path) -> None:
    out = _ingest_and_export(tmp_path, palmyra_dir)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 30
    for row in rows:
        source = (palmyra_dir / row["document"]).read_text(encoding="utf-8")
        assert source[row["start"] : row["end"]] == row["text"]
        if row["speaker_start"] is not None:
            assert source[row["speaker_start"] : row["speaker_end"]] == row["speaker_as_written"]


def test_manifest_metadata_reaches_the_export(tmp_path: Path, palmyra_dir: Path) -> None:
    out = _ingest_and_export(tmp_path, palmyra_dir)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_doc = {r["document"]: r for r in rows}
    arab_news = by_doc["004_8c3ea6ad5052530d.txt"]
    assert (arab_news["outlet"], arab_news["published"]) == ("Arab News", "2025-12-15")
