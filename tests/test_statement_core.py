"""No chains: every version matches the statement's core; a long quote holding two statements contains the other."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from quote_factory import clusters_of, stored

from quotetrace import store
from quotetrace.align import align
from quotetrace.cli import cli
from quotetrace.records import KIND_PARTIAL, RELATION_CONTAINS

ISIS = "We will defeat ISIS in Syria and Iraq and across the region, whatever it takes."
EMAILS = "I never sent or received any email that was marked classified at the time."
SPEECH = f"{ISIS} And let me say one more thing about the server: {EMAILS}"


def corpus() -> list:
    return [
        stored("isis", ISIS, "Hillary Clinton", published="2016-03-01"),
        stored("emails", EMAILS, "Hillary Clinton", published="2016-03-01"),
        stored("speech", SPEECH, "Hillary Clinton", published="2016-03-02"),
        stored("cut", "marked classified at the time", None, published="2016-03-03", kind=KIND_PARTIAL),
    ]


def test_a_long_quote_holding_two_statements_joins_one_and_contains_the_other() -> None:
    alignment = align(corpus())
    c = clusters_of(alignment)
    assert c["isis"] != c["emails"]  # never one statement through the speech that holds both
    assert c["speech"] in (c["isis"], c["emails"])
    other = c["emails"] if c["speech"] == c["isis"] else c["isis"]
    assert [(r.cluster_id, r.relation, r.other_cluster_id) for r in alignment.relations] == [
        (c["speech"], RELATION_CONTAINS, other)
    ]


def test_every_two_versions_share_a_passage() -> None:
    from rapidfuzz.fuzz import partial_ratio, token_set_ratio

    alignment = align(corpus())
    texts = {q.id: q.text for q in corpus()}
    by_cluster: dict[str, list[str]] = {}
    for qid, cid in clusters_of(alignment).items():
        by_cluster.setdefault(cid, []).append(texts[qid])
    for versions in by_cluster.values():
        for a in versions:
            for b in versions:
                assert max(token_set_ratio(a, b), partial_ratio(a, b)) >= 50, (a, b)


def test_variants_and_find_show_the_contains_relation(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "core.db")
    from quotetrace.records import Document, Quote

    for q in corpus():
        doc = Document(id=q.document_id, name=q.document_name, text=q.text, outlet=q.outlet, published=q.published)
        store.save_document(
            db, doc, [Quote(0, len(q.text), q.text, kind=q.kind, speaker=q.speaker, speaker_as_written=q.speaker,
                            speaker_kind=q.speaker_kind, speaker_confidence=q.speaker_confidence, confidence=0.9)]
        )  # fmt: skip
    from quotetrace.incremental import align_all

    align_all(db)
    speech_id = store.quote_id("doc-speech", 0, len(SPEECH))
    runner = CliRunner()
    shown = runner.invoke(cli, ["variants", speech_id, "--db", str(tmp_path / "core.db")])
    assert shown.exit_code == 0, shown.output
    assert "Related statements" in shown.output and "contains" in shown.output
    found = runner.invoke(cli, ["find", EMAILS, "--db", str(tmp_path / "core.db")])
    assert found.exit_code == 0, found.output
    assert "contained in statement" in found.output or "contains statement" in found.output
