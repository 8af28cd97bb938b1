"""A database being served takes new documents: readers see it before or after each commit, never an error."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from serve_helpers import start_server
from test_crash_safety import N_DOCUMENTS, make_corpus, run_cli

from quotetrace.cli import cli

# Each row: what one query saw. A document whose quotes are not all there would be half a commit.
STATE_SQL = """
select (select count(*) from documents) as documents,
       (select count(*) from quotes) as quotes,
       (select count(*) from documents d
         where d.n_quotes != (select count(*) from quotes q where q.document_id = d.id)) as partial
"""


@pytest.fixture
def served(palmyra_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "served.db"
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_dir), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    for url in start_server(db):
        yield url, db


def state(client: httpx.Client) -> tuple[int, dict[str, int] | str]:
    response = client.get("/served.json", params={"sql": STATE_SQL, "_shape": "array"})
    if response.status_code != 200:
        return response.status_code, response.text[:300]
    return 200, response.json()[0]


def test_ingest_while_served(served: tuple[str, Path], tmp_path: Path) -> None:
    url, db = served
    corpus = make_corpus(tmp_path / "corpus")
    seen: list[tuple[int, dict[str, int] | str]] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        before = state(client)
        assert before[0] == 200 and isinstance(before[1], dict)
        done = threading.Event()

        def read_all_along() -> None:
            while not done.is_set():
                seen.append(state(client))

        reader = threading.Thread(target=read_all_along)
        reader.start()
        try:
            proc = run_cli("ingest", str(corpus), "--db", str(db), "-q")
            out, err = proc.communicate(timeout=600)
        finally:
            done.set()
            reader.join()
        assert proc.returncode == 0, err.decode()

        failures = [s for s in seen if s[0] != 200]
        assert not failures, failures[:3]  # once: 400 "database disk image is malformed"
        states = [s[1] for s in seen if isinstance(s[1], dict)]
        assert len(states) > 1
        assert all(s["partial"] == 0 for s in states)
        counts = [s["documents"] for s in states]
        assert counts == sorted(counts), "a reader went back in time"

        after = state(client)
        assert after[0] == 200 and isinstance(after[1], dict)
        assert after[1]["documents"] == before[1]["documents"] + N_DOCUMENTS
        # pages and canned queries too, with the new statements
        assert client.get("/served/quotes.json", params={"_shape": "array", "_size": 1}).status_code == 200
        aligned = client.get(
            "/served.json",
            params={"sql": "select count(*) n from quotes where cluster_id is null and kind = 'full'", "_shape": "array"},
        )
        assert aligned.json() == [{"n": 0}]
        assert client.get("/served/first_appearances.json", params={"_shape": "array"}).status_code == 200
