#!/usr/bin/env python3
"""Print the extractor's score on tests/devcorpus and every miss (for development)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from devcorpus_eval import evaluate  # noqa: E402

if __name__ == "__main__":
    backend = sys.argv[1] if len(sys.argv) > 1 else "rules"
    directory = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    score = evaluate(backend, directory)
    # The held-out set (tests/holdout) is for measuring only: print its misses
    # only when asked, so nobody tunes on them by accident.
    if directory is None or "--misses" in sys.argv:
        for line in score.misses:
            print(line)
    print(score.summary())
