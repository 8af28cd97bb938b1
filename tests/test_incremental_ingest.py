"""Ingesting one more article aligns it into the existing statements and people, touching nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrace import pipeline, store

SPEAKERS = [
    ("Nanar Hawash", "senior analyst at the Crisis Monitoring Group"),
    ("Youssef Haddad", "the mayor of Tadmur"),
    ("Maria Fernandez", "spokesperson for the Water Authority"),
    ("Ibrahim Khoury", "director of the Port Authority"),
    ("Lena Vogel", "an economist at the Central Bank"),
    ("Tomas Berg", "head of operations at the Red Crescent"),
]
STATEMENTS = [
    "We will rebuild the water network in Tadmur before March, and we expect forty villages to be reconnected",
    "The ceasefire is fragile, and nobody in the valley should accept a deal that leaves farmers without grain",
    "Our teams have counted three hundred families who lost access to the clinics since the offensive began",
    "The port cannot reopen until the cranes are repaired and the channel is dredged again",
    "Inflation will stay above nine percent this year unless the currency reforms are finally approved",
    "We asked for two million dollars in winter aid and received almost nothing from the donors",
    "There is no military solution in the north; the negotiators must restore the bus routes first",
    "Teachers in the eastern districts have not been paid since October and many have left the profession",
    "The flood barriers along the river were never finished, and the contractor has vanished with the money",
    "Fuel depots in the south are nearly empty, so hospitals are rationing electricity to four hours a day",
    "The grain harvest fell by a third after the drought, the worst result in two decades",
    "Every displaced family will receive a housing voucher by the end of the summer, the council promised",
]
OUTLETS = ["Wire One", "Levant Times", "Harbor Post", "Metro Herald", "Atlas News"]


def article(i: int, statements: list[int], speakers: list[int], *, spelling: dict[str, str] | None = None) -> dict[str, str]:
    paragraphs = [f"Regional report number {i} on reconstruction, aid and prices."]
    for s, p in zip(statements, speakers, strict=True):
        name, role = SPEAKERS[p]
        written = (spelling or {}).get(name, name)
        paragraphs.append(f"\u201c{STATEMENTS[s]},\u201d {written}, {role}, said on Tuesday.")
        paragraphs.append(f"Officials in the region met {i % 7 + 2} times this month to discuss the plan.")
    return {
        "id": f"article-{i:03d}",
        "text": "\n\n".join(paragraphs),
        "outlet": OUTLETS[i % len(OUTLETS)],
        "published": f"2025-03-{1 + i % 27:02d}",
    }


def corpus() -> list[dict[str, str]]:
    """30 articles: each statement reported by several outlets, always by its own speaker."""
    return [
        article(i, [i % 12, (i + 5) % 12], [(i % 12) % 6, ((i + 5) % 12) % 6]) for i in range(30)
    ]


# The new article: statement 3 again, by its speaker spelled another way, and a statement never seen.
NEW = {
    "id": "article-new",
    "text": (
        "Late update from the coast.\n\n"
        "\u201cThe port cannot reopen until the cranes are repaired and the channel is dredged again,\u201d "
        "Ibrahim Khouri, director of the Port Authority, said on Tuesday.\n\n"
        "\u201cNight trams will run again in the old city from the first of May,\u201d "
        "Sofia Costa, head of the transit agency, said."
    ),
    "outlet": "Evening Courier",
    "published": "2025-03-28",
}


def write(folder: Path, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def snapshot(db_path: Path, table: str, key: str) -> dict[str, tuple[object, ...]]:
    db = store.open_db(db_path)
    try:
        return {row[key]: tuple(row.values()) for row in db.query(f"SELECT rowid, * FROM {table}")}
    finally:
        db.close()


def partition(db_path: Path, column: str) -> set[frozenset[tuple[str, int]]]:
    """Quotes grouped by cluster or person, each quote named by (document, start): ids-free."""
    db = store.open_db(db_path)
    try:
        groups: dict[str, set[tuple[str, int]]] = {}
        for row in db.query(
            f"SELECT q.{column} AS g, d.name, q.start FROM quotes q JOIN documents d ON d.id = q.document_id "
            f"WHERE q.{column} IS NOT NULL"
        ):
            groups.setdefault(row["g"], set()).add((row["name"], row["start"]))
        return {frozenset(g) for g in groups.values()}
    finally:
        db.close()


def ingest(db_path: Path, folder: Path, **kwargs: object) -> pipeline.IngestReport:
    db = store.open_db(db_path)
    try:
        return pipeline.ingest([folder], db, **kwargs)  # type: ignore[arg-type]
    finally:
        db.close()


@pytest.fixture()
def aligned_db(tmp_path: Path) -> Path:
    db_path = tmp_path / "existing.db"
    report = ingest(db_path, write(tmp_path / "old", corpus()))
    assert report.alignment is not None and report.alignment.mode == "full"
    return db_path


def quote_row(db_path: Path, text_start: str) -> dict[str, object]:
    db = store.open_db(db_path)
    try:
        rows = list(
            db.query(
                "SELECT q.*, d.name AS document FROM quotes q JOIN documents d ON d.id = q.document_id "
                "WHERE d.name = 'article-new' AND q.text LIKE ?",
                [text_start + "%"],
            )
        )
        assert len(rows) == 1, rows
        return rows[0]
    finally:
        db.close()


def test_new_article_joins_existing_statement_and_person(aligned_db: Path, tmp_path: Path) -> None:
    db = store.open_db(aligned_db)
    [old] = db.query(
        "SELECT q.cluster_id, q.person_id FROM quotes q JOIN documents d ON d.id = q.document_id "
        "WHERE d.name = 'article-003' AND q.text LIKE 'The port cannot reopen%'"
    )
    db.close()
    report = ingest(aligned_db, write(tmp_path / "new", [NEW]))
    assert report.alignment is not None and report.alignment.mode == "incremental"
    port = quote_row(aligned_db, "The port cannot reopen")
    assert port["cluster_id"] == old["cluster_id"]
    assert port["person_id"] == old["person_id"]  # "Khouri" is Khoury
    trams = quote_row(aligned_db, "Night trams")
    assert trams["cluster_id"] not in (None, old["cluster_id"])
    assert trams["person_id"] is not None


def test_unrelated_rows_are_not_touched(aligned_db: Path, tmp_path: Path) -> None:
    before = {t: snapshot(aligned_db, t, k) for t, k in (("clusters", "id"), ("people", "id"), ("variants", "quote_id"))}
    ingest(aligned_db, write(tmp_path / "new", [NEW]))
    after = {t: snapshot(aligned_db, t, k) for t, k in (("clusters", "id"), ("people", "id"), ("variants", "quote_id"))}
    port = quote_row(aligned_db, "The port cannot reopen")
    touched_clusters = {port["cluster_id"]}
    touched_people = {port["person_id"]}
    for table, touched in (("clusters", touched_clusters), ("people", touched_people)):
        unchanged = {k: v for k, v in before[table].items() if k not in touched}
        assert unchanged, f"the corpus has {table} the new article does not touch"
        assert {k: after[table].get(k) for k in unchanged} == unchanged  # same values, same rowid
    untouched_variants = {
        k: v for k, v in before["variants"].items() if v[2] not in touched_clusters  # (rowid, quote_id, cluster_id, ...)
    }
    assert {k: after["variants"].get(k) for k in untouched_variants} == untouched_variants


def test_incremental_result_equals_a_full_alignment(aligned_db: Path, tmp_path: Path) -> None:
    new_folder = write(tmp_path / "new", [NEW])
    ingest(aligned_db, new_folder)
    fresh = tmp_path / "fresh.db"
    ingest(fresh, write(tmp_path / "all", [*corpus(), NEW]))
    for column in ("cluster_id", "person_id"):
        assert partition(aligned_db, column) == partition(fresh, column)
    assert snapshot(aligned_db, "people", "id").keys() == snapshot(fresh, "people", "id").keys()
    assert snapshot(aligned_db, "clusters", "id").keys() == snapshot(fresh, "clusters", "id").keys()


def test_documents_stored_without_alignment_are_aligned_by_the_next_ingest(aligned_db: Path, tmp_path: Path) -> None:
    # as if the process died between storing and aligning
    ingest(aligned_db, write(tmp_path / "new", [NEW]), align=False)
    assert quote_row(aligned_db, "The port cannot reopen")["cluster_id"] is None
    report = ingest(aligned_db, write(tmp_path / "nothing", []))
    assert report.new == 0
    assert report.alignment is not None and report.alignment.mode == "incremental"
    assert quote_row(aligned_db, "The port cannot reopen")["cluster_id"] is not None
    again = ingest(aligned_db, write(tmp_path / "nothing", []))
    assert again.alignment is not None and again.alignment.mode == "none"
