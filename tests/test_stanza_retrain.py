"""Retrain the tiny stanza models from scratch and load them: catches drift in stanza's trainers.

Slow (about two minutes on 2 idle cores); opt in with QUOTETRACE_RUNSLOW=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("QUOTETRACE_RUNSLOW") != "1", reason="slow: set QUOTETRACE_RUNSLOW=1"
    ),
]

pytest.importorskip("stanza")

from quotetrace.models import installed_processors, models_installed  # noqa: E402
from quotetrace.nlp import PERSON  # noqa: E402
from quotetrace.nlp.stanza_backend import StanzaBackend  # noqa: E402

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_tiny_stanza.py"


def test_retrained_models_load_and_tag_template_sentences(tmp_path: Path) -> None:
    out = tmp_path / "stanza_tiny"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True)
    assert models_installed(out)
    assert installed_processors(out) == ("tokenize", "pos", "ner")
    sizes = sum(f.stat().st_size for f in out.rglob("*.pt"))
    assert sizes < 2 * 1024 * 1024

    text = '"The bridge will reopen soon," Hannah Berg said. Officials in Lisbon said nobody expected this outcome.'
    analysis = StanzaBackend(str(out)).analyse(text)
    assert len(analysis.sentences) == 2
    assert ("Hannah Berg", PERSON) in {(e.text, e.label) for e in analysis.entities}
