"""Shared fixtures: where the demo corpus and its gold live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "palmyra"
# CI clones the repo with shared/ beside it; the gold never enters the repo.
SHARED = ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "palmyra"
SCORER = SHARED / "tools" / "score_quotes.py"


@pytest.fixture
def palmyra_dir() -> Path:
    return DATA


@pytest.fixture
def palmyra_files() -> list[Path]:
    return sorted(DATA.glob("*.txt"))


@pytest.fixture
def gold_dir() -> Path:
    if not (GOLD_DIR / "gold_quotes.jsonl").exists():
        pytest.skip("../shared/corpus/palmyra gold files are not beside this checkout")
    return GOLD_DIR


@pytest.fixture
def gold_quotes(gold_dir: Path) -> list[dict]:
    lines = (gold_dir / "gold_quotes.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture
def scorer() -> Path:
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_quotes.py is not beside this checkout")
    return SCORER


@pytest.fixture(scope="session")
def palmyra_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested once through the CLI (read-only for the tests that share it)."""
    from click.testing import CliRunner

    from quotetrace.cli import cli

    db = tmp_path_factory.mktemp("palmyra") / "palmyra.db"
    r = CliRunner().invoke(cli, ["ingest", str(DATA), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    return db
