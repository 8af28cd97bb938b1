"""Across the corpus: one statement across outlets, one person across spellings.

`align` takes every stored quote and returns an `Alignment`:

- people: speaker names grouped into persons across documents and spellings
  (`names.same_person`, affiliation agreement as support; a bare surname joins
  a full name only when that is unambiguous);
- clusters: versions of one statement (verbatim, edited, paraphrased or
  retranslated, partial), found by blocking on rare content words and scoring
  only those candidate pairs, never all pairs (copies of one text are
  prepared, blocked and scored once);
- variants: each version's drift against the cluster's earliest version and
  the earlier version it is closest to (the provenance chain).

The partition does not depend on the order quotes come in: candidates and
links are decided by sorted scores and ids.

First appearance is the earliest `published` date. Undated versions rank after
dated ones, and among themselves by ingest (input) order; a cluster says
`first_is_dated=True` only when every version is dated, since an undated
version may be older than the earliest dated one. With no dates at all,
`first_published` is None. Nothing is guessed.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, islice

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import partial_ratio, ratio

from .forked import halves_map
from .names import (
    SAME_PERSON,
    SAME_TOKEN,
    name_similarity,
    name_tokens,
    normalise_name,
    phonetic_key,
    token_similarity,
)
from .records import (
    KIND_CONTINUATION,
    KIND_FULL,
    KIND_PARTIAL,
    SPEAKER_PERSON,
    Alignment,
    Cluster,
    Person,
    PersonSpelling,
    StoredQuote,
    Variant,
)

# ---------------------------------------------------------------- thresholds
#
# quote_similarity is the best of three views of a pair (see `_score`):
# - surface: edit similarity of the normalised texts. Edited copies (spelling,
#   punctuation, British/American, bracketed insertions) score 0.85 and up,
#   hence EDITED.
# - containment: the shorter text found (fuzzily) inside the longer one,
#   weighted by how much the fragment says: one content word proves little.
# - paraphrase: content words shared (stems, number words as digits), the mean
#   of overlap-with-the-shorter and Dice. Retranslations keep most content words
#   ("regular ... from US intelligence and probably other forms of US support")
#   while different statements on one topic share a few ("Palmyra attack").
# SAME_STATEMENT sits between the weakest true pairs of our tests (about 0.66)
# and the strongest same-topic different statements (about 0.45); numbers that
# differ cost 25%: a changed figure with otherwise faithful wording stays linked
# (and is flagged), a changed figure in a loose paraphrase does not.
SAME_STATEMENT = 0.6
EDITED = 0.85
NUMBER_PENALTY = 0.75
ANCHOR_PENALTY = 0.4
NEGATION_PENALTY = 0.85
# Fragments with fewer content words than this link only to the same speaker.
SHORT_FRAGMENT = 3
# Blocking: each quote's keys are its rarest content words, at most RARE_KEYS
# of them and, past the first, only while the texts holding them add up to
# KEY_BUDGET; a word in more than MAX_BLOCK distinct texts is too common to be a key.
RARE_KEYS = 6
KEY_BUDGET = 64
MAX_BLOCK = 200

CLUSTERED_KINDS = frozenset({KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION})

_STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    may might must shall us let one ones well much many even still yet there's
    it's that's thing things way ve ll re don doesn didn isn aren wasn weren won wouldn couldn
    shouldn said says say according told nobody nothing none never without neither
    """.split()
)
# Number words read as figures, so "two hundred" and "200" agree. "one" is left
# alone: "no one", "one of them" are rarely a count.
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
    if w != "_"
}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=65536)
def _as_number(word: str) -> float | None:
    if _NUMBER_RE.fullmatch(word):
        text = word.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word) else word.replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None
    if word in _UNITS:
        return float(_UNITS[word])
    if word in _TENS:
        return float(_TENS[word])
    return None


def _read_numbers(words: list[str]) -> list[str]:
    """Merge number phrases into one figure: "two hundred" -> "200", "2.5 billion" -> "2500000000"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value = _as_number(words[i])
        if value is None:
            out.append("%" if words[i] == "percent" else words[i])
            i += 1
            continue
        i += 1
        if words[i - 1] in _TENS and i < len(words) and words[i] in _UNITS:
            value += _UNITS[words[i]]  # "twenty five"
            i += 1
        while i < len(words) and words[i] in _SCALES:
            value *= _SCALES[words[i]]
            i += 1
        out.append(str(int(value)) if value == int(value) else f"{value:g}")
    return out


# Each with a piece of text every match contains: most texts have none, and
# looking for it costs far less than running the pattern.
_CONTRACTIONS = tuple(
    (needle, re.compile(pattern), repl)
    for needle, pattern, repl in (
        ("can", r"\bcan't\b|\bcannot\b", "can not"),
        ("unable", r"\bunable\b", "not able"),
        ("won't", r"\bwon't\b", "will not"),
        ("n't", r"n't\b", " not"),
        ("'re", r"'re\b", " are"),
        ("'ve", r"'ve\b", " have"),
        ("'ll", r"'ll\b", " will"),
        ("'m", r"'m\b", " am"),
        ("'d", r"'d\b", " would"),
        ("'s", r"\b(it|that|there|what|he|she|here|who|where)'s\b", r"\1 is"),
        ("'s", r"'s\b", ""),
    )
)
# British -> American, applied to both sides, so only the mapping's consistency matters.
# Each with a piece of the word every match contains, looked for first.
_SPELLING = tuple(
    (needle, re.compile(pattern), repl)
    for needle, pattern, repl in (
        ("isation", r"isation", "ization"),
        ("is", r"(?<=.{3})is(e|ed|es|ing)$", r"iz\1"),
        ("ys", r"(?<=.{2})ys(e|ed|es|ing)$", r"yz\1"),
        ("our", r"(?<=.{3})our(s|ed|ing|able|ite)?$", r"or\1"),
        ("tre", r"(?<=.{3})tre(s)?$", r"ter\1"),
        ("ence", r"(?<=.{3})ence$", "ense"),
        ("ogue", r"(?<=.{3})ogue$", "og"),
        ("ll", r"(?<=.{4})ll(ed|ing|er|ers)$", r"l\1"),
        ("programme", r"^programme", "program"),
        ("gement", r"gement", "gment"),
    )
)
# Irregular forms, so stems meet: "rose" / "rise", "bought" / "buy".
_IRREGULAR = {
    w: base
    for base, forms in {
        "rise": "rose risen", "fall": "fell fallen", "give": "gave given", "take": "took taken",
        "make": "made", "find": "found", "hold": "held", "win": "won", "lose": "lost",
        "sell": "sold", "buy": "bought", "pay": "paid", "meet": "met", "run": "ran",
        "begin": "began begun", "bring": "brought", "think": "thought", "feel": "felt",
        "keep": "kept", "see": "saw seen", "go": "went gone", "come": "came", "speak": "spoke spoken",
        "write": "wrote written", "choose": "chose chosen", "fight": "fought", "grow": "grew grown",
        "know": "knew known", "lead": "led", "mean": "meant", "send": "sent", "spend": "spent",
        "stand": "stood", "strike": "struck", "teach": "taught", "understand": "understood",
        "build": "built", "leave": "left", "break": "broke broken", "drive": "drove driven",
        "fly": "flew flown", "hide": "hid hidden", "seek": "sought", "shoot": "shot", "catch": "caught",
        "receive": "get gets got gotten getting",
    }.items()
    for w in forms.split()
}
# Common news synonyms, each mapped to one word: a paraphrase swaps these freely.
_SYNONYMS = {
    w: group.split()[0]
    for group in (
        "receive obtain", "resign quit", "ceasefire truce", "quickly fast rapidly swiftly",
        "begin start commence", "end finish conclude", "buy purchase acquire", "big large",
        "help assist aid", "show demonstrate", "attack assault", "try attempt", "need require",
        "allow permit", "rise increase climb jump surge soar", "fall drop decline decrease plunge slump tumble",
        "stop halt cease prevent", "protect safeguard shield", "country nation", "fight combat battle",
        "important significant crucial vital", "problem issue", "angry furious", "glad happy pleased",
        "threat danger menace", "enough sufficient", "children kids", "talk discuss",
        "moment time", "kill slay", "tell inform", "answer reply respond", "job post position",
        "weapon arm", "car vehicle", "hard difficult", "chance opportunity", "aim goal objective",
        "inquiry investigation probe", "siege blockade", "statement remark comment", "destroy demolish",
    )
    for w in group.split()
}
_PHRASES = (
    ("step", re.compile(r"\bstep(?:s|ped|ping)? down\b"), "resign"),
    ("no one", re.compile(r"\bno one\b"), "nobody"),
)
_SUFFIXES = (
    "izations", "ization", "ational", "ations", "ation", "ments", "ment", "ness", "ingly", "ings", "ing",
    "edly", "ies", "ied", "ers", "ed", "es", "er", "ly", "al", "ity", "ive", "ion", "ate", "s",
)


# ---------------------------------------------------------------- text keys


def _fold(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is and it has no combining marks
        return text.replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return text


@lru_cache(maxsize=65536)
def _spelling(word: str) -> str:
    if not word.isalpha():
        return word
    for needle, pattern, repl in _SPELLING:
        if needle in word:
            word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if not word.isalpha():
        return word
    for _ in range(2):  # "factional" -> "faction" -> "fact", like "faction"
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
                break
    return word


_SYNONYM_STEMS = {_stem(w): _stem(canonical) for w, canonical in _SYNONYMS.items()}


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str:
    """A content word's stem, irregular forms and common synonyms folded."""
    stem = _stem(_IRREGULAR.get(word, word))
    return _SYNONYM_STEMS.get(stem, stem)


