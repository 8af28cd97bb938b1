"""Statement similarity: how likely two quotes are versions of one statement, and what differs.

`quote_similarity` and `same_statement` compare two texts out of context;
`word_diff` says which words changed. The clustering of a corpus
(`clustering.py`) reads these; this module reads nothing of the corpus.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import partial_ratio, ratio

from ..frequency import zipf
from ..names import SAME_TOKEN, token_similarity

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
# Near-verbatim: edit similarity of the normalised words at least this (texts of
# about one length), or the shorter one found inside the longer at least PARTIAL_VERBATIM.
NEAR_VERBATIM = 0.9
PARTIAL_VERBATIM = 0.95

# ---------------------------------------------------------------- word information
#
# How much a shared word says that two quotes are one statement depends on how
# common the word is: "vetting" a lot, "president" little, "know" nothing. The
# weight of a word is read from a general English frequency list shipped in the
# package (`quotetrace.frequency`, from wordfreq: see data/README.md), never
# from the corpus being aligned, so it does not change as documents arrive and
# an incremental alignment weighs words exactly as a full one. Zipf frequency z
# (log10 of occurrences per billion words): z >= COMMON_ZIPF weighs 0 ("know",
# "little", "people"), z <= RARE_ZIPF weighs 1 ("vetting", names, words not in
# the list), linearly between ("president" 0.18, "radical" 0.56).
COMMON_ZIPF = 6.0
RARE_ZIPF = 3.0
@lru_cache(maxsize=65536)
def word_information(word: str) -> float:
    """How much one shared word tells, in [0, 1]: 0 for the most common words, 1 for rare words and names."""
    if word[:1].isdigit():
        return 0.5  # a figure ("693", "2015"): telling, but figures recur
    z = zipf(word)
    if z is None:
        return 1.0
    return round(min(1.0, max(0.0, (COMMON_ZIPF - z) / (COMMON_ZIPF - RARE_ZIPF))), 3)

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
    # content stem -> the information of the word it came from (the rarest form in this text)
    weights: dict[str, float] = field(compare=False, repr=False)
    info: float = field(compare=False, repr=False)  # the sum of the weights
    # the sum of the weights, each at least _PARAPHRASE_FLOOR: every full score reads it twice or more
    paraphrase_info: float = field(compare=False, repr=False)


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
    # words interned: a corpus's texts share most of their words, each held once
    surface = tuple(map(sys.intern, _SURFACE_WORD.findall(folded.casefold())))
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
    sequence_words = [(k, w) for w, k in zip(words, map(_content_key, words), strict=True) if k is not None]
    sequence = tuple(k for k, _ in sequence_words)
    content = frozenset(sequence)
    weights: dict[str, float] = {}
    for k, w in sequence_words:
        weights[k] = max(weights.get(k, 0.0), word_information(w))
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
        weights,
        round(sum(weights.values()), 3),
        _total_info(weights, _PARAPHRASE_FLOOR),
    )


def _by_prefix(content: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for w in content:
        if len(w) >= 4:
            p = sys.intern(w[:4])
            out[p] = out.get(p, ()) + (w,)
    return out


# ---------------------------------------------------------------- similarity


def _found_by_prefix(x: _Text, y: _Text, close: frozenset[str]) -> list[str]:
    """x's content words not in y but found there by a stem prefix ("recruit"/"recruitment").

    `close` is the prefixes the two have in common: a word found only by a stem
    prefix starts with one of them, so only those are looked at. x's content
    words found in y are the words both have and these.
    """
    out: list[str] = []
    for p in close:
        near = y.by_prefix[p]
        for w in x.by_prefix[p]:
            if w not in y.content and any(v.startswith(w) or w.startswith(v) for v in near):
                out.append(w)
    return out


def _found_info(x: _Text, y: _Text, by_prefix: list[str], floor: float) -> float:
    """The information of x's content words found in y (in y, or among `by_prefix`, `_found_by_prefix`),
    each weighing at least `floor`; summed in the order of x's words."""
    total = 0.0
    content = y.content
    if by_prefix:
        for w, weight in x.weights.items():
            if w in content or w in by_prefix:
                total += weight if weight >= floor else floor
    else:
        for w, weight in x.weights.items():
            if w in content:
                total += weight if weight >= floor else floor
    return total


