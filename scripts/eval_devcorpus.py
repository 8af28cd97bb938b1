#!/usr/bin/env python3
"""Print the extractor's score on tests/devcorpus and every miss (for development)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from devcorpus_eval import evaluate  # noqa: E402

if __name__ == "__main__":
    backend = sys.argv[1] if len(sys.argv) > 1 else "rules"
    score = evaluate(backend)
    for line in score.misses:
        print(line)
    print(score.summary())