@dataclass(frozen=True)
class _Text:
    """One quote's text, prepared once for every comparison."""

    surface: tuple[str, ...]  # casefolded words, punctuation dropped: verbatim test
    words: tuple[str, ...]  # + brackets removed, contractions expanded, spelling folded
    joined: str
    content: frozenset[str]  # stems of the content words
    numbers: frozenset[str]
    sequence: tuple[str, ...]  # the content stems in order
    anchors: frozenset[str]  # capitalised words inside sentences: names, places, days
    negated: bool  # says "not", "no", "never", "without"...
    prefixes: frozenset[str]  # first four letters of the longer content words
    # derived, for `_score`: prefix -> the content words that start with it,
    # the most words one prefix has (at least 1), and the content words too
    # short for a prefix together with the prefixes (never equal: lengths differ)
    by_prefix: dict[str, tuple[str, ...]] = field(compare=False, repr=False)
    spread: int = field(compare=False, repr=False)
    keyset: frozenset[str] = field(compare=False, repr=False)
    size: int = field(compare=False, repr=False)  # content words, at least 1 (a divisor)


_NEGATIONS = frozenset({"not", "no", "never", "without", "nobody", "nothing", "none", "neither", "nor"})


_ANCHOR_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# The same words in ASCII text, capitalised ones only: a word runs from the first
# letter of a run of word characters to the run's end.
_ASCII_CAPITALISED = re.compile(r"(?<![\w'’-])[\d_'’-]*([A-Z][\w'’-]*)")
_BEFORE_WORD = " \"'“‘(["  # what may stand between a sentence's end and its first word


def _anchors(folded: str) -> frozenset[str]:
    """Proper nouns: capitalised words that do not start a sentence ("Gaza", "Tuesday")."""
    out: set[str] = set()
    if folded.isascii():
        found = ((m.group(1), m.start(1)) for m in _ASCII_CAPITALISED.finditer(folded))
    else:
        found = ((m.group(), m.start()) for m in _ANCHOR_WORD.finditer(folded))
    for word, start in found:
        if not word[0].isupper() or word in ("I", "US", "U"):
            continue
        k = start - 1
        while k >= 0 and folded[k] in _BEFORE_WORD:
            k -= 1
        if k < 0 or folded[k] in ".!?:;":
            continue  # a sentence start proves nothing
        # "DVD-CCA" / "DVD CCA", "Al-Sharaa's" / "al-Sharaa": hyphen parts, no article
        parts = re.split(r"-", re.sub(r"['’]s$", "", word).casefold())
        out.update(p for p in parts if len(p) > 2)
    return frozenset(out)


_SURFACE_WORD = re.compile(r"[^\W_]+")
_INSERTION = re.compile(r"\[[^\]]*\]")
_USA = re.compile(r"\b(?:U\.S\.|US)(?![\w.])")
_BODY_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | {"percent"}  # what `_read_numbers` rewrites, besides figures


@lru_cache(maxsize=65536)
def _content_key(word: str) -> str | None:
    """A (spelling-folded) word's content stem; None for stopwords and single letters."""
    return _content_stem(word) if word not in _STOPWORDS and (len(word) > 1 or word.isdigit()) else None


@lru_cache(maxsize=200_000)
def _prepare(text: str) -> _Text:
    folded = _fold(text)
    surface = tuple(_SURFACE_WORD.findall(folded.casefold()))
    body = _INSERTION.sub(" ", folded) if "[" in folded else folded  # editorial insertions: "[with the US]"
    body_cased = body
    # "US" the country is not "us" the pronoun
    if "U" in body:
        body = _USA.sub(" usa ", body)
    body = body.casefold().replace("%", " percent ").replace("per cent", "percent")
    for needle, pattern, repl in _CONTRACTIONS:
        if needle in body:
            body = pattern.sub(repl, body)
    for needle, phrase, repl in _PHRASES:
        if needle in body:
            body = phrase.sub(repl, body)
    tokens = _BODY_WORD.findall(body)
    # most texts hold no figure and no number word: nothing to merge
    raw = _read_numbers(tokens) if _DIGIT.search(body) or not _NUMBER_WORDS.isdisjoint(tokens) else tokens
    words = tuple(map(_spelling, raw))
    sequence = tuple(k for k in map(_content_key, words) if k is not None)
    content = frozenset(sequence)
    numbers = frozenset(w for w in words if w[0].isdigit() or w == "%")
    negated = not _NEGATIONS.isdisjoint(words)
    by_prefix = _by_prefix(content)
    prefixes = frozenset(by_prefix)
    return _Text(
        surface,
        words,
        " ".join(words),
        content,
        numbers,
        sequence,
        _anchors(body_cased),
        negated,
        prefixes,
        by_prefix,
        max(map(len, by_prefix.values()), default=1),
        prefixes | {w for w in content if len(w) < 4},
        max(len(content), 1),
    )


