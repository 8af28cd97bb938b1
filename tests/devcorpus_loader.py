"""Load the hand-written development corpus in tests/devcorpus/*.jsonl.

Each passage lists its expected quotes as the exact words inside the marks;
the loader turns them into character offsets so tests can compare spans.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEVCORPUS_DIR = Path(__file__).resolve().parent / "devcorpus"

QUOTE_KINDS = ("full", "partial", "continuation", "scare", "title", "nested")
SPEAKER_KINDS = ("person", "organisation", "description")

# Every pattern tag a passage may carry, with what it exercises. The
# well-formedness test requires each to be covered by at least three passages.
PATTERNS: dict[str, str] = {
    # where the attribution sits
    "after": '"...," Smith said.',
    "inverted": '"...," said Smith.',
    "nominal_after": '"...," the senator said.',
    "question": '"...?" she asked.',
    "exclamation": '"...!" he shouted.',
    "before_comma": 'Smith said, "..."',
    "before_colon": 'Smith put it bluntly: "..."',
    "split_sentence": '"First part," she said. "Second part."',
    "split_comma": '"First part," she said, "second part."',
    "multi_paragraph": "one quote over paragraphs: reopened, closed only at the end",
    "continuation": "consecutive quote paragraphs by the same speaker, no new cue",
    # who the speaker is
    "pronoun": "he/she/they resolved to a person named earlier",
    "multiple_speakers": "several people quoted in turn",
    "gender_cue": "he and she must be told apart",
    "surname": "surname-only mention of a person introduced with full name",
    "appositive": "Jane Roe, a professor of law at Georgetown University,",
    "prenominal": "Pentagon press secretary John Doe",
    "possessive": "Georgetown's law dean Jane Roe",
    "nominal": '"the spokesman", "the senator" resolved to the person',
    "organisation": '"the ministry said", "the company said in a statement"',
    "description": '"a Pentagon spokesman said", "officials said"',
    "according_to": "according to X",
    "statement": "X's statement read / the statement said",
    "social_media": "X wrote on X/Twitter, posted on Truth Social",
    "told_to": "X told CNN",
    "dash": '"..." —Commissioner X',
    # what the quote is
    "partial": 'called the ruling "deeply flawed"',
    "scare": "a quoted word in narrative with no cue",
    "title_of_work": "quoted title of a book, film, song, bill, operation",
    "nested": "single marks inside double marks (or the reverse)",
    "unattributed": "a quotation the text attributes to nobody",
    # how it is written
    "straight": 'straight "..." marks',
    "curly": "curly \u201c...\u201d marks",
    "guillemets": "\u00ab...\u00bb marks",
    "low_high": "\u201e...\u201c marks",
    "doubled_single": "doubled single ''...'' marks",
    "single_british": "British single \u2018...\u2019 quotes, apostrophes inside",
    "unbalanced": "a missing closing mark; later quotes still expected",
    # page furniture that must never yield a speaker
    "furniture": "any page furniture around the text",
    "byline": "By Jane Doe, Associated Press",
    "caption": "(AP Photo/John Smith)",
    "web_chrome": "Follow / Read More / Share this article / Sign up for our newsletter",
    "trailing_headline": "an unrelated headline after the article",
    # speaker names
    "transliterated": "transliterated names",
    "hyphenated": "hyphenated names",
    "particle": "names with van, de, bin, al-",
    "suffix": "Jr. / Sr. / III",
    "initials": "J.D.-style initials",
    "honorific": "Gov., Sen., Rep., Dr. before the name",
}


class DevCorpusError(ValueError):
    """A passage of the development corpus is malformed: names the file and id."""


def _locate(passage: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """Give each expected quote start/end offsets into the passage text.

    Quotes are searched in order, each from the end of the previous one, so a
    repeated string maps to its right occurrence. A `nested` quote lies inside
    the quote before it, so it is searched inside that enclosing span instead.
    """
    text: str = passage["text"]
    located: list[dict[str, Any]] = []
    cursor = 0
    outer: tuple[int, int] | None = None
    for number, quote in enumerate(passage["quotes"], 1):
        words = quote["text"]
        if quote["kind"] == "nested":
            if outer is None:
                raise DevCorpusError(f"{where}: quote {number} is nested but follows no quote")
            start = text.find(words, outer[0], outer[1])
        else:
            start = text.find(words, cursor)
        if not words or start < 0:
            raise DevCorpusError(
                f"{where}: quote {number} {words!r} not found in the text after offset {cursor}"
            )
        end = start + len(words)
        if quote["kind"] != "nested":
            cursor = end
            outer = (start, end)
        located.append({**quote, "start": start, "end": end})
    return located


def load_devcorpus(directory: Path = DEVCORPUS_DIR) -> list[dict[str, Any]]:
    """Every passage of every .jsonl file, in file then line order, with offsets.

    Raises DevCorpusError on a bad JSON line, a missing key or a quote whose
    text is not in the passage.
    """
    passages: list[dict[str, Any]] = []
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise DevCorpusError(f"{directory}: no .jsonl files")
    for path in files:
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{line_number}"
            try:
                passage = json.loads(line)
                where = f"{where} ({passage['id']})"
                passage["quotes"] = _locate(passage, where)
            except json.JSONDecodeError as error:
                raise DevCorpusError(f"{where}: not JSON: {error}") from error
            except (KeyError, TypeError) as error:
                raise DevCorpusError(f"{where}: missing or wrong field: {error}") from error
            passage["file"] = path.name
            passages.append(passage)
    return passages
