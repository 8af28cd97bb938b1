"""Drift between versions of one statement: wording, numbers, speakers, first appearance."""

from __future__ import annotations

import json

from quote_factory import stored

from quotetrace.align import align, word_diff
from quotetrace.records import (
    KIND_FULL,
    KIND_PARTIAL,
    Alignment,
    StoredQuote,
    Variant,
)


def quote(
    qid: str,
    text: str,
    *,
    doc: str | None = None,
    published: str | None = None,
    speaker: str | None = "Lina Haddad",
    kind: str = KIND_FULL,
    outlet: str | None = None,
) -> StoredQuote:
    return stored(qid, text, speaker, doc=doc, published=published, kind=kind, outlet=outlet)


ORIGINAL = "The siege has cut off 40,000 people from food and medicine, and the organisation cannot reach them."


def variants_by_quote(alignment: Alignment) -> dict[str, Variant]:
    return {v.quote_id: v for v in alignment.variants}


def test_each_kind_of_drift_is_named_against_the_earliest_version() -> None:
    quotes = [
        quote("b", "The siege has cut off 40,000 people from food and medicine, and the organization cannot reach them.", published="2025-03-02"),
        quote("a", ORIGINAL, published="2025-03-01"),
        quote("c", ORIGINAL, published="2025-03-03"),
        quote("d", "cut off 40,000 people from food and medicine", published="2025-03-04", kind=KIND_PARTIAL),
        quote("e", "The blockade has left 40,000 people without food or medicine, and the organisation is unable to reach them.", published="2025-03-05"),
    ]
    alignment = align(quotes)
    assert len(alignment.clusters) == 1
    v = variants_by_quote(alignment)
    assert v["a"].relation == "earliest"
    assert v["c"].relation == "verbatim"
    assert v["b"].relation == "edited"
    assert v["d"].relation == "partial"
    assert v["e"].relation == "paraphrase"
    assert v["a"].closest_earlier_quote_id is None
    assert not any(x.numbers_changed for x in v.values())
    cluster = alignment.clusters[0]
    assert cluster.first_quote_id == "a"
    assert cluster.wording_changed
    assert not cluster.numbers_changed
    assert cluster.max_drift == round(1 - min(x.similarity for x in v.values()), 4)


def test_changed_number_is_flagged() -> None:
    quotes = [
        quote("a", ORIGINAL, published="2025-03-01"),
        quote("b", ORIGINAL.replace("40,000", "14,000"), published="2025-03-02"),
    ]
    alignment = align(quotes)
    assert len(alignment.clusters) == 1
    v = variants_by_quote(alignment)
    assert v["b"].numbers_changed
    assert alignment.clusters[0].numbers_changed
    removed = [text for op, text in json.loads(v["b"].diff) if op == "-"]
    added = [text for op, text in json.loads(v["b"].diff) if op == "+"]
    assert removed == ["40,000"] and added == ["14,000"]


def test_word_diff_keeps_every_word_once() -> None:
    old = "It may happen again because of the sheer numbers"
    new = "It could happen again due to the sheer numbers"
    ops = word_diff(old, new)
    assert {op for op, _ in ops} <= {"=", "+", "-"}
    assert " ".join(t for op, t in ops if op != "+") == old
    assert " ".join(t for op, t in ops if op != "-") == new


def test_provenance_chain_points_to_the_closest_earlier_version() -> None:
    edited = ORIGINAL.replace("cannot reach them", "is unable to reach them at all")
    quotes = [
        quote("a", ORIGINAL, published="2025-03-01"),
        quote("b", edited, published="2025-03-02"),
        quote("c", edited.replace("The siege", "This siege"), published="2025-03-03"),
    ]
    v = variants_by_quote(align(quotes))
    assert v["b"].closest_earlier_quote_id == "a"
    assert v["c"].closest_earlier_quote_id == "b"


def test_statement_credited_to_two_people_is_flagged() -> None:
    quotes = [
        quote("a", ORIGINAL, published="2025-03-01", speaker="Lina Haddad"),
        quote("b", ORIGINAL, published="2025-03-02", speaker="Omar Khalil"),
    ]
    cluster = align(quotes).clusters[0]
    assert cluster.speakers == ("Lina Haddad", "Omar Khalil")
    assert cluster.speakers_disagree
    # the link that makes it shows its evidence: the shared words, both speakers, both outlets
    evidence = json.loads(cluster.evidence or "{}")
    assert evidence["shared"] == ORIGINAL
    assert [(v["speaker_as_written"], v["outlet"]) for v in evidence["versions"]] == [
        ("Lina Haddad", "Outlet doc-a"),
        ("Omar Khalil", "Outlet doc-b"),
    ]


def test_spelling_variants_of_one_speaker_are_not_a_misattribution() -> None:
    quotes = [
        quote("a", ORIGINAL, published="2025-03-01", speaker="Nanar Hawash"),
        quote("b", ORIGINAL, published="2025-03-02", speaker="Nanar Hawach"),
        quote("c", ORIGINAL, published="2025-03-03", speaker="Hawach"),
    ]
    alignment = align(quotes)
    assert len(alignment.people) == 1
    person = alignment.people[0]
    assert person.name == "Nanar Hawash"
    assert {s.spelling for s in person.spellings} == {"Nanar Hawash", "Nanar Hawach", "Hawach"}
    assert not alignment.clusters[0].speakers_disagree


def test_first_appearance_is_the_earliest_date_not_the_input_order() -> None:
    quotes = [
        quote("late", ORIGINAL, published="2025-05-01"),
        quote("middle", ORIGINAL, published="2025-04-15"),
        quote("early", ORIGINAL, published="2025-04-01"),
    ]
    cluster = align(quotes).clusters[0]
    assert cluster.first_quote_id == "early"
    assert cluster.first_published == "2025-04-01"
    assert cluster.first_is_dated


def test_without_dates_first_is_the_earliest_ingested_and_says_so() -> None:
    quotes = [quote("second", ORIGINAL, doc="x"), quote("first", ORIGINAL, doc="y")]
    cluster = align(quotes).clusters[0]
    assert cluster.first_quote_id == "second"  # ingest order, as given
    assert cluster.first_published is None
    assert not cluster.first_is_dated


def test_every_statement_has_a_cluster_even_alone() -> None:
    quotes = [quote("a", ORIGINAL), quote("b", "Something else entirely was said about the harvest.")]
    alignment = align(quotes)
    assert {v.quote_id for v in alignment.variants} == {"a", "b"}
    assert len(alignment.clusters) == 2
    assert all(c.n_variants == 1 and not c.wording_changed for c in alignment.clusters)


def test_an_undated_version_makes_first_appearance_unproven() -> None:
    quotes = [quote("undated", ORIGINAL), quote("dated", ORIGINAL, published="2025-04-01")]
    cluster = align(quotes).clusters[0]
    assert cluster.first_quote_id == "dated"
    assert cluster.first_published == "2025-04-01"
    assert not cluster.first_is_dated  # the undated copy may be older