def _by_prefix(content: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for w in content:
        if len(w) >= 4:
            out[w[:4]] = out.get(w[:4], ()) + (w,)
    return out


# ---------------------------------------------------------------- similarity


def _found(x: _Text, y: _Text, shared: int, close: frozenset[str]) -> int:
    """How many of x's content words occur in y, allowing stem prefixes ("recruit"/"recruitment").

    `shared` is the number of content words the two have in common, `close`
    the prefixes they have in common: a word found only by a stem prefix
    starts with one of them, so only those are looked at.
    """
    found = shared
    for p in close:
        near = y.by_prefix[p]
        for w in x.by_prefix[p]:
            if w not in y.content and any(v.startswith(w) or w.startswith(v) for v in near):
                found += 1
    return found


def _informative(n_content: int) -> float:
    """How much a fragment of n content words can prove by being contained."""
    return min(1.0, 0.1 + 0.4 * n_content)  # 1 word: 0.5, 2 words: 0.9, 3 or more: 1.0


def _numbers_differ(a: _Text, b: _Text) -> bool:
    if not a.numbers and not b.numbers:
        return False
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) < 0.6 * len(long_.words):
        return not short.numbers <= long_.numbers  # a fragment may leave figures out
    return a.numbers != b.numbers


def _anchors_missing(a: _Text, b: _Text) -> float:
    """Share of the fewer proper nouns not found (allowing transliteration) in the other text."""
    if not a.anchors or not b.anchors:
        return 0.0  # a paraphrase may drop the names altogether
    few, many = (a.anchors, b.anchors) if len(a.anchors) <= len(b.anchors) else (b.anchors, a.anchors)
    missing = sum(
        1 for x in few if x not in many and not any(token_similarity(x, y) >= SAME_TOKEN for y in many)
    )
    return missing / len(few)


def _score(a: _Text, b: _Text, floor: float = 0.0) -> float:
    """quote_similarity of prepared texts; 0.0 early when it cannot reach `floor`."""
    if a.words == b.words:
        return 1.0 if a.words else 0.0
    if not a.words or not b.words:
        return 0.0
    if floor:
        # A cheap bound first, enough for most candidate pairs: a content word
        # of a found in b is either a short word both have or a word with a
        # prefix both have, and a has at most `spread` words per prefix.
        both, least = len(a.keyset & b.keyset), 0.9 * floor
        if a.spread * both / a.size < least and b.spread * both / b.size < least:
            return 0.0
    shared = len(a.content & b.content)
    close = a.prefixes & b.prefixes
    found_a = _found(a, b, shared, close) if close else shared
    found_b = _found(b, a, shared, close) if close else shared
    if floor and max(found_a / a.size, found_b / b.size) < 0.9 * floor:
        return 0.0  # every view below needs most content words of one side in the other
    # edited copy: character similarity, unless content words differ (a short
    # sentence with one word changed is close in characters, not in meaning)
    surface = ratio(a.joined, b.joined) / 100.0
    tokens = Indel.normalized_similarity(a.sequence, b.sequence) if a.sequence and b.sequence else 0.0
    edit = surface if tokens >= 0.75 else min(surface, tokens)
    # paraphrase or retranslation: content words shared
    paraphrase = 0.0
    if a.content and b.content:
        m, smaller = min((found_a, len(a.content)), (found_b, len(b.content)), key=lambda x: x[1])
        overlap = m / smaller
        dice = 2 * m / (len(a.content) + len(b.content))
        # at most 0.95: only the same words score 1.0
        paraphrase = 0.95 * (0.5 * overlap + 0.5 * dice) * min(1.0, smaller / 4)
    score = max(edit, paraphrase)
    # fragment: the shorter's content words all in the longer, in about that wording
    short, long_ = (a, b) if len(a.joined) <= len(b.joined) else (b, a)
    if short.content and len(short.joined) < 0.9 * len(long_.joined):
        found = found_a if short is a else found_b
        bound = min(found / len(short.content), 0.95) * _informative(len(short.content))
        if bound > score:  # partial_ratio is the costly one: only when it can matter
            near = partial_ratio(short.joined, long_.joined) / 100.0
            score = max(score, min(bound, near * _informative(len(short.content))))
    if _numbers_differ(a, b):
        score *= NUMBER_PENALTY
    score *= 1.0 - ANCHOR_PENALTY * _anchors_missing(a, b)
    if a.negated != b.negated and len(short.words) >= 0.6 * len(long_.words):
        score *= NEGATION_PENALTY  # "talks were constructive" / "broke down without agreement"
    return round(score, 4)


def quote_similarity(a: str, b: str) -> float:
    """How likely two quotes are versions of one statement, in [0, 1].

    1.0 for the same words; about 0.85 and up for edited copies (spelling,
    punctuation, British/American, bracketed insertions); 0.6 and up for
    paraphrases, retranslations and fragments contained in a fuller quote.
    """
    return _score(_prepare(a), _prepare(b))


def same_statement(a: str, b: str) -> bool:
    """True when two quotes are versions of one statement (`SAME_STATEMENT`)."""
    return quote_similarity(a, b) >= SAME_STATEMENT


def _relation(a: _Text, earliest: _Text, similarity: float) -> str:
    if a.surface == earliest.surface:
        return "verbatim"
    short, long_ = (a, earliest) if len(a.words) <= len(earliest.words) else (earliest, a)
    if len(short.words) < 0.6 * len(long_.words):
        return "partial"
    if ratio(a.joined, earliest.joined) / 100.0 >= EDITED or similarity >= 0.97:
        return "edited"
    return "paraphrase"


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def _diff_key(word: str) -> str:
    """What a word is compared as in `word_diff`: folded, casefolded, letters and digits only."""
    return _NOT_WORD.sub("", _fold(word).casefold())


def word_diff(earliest: str, variant: str) -> list[list[str]]:
    """Word-level diff of a variant against the earliest version: [op, text] with op "=", "+", "-"."""
    old, new = earliest.split(), variant.split()
    old_keys, new_keys = [_diff_key(w) for w in old], [_diff_key(w) for w in new]
    if old_keys == new_keys:  # what SequenceMatcher says of equal sequences, without the search
        return [["=", " ".join(new)]] if new else []
    ops: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(new[j1:j2])])
            continue
        if i2 > i1:
            ops.append(["-", " ".join(old[i1:i2])])
        if j2 > j1:
            ops.append(["+", " ".join(new[j1:j2])])
    return ops


# ---------------------------------------------------------------- people


def _person_name(q: StoredQuote) -> str | None:
    """The speaker's name when it names a person (not an organisation or description)."""
    name = (q.speaker or "").strip()
    if not name or q.speaker_kind not in (None, SPEAKER_PERSON):
        return None
    if q.speaker_kind is None and not any(w[:1].isupper() for w in name.split()):
        return None  # "officials", "a spokesman"
    return name if name_tokens(name) else None


def _hash_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _order_key(q: StoredQuote, index: int) -> tuple[bool, str, int]:
    """Earliest publication first; undated after dated, then by ingest order."""
    return (q.published is None, q.published or "", index)


@dataclass
class _NameGroup:
    key: str  # normalise_name
    tokens: tuple[str, ...]
    quotes: list[int] = field(default_factory=list)  # indexes into the quote list
    affiliations: Counter[str] = field(default_factory=Counter)


def _affiliation_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", _fold(text).casefold()))


def _affiliations_agree(a: Counter[str], b: Counter[str]) -> bool:
    ka = {_affiliation_key(x) for x in a}
    kb = {_affiliation_key(x) for x in b}
    return any(x and y and (x == y or ratio(x, y) >= 90) for x in ka for y in kb)


