"""The development corpus is only a yardstick if every expectation in it is exact."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from devcorpus_loader import (
    PATTERNS,
    QUOTE_KINDS,
    SPEAKER_KINDS,
    DevCorpusError,
    load_devcorpus,
)

QUOTE_KEYS = {"text", "speaker", "speaker_kind", "kind", "affiliation", "title", "told_to"}
# Kinds that are not statements: nobody is credited with them.
UNSPOKEN_KINDS = {"scare", "title", "nested"}


@pytest.fixture(scope="module")
def passages() -> list[dict[str, Any]]:
    return load_devcorpus()


def _quotes(passages: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(p["id"], q) for p in passages for q in p["quotes"]]


def test_corpus_has_at_least_80_passages(passages: list[dict[str, Any]]) -> None:
    assert len(passages) >= 80


def test_passage_ids_are_unique(passages: list[dict[str, Any]]) -> None:
    counts = Counter(p["id"] for p in passages)
    assert [pid for pid, n in counts.items() if n > 1] == []


def test_every_passage_expects_a_quote(passages: list[dict[str, Any]]) -> None:
    assert [p["id"] for p in passages if not p["quotes"]] == []


def test_quote_offsets_index_the_text(passages: list[dict[str, Any]]) -> None:
    for passage in passages:
        for quote in passage["quotes"]:
            assert passage["text"][quote["start"] : quote["end"]] == quote["text"], passage["id"]


def test_quotes_are_listed_in_text_order(passages: list[dict[str, Any]]) -> None:
    for passage in passages:
        spans = [(q["start"], q["end"]) for q in passage["quotes"] if q["kind"] != "nested"]
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, passage["id"]


def test_quote_text_has_no_surrounding_space_or_marks(passages: list[dict[str, Any]]) -> None:
    marks = '"\u201c\u201d\u00ab\u00bb\u201e\u2018'
    for pid, quote in _quotes(passages):
        words = quote["text"]
        assert words == words.strip(), (pid, words)
        assert words[0] not in marks and words[-1] not in marks, (pid, words)


def test_quote_spans_sit_right_inside_their_marks(passages: list[dict[str, Any]]) -> None:
    # A span ends at a closing mark, or at the end of a paragraph when the quote
    # runs on into the next one (or its closing mark is missing).
    opening = set("\"'\u201c\u00ab\u201e\u2018\u201a")
    closing = set("\"'\u201d\u00bb\u201c\u2019\u2018\n")
    for passage in passages:
        text = passage["text"] + "\n"
        for quote in passage["quotes"]:
            before, after = text[quote["start"] - 1], text[quote["end"]]
            assert quote["start"] > 0 and before in opening, (passage["id"], quote["text"])
            assert after in closing, (passage["id"], quote["text"])


def test_quote_records_have_exactly_the_documented_keys(passages: list[dict[str, Any]]) -> None:
    for pid, quote in _quotes(passages):
        keys = set(quote) - {"start", "end", "optional"}
        assert keys == QUOTE_KEYS, (pid, quote["text"])


def test_kinds_and_speaker_kinds_are_valid(passages: list[dict[str, Any]]) -> None:
    for pid, quote in _quotes(passages):
        assert quote["kind"] in QUOTE_KINDS, (pid, quote["kind"])
        assert quote["speaker_kind"] in (*SPEAKER_KINDS, None), (pid, quote["speaker_kind"])
        assert (quote["speaker"] is None) == (quote["speaker_kind"] is None), (pid, quote["text"])


def test_scare_title_and_nested_quotes_have_no_speaker(passages: list[dict[str, Any]]) -> None:
    for pid, quote in _quotes(passages):
        if quote["kind"] in UNSPOKEN_KINDS:
            assert quote["speaker"] is None, (pid, quote["text"])


def test_continuations_keep_the_previous_speaker(passages: list[dict[str, Any]]) -> None:
    for passage in passages:
        spoken = [q for q in passage["quotes"] if q["kind"] not in UNSPOKEN_KINDS]
        for before, quote in zip(spoken, spoken[1:], strict=False):
            if quote["kind"] == "continuation":
                assert quote["speaker"] == before["speaker"], (passage["id"], quote["text"])
        assert spoken == [] or spoken[0]["kind"] != "continuation", passage["id"]


def test_names_and_roles_are_written_in_the_text(passages: list[dict[str, Any]]) -> None:
    # Case-insensitive: "A Pentagon spokesman" may open a sentence. A speaker's
    # canonical name may skip a nickname, so its words are checked one by one.
    for passage in passages:
        lowered = passage["text"].casefold()
        for quote in passage["quotes"]:
            words = (quote["speaker"] or "").casefold().split()
            assert all(word in lowered for word in words), (passage["id"], quote["speaker"])
            for field in ("affiliation", "title", "told_to"):
                value = quote[field]
                assert value is None or value.casefold() in lowered, (passage["id"], field, value)


def test_patterns_are_known_tags(passages: list[dict[str, Any]]) -> None:
    for passage in passages:
        assert passage["patterns"], passage["id"]
        assert set(passage["patterns"]) <= set(PATTERNS), (passage["id"], passage["patterns"])


def test_every_pattern_is_covered_three_times(passages: list[dict[str, Any]]) -> None:
    counts = Counter(tag for p in passages for tag in set(p["patterns"]))
    assert {tag: counts[tag] for tag in PATTERNS if counts[tag] < 3} == {}


def _kinds(passage: dict[str, Any]) -> set[str]:
    return {q["kind"] for q in passage["quotes"]}


def _speakers(passage: dict[str, Any]) -> list[str]:
    return [q["speaker"] for q in passage["quotes"] if q["speaker"]]


def _marks_unbalanced(text: str) -> bool:
    low_high = "\u201e" in text  # „…“ closes with the mark that opens curly quotes
    openers = text.count("\u201e") if low_high else text.count("\u201c")
    closers = text.count("\u201c") if low_high else text.count("\u201d")
    return (
        text.count('"') % 2 == 1
        or text.count("''") % 2 == 1
        or text.count("\u00ab") != text.count("\u00bb")
        or openers != closers
    )


# What a tag promises that can be read off the passage: a wrong tag would make
# the coverage count lie about what the corpus exercises.
TAG_EVIDENCE: dict[str, Callable[[dict[str, Any]], bool]] = {
    "partial": lambda p: "partial" in _kinds(p),
    "scare": lambda p: "scare" in _kinds(p),
    "title_of_work": lambda p: "title" in _kinds(p),
    "nested": lambda p: "nested" in _kinds(p),
    "continuation": lambda p: "continuation" in _kinds(p),
    "multi_paragraph": lambda p: "continuation" in _kinds(p),
    "split_sentence": lambda p: "continuation" in _kinds(p),
    "split_comma": lambda p: "continuation" in _kinds(p),
    "unattributed": lambda p: any(
        q["speaker"] is None and q["kind"] in ("full", "partial") for q in p["quotes"]
    ),
    "organisation": lambda p: any(q["speaker_kind"] == "organisation" for q in p["quotes"]),
    "description": lambda p: any(q["speaker_kind"] == "description" for q in p["quotes"]),
    "told_to": lambda p: any(q["told_to"] for q in p["quotes"]),
    "question": lambda p: any("?" in q["text"] for q in p["quotes"]),
    "exclamation": lambda p: any("!" in q["text"] for q in p["quotes"]),
    "according_to": lambda p: "according to" in p["text"].casefold(),
    "statement": lambda p: "statement" in p["text"],
    "dash": lambda p: re.search('["\u201d\u00bb]\\s?[\u2014\u2013]\\s?\\w', p["text"]) is not None,
    "straight": lambda p: '"' in p["text"],
    "curly": lambda p: "\u201c" in p["text"] and "\u201e" not in p["text"],
    "guillemets": lambda p: "\u00ab" in p["text"],
    "low_high": lambda p: "\u201e" in p["text"],
    "doubled_single": lambda p: "''" in p["text"],
    "single_british": lambda p: "\u2018" in p["text"],
    "unbalanced": lambda p: _marks_unbalanced(p["text"]),
    "byline": lambda p: re.search(r"^By ", p["text"], re.MULTILINE) is not None,
    "caption": lambda p: re.search(r"\((Photo|[^()\n]*\w/\w)[^()\n]*\)", p["text"]) is not None,
    "honorific": lambda p: re.search(r"\b(Gov|Sen|Rep|Dr|Sgt|Ald|Atty)\.", p["text"]) is not None,
    "suffix": lambda p: any(re.search(r"\b(Jr|Sr)\.|\bIII\b", s) for s in _speakers(p)),
    "initials": lambda p: any(re.search(r"\b[A-Z]\.[A-Z]\.", s) for s in _speakers(p)),
    "hyphenated": lambda p: any(re.search(r"\w-\w", s) for s in _speakers(p)),
    "particle": lambda p: any(
        re.search(r"\b(van|von|de|der|la|bin|al|el)\b", s, re.IGNORECASE) for s in _speakers(p)
    ),
}


def test_pattern_tags_agree_with_the_expectations(passages: list[dict[str, Any]]) -> None:
    wrong = [
        (p["id"], tag)
        for p in passages
        for tag in p["patterns"]
        if tag in TAG_EVIDENCE and not TAG_EVIDENCE[tag](p)
    ]
    assert wrong == []


def _write_passage(folder: Path, text: str, quotes: list[tuple[str, str]]) -> None:
    passage = {
        "id": "t-1",
        "patterns": ["after"],
        "text": text,
        "quotes": [{"text": words, "kind": kind} for words, kind in quotes],
    }
    (folder / "t.jsonl").write_text(json.dumps(passage) + "\n", encoding="utf-8")


def test_loader_maps_repeated_quote_text_in_order(tmp_path: Path) -> None:
    _write_passage(tmp_path, '"No," he said. Then again: "No," she said.', [("No,", "full")] * 2)
    starts = [q["start"] for q in load_devcorpus(tmp_path)[0]["quotes"]]
    assert starts == [1, 28]


def test_loader_finds_nested_quote_inside_its_outer_quote(tmp_path: Path) -> None:
    text = "'no' came first. \"He said 'no' twice,\" she said."
    _write_passage(tmp_path, text, [("He said 'no' twice,", "full"), ("no", "nested")])
    outer, inner = load_devcorpus(tmp_path)[0]["quotes"]
    assert outer["start"] < inner["start"] < inner["end"] < outer["end"]


def test_loader_names_the_passage_whose_quote_is_missing(tmp_path: Path) -> None:
    _write_passage(tmp_path, '"Yes," he said.', [("Maybe", "full")])
    with pytest.raises(DevCorpusError, match=r"t\.jsonl:1 \(t-1\).*'Maybe'"):
        load_devcorpus(tmp_path)


def test_loader_rejects_a_line_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DevCorpusError, match=r"bad\.jsonl:1: not JSON"):
        load_devcorpus(tmp_path)
