"""Re-ingesting the same content, and re-running the same alignment, change nothing."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from quote_helpers import span

from quotetrace import store
from quotetrace.records import (
    Alignment,
    Cluster,
    Document,
    Person,
    PersonSpelling,
    Variant,
)
from quotetrace.store import quote_id

MORNING = Document(
    id="a1morning0000001",
    name="harbour-morning.txt",
    outlet="Coastal Herald",
    published="2023-11-20",
    text=(
        "The port authority announced new fees on Monday.\n"
        "“Ships will pay 12 percent more from January,” said Ioana Petrescu, the authority’s "
        "chief executive. Unions called the move «a tax on every family».\n"
    ),
)
EVENING = Document(
    id="a2evening000000002",
    name="harbour-evening.txt",
    outlet="Evening Star",
    published="2023-11-21",
    text=(
        "Shipping firms reacted angrily.\n"
        '"Ships will pay 15 percent more from January," Petrescu told the Evening Star.\n'
    ),
)




MORNING_QUOTES = [
    span(
        MORNING,
        "Ships will pay 12 percent more from January,",
        cue="said",
        speaker="Ioana Petrescu",
        speaker_as_written="Ioana Petrescu",
        title="chief executive",
        affiliation="port authority",
        confidence=0.92,
    ),
    span(MORNING, "a tax on every family", kind="partial", cue="called", speaker="Unions"),
]
EVENING_QUOTES = [
    span(
        EVENING,
        "Ships will pay 15 percent more from January,",
        cue="told the Evening Star",
        speaker="Ioana Petrescu",
        speaker_as_written="Petrescu",
        told_to="Evening Star",
        confidence=0.88,
    ),
]
ITEMS = [(MORNING, MORNING_QUOTES), (EVENING, EVENING_QUOTES)]


def alignment() -> Alignment:
    first = quote_id(MORNING.id, MORNING_QUOTES[0].start, MORNING_QUOTES[0].end)
    second = quote_id(EVENING.id, EVENING_QUOTES[0].start, EVENING_QUOTES[0].end)
    return Alignment(
        people=[
            Person(
                id="p-petrescu",
                name="Ioana Petrescu",
                spellings=(PersonSpelling("Ioana Petrescu", 2, MORNING.id),),
                affiliations=("port authority",),
            )
        ],
        person_of_quote={first: "p-petrescu", second: "p-petrescu"},
        clusters=[
            Cluster(
                id="c-fees",
                representative=MORNING_QUOTES[0].text,
                first_quote_id=first,
                first_document_id=MORNING.id,
                first_published=MORNING.published,
                first_is_dated=True,
                outlets=("Coastal Herald", "Evening Star"),
                n_variants=2,
                n_documents=2,
                max_drift=0.05,
                speakers_disagree=False,
                wording_changed=True,
                numbers_changed=True,
                speakers=("Ioana Petrescu",),
            )
        ],
        variants=[
            Variant(first, "c-fees", 1.0, "earliest", "[]", False, None),
            Variant(second, "c-fees", 0.95, "edited", '[["-", "12"], ["+", "15"]]', True, first),
        ],
    )


def dump(db: sqlite_utils.Database) -> list[str]:
    """Every row of every table, FTS shadow tables included."""
    return list(db.conn.iterdump())


def test_resaving_the_same_documents_changes_no_row() -> None:
    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    assert store.save_documents(db, ITEMS) == (2, 0)
    before = dump(db)
    assert store.save_documents(db, ITEMS) == (0, 2)
    assert store.save_document(db, MORNING, MORNING_QUOTES) is False
    assert dump(db) == before


def test_same_content_under_another_name_is_not_stored_twice() -> None:
    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    store.save_documents(db, ITEMS)
    before = dump(db)
    copy = Document(id=MORNING.id, name="copy.txt", text=MORNING.text, outlet="Mirror")
    assert store.save_document(db, copy, MORNING_QUOTES) is False
    assert dump(db) == before


def test_reingesting_and_realigning_the_same_corpus_changes_no_row() -> None:
    db = sqlite_utils.Database(memory=True)
    store.ensure_tables(db)
    store.save_documents(db, ITEMS)
    store.save_alignment(db, alignment())
    before = dump(db)
    store.ensure_tables(db)
    store.save_documents(db, ITEMS)
    store.save_alignment(db, alignment())
    assert dump(db) == before


def test_reopening_the_file_and_reingesting_changes_no_row(tmp_path: Path) -> None:
    path = tmp_path / "quotetrace.db"
    db = store.open_db(path)
    store.save_documents(db, ITEMS)
    store.save_alignment(db, alignment())
    store.finish(db)
    before = dump(db)
    db.close()
    db = store.open_db(path)
    assert store.save_documents(db, ITEMS) == (0, 2)
    store.save_alignment(db, alignment())
    store.finish(db)
    assert dump(db) == before


def test_quote_ids_are_the_same_in_two_fresh_databases() -> None:
    ids = []
    for _ in range(2):
        db = sqlite_utils.Database(memory=True)
        store.ensure_tables(db)
        store.save_documents(db, reversed(ITEMS))
        ids.append([q.id for q in store.load_quotes_for_alignment(db)])
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == len(MORNING_QUOTES) + len(EVENING_QUOTES)