def _given_compatible(a: str, b: str) -> bool:
    """"Rob" / "Robert", "J" / "John": shortenings, not different names."""
    return a[0] == b[0] and (a.startswith(b) or b.startswith(a)) or token_similarity(a, b) >= SAME_TOKEN


def _names_link(a: _NameGroup, b: _NameGroup) -> float:
    """A link score for two full-name groups, 0 when they are not one person."""
    score = name_similarity(a.key, b.key)
    if score >= SAME_PERSON:
        return score
    # Affiliation as support: same surname, compatible given names, same organisation.
    if (
        token_similarity(a.tokens[-1], b.tokens[-1]) >= SAME_TOKEN
        and _given_compatible(a.tokens[0], b.tokens[0])
        and _affiliations_agree(a.affiliations, b.affiliations)
    ):
        return SAME_PERSON
    return 0.0


def _skeleton_key(token: str) -> str:
    """Consonants of a token's phonetic key: every transliteration variant shares it."""
    key = phonetic_key(token).replace("g", "k")
    return "".join(c for c in key if c not in "aeiou") or key


def _name_blocks(tokens: tuple[str, ...]) -> set[tuple[str, str]]:
    """Blocking keys of a full name: surname skeleton and the given name's first consonant.

    Variants of one person share one ("Nanar Hawash" / "Hawach", "Omar" / "Umar",
    "Rob" / "Robert", "Kim Jong Un" / "Kim Jongun"); common first names alone never
    make a block.
    """
    given = _skeleton_key(tokens[0])[:1]
    keys = {(_skeleton_key(tokens[-1]), given)}
    if len(tokens) >= 3:
        keys.add((_skeleton_key("".join(tokens[1:])), given))
    return keys


def _surname_keys(token: str) -> set[str]:
    keys = {_skeleton_key(token)}
    if token[:2] in ("al", "el") and len(token) >= 6:
        keys.add(_skeleton_key(token[2:]))  # "Elbaradei" / "Baradei"
    return keys