def _shared_info(x: _Text, y: _Text, close: frozenset[str], floor: float = 0.0) -> float:
    """The information of x's content words found in y (as `_score` finds them), each weighing at least `floor`."""
    return _found_info(x, y, _found_by_prefix(x, y, close) if close else [], floor)


def _total_info(weights: dict[str, float], floor: float) -> float:
    return sum(max(weight, floor) for weight in weights.values())


# In the paraphrase view a common word counts for this much at least: a
# sentence of common words shares its meaning through them too.
_PARAPHRASE_FLOOR = 0.15


def evidence(a: _Text, b: _Text) -> float:
    """The information the two texts share: the lesser of what each finds of itself in the other.

    A stock phrase ("the next president of the United States" 0.6, "I don't
    know" 0) shares little, a distinctive passage much ("overclassification
    run amok" 2.2).
    """
    close = a.prefixes & b.prefixes
    return round(min(_shared_info(a, b, close), _shared_info(b, a, close)), 3)


def near_verbatim(a: _Text, b: _Text, *, elisions: bool = True) -> bool:
    """The same words but for small edits: of about one length and `NEAR_VERBATIM` alike,
    or the shorter found inside the longer at `PARTIAL_VERBATIM` (or, with `elisions`,
    with words left out of the middle: `_elided`)."""
    if a.words == b.words:
        return bool(a.words)
    if not a.words or not b.words:
        return False
    short, long_ = (a, b) if len(a.joined) <= len(b.joined) else (b, a)
    if len(short.joined) >= 0.8 * len(long_.joined):
        return ratio(a.joined, b.joined) / 100.0 >= NEAR_VERBATIM
    if partial_ratio(short.joined, long_.joined) / 100.0 >= PARTIAL_VERBATIM:
        return True
    return elisions and _elided(short.words, long_.words)


