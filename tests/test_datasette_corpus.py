"""A small hand-made database for the Datasette tests, and checks that the metadata fits it.

The corpus has what the fact-checker pages must cope with: one statement in
four outlets with a changed number, a changed word, a second person credited
and an undated partial version; a name spelled "Nanar Hawash" / "Hawach" /
"Hawash"; and quotes and an outlet name carrying `<script>` and `onerror=`.
Other Datasette test files import `build_db` and the ids from here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from quote_helpers import span

from quotetrace import store
from quotetrace.records import (
    KIND_PARTIAL,
    Alignment,
    Cluster,
    Document,
    Person,
    PersonSpelling,
    Quote,
    Relation,
    Variant,
)
from quotetrace.serve import load_metadata_for, metadata_path
from quotetrace.store import quote_id

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_OUTLET = "Evil <b onmouseover=alert(2)>News</b>"

MUSEUM_FIRST = "We have lost 40 statues, but the galleries can be rebuilt,"
MUSEUM_NUMBERS = "We have lost 50 statues, but the galleries will be rebuilt,"
MUSEUM_GAZETTE = "We have lost 40 statues, but the galleries can be restored,"
MUSEUM_PARTIAL = "the galleries can be rebuilt,"
CALIPHATE = "The caliphate is finished in Palmyra."
SIGN = "Closed until further notice."
XSS_FIRST = f"Nothing here is safe {XSS_SCRIPT} at all,"
XSS_SECOND = f"Nothing here is safe {XSS_IMG} at all,"

WIRE = Document(
    id="d1wire0000000001",
    name="wire-0302.txt",
    outlet="Levant Wire",
    published="2024-03-02",
    url="https://example.org/levant/palmyra-museum",
    title="Palmyra museum counts its losses",
    text=(
        "The director of the museum in Palmyra spoke on Saturday about the damage.\n\n"
        f'"{MUSEUM_FIRST}" said Nanar Hawash, who runs the museum.\n\n'
        f'Karim Adel, speaking for the ministry, said: "{CALIPHATE}"\n'
    ),
)
COURIER = Document(
    id="d2courier0000002",
    name="courier-2024-03-05.txt",
    outlet="The Daily Courier",
    published="2024-03-05",
    text=(
        "Officials in Damascus gave a more cautious timeline.\n"
        f'"{MUSEUM_NUMBERS}" Hawach told reporters.\n'
        f'A sign at the gate read: "{SIGN}"\n'
    ),
)
GAZETTE = Document(
    id="d3gazette000003",
    name="gazette-2024-03-09.txt",
    outlet="Evening Gazette",
    published="2024-03-09",
    text=f'The ministry was upbeat. "{MUSEUM_GAZETTE}" said Karim Adel.\n',
)
BLOG = Document(
    id="d4blog0000000004",
    name="blog-repost.txt",
    outlet="Heritage Blog",
    text=f'A blog repeated the claim: "{MUSEUM_PARTIAL}" it quoted Hawash as saying.\n',
)
HOSTILE = Document(
    id="d5hostile000005",
    name="hostile-2024-03-03.txt",
    outlet="Scraped Daily",
    published="2024-03-03",
    text=f'"{XSS_FIRST}" said Mallory Example.\n',
)
HOSTILE2 = Document(
    id="d6hostile000006",
    name="hostile-2024-03-04.txt",
    outlet=XSS_OUTLET,
    published="2024-03-04",
    text=f'"{XSS_SECOND}" Mallory Example wrote.\n',
)




def person(speaker: str, as_written: str, **fields: Any) -> dict[str, Any]:
    return {
        "speaker": speaker,
        "speaker_as_written": as_written,
        "speaker_kind": "person",
        "confidence": 0.9,
        "speaker_confidence": 0.97,
        **fields,
    }


QUOTES: dict[str, tuple[Document, Quote]] = {
    "museum_first": (
        WIRE,
        span(WIRE, MUSEUM_FIRST, cue="said", affiliation="Palmyra museum",
             **person("Nanar Hawash", "Nanar Hawash")),
    ),
    "caliphate": (
        WIRE,
        span(WIRE, CALIPHATE, cue="said", affiliation="Ministry of Culture",
             **person("Karim Adel", "Karim Adel")),
    ),
    "museum_numbers": (
        COURIER,
        span(COURIER, MUSEUM_NUMBERS, cue="told", told_to="reporters",
             **person("Nanar Hawach", "Hawach")),
    ),
    "sign": (COURIER, span(COURIER, SIGN, confidence=0.6)),
    "museum_gazette": (
        GAZETTE,
        span(GAZETTE, MUSEUM_GAZETTE, cue="said", affiliation="Ministry of Culture",
             **person("Karim Adel", "Karim Adel", speaker_confidence=0.6)),
    ),
    "museum_partial": (
        BLOG,
        span(BLOG, MUSEUM_PARTIAL, kind=KIND_PARTIAL, cue="quoted",
             **person("Hawash", "Hawash")),
    ),
    "xss_first": (HOSTILE, span(HOSTILE, XSS_FIRST, cue="said", **person("Mallory Example", "Mallory Example"))),
    "xss_second": (HOSTILE2, span(HOSTILE2, XSS_SECOND, cue="wrote", **person("Mallory Example", "Mallory Example"))),
}  # fmt: skip


def qid(key: str) -> str:
    document, q = QUOTES[key]
    return quote_id(document.id, q.start, q.end)


MUSEUM = "c-museum"
XSS_CLUSTER = "c-hostile"
SINGLE = "c-caliphate"
HAWASH = "p-hawash"

# The stored diff of the Courier version, as the aligner writes it.
NUMBERS_DIFF = [
    ["=", "We have lost"], ["-", "40"], ["+", "50"], ["=", "statues, but the galleries"],
    ["-", "can"], ["+", "will"], ["=", "be rebuilt,"],
]  # fmt: skip


def alignment() -> Alignment:
    people = [
        Person(
            HAWASH,
            "Nanar Hawash",
            spellings=(
                PersonSpelling("Nanar Hawash", 1, WIRE.id),
                PersonSpelling("Hawach", 1, COURIER.id),
                PersonSpelling("Hawash", 1, BLOG.id),
            ),
            affiliations=("Palmyra museum",),
        ),
        Person("p-adel", "Karim Adel", (PersonSpelling("Karim Adel", 2, WIRE.id),), ("Ministry of Culture",)),
        Person("p-mallory", "Mallory Example", (PersonSpelling("Mallory Example", 2, HOSTILE.id),)),
    ]  # fmt: skip
    clusters = [
        Cluster(
            MUSEUM, MUSEUM_FIRST, qid("museum_first"), WIRE.id, WIRE.published, True,
            outlets=("Levant Wire", "The Daily Courier", "Evening Gazette", "Heritage Blog"),
            n_variants=4, n_documents=4, max_drift=0.5, speakers_disagree=True,
            wording_changed=True, numbers_changed=True,
            speakers=("Nanar Hawash", "Karim Adel"),
            evidence=json.dumps({"shared": "We have lost 40 statues, but the galleries can be", "similarity": 0.97,
                                 "versions": [{"quote_id": qid("museum_first"), "speaker": "Nanar Hawash",
                                               "speaker_as_written": "Nanar Hawash", "outlet": "Levant Wire"},
                                              {"quote_id": qid("museum_gazette"), "speaker": "Karim Adel",
                                               "speaker_as_written": "Karim Adel", "outlet": "Evening Gazette"}]}),
        ),
        Cluster(
            XSS_CLUSTER, XSS_FIRST, qid("xss_first"), HOSTILE.id, HOSTILE.published, True,
            outlets=("Scraped Daily", XSS_OUTLET), n_variants=2, n_documents=2, max_drift=0.3,
            speakers_disagree=False, wording_changed=True, numbers_changed=False,
            speakers=("Mallory Example",),
        ),
        Cluster(
            SINGLE, CALIPHATE, qid("caliphate"), WIRE.id, WIRE.published, True,
            outlets=("Levant Wire",), n_variants=1, n_documents=1, max_drift=0.0,
            speakers_disagree=False, wording_changed=False, numbers_changed=False,
            speakers=("Karim Adel",),
        ),
    ]  # fmt: skip
    variants = [
        Variant(qid("museum_first"), MUSEUM, 1.0, "earliest", "[]", False, None),
        Variant(qid("museum_numbers"), MUSEUM, 0.9, "edited", json.dumps(NUMBERS_DIFF), True, qid("museum_first")),
        Variant(qid("museum_gazette"), MUSEUM, 0.97, "edited", "[]", False, qid("museum_first")),
        Variant(qid("museum_partial"), MUSEUM, 0.5, "partial", "[]", False, qid("museum_gazette")),
        Variant(qid("xss_first"), XSS_CLUSTER, 1.0, "earliest", "[]", False, None),
        Variant(qid("xss_second"), XSS_CLUSTER, 0.7, "edited", "[]", False, qid("xss_first")),
        Variant(qid("caliphate"), SINGLE, 1.0, "earliest", "[]", False, None),
    ]  # fmt: skip
    person_of_quote = {
        qid("museum_first"): HAWASH,
        qid("museum_numbers"): HAWASH,
        qid("museum_partial"): HAWASH,
        qid("caliphate"): "p-adel",
        qid("museum_gazette"): "p-adel",
        qid("xss_first"): "p-mallory",
        qid("xss_second"): "p-mallory",
    }
    # the museum statement's first version goes on to mention the caliphate's end (a made-up relation)
    relations = [Relation(MUSEUM, SINGLE, "contains", qid("museum_first"), qid("caliphate"), 0.7)]
    return Alignment(people, person_of_quote, clusters, variants, relations)


def build_db(path: Path) -> Path:
    """Write the corpus and its alignment to `path`, finished for immutable serving."""
    db = store.open_db(path)
    by_document: dict[str, tuple[Document, list[Quote]]] = {}
    for document, q in QUOTES.values():
        by_document.setdefault(document.id, (document, []))[1].append(q)
    for document, quotes in by_document.values():
        store.save_document(db, document, quotes)
    store.save_alignment(db, alignment())
    store.finish(db)
    db.close()
    return path


# ---------------------------------------------------------------- metadata fits the schema


@pytest.fixture(scope="module")
def fresh_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    return sqlite_utils.Database(build_db(tmp_path_factory.mktemp("fresh") / "fresh.db"))


def columns_of(db: sqlite_utils.Database, name: str) -> set[str]:
    return {row["name"] for row in db.query("SELECT name FROM pragma_table_info(?)", [name])}


def named_columns(options: dict[str, Any]) -> set[str]:
    """Every column a table's metadata names: descriptions, facets, sorting, labels, FTS pk."""
    names = set(options.get("columns", {}))
    names |= set(options.get("sortable_columns", []))
    for facet in options.get("facets", []):
        names |= {facet} if isinstance(facet, str) else set(facet.values())
    for key in ("label_column", "sort", "sort_desc"):
        if key in options:
            names.add(options[key])
    if options.get("fts_pk") and options["fts_pk"] != "rowid":
        names.add(options["fts_pk"])
    return names


