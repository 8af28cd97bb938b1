"""On unrelated stories, drift and misattributions list only what a reader judged true (tests/mixed_stories)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from mixed_stories.select import POLNEAR, lay_out

from quotetrace import store
from quotetrace.cli import cli

JUDGED = Path(__file__).parent / "mixed_stories" / "judged.jsonl"

pytestmark = pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/corpus/polnear-dev is not beside this checkout")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = lay_out(tmp_path_factory.mktemp("mixed") / "docs")
    path = folder.parent / "mixed.db"
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(path), "-q"])
    assert r.exit_code == 0, r.output
    return path


def judged() -> list[dict]:
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]


def clusters(db: Path) -> dict[tuple[str, int, int], str]:
    """(document, start, end) -> cluster id."""
    conn = store.open_db(db)
    rows = conn.execute("SELECT d.name, q.start, q.\"end\", q.cluster_id FROM quotes q JOIN documents d ON d.id = q.document_id")
    return {(name, start, end): cid for name, start, end, cid in rows if cid}


def statements(item: dict, cluster_of: dict[tuple[str, int, int], str]) -> list[str]:
    """The clusters of an item's versions that extraction still finds as statements.

    Extraction improves under alignment: a headline's quote or a tweet link may no
    longer be a statement at all, and then it is no version of anything.
    """
    return [cluster_of[key] for v in item["versions"] if (key := (v[0], v[1], v[2])) in cluster_of]


def test_versions_judged_one_statement_remain_one_and_the_others_stay_apart(db: Path) -> None:
    cluster_of = clusters(db)
    for item in judged():
        found = statements(item, cluster_of)
        if item["one_statement"]:
            assert len(set(found)) <= 1, item["note"]
        else:
            assert len(set(found)) == len(found), item["note"]


def test_drift_and_misattributions_list_only_items_judged_true(db: Path) -> None:
    report = json.loads(CliRunner().invoke(cli, ["drift", "--db", str(db), "--json"]).output)
    cluster_of = clusters(db)
    true_statements = {frozenset(statements(item, cluster_of)) for item in judged() if item["one_statement"]}
    true_misattributions = {frozenset(statements(item, cluster_of)) for item in judged() if item["misattribution"]}
    for c in report["wording"]:
        assert frozenset({c["cluster_id"]}) in true_statements, c
    for c in report["misattributions"]:
        assert frozenset({c["cluster_id"]}) in true_misattributions, c
    assert report["name_spellings"] == []  # none judged: no person here is written two ways