def _elided(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """The shorter's words, in order, in one stretch of the longer but for an elision:
    NEAR_VERBATIM of them matched, in a stretch at most twice as long ("A lot will have
    to do with Israel and whether or not Israel wants to make the deal - whether or not
    Israel's willing to sacrifice" cut to "has to do with Israel and whether or not
    Israel's willing to sacrifice")."""
    if len(short) < 4:
        return False
    blocks = [b for b in difflib.SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return False
    matched = sum(b.size for b in blocks)
    stretch = blocks[-1].b + blocks[-1].size - blocks[0].b
    return matched >= NEAR_VERBATIM * len(short) and stretch <= 2 * len(short)


def _informative(n_content: int) -> float:
    """How much a fragment of n content words can prove by being contained."""
    return min(1.0, 0.1 + 0.4 * n_content)  # 1 word: 0.5, 2 words: 0.9, 3 or more: 1.0


def _informative_run(n_words: int) -> float:
    """How much a word-for-word run of n words can prove by being contained: 6 words 0.66, 9 or more 0.99."""
    return min(1.0, 0.11 * n_words)


def _numbers_differ(a: _Text, b: _Text) -> bool:
    if not a.numbers and not b.numbers:
        return False
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) < 0.6 * len(long_.words):
        return not short.numbers <= long_.numbers  # a fragment may leave figures out
    if a.numbers == b.numbers:
        return False
    # A figure in a sentence of the longer version that the shorter does not quote is no
    # changed figure ("It's probably a three-person race." before the passage both quote).
    return short.numbers != _numbers_in_stretch(short, long_)


def _numbers_in_stretch(short: _Text, long_: _Text) -> frozenset[str]:
    """The figures of the stretch of `long_` that the words of `short` span."""
    blocks = [m for m in difflib.SequenceMatcher(None, short.words, long_.words, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return long_.numbers
    stretch = long_.words[blocks[0].b : blocks[-1].b + blocks[-1].size]
    return frozenset(w for w in stretch if w in long_.numbers)


def _anchors_missing(a: _Text, b: _Text) -> float:
    """Share of the fewer proper nouns not found (allowing transliteration) in the other text."""
    if not a.anchors or not b.anchors:
        return 0.0  # a paraphrase may drop the names altogether
    few, many = (a.anchors, b.anchors) if len(a.anchors) <= len(b.anchors) else (b.anchors, a.anchors)
    missing = sum(
        1 for x in few if x not in many and not any(token_similarity(x, y) >= SAME_TOKEN for y in many)
    )
    return missing / len(few)


def out_of_reach(a: _Text, b: _Text, floor: float) -> bool:
    """Cheap bounds, enough for most candidate pairs: `_score` of two texts whose words
    differ cannot reach `floor` (it returns 0.0 for them). A content word of a found in
    b is either a short word both have or a word with a prefix both have, and a has at
    most `spread` words per prefix (`least_shared`); failing that, `views_bound`."""
    both, least = len(a.keyset & b.keyset), 0.9 * floor
    if a.spread * both / a.size < least and b.spread * both / b.size < least:
        return True
    return views_bound(a, b) < floor - _ROUNDING


def least_shared(t: _Text, floor: float) -> int:
    """The fewest `keyset` items t shares with another text for `out_of_reach`'s first
    test to let the pair through on t's side (the test, for a count of shared items)."""
    least = 0.9 * floor
    n = int(least * t.size / t.spread)
    while n > 0 and t.spread * (n - 1) / t.size >= least:
        n -= 1
    while t.spread * n / t.size < least:
        n += 1
    return n


# `_score` rounds to four places: a bound this far under the floor cannot round up to it.
_ROUNDING = 1e-4
# What `views_bound` must reach for a pair to reach SAME_STATEMENT.
FLOOR_BOUND = SAME_STATEMENT - _ROUNDING


def views_bound(a: _Text, b: _Text) -> float:
    """At least `_score` of two texts whose words differ, from their sizes alone (`view_sizes`).

    An edit similarity is at most what the difference in length leaves (twice the
    shorter over the sum), the paraphrase view at most 0.95 of its factor for few
    content words, the fragment view at most 0.95 of what the fragment can prove;
    the penalties only lower the score. Three in five candidate pairs that pass the
    first test of `out_of_reach` among real quotes (a few words against a long
    quote) fail this one, before any word is compared.
    """
    return sizes_bound(view_sizes(a), view_sizes(b))


# What `sizes_bound` reads of a text: the length of its joined words, of its content
# sequence, and the most its paraphrase and fragment views can give for its content words.
Sizes = tuple[int, int, float, float]


def view_sizes(t: _Text) -> Sizes:
    n = len(t.content)
    fragment = 0.95 * max(_informative(n), _informative_run(len(t.words))) if n else 0.0
    return (len(t.joined), len(t.sequence), 0.95 * min(1.0, n / 4), fragment)


def sizes_bound(x: Sizes, y: Sizes) -> float:
    """`views_bound` of two texts of these `view_sizes` (no min or max calls: candidate pairs run to tens of thousands)."""
    la, sa, pa, fa = x
    lb, sb, pb, fb = y
    short, long_ = (la, lb) if la <= lb else (lb, la)
    if sa and sb:
        bound = 2 * short / (la + lb)  # surface
        tokens = 2 * (sa if sa <= sb else sb) / (sa + sb)
        if tokens < 0.75 and tokens < bound:
            bound = tokens
        paraphrase = pa if pa <= pb else pb
        if paraphrase > bound:
            bound = paraphrase
    else:
        bound = 0.0  # a side without content words: the edit view is 0 (as its token view), no paraphrase
    fragment = fa if la <= lb else fb  # (0.0 for a fragment without content words)
    if fragment > bound and short < 0.9 * long_:
        bound = fragment
    return bound


def _score(a: _Text, b: _Text, floor: float = 0.0, *, reached: bool = False) -> float:
    """quote_similarity of prepared texts; 0.0 early when it cannot reach `floor`.

    `reached`: the caller found the pair not `out_of_reach` of `floor` (it is not asked again).
    """
    if a.words == b.words:
        return 1.0 if a.words else 0.0
    if not a.words or not b.words:
        return 0.0
    if floor and not reached and out_of_reach(a, b, floor):
        return 0.0
    shared = len(a.content & b.content)
    close = a.prefixes & b.prefixes
    prefixed_a = _found_by_prefix(a, b, close) if close else []
    prefixed_b = _found_by_prefix(b, a, close) if close else []
    found_a, found_b = shared + len(prefixed_a), shared + len(prefixed_b)
    if floor and max(found_a / a.size, found_b / b.size) < 0.9 * floor:
        return 0.0  # every view below needs most content words of one side in the other
    # edited copy: character similarity, unless content words differ (a short
    # sentence with one word changed is close in characters, not in meaning)
    surface = ratio(a.joined, b.joined) / 100.0
    tokens = Indel.normalized_similarity(a.sequence, b.sequence) if a.sequence and b.sequence else 0.0
    edit = surface if tokens >= 0.75 else min(surface, tokens)
    # paraphrase or retranslation: content words shared
    paraphrase = 0.0
    got_a = got_b = -1.0  # (not computed)
    if a.content and b.content:
        # weighed by word information: sharing "said the president" is not sharing "uneven vetting"
        info_a, info_b = a.paraphrase_info, b.paraphrase_info
        got_a = _found_info(a, b, prefixed_a, _PARAPHRASE_FLOOR)
        got_b = _found_info(b, a, prefixed_b, _PARAPHRASE_FLOOR)
        overlap = got_a / info_a if info_a <= info_b else got_b / info_b
        dice = (got_a + got_b) / (info_a + info_b)
        smaller = min(len(a.content), len(b.content))
        # at most 0.95: only the same words score 1.0
        paraphrase = 0.95 * (0.5 * overlap + 0.5 * dice) * min(1.0, smaller / 4)
    score = max(edit, paraphrase)
    # fragment: the shorter's content words all in the longer, in about that wording
    short, long_ = (a, b) if len(a.joined) <= len(b.joined) else (b, a)
    if short.content and len(short.joined) < 0.9 * len(long_.joined):
        found = found_a if short is a else found_b
        got = got_a if short is a else got_b  # what the paraphrase view found, if it looked
        if got < 0.0:
            got = _found_info(short, long_, prefixed_a if short is a else prefixed_b, _PARAPHRASE_FLOOR)
        got /= short.paraphrase_info
        # a run of common words found word for word proves more than its content words say:
        # "he knows how to do it" inside a fuller version (the link rules still weigh what it says)
        most = max(_informative(len(short.content)), _informative_run(len(short.words)))
        bound = min(found / len(short.content), got, 0.95) * most
        # partial_ratio is the costly one: only when it can matter
        if bound > score and bound >= floor - _ROUNDING:
            near = partial_ratio(short.joined, long_.joined) / 100.0
            inf = most if near >= PARTIAL_VERBATIM else _informative(len(short.content))
            score = max(score, min(bound, near * inf))
    if score < floor - _ROUNDING:
        return 0.0  # the penalties below only lower it
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


def shared_passage(a: str, b: str) -> str:
    """The longest run of words two texts share (as `a` writes them): the evidence a link rests on."""
    wa, wb = a.split(), b.split()
    ka, kb = [_diff_key(w) for w in wa], [_diff_key(w) for w in wb]
    m = difflib.SequenceMatcher(None, ka, kb, autojunk=False).find_longest_match(0, len(ka), 0, len(kb))
    return " ".join(wa[m.a : m.a + m.size])


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