def test_every_table_and_column_in_the_metadata_exists(fresh_db: sqlite_utils.Database) -> None:
    tables = load_metadata_for("fresh.db")["databases"]["fresh"]["tables"]
    existing = set(fresh_db.table_names()) | set(fresh_db.view_names())
    assert set(tables) <= existing
    for name, options in tables.items():
        assert named_columns(options) <= columns_of(fresh_db, name), name
        if "fts_table" in options:
            assert options["fts_table"] in existing


def test_every_table_and_view_and_column_has_a_description(fresh_db: sqlite_utils.Database) -> None:
    tables = load_metadata_for("fresh.db")["databases"]["fresh"]["tables"]
    for name in set(store.VIEWS) | {"documents", "quotes", "people", "person_names", "clusters", "variants"}:
        assert tables[name]["description"], name
        assert set(tables[name]["columns"]) == columns_of(fresh_db, name), name


def test_every_foreign_key_target_has_a_label_column(fresh_db: sqlite_utils.Database) -> None:
    tables = load_metadata_for("fresh.db")["databases"]["fresh"]["tables"]
    targets = {fk.other_table for t in fresh_db.tables for fk in t.foreign_keys}
    assert targets == {"documents", "quotes", "people", "clusters"}
    labels = {t: tables[t].get("label_column") for t in targets}
    assert labels == {"documents": "name", "quotes": "text", "people": "name", "clusters": "representative"}


def test_canned_queries_only_name_existing_tables(fresh_db: sqlite_utils.Database) -> None:
    # EXPLAIN compiles each query without running it: a renamed table or
    # column fails here, not in front of a user. name_match comes from the plugin.
    from quotetrace.datasette import prepare_connection

    prepare_connection(fresh_db.conn)
    fresh_db.conn.create_function("escape_fts", 1, lambda s: s)
    queries = json.loads(metadata_path().read_text())["databases"]["quotetrace"]["queries"]
    assert {"quotes_by_speaker", "statement_variants", "name_variants", "misattributions",
            "first_appearances", "search_quotes", "quotes_by_outlet"} <= set(queries)  # fmt: skip
    for name, query in queries.items():
        params = dict.fromkeys(query.get("params", []), "x")
        fresh_db.execute("EXPLAIN " + query["sql"], params)
        assert query["title"] and query["description"], name
