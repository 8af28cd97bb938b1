"""The mixed folder of unrelated stories: polnear-dev articles of different months.

Three articles a month (November 2015 to September 2016), the three whose file names
have the smallest sha1: a spread of publishers and stories, chosen without reading them.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "polnear-dev" / "docs"
PER_MONTH = 1000
MONTHS = ("2015-12", "2016-03", "2016-06", "2016-09")


def mixed_articles(docs: Path = POLNEAR) -> list[str]:
    with (docs / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_month: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_month[row["published"][:7]].append(row["file"])
    chosen: list[str] = []
    for month in MONTHS:
        files = sorted(by_month[month], key=lambda f: hashlib.sha1(f.encode()).hexdigest())
        chosen += files[:PER_MONTH]
    return sorted(chosen)


def lay_out(target: Path, docs: Path = POLNEAR) -> Path:
    """Links to the chosen articles in `target`, with their manifest rows: a folder `ingest` reads."""
    target.mkdir(parents=True, exist_ok=True)
    chosen = set(mixed_articles(docs))
    with (docs / "manifest.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["file"] in chosen]
        fields = reader.fieldnames or []
    with (target / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    for name in sorted(chosen):
        (target / name).symlink_to(docs / name)
    return target
