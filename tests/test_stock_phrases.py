"""A link needs distinctive shared content: stock phrases never make two statements one."""

from __future__ import annotations

import json

import pytest
from quote_factory import stored, together

from quotetrace.align import align
from quotetrace.align.similarity import _prepare, evidence, word_information
from quotetrace.records import KIND_PARTIAL


def test_common_words_say_little_and_rare_words_much() -> None:
    assert word_information("know") == 0.0
    assert word_information("president") < 0.3
    assert word_information("vetting") > 0.9
    assert word_information("Soelistyo") == 1.0  # not in the list: a name, rare
    assert _prepare("the next president of the United States").info < 1.0
    assert _prepare("overclassification run amok").info > 2.0


@pytest.mark.parametrize(
    ("short", "long_"),
    [
        ("the next president of the United States", "Whoever wins in November will be the next president of the United States, and she knows it."),
        ("a little bit", "Everyone is a little bit afraid of what comes next."),
        ("I don't know", "I don't know what the answer will be on jobs."),
        ("radical Islamic terrorism", "Our security is under threat from radical Islamic terrorism, and from Washington."),
        ("their fair share", "Billionaires would have to pay their fair share."),
    ],
)
def test_a_stock_phrase_links_no_two_speakers(short: str, long_: str) -> None:
    quotes = [stored("s", short, "Ted Cruz", kind=KIND_PARTIAL), stored("l", long_, "Liz Cheney")]
    assert not together(quotes, "s", "l")
    # nor when one of them is unattributed
    quotes = [stored("s", short, None, kind=KIND_PARTIAL), stored("l", long_, "Liz Cheney")]
    assert not together(quotes, "s", "l")


def test_two_sentences_sharing_a_common_phrase_stay_apart() -> None:
    quotes = [
        stored("a", "Everyone is a little bit afraid", "Anna Berg", published="2014-05-01"),
        stored("b", "With a little bit of help", "Tom Reed", published="2020-05-01"),
    ]
    assert not together(quotes, "a", "b")
    assert not align(quotes).clusters[0].speakers_disagree


def test_a_distinctive_fragment_of_an_unattributed_quote_links() -> None:
    quotes = [
        stored("f", "overclassification run amok.", None, kind=KIND_PARTIAL),
        stored("l", "This is overclassification run amok, and the emails were never marked.", "Brian Fallon"),
    ]
    assert together(quotes, "f", "l")


def test_a_whole_clause_of_common_words_links_verbatim() -> None:
    quotes = [
        stored("f", "I cannot believe how civil it's been up here", None, kind=KIND_PARTIAL),
        stored("l", "So far, I cannot believe how civil it's been up here.", "Donald Trump"),
    ]
    assert together(quotes, "f", "l")


def test_two_confident_speakers_need_near_verbatim_words() -> None:
    original = "The siege has cut off 40,000 people from food and medicine, and the organisation cannot reach them."
    paraphrase = "Forty thousand people are cut off from food and medicine by the siege, and aid cannot reach them."
    assert not together([stored("a", original, "Lina Haddad"), stored("b", paraphrase, "Omar Khalil")], "a", "b")
    # the same paraphrase, unattributed, is a version
    assert together([stored("a", original, "Lina Haddad"), stored("b", paraphrase, None)], "a", "b")
    # near-verbatim words credited to two people: one statement, flagged, with its evidence
    alignment = align([stored("a", original, "Lina Haddad"), stored("b", original.rstrip("."), "Omar Khalil")])
    cluster = alignment.clusters[0]
    assert cluster.speakers_disagree
    shown = json.loads(cluster.evidence or "{}")
    assert shown["shared"].startswith("The siege has cut off 40,000 people")
    assert {v["speaker_as_written"] for v in shown["versions"]} == {"Lina Haddad", "Omar Khalil"}
    assert {v["outlet"] for v in shown["versions"]} == {"Outlet doc-a", "Outlet doc-b"}


def test_an_uncertain_attribution_is_no_misattribution() -> None:
    original = "The siege has cut off 40,000 people from food and medicine, and the organisation cannot reach them."
    alignment = align([stored("a", original, "Lina Haddad"), stored("b", original, "Omar Khalil", confidence=0.6)])
    cluster = alignment.clusters[0]
    assert not cluster.speakers_disagree
    # the uncertain version is credited to the person the confident one names
    credited = {v.quote_id: v.person_id for v in alignment.variants}
    assert credited["a"] == credited["b"] == alignment.person_of_quote["a"]


def test_evidence_is_the_lesser_side() -> None:
    a, b = _prepare("uneven vetting"), _prepare("The integration has produced uneven vetting and oversight")
    assert evidence(a, b) == evidence(b, a) == round(a.info, 3)