class _UnionFind:
    def __init__(self, items: Iterable[int]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            ra, rb = min(ra, rb), max(ra, rb)
            self.parent[rb] = ra
        return ra


def _group_people(quotes: Sequence[StoredQuote], order: Sequence[int]) -> dict[int, list[int]]:
    """Person components: a representative group index -> quote indexes."""
    groups: dict[str, _NameGroup] = {}
    for i in order:
        name = _person_name(quotes[i])
        if name is None:
            continue
        key = normalise_name(name)
        group = groups.setdefault(key, _NameGroup(key, name_tokens(name)))
        group.quotes.append(i)
        affiliation = quotes[i].affiliation
        if affiliation:
            group.affiliations[affiliation] += 1
    keys = sorted(groups)
    full = [k for k in keys if len(groups[k].tokens) >= 2]
    bare = [k for k in keys if len(groups[k].tokens) == 1]

    # 1. Full names: candidates share a consonant skeleton of given name or surname.
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gi, k in enumerate(full):
        for b in _name_blocks(groups[k].tokens):
            blocks[b].append(gi)
    edges: set[tuple[float, int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                gx, gy = members[x], members[y]
                s = _names_link(groups[full[gx]], groups[full[gy]])
                if s > 0:
                    edges.add((s, gx, gy))
    uf = _UnionFind(range(len(full)))
    component: dict[int, list[int]] = {gi: [gi] for gi in range(len(full))}
    for _, gx, gy in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        rx, ry = uf.find(gx), uf.find(gy)
        if rx == ry:
            continue
        # complete linkage: no chaining "George Bush" between two different Bushes
        if all(
            name_similarity(full[a], full[b]) >= 0.6 or _names_link(groups[full[a]], groups[full[b]]) > 0
            for a in component[rx]
            for b in component[ry]
        ):
            root = uf.union(rx, ry)
            component[root] = component.pop(rx if root == ry else ry) + component.pop(root)
    people: dict[int, list[int]] = {}
    for root, members in component.items():
        people[root] = [i for gi in members for i in groups[full[gi]].quotes]

    # 2. Bare names join a full name when one person fits: in the same document first.
    surname_index: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for root, members in component.items():
        for gi in members:
            surname = groups[full[gi]].tokens[-1]
            for key in _surname_keys(surname):
                surname_index[key].add((surname, root))
    docs_of_person = {root: {quotes[i].document_id for i in qs} for root, qs in people.items()}
    next_id = len(full)
    for k in bare:
        token = groups[k].tokens[0]
        found = {entry for key in _surname_keys(token) for entry in surname_index.get(key, ())}
        fits = sorted({root for surname, root in found if token_similarity(token, surname) >= SAME_TOKEN})
        leftover: list[int] = []
        for i in groups[k].quotes:
            local = [r for r in fits if quotes[i].document_id in docs_of_person[r]]
            chosen = local if local else fits
            if len(chosen) == 1:
                people[chosen[0]].append(i)
            else:
                leftover.append(i)
        if leftover:
            people[next_id] = leftover
            next_id += 1
    return people


def _build_people(
    quotes: Sequence[StoredQuote], order: Sequence[int], rank: dict[int, int]
) -> tuple[list[Person], dict[str, str], dict[int, str]]:
    """Person records, quote id -> person id, and quote index -> person id."""
    people: list[Person] = []
    person_of_quote: dict[str, str] = {}
    person_of_index: dict[int, str] = {}
    used: set[str] = set()
    for members in _group_people(quotes, order).values():
        members.sort(key=rank.__getitem__)
        counts: Counter[str] = Counter()
        first_doc: dict[str, str] = {}
        first_rank: dict[str, int] = {}
        affiliations: Counter[str] = Counter()
        for i in members:
            q = quotes[i]
            name = (q.speaker or "").strip()
            written = (q.speaker_as_written or "").strip()
            spellings = [name]
            # the name as the article wrote it ("Hawach") when it is a spelling of the same name
            if written and len(written.split()) > len(name.split()):
                # "US President Donald Trump": the titles are not part of the spelling
                written = " ".join(written.split()[-len(name.split()) :])
            if written and written != name and written[:1].isupper() and _spelling_of(written, name):
                spellings.append(written)
            for s in spellings:
                counts[s] += 1
                first_doc.setdefault(s, q.document_id)
                first_rank.setdefault(s, rank[i])
            if q.affiliation:
                affiliations[q.affiliation.strip()] += 1
        speaker_counts = Counter((quotes[i].speaker or "").strip() for i in members)
        first_date: dict[str, str] = {}
        for i in members:
            first_date.setdefault((quotes[i].speaker or "").strip(), quotes[i].published or "~")
        # the most complete, most frequent spelling; ties never by ingest order (stable ids)
        display = min(
            speaker_counts,
            key=lambda s: (-len(name_tokens(s)), -speaker_counts[s], len(s.split()), first_date[s], s),
        )
        pid = _hash_id("p-", normalise_name(display))
        while pid in used:  # two people whose names normalise alike (never merged): keep ids apart
            pid = _hash_id("p-", pid)
        used.add(pid)
        spellings_out = tuple(
            PersonSpelling(s, counts[s], first_doc[s]) for s in sorted(counts, key=lambda s: (first_rank[s], s))
        )
        aff = tuple(sorted(affiliations, key=lambda a: (-affiliations[a], a)))
        people.append(Person(pid, display, spellings_out, aff))
        for i in members:
            person_of_quote[quotes[i].id] = pid
            person_of_index[i] = pid
    people.sort(key=lambda p: p.id)
    return people, person_of_quote, person_of_index


@lru_cache(maxsize=65536)
def _spelling_of(written: str, name: str) -> bool:
    tokens = name_tokens(written)
    full = name_tokens(name)
    return bool(tokens) and all(any(token_similarity(t, f) >= SAME_TOKEN for f in full) for t in tokens)


# ---------------------------------------------------------------- clusters


@dataclass
class AlignStats:
    """What one `align` run did; pass one in to have it filled (for benchmarks)."""

    n_quotes: int = 0
    n_clustered: int = 0  # quotes of a kind that is clustered
    n_candidate_pairs: int = 0  # pairs scored
    n_links: int = 0  # pairs at or above SAME_STATEMENT that were joined
    n_clusters: int = 0
    n_reused_clusters: int = 0  # incremental: clusters kept from `existing` untouched


@dataclass(frozen=True)
class _Texts:
    """The distinct texts of the clustered quotes.

    Copies of one statement are common (wire copy, verbatim quotes): each
    distinct text is prepared, blocked and scored once, whatever its copies.
    """

    of_quote: dict[int, int]  # quote index -> text id
    texts: list[_Text]  # text id -> the prepared text
    quotes: list[list[int]]  # text id -> indexes of the quotes that have it, ascending

    @classmethod
    def of(cls, quotes: Sequence[StoredQuote], indexes: Iterable[int], texts: dict[int, _Text]) -> _Texts:
        ids: dict[str, int] = {}
        of_quote: dict[int, int] = {}
        prepared: list[_Text] = []
        members: list[list[int]] = []
        for i in sorted(indexes):
            u = ids.setdefault(quotes[i].text, len(ids))
            if u == len(prepared):
                prepared.append(texts[i])
                members.append([])
            of_quote[i] = u
            members[u].append(i)
        return cls(of_quote, prepared, members)


@dataclass(frozen=True)
class _Blocks:
    """Inverted indexes for candidate generation, over distinct texts.

    A pair is a candidate when one quote's rarest content words (its keys)
    occur in the other: versions of one statement share their unusual words
    ("vetting", "infiltration") even when paraphrased or cut short. Words in
    more than MAX_BLOCK distinct texts index nothing, so each quote meets a
    bounded number of candidates and the work grows linearly with the corpus.
    Copies of a text count once: a quote 500 outlets copied is as rare as
    one outlet's, and its copies have the same keys and meet the same quotes.
    A text with no content word ("We will do it.") is in no block: it says
    too little to be matched, so it is a statement of its own.
    """

    keys: list[tuple[str, ...]]  # text id -> its RARE_KEYS rarest words
    by_word: dict[str, list[int]]  # word -> texts containing it (rare enough words only)
    by_key: dict[str, list[int]]  # word -> texts having it among their keys


def _blocks(groups: _Texts) -> _Blocks:
    df: Counter[str] = Counter()  # in how many distinct texts a word occurs
    for t in groups.texts:
        df.update(t.content)
    keys: list[tuple[str, ...]] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for u, t in enumerate(groups.texts):
        rare = sorted((w for w in t.content if df[w] <= MAX_BLOCK), key=lambda w: (df[w], w))
        chosen: list[str] = []
        budget = KEY_BUDGET
        for w in rare[:RARE_KEYS]:
            if chosen and df[w] > budget:
                break  # a bounded number of candidates per quote keeps the work linear
            chosen.append(w)
            budget -= df[w]
        keys.append(tuple(chosen))
        for w in rare:
            by_word[w].append(u)
        for w in chosen:
            by_key[w].append(u)
    return _Blocks(keys, by_word, by_key)


def _near(groups: _Texts, blocks: _Blocks, u: int, both_ways: bool) -> list[int]:
    """Texts a quote with text u is compared with: its keys' texts (and, both ways, the texts keyed by its words)."""
    t = groups.texts[u]
    near = [v for k in blocks.keys[u] for v in blocks.by_word[k]]
    if both_ways:
        near += [v for w in t.content for v in blocks.by_key.get(w, ())]
    return near


class _Edges:
    """Scored candidate pairs of quotes, as (-score, id, id, a, b) with quote indexes a < b and ids in order.

    A pair qualifies when a key of either quote occurs in the other, it may
    link and it scores at least SAME_STATEMENT. Two quotes of one document
    link only when they are the same text repeated (an article does not make
    two statements one); a fragment of fewer than SHORT_FRAGMENT content words
    ("extremely angry") links only to a quote of the same speaker. The score of a
    pair is that of its two texts in the order of the quotes' indexes.

    Copies of a text do not make a pair each (see `_Copies`): the edges are
    linear in the quotes, so 6,000 copies of one line cost 6,000 edges, not 18 million.
    """

    def __init__(
        self,
        quotes: Sequence[StoredQuote],
        groups: _Texts,
        blocks: _Blocks,
        person: dict[int, str],
        stats: AlignStats,
    ) -> None:
        self.quotes, self.groups, self.blocks, self.person, self.stats = quotes, groups, blocks, person, stats
        self.scores: dict[tuple[int, int], float] = {}  # (text id, text id) -> floored score
        # per quote index (clustered quotes only): what deciding whether two may link reads
        n = len(quotes)
        self.doc: list[str] = [""] * n
        self.qid: list[str] = [""] * n
        self.text: list[int] = [-1] * n
        self.speaker: list[str | None] = [None] * n
        self.few: list[bool] = [False] * n
        for i, u in groups.of_quote.items():
            q = quotes[i]
            self.doc[i], self.qid[i], self.text[i], self.speaker[i] = q.document_id, q.id, u, person.get(i)
            self.few[i] = len(groups.texts[u].content) < SHORT_FRAGMENT

    def scored(self, quotes: set[int]) -> list[tuple[float, str, str, int, int]]:
        """Edges within `quotes`, strongest first."""
        found = self._among(quotes)
        # may they link: read from per-quote lists, as found pairs run to hundreds of thousands
        texts, doc, qid, text, person = self.groups.texts, self.doc, self.qid, self.text, self.speaker
        few = self.few
        edges = []
        for s, a, b in found:
            if doc[a] == doc[b]:
                if text[a] != text[b] and texts[text[a]].words != texts[text[b]].words:
                    continue  # two statements of one article
            elif (few[a] or few[b]) and (person[a] is None or person[a] != person[b]):
                continue  # a short fragment links only with the same speaker
            ia, ib = qid[a], qid[b]
            edges.append((-s, ia, ib, a, b) if ia <= ib else (-s, ib, ia, a, b))
        # strongest first; ties by quote ids (unique, so a and b never decide), so the input order never matters
        edges.sort()
        return edges

    def reached(self, sources: Iterable[int], cluster_of: dict[int, str]) -> set[str]:
        """The clusters of `cluster_of` that an edge from one of `sources` (quotes in no cluster) reaches.

        Worked out a pair of texts at a time, from what the sources of a text
        have in common (their documents and speakers), so a text copied
        thousands of times costs its copies once. Where only some sources may
        link and only the others score high enough (a score that depends on
        the order of the two texts), the cluster counts as reached: aligning
        one cluster too many gives the same result, at a little more work.
        """
        groups, texts, doc, person = self.groups, self.groups.texts, self.doc, self.speaker
        by_text: dict[int, list[int]] = defaultdict(list)
        for i in sources:
            by_text[self.text[i]].append(i)
        old_of_text: dict[int, list[int]] = defaultdict(list)
        for j in cluster_of:
            old_of_text[self.text[j]].append(j)
        reached: set[str] = set()
        for u, mine in by_text.items():
            docs = {doc[i] for i in mine}
            docs_of: dict[str, set[str]] = defaultdict(set)  # speaker -> documents
            for i in mine:
                if (p := person[i]) is not None:
                    docs_of[p].add(doc[i])
            low, high = min(mine), max(mine)
            for v in set(_near(groups, self.blocks, u, both_ways=True)):
                old = old_of_text.get(v)
                if not old:
                    continue
                self.stats.n_candidate_pairs += len(mine) * len(old)
                if {cluster_of[j] for j in old} <= reached:
                    continue
                same_words = texts[u].words == texts[v].words
                few_pair = len(texts[u].content) < SHORT_FRAGMENT or len(texts[v].content) < SHORT_FRAGMENT
                forward = backward = False  # may score high enough with a source before / after the quote
                for j in old:
                    if cluster_of[j] in reached:
                        continue
                    if low < j and not forward:
                        forward = self.floored(u, v) >= SAME_STATEMENT
                    if high > j and not backward:
                        backward = self.floored(v, u) >= SAME_STATEMENT
                    if not ((low < j and forward) or (high > j and backward)):
                        continue
                    if same_words and (not few_pair or doc[j] in docs):
                        reached.add(cluster_of[j])  # the same words: any document, or the same one
                    elif not few_pair:
                        if len(docs) > 1 or doc[j] not in docs:
                            reached.add(cluster_of[j])
                    elif (p := person[j]) is not None and p in docs_of and (len(docs_of[p]) > 1 or doc[j] not in docs_of[p]):
                        reached.add(cluster_of[j])
        return reached

    def _among(self, quotes: set[int]) -> list[tuple[float, int, int]]:
        """Every candidate pair within `quotes` scoring at least SAME_STATEMENT, as (score, a, b).

        A pair is found from either side's keys, so each side's own keys
        suffice. Pairs are taken a pair of texts at a time: a pair of texts
        scored under the floor rules out every pair of their quotes at once,
        and one scored above it gives the pairs `_Copies` picks.
        """
        members: dict[int, list[int]] = {}
        for u, ms in enumerate(self.groups.quotes):
            inside = [i for i in ms if i in quotes]
            if inside:
                members[u] = inside
        text_pairs: set[tuple[int, int]] = set()
        for u in members:
            for v in _near(self.groups, self.blocks, u, both_ways=False):
                if v in members:
                    text_pairs.add((u, v) if u <= v else (v, u))
        self._score_ahead(_pairs_to_score(text_pairs, members))
        scores, texts = self.scores, self.groups.texts
        copies = _Copies(members, texts, self.doc, self.speaker, self.qid)
        n = 0
        found: list[tuple[float, int, int]] = []
        for u, v in text_pairs:
            mu, mv = members[u], members[v]
            if u == v:
                n += len(mu) * (len(mu) - 1) // 2
                if len(mu) > 1 and (s := self.floored(u, u)) >= SAME_STATEMENT:
                    found.extend((s, a, b) for a, b in copies.within(u))
            elif len(mu) == 1 and len(mv) == 1:  # the common case: one pair, one order
                a, b = mu[0], mv[0]
                if a > b:
                    u, v, a, b = v, u, b, a
                n += 1
                known = scores.get((u, v))  # `floored`, inline: this is most pairs
                if known is None:
                    known = scores[u, v] = _score(texts[u], texts[v], SAME_STATEMENT)
                if known >= SAME_STATEMENT:
                    found.append((known, a, b))
            else:
                n += len(mu) * len(mv)
                # members are ascending: a quote of u comes before one of v only if u's first is before v's last
                for first, second, m1, m2 in ((u, v, mu, mv), (v, u, mv, mu)):
                    if m1[0] < m2[-1] and (s := self.floored(first, second)) >= SAME_STATEMENT:
                        found.extend((s, a, b) for a, b in copies.between(first, second))
        self.stats.n_candidate_pairs += n
        return found

    def _score_ahead(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Floored scores of the ordered text pairs not scored yet, half of them in a forked process."""
        texts = self.groups.texts
        todo = [k for k in pairs if k not in self.scores]  # (each ordered pair comes once)
        values = halves_map(lambda k: _score(texts[k[0]], texts[k[1]], SAME_STATEMENT), todo)
        self.scores.update(zip(todo, values, strict=True))

    def floored(self, u: int, v: int) -> float:
        """`_score` of texts u and v (in that order) with the SAME_STATEMENT floor, memoised."""
        s = self.scores.get((u, v))
        if s is None:
            s = self.scores[u, v] = _score(self.groups.texts[u], self.groups.texts[v], SAME_STATEMENT)
        return s


class _Copies:
    """The pairs of quotes that stand for all pairs between copies of texts.

    Copies of one text score 1.0, the top score, so they are linked before
    anything else, and nothing refuses those links (their words are the
    same): a chain through the copies that may link (any two, or for a short
    fragment those of one document or one speaker) joins them as all their
    pairs would. After that, between two texts, the pair that may link and
    sorts first by quote ids stands for each group of joined copies: `_link`
    tries it where it would have tried the first of all their pairs, and a
    merge it refuses there it would refuse for the others too (the document
    that holds both texts stays in both components; only a fragment check
    could turn after other merges of equal score, a case no corpus of ours
    has). So time and memory grow with the copies, not with their square, and
    the clusters are the same.
    """

    def __init__(
        self, members: dict[int, list[int]], texts: list[_Text], doc: list[str], person: list[str | None], qid: list[str]
    ) -> None:
        self.members, self.texts, self.doc, self.person, self.qid = members, texts, doc, person, qid
        self._groups: dict[tuple[int, bool], dict[str, list[int]]] = {}
        self._runs: dict[tuple[int, str], _Run] = {}

    def _few(self, u: int) -> bool:
        return len(self.texts[u].content) < SHORT_FRAGMENT

    def _by(self, u: int, speaker: bool) -> dict[str, list[int]]:
        """Text u's copies by document, or by speaker (copies with no speaker left out), ascending."""
        key = (u, speaker)
        groups = self._groups.get(key)
        if groups is None:
            groups = self._groups[key] = defaultdict(list)
            for i in self.members[u]:
                k = self.person[i] if speaker else self.doc[i]
                if k is not None:
                    groups[k].append(i)
        return groups

    def _run(self, u: int, group: str) -> _Run:
        """Text u's copies ("" all, "p:NAME" of a speaker, "d:ID" in a document), prepared for `_first_pair`."""
        run = self._runs.get((u, group))
        if run is None:
            if not group:
                ms = self.members[u]
            else:
                ms = self._by(u, speaker=group[0] == "p")[group[2:]]
            run = self._runs[u, group] = _Run.of(ms, self.doc, self.qid)
        return run

    def within(self, u: int) -> Iterator[tuple[int, int]]:
        """Pairs that join the copies of text u as all of their pairs that may link would."""
        if not self._few(u):
            mu = self.members[u]
            return zip(mu, mu[1:], strict=False)
        runs = [*self._by(u, speaker=False).values(), *self._by(u, speaker=True).values()]
        return ((a, b) for run in runs for a, b in zip(run, run[1:], strict=False))

    def between(self, first: int, second: int) -> Iterator[tuple[int, int]]:
        """For each group of joined copies, the first pair (a of `first`, b of `second`, a < b) that may link."""
        same_words = self.texts[first].words == self.texts[second].words
        groups = [""]
        if self._few(first) or self._few(second):
            # a short fragment links across documents only with the same speaker,
            # and within one document when the words are the same
            groups = [f"p:{p}" for p in self._by(first, speaker=True).keys() & self._by(second, speaker=True).keys()]
            if same_words:
                groups += [f"d:{d}" for d in self._by(first, speaker=False).keys() & self._by(second, speaker=False).keys()]
        for g in groups:
            # different words link across documents only; the same words anywhere
            pair = _first_pair(self._run(first, g), self._run(second, g), self.doc, self.qid, any_document=same_words)
            if pair is not None:
                yield pair


@dataclass(frozen=True)
class _Run:
    """Copies of a text (quote indexes, ascending), with what `_first_pair` asks of them."""

    indexes: list[int]
    by_id: list[int]  # the same, in order of quote ids
    first_doc: str  # the document of the first copy
    last_doc: str  # the document of the last copy
    first_other: int | None  # the first copy in another document than the first copy's
    last_other: int | None  # the last copy in another document than the last copy's

    @classmethod
    def of(cls, ms: list[int], doc: list[str], qid: list[str]) -> _Run:
        return cls(
            ms,
            sorted(ms, key=qid.__getitem__),
            doc[ms[0]],
            doc[ms[-1]],
            next((i for i in ms if doc[i] != doc[ms[0]]), None),
            next((i for i in reversed(ms) if doc[i] != doc[ms[-1]]), None),
        )

    def has_after(self, i: int, document: str | None) -> bool:
        """Whether a copy comes after quote i (in another document than `document`, if given)."""
        last = self.indexes[-1]
        if last <= i:
            return False
        if document is None or self.last_doc != document:
            return True
        return self.last_other is not None and self.last_other > i

    def has_before(self, i: int, document: str | None) -> bool:
        """Whether a copy comes before quote i (in another document than `document`, if given)."""
        first = self.indexes[0]
        if first >= i:
            return False
        if document is None or self.first_doc != document:
            return True
        return self.first_other is not None and self.first_other < i


def _first_pair(x: _Run, y: _Run, doc: list[str], qid: list[str], *, any_document: bool) -> tuple[int, int] | None:
    """The pair (a of x, b of y, a < b, in two documents unless `any_document`) first in order of quote ids.

    The first quote of the smallest id that has a partner, with its partner of the smallest id.
    """
    xs, ys = x.by_id, y.by_id
    i = j = 0
    while i < len(xs) or j < len(ys):
        if j == len(ys) or (i < len(xs) and qid[xs[i]] < qid[ys[j]]):
            a = xs[i]
            i += 1
            if y.has_after(a, None if any_document else doc[a]):
                b = next(b for b in ys if b > a and (any_document or doc[b] != doc[a]))
                return a, b
        else:
            b = ys[j]
            j += 1
            if x.has_before(b, None if any_document else doc[b]):
                a = next(a for a in xs if a < b and (any_document or doc[a] != doc[b]))
                return a, b
    return None


def _pairs_to_score(text_pairs: Iterable[tuple[int, int]], members: dict[int, list[int]]) -> Iterator[tuple[int, int]]:
    """The ordered text pairs `_Edges._among` reads the scores of, in the order it reads them."""
    for u, v in text_pairs:
        mu, mv = members[u], members[v]
        if u == v:
            if len(mu) > 1:
                yield u, u
        elif len(mu) == 1 and len(mv) == 1:
            yield (u, v) if mu[0] < mv[0] else (v, u)
        else:
            for first, second, m1, m2 in ((u, v, mu, mv), (v, u, mv, mu)):
                if m1[0] < m2[-1]:
                    yield first, second


def _is_fragment(short: _Text, long_: _Text) -> bool:
    return len(short.words) < 0.6 * len(long_.words)


def _link(
    quotes: Sequence[StoredQuote],
    texts: dict[int, _Text],
    members: Iterable[int],
    edges: list[tuple[float, str, str, int, int]],
    stats: AlignStats,
    scorer: _Edges,
) -> list[list[int]]:
    """Greedy single link over edges, strongest first, refusing two kinds of merge:

    - one that would put two different quotes of one document into one cluster
      (an article does not repeat a statement as a different statement);
    - one through a fragment that already sits with a fuller statement unlike
      the new one: "humanitarian catastrophe" quoted from two different
      statements must not make them one.
    """
    members = list(members)
    uf = _UnionFind(members)
    # per component: its quotes (in runs, so that joining two costs the fewer
    # runs, not the quotes), and document id -> the (one) text of that document in it
    parts: dict[int, deque[list[int]]] = {i: deque([[i]]) for i in members}
    doc_text: dict[int, dict[str, tuple[str, ...]]] = {i: {quotes[i].document_id: texts[i].words} for i in members}
    for _, _, _, a, b in edges:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        small, large = (doc_text[ra], doc_text[rb]) if len(doc_text[ra]) <= len(doc_text[rb]) else (doc_text[rb], doc_text[ra])
        if any(d in large and large[d] != w for d, w in small.items()):
            continue
        short, long_ = (a, b) if len(texts[a].words) <= len(texts[b].words) else (b, a)
        if _is_fragment(texts[short], texts[long_]):
            mates = chain.from_iterable(parts[uf.find(short)])
            fuller = islice((z for z in mates if z != short and not _is_fragment(texts[z], texts[long_])), 20)
            tl = scorer.groups.of_quote[long_]
            if any(scorer.floored(scorer.groups.of_quote[z], tl) < SAME_STATEMENT for z in fuller):
                continue
        root = uf.union(ra, rb)
        other = rb if root == ra else ra
        # the root's quotes, then the other's
        head, tail = parts.pop(root), parts.pop(other)
        if len(head) >= len(tail):
            head.extend(tail)
        else:
            tail.extendleft(reversed(head))
            head = tail
        parts[root] = head
        kept, moved = doc_text.pop(root), doc_text.pop(other)
        if len(kept) < len(moved):
            kept, moved = moved, kept
        kept.update(moved)
        doc_text[root] = kept
        stats.n_links += 1
    return [list(chain.from_iterable(runs)) for runs in parts.values()]


def _build_cluster(
    quotes: Sequence[StoredQuote],
    texts: dict[int, _Text],
    members: list[int],
    rank: dict[int, int],
    person: dict[int, str],
    person_names: dict[str, str],
    of_quote: dict[int, int],
    known: dict[tuple[int, int], float],
) -> tuple[Cluster, list[Variant]]:
    """The cluster record and its variants.

    `known` holds the floored scores of text pairs (in order, by text id):
    those at or above the floor are whole scores (nothing was cut short).
    """
    members = sorted(members, key=rank.__getitem__)
    local: dict[tuple[int, int], float] = {}
    diffs: dict[str, str] = {}

    def score(i: int, j: int) -> float:
        key = (of_quote[i], of_quote[j])
        s = known.get(key)
        if s is None or s < SAME_STATEMENT:
            s = local.get(key)
            if s is None:
                s = local[key] = _score(texts[i], texts[j])
        return s

    first = members[0]
    fq, ft = quotes[first], texts[first]
    cid = _hash_id("c-", fq.id)
    variants: list[Variant] = []
    lowest = 1.0
    numbers_changed = wording_changed = False
    for pos, i in enumerate(members):
        q, t = quotes[i], texts[i]
        if pos == 0:
            variants.append(Variant(q.id, cid, 1.0, "earliest", json.dumps([["=", q.text]], ensure_ascii=False), False, None))
            continue
        sim = score(i, first)
        if t.surface != ft.surface:
            sim = min(sim, 0.99)  # spelling folded away still counts as a change
        relation = _relation(t, ft, sim)
        changed = _numbers_differ(t, ft)
        # the earliest and up to 50 latest earlier versions: bounded work for big clusters
        earlier = members[:1] + members[max(1, pos - 50) : pos]
        closest = _closest(i, earlier, score)
        diff = diffs.get(q.text)
        if diff is None:  # copies of one version have one diff
            diff = diffs[q.text] = json.dumps(word_diff(fq.text, q.text), ensure_ascii=False)
        variants.append(Variant(q.id, cid, sim, relation, diff, changed, quotes[closest].id))
        lowest = min(lowest, sim)
        numbers_changed |= changed
        wording_changed |= relation != "verbatim"
    outlets: list[str] = []
    for i in members:
        o = quotes[i].outlet
        if o and o not in outlets:
            outlets.append(o)
    speakers = _speaker_names(members, rank, person, person_names)
    cluster = Cluster(
        id=cid,
        representative=fq.text,
        first_quote_id=fq.id,
        first_document_id=fq.document_id,
        first_published=fq.published,
        # proven first only when every version is dated: an undated one may be older
        first_is_dated=all(quotes[i].published for i in members),
        outlets=tuple(outlets),
        n_variants=len(members),
        n_documents=len({quotes[i].document_id for i in members}),
        max_drift=round(1.0 - lowest, 4),
        speakers_disagree=_speakers_disagree(speakers),
        wording_changed=wording_changed,
        numbers_changed=numbers_changed,
        speakers=speakers,
    )
    return cluster, variants


def _closest(i: int, earlier: Sequence[int], score: Callable[[int, int], float]) -> int:
    """The earlier version (in order of appearance) most like version i; the first one on ties.

    No score exceeds 1.0, so the first version scoring 1.0 ends the search.
    """
    best, best_score = earlier[0], -1.0
    for j in earlier:
        s = score(i, j)
        if s > best_score:
            best, best_score = j, s
            if s >= 1.0:
                break
    return best


def _speaker_names(
    members: Iterable[int], rank: dict[int, int], person: dict[int, str], person_names: dict[str, str]
) -> tuple[str, ...]:
    """The people a statement is credited to, in order of first appearance."""
    ids: list[str] = []
    for i in sorted(members, key=rank.__getitem__):
        pid = person.get(i)
        if pid and pid not in ids:
            ids.append(pid)
    return tuple(person_names[p] for p in ids)


def _speakers_disagree(names: Sequence[str]) -> bool:
    """Credited to people who cannot be one person ("Hawach" and "Nanar Hawash" can)."""
    for x in range(len(names)):
        for y in range(x + 1, len(names)):
            a, b = name_tokens(names[x]), name_tokens(names[y])
            if len(a) == 1 or len(b) == 1:
                if token_similarity(a[-1], b[-1]) >= SAME_TOKEN:
                    continue
            elif name_similarity(names[x], names[y]) >= 0.6:
                continue
            return True
    return False


# ---------------------------------------------------------------- align


def align(
    quotes: Sequence[StoredQuote],
    existing: Alignment | None = None,
    *,
    stats: AlignStats | None = None,
) -> Alignment:
    """Group speakers into people and quotes into statement clusters, with drift.

    `quotes` is every quote to align, in ingest order (that order only breaks
    ties of "earliest" between undated versions). With `existing` (the
    alignment of an earlier run over a subset of these quotes), only the new
    quotes are compared: they join existing clusters or make new ones, and only
    the clusters they touch are rebuilt. People are regrouped from the
    distinct speaker names, which costs little and matches a full run exactly.
    """
    with collector_paused():
        return _align(quotes, existing, stats if stats is not None else AlignStats())


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while aligning.

    Alignment makes millions of small tuples and sets that live until it
    returns (and until its result is stored), and no reference cycles; the
    collector's passes over them cost about a tenth of the run, and a quarter
    of storing it. Its earlier state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _align(quotes: Sequence[StoredQuote], existing: Alignment | None, stats: AlignStats) -> Alignment:
    stats.n_quotes = len(quotes)
    rank_key = {i: _order_key(q, i) for i, q in enumerate(quotes)}
    order = sorted(range(len(quotes)), key=rank_key.__getitem__)
    rank = {i: r for r, i in enumerate(order)}
    people, person_of_quote, person = _build_people(quotes, order, rank)
    person_names = {p.id: p.name for p in people}

    clustered = [i for i in order if quotes[i].kind in CLUSTERED_KINDS]
    stats.n_clustered = len(clustered)
    texts = {i: _prepare(quotes[i].text) for i in clustered}
    groups = _Texts.of(quotes, clustered, texts)
    blocks = _blocks(groups)

    # clusters of the earlier run, by member quote indexes
    old_members: dict[str, list[int]] = defaultdict(list)
    old_variants: dict[str, list[Variant]] = defaultdict(list)
    old_clusters = {c.id: c for c in existing.clusters} if existing is not None else {}
    index_of = {quotes[i].id: i for i in clustered}
    for v in existing.variants if existing is not None else ():
        old_variants[v.cluster_id].append(v)
        if v.quote_id in index_of:
            old_members[v.cluster_id].append(index_of[v.quote_id])
    cluster_of = {i: cid for cid, ms in old_members.items() for i in ms}
    new = [i for i in clustered if i not in cluster_of]

    # New quotes are compared with every quote; the old clusters they reach (and
    # any that lost a member) are re-linked together with them. Without an
    # earlier run everything is new.
    scorer = _Edges(quotes, groups, blocks, person, stats)
    touched = scorer.reached(new, cluster_of) if cluster_of else set()
    touched |= {cid for cid, ms in old_members.items() if len(ms) != len(old_variants[cid])}
    region = set(new) | {i for cid in touched for i in old_members[cid]}
    edges = scorer.scored(region)
    components = _link(quotes, texts, sorted(region, key=rank.__getitem__), edges, stats, scorer)
    known = scorer.scores

    clusters: list[Cluster] = []
    variants: list[Variant] = []
    for cid, members in old_members.items():
        if cid in touched:
            continue
        # untouched: keep its records; only the speakers can have changed
        old = old_clusters[cid]
        speakers = _speaker_names(members, rank, person, person_names)
        if speakers == old.speakers:
            stats.n_reused_clusters += 1
            clusters.append(old)
        else:
            clusters.append(replace(old, speakers=speakers, speakers_disagree=_speakers_disagree(speakers)))
        variants.extend(old_variants[cid])
    for members in components:
        cluster, vs = _build_cluster(quotes, texts, members, rank, person, person_names, groups.of_quote, known)
        clusters.append(cluster)
        variants.extend(vs)
    clusters.sort(key=lambda c: c.id)
    variants.sort(key=lambda v: (v.cluster_id, v.quote_id))
    stats.n_clusters = len(clusters)
    return Alignment(people=people, person_of_quote=person_of_quote, clusters=clusters, variants=variants)
