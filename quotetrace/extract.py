"""Find quotations and their attribution in one document.

`direct_quotations(text, analysis)` is a pure generator of `Quote` records:
the span inside the marks, its kind, the cue and the speaker *mention* as
written ("he", "Drevon", "the ministry") with its offsets. Turning a mention
into a full name, title and affiliation is `resolve.py`'s job.

Processors, in order: find marked spans → classify (statement, partial,
scare quote, title, nested) → attribute (after / inverted / before / colon /
dash / "according to") → link continuations.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from .nlp import Analysis
from .nlp.lexicon import (
    CUE_PHRASES,
    CUE_VERBS,
    DESCRIPTION_HEADS,
    INDEFINITE_SPEAKERS,
    NAME_PARTICLES,
    NON_NAME_CAPS,
    ORG_HEADS,
    PARTIAL_CUES,
    PERSON_NOUNS,
    ROLE_NOUNS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
)
from .nlp.rules import mask_nicknames
from .records import (
    KIND_CONTINUATION,
    KIND_FULL,
    KIND_HEADLINE,
    KIND_NESTED,
    KIND_PARTIAL,
    KIND_SCARE,
    KIND_TITLE,
    Quote,
    changed,
)
from .regex import alternation, compiled, search_end

# ---------------------------------------------------------------- quote marks

OPENERS = {"“": "”", "«": "»", "„": "“”", "‹": "›", "‘": "’", "「": "」", "『": "』"}
DOUBLE_OPENERS = "“«„「『"
_STRAIGHT_OPEN_BEFORE = set(" \t\u00a0([{—–-/:;\n") | {""}
# (a class, then its repeat: a pattern that opens with a class is searched by skipping to
# the characters of the class; one that opens with a repeat is tried at every position)
_WORD = re.compile(r"[\w’'-][\w’'-]*", re.UNICODE)


@dataclass(slots=True, unsafe_hash=True)  # (see Mention)
class Span:
    """A quotation between marks: `open`/`close` are the mark offsets."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (== paragraph end when unclosed)
    start: int  # first char of the words inside
    end: int  # one past the last char inside
    closed: bool
    para: int  # paragraph index
    nested_in: int | None = None  # index of the enclosing span
    close_len: int = 1  # length of the closing mark ('' is two characters)


# How far from a quote its attribution is looked for, in characters. News paragraphs
# are far shorter; a transcript or a text without line breaks can be one paragraph of
# megabytes, and reading all of it again for every quote would make cost grow with the
# square of its length.
CONTEXT = 3000


def local_start(text: str, floor: int, pos: int) -> int:
    """`floor` (a paragraph or sentence start), or a word start CONTEXT characters before `pos` if that is later."""
    if pos - floor <= CONTEXT:
        return floor
    cut = pos - CONTEXT
    space = text.find(" ", cut, pos)
    return space + 1 if space != -1 else cut


def local_end(text: str, pos: int, ceiling: int) -> int:
    """`ceiling`, or a word end CONTEXT characters after `pos` if that is earlier."""
    if ceiling - pos <= CONTEXT:
        return ceiling
    cut = pos + CONTEXT
    space = text.rfind(" ", pos, cut)
    return space if space > pos else cut


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in compiled(r"[^\n]+").finditer(text)]


def _straight_role(line: str, i: int) -> str:
    """Is a straight double quote at line[i] an opener, a closer, or unclear?"""
    before = line[i - 1] if i > 0 else ""
    after = line[i + 1] if i + 1 < len(line) else ""
    opens = before in _STRAIGHT_OPEN_BEFORE or before in "“‘\"'"
    closes = after == "" or after.isspace() or after in ".,;:!?)]}—–-’'\"”…"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_spans(text: str) -> list[Span]:
    """Every double-quoted span (and British single-quoted one), paragraph by paragraph.

    A quotation never crosses a line break: scraped news has one paragraph a
    line, and an unclosed mark is closed at its paragraph's end, so one stray
    mark cannot swallow the rest of the document.
    """
    spans: list[Span] = []
    for pi, (ps, pe) in enumerate(_paragraphs(text)):
        if _QUOTING_MARK.search(text, ps, pe) is None and text.find("''", ps, pe) == -1:
            continue  # apostrophes alone only close quotes, and there is none to close
        line = text[ps:pe]
        if "<" in line:
            # Markup left in scraped copy (<tweet author="@x" date="…">): its attribute
            # values are never quotations. Blanked, same length, so offsets hold.
            line = _MARKUP.sub(lambda m: " " * len(m.group()), line)
        spans.extend(_spans_in_line(text, line, ps, pi))
    return spans


_MARKUP = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>")


def _marks(line: str) -> list[tuple[int, int, str, str]]:
    """(pos, length, role, family) for each quote mark in the line."""
    out: list[tuple[int, int, str, str]] = []
    n = len(line)
    skip_to = -1
    # Visit only the quote-mark characters (a regex scan), not every character.
    for mark in _MARK_CHARS.finditer(line):
        i = mark.start()
        if i < skip_to:
            continue
        c = line[i]
        if c == "“" and line[i + 1 : i + 2] == "“":
            out.append((i, 2, "open", "double"))  # ““Radical …”: a doubled mark is one mark
            skip_to = i + 2
            continue
        if c == "”" and i and line[i - 1] == "”":
            continue  # … threat.””: the second of a doubled closing mark
        if c in "”\"" and i >= 3 and _INCHES.search(line, i - 4, i):
            continue  # “he’s like 6’2”,”: a height's inch mark, not a closing mark
        if c == "”" and (i == 0 or line[i - 1] in " \t([{—–"):
            # ”This guy …” / ” … in the case of Wyoming": a closing-shaped mark that opens.
            nxt = line[i + 1 : i + 4].lstrip(" ")
            if nxt[:1].isalnum() or nxt[:1] == "…":
                out.append((i, 1, "open", "double"))
                continue
        if c in "“«„「『":
            # „ opens German-style and closes with “ or ”. A “ glued to the word before
            # it and followed by a space or punctuation closes a quote (“It's unusual,“ said).
            before = line[i - 1] if i > 0 else ""
            after = line[i + 1] if i + 1 < n else ""
            closes = c == "“" and before and not before.isspace() and before not in "([{—–-/:;“\"" and (after == "" or after.isspace() or after in ".,;:!?)")
            out.append((i, 1, "either" if closes else "open", "double"))
        elif c in "”»」』":
            out.append((i, 1, "close", "double"))
        elif c == '"':
            out.append((i, 1, _straight_role(line, i), "double"))
        elif c in "'`" and line[i : i + 2] in ("''", "``"):
            role = "open" if line[i] == "`" else _straight_role(line, i + 1 if i + 1 < n else i)
            if line[i] == "'":
                before = line[i - 1] if i > 0 else ""
                role = "open" if (before in _STRAIGHT_OPEN_BEFORE) else "close"
            out.append((i, 2, role, "double"))
            skip_to = i + 2
            continue
        elif c == "‘":
            out.append((i, 1, "open", "single"))
        elif c == "’" and line[i + 1 : i + 2] == "’" and not line[i + 2 : i + 3].isalnum():
            out.append((i, 2, "close", "double"))  # “The boat was full’’: a doubled single mark closing a double quote
            skip_to = i + 2
            continue
        elif c == "’":
            after = line[i + 1] if i + 1 < n else ""
            before = line[i - 1] if i > 0 else ""
            # An apostrophe sits between letters (don’t, al-Sharaa’s); a closer does not.
            if not after.isalnum() and before and not before.isspace():
                out.append((i, 1, "close", "single"))
    return out


_INCHES = re.compile(r"(?<![\w.])\d[’']\d{1,2}$")
_MARK_CHARS = re.compile("[“«„「『”»」』\"'`‘’]")
# The marks other than ’ and a single ': without one of them (or '') a line's marks all close.
_QUOTING_MARK = re.compile("[“«„「『”»」』\"`‘]")


def _other_style(line: str, outer_at: int, pos: int, marks: list[tuple[int, int, str, str]], after: int) -> bool:
    """Is the straight mark at `pos` part of a straight pair nested in an open curly quote?
    It nests when it opens and another straight mark follows before the curly quote closes."""
    outer_straight = line[outer_at] == '"'
    here_straight = line[pos] == '"'
    if outer_straight or not here_straight or line[outer_at] != "“":
        # (curly marks inside a straight quote are left as they were: in copied
        # blockquotes the straight mark is often a stray and the curly quotes are the quotes)
        return False
    # a straight pair inside a curly quote: this one opens, its partner comes before the curly closer
    before = line[pos - 1] if pos else ""
    if before and not (before.isspace() or before in "([{—–-/:;"):
        return False
    for p, _, _, fam in (marks[i] for i in range(after, len(marks))):  # the marks after this one, not copied
        if fam != "double":
            continue
        if line[p] == '"':
            return True
        if line[p] in "”":
            return False
    return False


# Words at most in a title nested in a straight quote.
SHORT_NESTED_WORDS = 8


def _short_curly_inside(line: str, outer_at: int, pos: int, marks: list[tuple[int, int, str, str]], after: int) -> bool:
    """Is the curly mark at `pos` the opener of a title inside an open straight quote
    ("The department isn’t about “Equal Justice Under Law” anymore.)? Other curly pairs
    are more often the quotes themselves, the straight mark a stray from a copied blockquote."""
    if line[outer_at] != '"' or line[pos] != "“" or marks[after - 1][2] != "open":
        return False
    for p, _, _, fam in (marks[i] for i in range(after, len(marks))):
        if fam != "double":
            continue
        if line[p] == "”":
            inside = line[pos + 1 : p].strip().rstrip(",")  # (“Bathroom Bill,” keeps the comma inside)
            words = inside.split()
            # a title ("Equal Justice Under Law"), not words quoted within narration
            # ("by interjecting, “Only Rosie O’Donnell.”", "as a “term of endearment”")
            return (
                0 < len(words) <= SHORT_NESTED_WORDS
                and inside[-1:] not in ".!?"
                and all(w[:1].isupper() for w in words if len(w) >= 4)
            )
        return False  # another straight or opening mark first
    return False


def _spans_in_line(text: str, line: str, ps: int, pi: int) -> list[Span]:
    marks = _marks(line)
    spans: list[Span] = []
    outer: tuple[int, int] | None = None  # (pos, len) of the open double mark
    inner: tuple[int, int] | None = None  # open single mark inside/outside a double quote
    outer_index: int | None = None
    pending: list[Span] = []
    inner_double: tuple[int, int] | None = None  # a quote of the other style inside the outer one
    for k, (pos, length, role, family) in enumerate(marks):
        if family == "double":
            if outer is not None and line[outer[0]] == "„" and line[pos] == "“":
                role = "close"  # „German-style“ closes with an opening-shaped mark
            closes_inner = inner_double is not None and (line[pos] == '"') == (line[inner_double[0]] == '"')
            if outer is not None and (closes_inner or _other_style(line, outer[0], pos, marks, k + 1) or _short_curly_inside(line, outer[0], pos, marks, k + 1)):
                # “We told them "no" twice,”: a straight pair inside a curly quote nests.
                if inner_double is None:
                    inner_double = (pos, length)
                else:
                    a, b = _trim(text, ps + inner_double[0] + inner_double[1], ps + pos)
                    if b > a:
                        pending.append(Span(ps + inner_double[0], ps + pos, a, b, True, pi, close_len=length))
                    inner_double = None
                continue
            if outer is None:
                if role in ("open", "either"):
                    outer = (pos, length)
                    inner = None
                continue
            if role in ("close", "either"):
                a, b = _trim(text, ps + outer[0] + outer[1], ps + pos)
                if b > a:
                    spans.append(Span(ps + outer[0], ps + pos, a, b, True, pi, close_len=length))
                    outer_index = len(spans) - 1
                    for p in pending:
                        spans.append(replace(p, nested_in=outer_index))
                pending = []
                outer = None
                inner = None
                inner_double = None
                continue
            # A second opener while one is open: the first was never closed.
            # Keep it only if a sentence ended inside it; otherwise drop it.
            outer = (pos, length)
            pending = []
            inner = None
        else:  # single curly marks
            if role == "open":
                if inner is None:
                    inner = (pos, length)
                continue
            if inner is not None:
                a, b = _trim(text, ps + inner[0] + 1, ps + pos)
                if b > a:
                    sp = Span(ps + inner[0], ps + pos, a, b, True, pi)
                    if outer is not None:
                        pending.append(sp)
                    else:
                        spans.append(sp)
                inner = None
    if outer is not None:
        # Unclosed: runs to the end of the paragraph (the multi-paragraph
        # convention, or a missing closing mark).
        a, b = _trim(text, ps + outer[0] + outer[1], ps + len(line))
        if b > a:
            spans.append(Span(ps + outer[0], ps + len(line), a, b, False, pi))
            idx = len(spans) - 1
            for p in pending:
                spans.append(replace(p, nested_in=idx))
    spans.sort(key=lambda s: s.open)
    # re-point nested_in after sorting
    fixed: list[Span] = []
    by_open = {s.open: i for i, s in enumerate(spans)}
    for s in spans:
        if s.nested_in is not None:
            parent = next(
                (p for p in spans if p.nested_in is None and p.open < s.open and p.close > s.close),
                None,
            )
            s = replace(s, nested_in=by_open[parent.open] if parent else None)
        fixed.append(s)
    return fixed


# ---------------------------------------------------------------- attribution


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A speaker mention as written, before resolution. (With slots, not frozen: three
    times as cheap to make, and thousands are made per hundred articles.)"""

    start: int
    end: int
    text: str


@dataclass(slots=True, unsafe_hash=True)  # (see Mention)
class Attribution:
    cue: str
    mention: Mention | None
    where: str  # after / inverted / before / partial / dash / according
    confidence: float


_PHRASAL_SECOND = frozenset(c.split()[1] for c in CUE_VERBS if " " in c)
# Every word a reporting verb can start with: a string without one has no cue.
_CUE_FIRST = frozenset(c.split()[0] for c in CUE_VERBS)
# The same words as the cue finder's words can spell them: a word is a letter, then
# lowercase letters, so it lowers to a cue's first word exactly when it is one of these.
_CUE_FIRST_AS_WRITTEN = frozenset(v for w in _CUE_FIRST if w == w.lower() for v in (w, w[:1].upper() + w[1:]))


class _CueMatch:
    """A reporting verb found in a string (the subset of re.Match the extractor uses)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyz’'-")  # what continues a cue finder's word
_IN_WORD = _ASCII_LETTERS | _WORD_GOES_ON


class _CueFinder:
    """Finds reporting verbs by word lookup: one pass over the words with a set,
    instead of a regex alternation of every inflection (ten times faster).

    A word is `[A-Za-z][a-z’'-]*`, read from the start of the string. Only a word a
    cue can start with matters, so those alone are found (`_candidate`, a trie of
    them that ends where a word ends) and each one's neighbours are read around it:
    the string is not cut into all its words.
    """

    _word = re.compile(r"[A-Za-z][a-z’'-]*")

    def __init__(self, first_words: frozenset[str] = _CUE_FIRST_AS_WRITTEN) -> None:
        # A cue's first word as a whole word: not after a letter (a capitalised one after
        # a letter, as in "McSaid", is a word, but a capitalised word after a letter is
        # never a cue below), and not followed by what would lengthen it. (A finder of
        # some first words finds the cues that start with them: each is judged alone.)
        # (Found as a word after what is not a letter, captured, and a word at the start:
        # a pattern opened by a look-behind is tried at every character, one opened by a
        # class of characters only where they stand.)
        words = alternation(first_words)
        self._candidate = re.compile(rf"({words})(?![a-z’'-])")  # at the start
        self._after_other = re.compile(rf"[^A-Za-z]({words})(?![a-z’'-])")

    def _candidates(self, s: str) -> Iterator[re.Match[str]]:
        """`(?<![A-Za-z])(?:words)(?![a-z’'-])` found in `s`: its first group."""
        m = self._candidate.match(s)
        if m is not None:
            yield m
        yield from self._after_other.finditer(s)

    def _candidates_at(self, s: str, starts: list[int]) -> Iterator[re.Match[str]]:
        """`_candidates(s)`, given (in order) every place after the start of `s` where a
        candidate can begin (and others): after a character that is no ASCII letter."""
        candidate = self._candidate.match
        m = candidate(s)
        if m is not None:
            yield m
        for q in starts:
            if (m := candidate(s, q)) is not None:
                yield m

    @staticmethod
    def _starts_word(s: str, p: int) -> bool:
        """Does a word start at `p` (a letter not after a letter)? Not when a lowercase
        letter continues a word through apostrophes or hyphens: "x-said"."""
        if not s[p].islower():
            return True
        k = p - 1
        while k >= 0 and s[k] in "’'-":
            k -= 1
        return k < 0 or s[k] not in _ASCII_LETTERS

    def _word_before(self, s: str, p: int) -> re.Match[str] | None:
        """The last word that starts before `p` (a word start), None when `p` starts the first."""
        q = p - 1
        while q >= 0 and s[q] not in _ASCII_LETTERS:
            q -= 1
        if q < 0:
            return None
        # back to the start of the word holding the letter at q
        k = q
        while k > 0 and s[k] in _WORD_GOES_ON and s[k - 1] in _IN_WORD:
            k -= 1
        while s[k] not in _ASCII_LETTERS:
            k += 1  # apostrophes or hyphens before a word are not in it
        return self._word.match(s, k)

    def finditer(self, s: str) -> Iterator[_CueMatch]:
        return self._cues(s, self._candidates(s))

    def _cues(self, s: str, candidates: Iterator[re.Match[str]]) -> Iterator[_CueMatch]:
        for m in candidates:
            at = m.start(1)
            if not self._starts_word(s, at):
                continue
            word = m.group(1)
            prev = self._word_before(s, at)
            nxt = self._word.search(s, m.end())
            if prev is not None and word[0].isupper() and not (word.endswith("ed") and s[:at].rstrip().endswith(",")):
                continue  # "Central Plains State", "The Post": capitalised, a name, not a verb
            if prev is None and word[0].isupper() and nxt is not None and nxt.group().lower() in CUE_VERBS:
                continue  # "Read said": a surname that is also a verb, then the verb
            prev_low = prev.group().lower() if prev is not None else ""
            if prev is not None and prev_low in ("of", "the") and s[prev.end() : at].isspace():
                continue  # "secretary of state": a noun
            if (
                prev is not None
                and (prev_low in _DETERMINERS or s[prev.end() - 2 : prev.end()] in ("’s", "'s"))
                and s[prev.end() : at].isspace()
                and (prev.start() == 0 or not s[prev.start() - 1].isalpha())  # a word of its own, not the "A" of "NCAA"
            ):
                continue  # "the report says", "Dale’s comments": a noun, not the verb
            low = word.lower()
            if prev is not None and prev_low in _PLATFORMS and low in ("post", "posts", "tweet", "tweets", "video", "message"):
                continue  # "Bush's Facebook post": a noun

            if nxt is not None:
                next_low = nxt.group().lower()
                if next_low in _PHRASAL_SECOND:
                    phrase = f"{low} {next_low}"
                    if phrase in CUE_VERBS and s[m.end() : nxt.start()].isspace():
                        yield _CueMatch(at, nxt.end(), s[at : nxt.end()])
                        continue
            if low in CUE_VERBS:
                yield _CueMatch(at, m.end(), word)

    def search(self, s: str) -> _CueMatch | None:
        return next(self.finditer(s), None)

    def search_at(self, s: str, starts: list[int]) -> _CueMatch | None:
        """`search(s)`, the candidates tried only at `starts` (see `_candidates_at`)."""
        return next(self._cues(s, self._candidates_at(s, starts)), None)

    def match(self, s: str) -> _CueMatch | None:
        if self._candidate.match(s) is None:
            return None  # (a cue at the start starts with a candidate there)
        m = self.search(s[:40])
        return m if m is not None and m.start() == 0 else None


_DETERMINERS = frozenset("the a an his her its their our my your these those this every each".split())
_OWNED_DOCUMENT = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}[’']s\s+(?:[A-Z]\w+\s+)?(?:statement|post|letter|message|tweet|release|video)$")
_PLATFORMS = frozenset("facebook twitter instagram tiktok youtube linkedin truth social blog website".split())
_CUE_RE = _CueFinder()
# The phrasal cues alone ("fired back", "put it"): those that start with their first words.
_PHRASAL_FIRST = frozenset(c.split()[0] for c in CUE_VERBS if " " in c)  # (made once, not for every word below)
_PHRASAL_CUE_RE = _CueFinder(frozenset(w for w in _CUE_FIRST_AS_WRITTEN if w.lower() in _PHRASAL_FIRST))
_ADVERB = r"(?:also|later|then|again|earlier|previously|once|further|simply|flatly|only|last|recently|[a-z]+ly)"
_ADV_RE = re.compile(rf"^(?:{_ADVERB})$", re.IGNORECASE)
_ADVERB_FIRST = re.compile(rf"(?:{_ADVERB})\s+", re.IGNORECASE)
# What may follow a cue verb and still belong to it: "told Al Jazeera", "said in a statement".
_CUE_TAIL = re.compile(
    r"(?:\s+(?:in\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+)?(?:statement|interview|post|letter|e-?mail|message|video|speech|podcast|briefing|call|conference|release|op-ed|column|tweet|broadcast|filing|memo|testimony)|on\s+(?:X|Twitter|Facebook|Instagram|Threads|Bluesky|TikTok|YouTube|LinkedIn|Truth\s+Social|Telegram|social\s+media|television|TV|radio|(?:the\s+)?(?:[A-Z]{2,5}|[A-Z][\w-]+\s+(?:News|TV|Radio)))|to\s+reporters|reporters))?",
)
_TOLD = re.compile(
    r"(?P<verb>told|tells|telling)\s+(?P<to>(?:the\s+)?(?:[A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*)*|reporters|journalists|lawmakers|the\s+[a-z]+(?:\s+[a-z]+)?))"
)


# How a possessive word ends (the words tested hold no white space, so `[’']s$` is this).
_POSSESSIVE_ENDS = ("’s", "'s")


def _is_pronoun(phrase: str) -> bool:
    return phrase.lower() in SUBJECT_PRONOUNS and phrase.lower() != "it"


def _head(words: list[str]) -> str:
    return words[-1].lower().strip(".,’'") if words else ""


_PARTICLE_WORD = re.compile(r"^(?:al|el|ad|as|ash|at|az|bin|ibn|abu|d|l|o|van|von|de|da|di|du|la|le|mac|mc)[-’'][A-Z]", re.I)


@lru_cache(maxsize=1 << 16)
def _name_word(w: str) -> bool:
    """A word that can end a name: capitalised, or particle-prefixed like "el-Tawil"."""
    return w[:1].isupper() or bool(_PARTICLE_WORD.match(w))


_QUANTITY_SUBJECT = re.compile(
    r"(?:(?:about|nearly|almost|roughly|some|more\s+than|fewer\s+than|less\s+than|just|only|over|under|around|at\s+least|at\s+most)\s+)?"
    r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)|(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|of|out\s+of)\s+(?:10|ten|\d+)"
    r"|half|a\s+third|a\s+quarter|two-thirds|three-quarters|a\s+majority|the\s+majority|a\s+minority|a\s+plurality"
    r"|hundreds|thousands|dozens|millions|scores|tens\s+of\s+thousands)"
    r"(?:\s+(?:of\s+)?(?:the\s+|those\s+|all\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4})?",
    re.I,
)
# Words that belong to a clause, never to the titles before a name.
_NOT_IN_TITLES = frozenset("at in on the a an to by after before during when while as is was said says told with".split())
# Verbs of saying proper: the speaker of a quote inside their clause is their subject.
_CORE_SPEECH = frozenset(
    "say says said tell tells told call calls called describe describes described write writes wrote tweet tweets "
    "tweeted add adds added ask asks asked declare declares declared label labels labeled labelled dub dubs dubbed "
    "brand brands branded term terms termed according saying telling calling describing writing tweeting adding "
    "asking declaring labeling labelling dubbing branding".split()
)
_COGNITION_CUES = frozenset(
    "believe believes believed think thinks thought expect expects expected anticipate anticipates anticipated "
    "suspect suspects suspected fear fears feared hope hopes hoped suggest suggests suggested".split()
)
_CLAUSE_VERBS = frozenset("is was are were has have had will would could should can did does do said says told tells".split())
_MODALS = frozenset("might would could should can will shall must cannot won't wouldn't couldn't shouldn't".split())
_CLAUSE_OPENERS = frozenset("if whether because although though unless until when while whereas since after before that as amid despite".split())
# Finite reporting verbs that no noun phrase holds.
# What "said" opens when it reports a statement of its own: "said he would …", "said that …".
_REPORTED_CLAUSE = re.compile(r"(?:that|he|she|they|it|we|I|his|her|their)\s+[a-z]")
# A sentence after a quote that names where its words came from.
_QUOTE_FROM = re.compile(r"(?:That|The|This)\s+((?:quote|line|remark|comment|quip|phrase|words)\s+(?:came\s+)?(?:from|by|of))\s+")
_SUBORDINATE_START = re.compile(r"(?:as|while|when|whenever|before|after|because|since|until|though|although|during)\s")
_FINITE_CUES = frozenset("said says told tells added adds wrote writes stated argued claimed insisted".split())


# Memoised, like the other phrase tests below: a pure function of the phrase, asked
# of the same subjects from several places of a document and of many documents.
@lru_cache(maxsize=1 << 16)
def looks_like_speaker(phrase: str) -> bool:
    """Could this phrase be who said something: a name, a pronoun, a role or an organisation?"""
    words = mask_nicknames(phrase).split()
    phrase = " ".join(words)  # (so one space parts the words: the tests "ed " and " of " below rely on it)
    if not phrase or len(phrase) > 140:
        return False
    lowered = phrase.lower()
    lower_words = lowered.split()  # each word lowered (lowering makes no white space)
    if (lowered in SUBJECT_PRONOUNS and lowered != "it") or lowered in INDEFINITE_SPEAKERS:
        return True
    if lower_words[0] in INDEFINITE_SPEAKERS and len(words) <= 8 and compiled(r"\S+\s+(?:in|of|at|from|on|among|who)\s").match(phrase):
        return True  # "someone in the audience", "some of the residents"
    if _QUANTITY_SUBJECT.fullmatch(phrase):
        return True  # "About four in 10", "37 percent of residents", "two-thirds of voters"
    if not _FINITE_CUES.isdisjoint(lower_words[1:]):
        return False  # "a source … said the parts …": a clause, not a noun phrase
    if lower_words[0] in _CLAUSE_OPENERS:
        return False  # "if it had appeared he was …": a clause
    if len(words) > 12:
        return False
    if len(words) >= 2 and words[-1].isdigit() and words[-2][:1].isupper():
        return looks_like_speaker(" ".join(words[:-1]))  # "ABC 7", "Channel 4": a number ends the name
    low = [w.strip(".,") for w in lower_words]
    if len(words) > 1 and (low[0] in SUBJECT_PRONOUNS or not _MODALS.isdisjoint(low[1:])):
        return False  # "he might consider Kasich as contender": a clause
    if len(words) > 1 and low[-1] in ("without", "with", "by", "for", "to", "of", "in", "on", "at", "from", "about", "than", "and", "or", "but"):
        return False  # "a friend without (saying …)": a phrase cut before its object
    # (the patterns are tried, from every position, only on a phrase with what they need)
    if not _CLAUSE_VERBS.isdisjoint(low[1:]) or ("ed " in phrase and compiled(r"\b[a-z]{3,}ed\s+(?:a|an|the|his|her|their|its|that)\b").search(phrase)):
        return False  # "X’s office slammed a lawsuit filed by a staffer": a clause, not a noun phrase
    if len(words) >= 2 and words[-2].endswith(_POSSESSIVE_ENDS) and (
        low[-1] in ORG_HEADS or low[-1] in ROLE_NOUNS or compiled(r"[a-z]+(?:er|or|ist|ian|ant|ent)s").fullmatch(low[-1])
    ) and words[0][:1].isupper():
        return True  # "Congressman Trey Gowdy’s office", "Rubio’s campaign"
    head = lower_words[-1].strip(".,’'")  # (`_head(words)`)
    if ("’" in phrase or "'" in phrase) and compiled(r"[’']s\s+(?:statement|post|letter|message|tweet|release|spokes\w+)$", re.I).search(phrase):
        return True
    if low[0] in ("the", "a", "an", "one", "another", "two", "three", "several", "some", "many", "most", "other", "his", "her", "their", "its"):
        if len(words) == 1:
            return False  # "One", "Most": a quantifier alone names nobody
        if len(low) >= 3 and low[1] == "of" and len(words) <= 6:
            # "one of the employees", "most of the residents", "a group of parents"
            tail = low[-1].rstrip("s")
            return tail in PERSON_NOUNS or tail in ROLE_NOUNS or low[-1] in DESCRIPTION_HEADS or low[-1] in ROLE_NOUNS
        if any(w in PERSON_NOUNS for w in low[1:4]) and len(words) <= 10:
            return True  # "a woman who works nearby", "one Labour backbencher"
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        if any(w in _AUX or w in CUE_VERBS and (w.endswith("ed") or w in _FINITE_CUES) for w in low[1:-1]) or ("ed " in phrase and compiled(r"\b[a-z]+ed\s+(?:off|on|up|out|in|at|to|with|about|over|down)\b").search(phrase)):
            return False  # "the justice sounded off on Trump": a clause, not a noun phrase
        if head in ROLE_NOUNS or head in ORG_HEADS or head in DESCRIPTION_HEADS or words[-1][:1].isupper():
            return True
        if singular in ROLE_NOUNS or singular in PERSON_NOUNS or compiled(r"\d{1,3}-year-olds?").fullmatch(head):
            return True  # "the study’s authors", "two lawyers", "a 16-year-old"
        head = singular
        # "the supervisor", "a longtime customer": an agent noun we do not list.
        return len(words) <= 5 and bool(compiled(r"[a-z-]+(?:er|or|ist|ian|ant|ent|ee|man|woman|person|ive|ary)").fullmatch(head))
    if head in DESCRIPTION_HEADS or head in ROLE_NOUNS:
        return True
    if len(words) <= 10 and _is_full_name(" ".join(words[-2:])) and not compiled(r"[,;“”\"]").search(phrase):
        # "Clinton campaign Chairman John Podesta", "former State policy planning director
        # Anne-Marie Slaughter": a title or role right before a full name.
        name_at = len(words) - 2
        while name_at > 0 and _name_word(words[name_at - 1]) and low[name_at - 1] not in ROLE_NOUNS and low[name_at - 1].rstrip(".") not in TITLE_WORDS:
            name_at -= 1
        before_title = [w for w in words[: max(0, name_at - 1)] if not w[:1].isupper()]
        if (
            name_at > 0
            and (
                low[name_at - 1] in ROLE_NOUNS
                or low[name_at - 1] in ORG_HEADS
                or low[name_at - 1].rstrip(".") in TITLE_WORDS
                or low[name_at - 1].removeprefix("co-") in ROLE_NOUNS
                or any(w in ROLE_NOUNS for w in low[max(0, name_at - 3) : name_at]) and "of" in low[:name_at]
            )
            and len(before_title) <= 3
            and not any(w.lower() in _NOT_IN_TITLES for w in before_title)
        ):
            return True
    caps_at = len(words)
    while caps_at > 0 and _name_word(words[caps_at - 1]):
        caps_at -= 1
    if 0 < caps_at < len(words) and len(words) <= 8 and low[caps_at - 1] in ORG_HEADS and not any(w in _NOT_IN_TITLES for w in low[:caps_at]):
        return True  # "local news affiliate ABC", "polling firm DataNorth": a kind of organisation, then its name
    of_org = (
        compiled(r"^(.+?)\s+(?:of|from|with|at)\s+(?:[\w’'&.-]+\s+){0,4}[A-Z0-9][^\s]*(?:\s+[A-Z0-9&][^\s]*)*$").match(phrase)
        if " of " in phrase or " from " in phrase or " with " in phrase or " at " in phrase
        else None
    )
    if of_org and _is_full_name(of_org.group(1)):
        return True  # "Osman Kheir of regional polling firm DataNorth"
    caps = [w for w in words if w[:1].isupper() or w.lower() in NAME_PARTICLES or w.lower().split("-")[0] in NAME_PARTICLES]
    # A name, possibly after a title or an organisation: "Century International researcher Aron Lund".
    if _name_word(words[-1]) and (
        low[-1] not in NON_NAME_CAPS
        or (len(words) == 1 and low[-1] in CUE_VERBS)
        or (len(words) >= 2 and words[-2][:1].isupper() and low[-2] not in NON_NAME_CAPS)  # "Judicial Watch", "Theresa May"
    ):
        # ("Read" as a whole subject is a surname: the verb would not be capitalised)
        lowercase = [w for w in words if not (w[:1].isupper() or w.lower() in NAME_PARTICLES or w.lower().split("-")[0] in NAME_PARTICLES)]
        if lowercase and len(lowercase) <= 3 and lowercase[-1].lower() in ROLE_NOUNS and len(caps) >= 1:
            return True  # "presiding judge Ulrike Hammerschmidt"
        return len(lowercase) <= 3 and all(
            w.lower().removeprefix("co-") in ROLE_NOUNS or w.lower() in TITLE_WORDS or w.lower() in PERSON_NOUNS or w[:1].isdigit()
            or w.lower() in ("his", "her", "their", "its", "our", "my") and w is words[0]
            or w.lower() in ("senior", "chief", "former", "top", "deputy", "acting", "interim", "press", "of", "for", "and", "the", "state", "security", "national", "foreign", "policy", "research", "defense", "defence", "communications", "media", "public", "affairs", "general", "s")
            or w.lower().endswith(("ist", "er", "or", "ian", "ant", "ent"))
            for w in lowercase
        ) and len(caps) >= 1
    return False


@lru_cache(maxsize=1 << 16)
def _is_description(phrase: str) -> bool:
    words = phrase.split()
    return (
        bool(words)
        and (
            words[0].lower() in ("the", "a", "an", "his", "her", "its", "their", "another", "one", "our", "my")
            or compiled(r"[’'](?:s)?$").search(words[0]) is not None
        )
        and (
            any(w.lower().strip(".,") in ROLE_NOUNS or w.lower().strip(".,") in PERSON_NOUNS for w in words)
            or (len(words) <= 6 and bool(compiled(r"[a-z-]+(?:er|or|ist|ian|ant|ent|ee|man|woman|person|ive|ary)").fullmatch(words[-1])))
        )
    )


@lru_cache(maxsize=1 << 16)
def _name_core(phrase: str) -> str:
    """A name without an age before it or a home town after it:
    "24-year-old Diego Villaseñor" / "Sen. Pieter van der Molen of Eau Claire"."""
    core = compiled(r"^\d{1,3}-year-old\s+").sub("", phrase.strip())
    if "of" not in core:
        return core  # (no home town: the pattern would be tried at every position for nothing)
    return compiled(r"\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$").sub("", core)


@lru_cache(maxsize=1 << 16)
def _is_full_name(phrase: str) -> bool:
    """A person's full name, perhaps after titles and roles: "Russian cosmonaut Dmitri Volkonsky"."""
    # Title words go, except the last two words: "Amy Pope", "Ada King" end in surnames.
    all_words = _name_core(phrase).split()
    words = [w for k, w in enumerate(all_words) if k >= len(all_words) - 2 or w.lower().rstrip(".") not in TITLE_WORDS]
    # the capitalised run at the end is the name; what comes before may only describe it
    i = len(words)
    while i > 0 and (_name_word(words[i - 1]) or words[i - 1].lower() in NAME_PARTICLES):
        i -= 1
    name = words[i:]
    if any(not (w[:1].isupper() or w.lower() in ROLE_NOUNS or w.lower() in _TITLE_LOWER or w.lower() in PERSON_NOUNS) for w in words[:i]):
        return False
    if i and len(words) > 6:
        return False
    return 2 <= len(name) <= 5


_AUXILIARIES = frozenset("had has have was were is are would will could should might may did does do".split())


@lru_cache(maxsize=1 << 16)
def _strip_adverbs(phrase: str) -> str:
    words = phrase.split()
    while words and (_ADV_RE.match(words[-1]) or words[-1].lower() in _AUXILIARIES or words[-1] in ("each", "both", "alone", "themselves", "himself", "herself")) and words[-1].lower() not in ROLE_NOUNS and not words[-1][:1].isupper():
        words.pop()  # "the president had (said)", "Smith also (said)"; "Will (described)" is a name
    while words and words[0].lower() in (
        "and", "but", "while", "as", "so", "yet", "then", "meanwhile", "after", "before", "when", "since",
        "because", "although", "though", "if", "until", "once", "where", "whereas", "unless", "with",
    ):
        words.pop(0)
    return " ".join(words)


def _mention_in(text: str, a: int, b: int) -> Mention | None:
    """The mention in text[a:b] with offsets, trimmed of whitespace and stray punctuation."""
    while a < b and (text[a].isspace() or text[a] in ",;:—–-“”\"«»‘’'~•*·"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    if b <= a:
        return None
    return Mention(a, b, text[a:b])


# Asides that sit between a subject and its verb: ages ("78"), party and state
# ("R-Tenn."), relative clauses ("who led the effort"), adverbials ("meanwhile").
_ASIDE = re.compile(
    r"^(?:\d{1,3}|[RDI]-[A-Z][\w.]*\.?|(?:who|whose|which|whom|where|when)\b.*|"
    r"meanwhile|however|too|though|also|in turn|for (?:his|her|their|its) part|in a statement|in an interview|"
    r"speaking (?:to|at|on|from|after|before|in)\b.*|reached by (?:phone|email)|asked about .*|"
    r"a (?:Democrat|Republican|Independent)\b.*|(?:also |better |formerly |widely )?known as .*|formerly .*|"
    r"[A-Z][a-z]+\.?,? [A-Z][a-z]+\.?)$"
)


@lru_cache(maxsize=1 << 16)
def _is_aside(chunk: str) -> bool:
    c = chunk.strip()
    if compiled(r"[A-Z][\w.]+").fullmatch(c) and not compiled(r"[a-z]").search(c[1:]) and "." in c:
        return True  # "Calif." style abbreviations
    return bool(_ASIDE.match(c)) and not _is_full_name(c)


_APPOSITIVE_PREP = re.compile(r"\s(?:of|at|for|with|from|in|on)\s")


@lru_cache(maxsize=1 << 16)
def _is_appositive(chunk: str) -> bool:
    """A phrase that describes a person named before it: "deputy director of the
    Center for Fiscal Studies at Harlow University", "a historian", "the group’s founder",
    "at a consulting firm called Gavekal"."""
    words = chunk.split()
    if not words or len(words) > 20 or words[0].lower() in CUE_VERBS:
        return False
    if words[0].lower() in ("at", "with", "of", "from", "for") and len(words) >= 2:
        return True
    # The head is the last word before any preposition: "director" in "director of X".
    head_part = _APPOSITIVE_PREP.split(f" {chunk} ", maxsplit=1)[0].split()
    if not head_part:
        return False
    head = head_part[-1].lower().strip(".,’'")
    head = head.removeprefix("co-")
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if head in ROLE_NOUNS or singular in ROLE_NOUNS or head in PERSON_NOUNS or singular in PERSON_NOUNS:
        return True
    if head in TITLE_WORDS and head not in ("the", "a"):
        return True
    return bool(compiled(r"[a-z-]+(?:er|or|ist|ian|ant|ent|ee)").fullmatch(head)) and words[0].lower() in ("a", "an", "the", "his", "her", "their", "its")


_RELATIVE = re.compile(r"\s+(?:who|whose|which|that)\s")


def _subject_before_asides(text: str, seg_start: int, last_comma: int) -> Mention | None:
    """ "X, <aside>, <aside>, said": walk back over the comma-separated asides.

    A name wins over a description ("the supervisor, Rhonda Kealoha,"); ages,
    party labels and relative clauses are skipped ("Kincaid, R-Tenn., who …,").
    """
    bounds: list[tuple[int, int]] = []
    end = last_comma
    for _ in range(5):
        comma = text.rfind(",", seg_start, end)
        bounds.append((comma + 1 if comma != -1 else seg_start, end))
        if comma == -1:
            break
        end = comma
    named: Mention | None = None
    described: Mention | None = None
    for a, b in bounds:
        m = _mention_in(text, a, b)
        if m is None:
            return None
        paren = compiled(r"\s*\([^()]{1,40}\)$").search(m.text)
        if paren is not None and paren.start() > 0:
            m = Mention(m.start, m.start + paren.start(), m.text[: paren.start()])  # "Rep. Nadia El-Amin (D-Mich.)"
        core = _strip_adverbs(m.text)
        if _is_aside(core):
            continue
        if _is_full_name(core):
            return _tighten(text, m)
        if a > seg_start and compiled(r"(?:and|or)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}|[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}").fullmatch(core) and not looks_like_speaker(core):
            continue  # "… for population, refugees, and migration,": items of a list in an appositive
        if a > seg_start and _is_appositive(core):
            # ", director of the Center for X at Y University,": it describes the
            # subject before it; keep walking back to that subject.
            if looks_like_speaker(core) and _is_description(core):
                described = described or _tighten(text, m)
            continue
        rel = _RELATIVE.search(core)
        if rel is not None and core.split()[0].lower() in ("a", "an", "the"):
            head = core[: rel.start()]
            if looks_like_speaker(head) and _is_description(head):
                # ", a Democratic pollster who is working with Priorities USA,": an appositive
                # with its relative clause; keep walking back to the subject it describes,
                # or it is the subject ("A Democratic pollster who …, a …, said")
                mention = _tighten(text, Mention(m.start, m.start + len(head), head))
                if a == seg_start:
                    return named or mention
                described = described or mention
                continue
        if not looks_like_speaker(core):
            if a > seg_start and core.split() and core.split()[0].lower() in ("the", "a", "an"):
                continue  # ", the No. 2 in the GOP leadership,": it describes the subject before it
            break
        if _is_description(core) or not _name_word(core.split()[-1]) or core.split()[0].lower() in ("a", "an", "the", "one", "another", "his", "her", "its", "their"):
            described = described or _tighten(text, m)
        else:
            named = named or _tighten(text, m)
    return named or described


_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_SUBJECT_TAIL = re.compile(
    r"(?:\s*\([^()]{1,40}\)"
    rf"|\s+(?:on\s+)?(?:{_WEEKDAYS})(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:last|this|earlier|later)\s+(?:week|month|year|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)"
    r"|\s+at\s+the\s+time|\s+in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+)?(?:statement|interview|speech|letter|post|tweet|email|e-mail|release)"
    r"|\s+(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?"
    r"|\s+(?:started|began|begins|starts|continued|continues|went\s+on|goes\s+on|tried|tries|appeared|appears|seemed|seems"
    r"|wanted|wants|used|sought|seeks|moved|rushed|refused|declined|decided|chose|(?:was|were|is|are)\s+(?:quick|quicker|careful|eager|happy|keen))\s+to"
    r")$"
)
# The words a _SUBJECT_TAIL can end with, each after white space (its other ends are ")" and a day's number).
_TAIL_LAST_WORDS = frozenset(
    f"{_WEEKDAYS}|morning|afternoon|evening|night|week|month|year|spring|summer|fall|autumn|winter|time"
    "|statement|interview|speech|letter|post|tweet|email|e-mail|release|January|February|March|April|May"
    "|June|July|August|September|October|November|December|to".split("|")
)


def _subject_tail(text: str, start: int, end: int) -> re.Match[str] | None:
    """`_SUBJECT_TAIL.search(text, start, end)`, tried only when text[start:end] ends in
    a word a tail can end with, or a bracket or a digit: the pattern is tried at every
    position, and most subjects end in a name (or a comma)."""
    last = text[end - 1]
    if last.isalpha():
        i = end - 1
        while i > start and (text[i - 1].isalpha() or text[i - 1] == "-"):
            i -= 1
        if text[i:end] not in _TAIL_LAST_WORDS:
            return None
    elif last != ")" and not last.isdecimal() and last != "\n":
        return None  # a tail ends in a word, ")" or a day's number ("$" also stands before a last "\n")
    return _SUBJECT_TAIL.search(text, start, end)


@lru_cache(maxsize=1024)
def _subject_before(text: str, seg_start: int, cue_start: int) -> Mention | None:
    """The subject that ends right before a cue verb: "Drevon", "Jerome Drevon, a senior analyst …,".

    Memoised: a sentence's first cue is looked at both for its subject and for
    every reporting verb it holds (the key is cheap: a string keeps its hash).

    An appositive (", a senior analyst at X,") or an adverbial aside
    (", meanwhile,") between subject and verb is skipped.
    """
    seg_start = local_start(text, seg_start, cue_start)
    paren = text.rfind("(", seg_start, cue_start)
    if paren != -1 and text.find(")", paren, cue_start) == -1:
        seg_start = paren + 1  # a verb inside an open parenthesis has its subject there: "(Lemkin, who …, once said"
    seg = text[seg_start:cue_start]
    stripped = seg.rstrip()
    if not stripped:
        return None
    # strip trailing adverbs: "Drevon also said", "he later told"
    # (word by word from the end: rsplit cuts at the white space \S+ would stop at)
    while True:
        *kept, last = stripped.rsplit(None, 1)
        if not (_ADV_RE.match(last.strip(",")) and last.lower() not in ROLE_NOUNS and not last[:1].isupper()):
            break
        if not kept:
            return None
        stripped = kept[0]
    end = seg_start + len(stripped)
    # "Sen. Maria Hollis (D-Ore.) said", "Hollis on Tuesday said", "Hollis at the time said":
    # a party tag or a time phrase between the subject and its verb.
    while True:
        tail = _subject_tail(text, seg_start, end)
        if tail is None or tail.start() <= seg_start:
            break
        end = tail.start()
    if text[end - 1] == ",":
        return _subject_before_asides(text, seg_start, end - 1)
    # The clause the verb belongs to starts after a comma, a semicolon or a dash.
    boundary = _CLAUSE_BOUNDARY.search(text[seg_start:end][::-1])
    cand_start = end - boundary.start() if boundary else seg_start
    m = _mention_in(text, cand_start, end)
    if m is None:
        return None
    rel = compiled(r"(who|which|whom)\b").match(m.text)
    if rel and boundary is not None and text[cand_start - 1] == ",":
        rest = _mention_in(text, m.start + len(rel.group(1)), m.end)
        if rest is not None and looks_like_speaker(_strip_adverbs(rest.text)):
            # "Trump, who he blasted as …": the relative pronoun is the object; the
            # subject after it speaks.
            return _tighten(text, rest)
    if rel and rel.group(1) != "whom" and boundary is not None and text[cand_start - 1] == "," and relative_antecedent(text, m.start) is not None:
        # "Beck, who has long described him as “…”": the relative pronoun is the
        # mention the cue attaches to; resolution reads its antecedent.
        return Mention(m.start, m.start + len(rel.group(1)), rel.group(1))
    tight = _tighten(text, m)
    if tight and looks_like_speaker(tight.text):
        return tight
    if compiled(r"\s(?:and|but|then|before|after)$").search(m.text) and " " in m.text:
        # "he supported Obama over Clinton and said": the clause's own subject.
        lead = compiled(r"(he|she|they|we|I)\b", re.I).match(m.text)
        own = Mention(m.start, m.start + lead.end(), lead.group()) if lead else sentence_subject(text, m.start, m.end)
        if own is not None and own.end <= m.end and (own.text.lower() in ("he", "she") or _is_full_name(own.text) or looks_like_speaker(own.text)):
            return own
    # "Saturday at the party convention Sen. Elizabeth Warren said", "…, at the town
    # hall this week she said": the subject is the speaker-like phrase that ends the clause.
    core = tight or m
    return _speaker_suffix(text, core.start, core.end)


def relative_antecedent(text: str, pronoun_start: int) -> Mention | None:
    """What "who" or "which" at `pronoun_start` refers to: the speaker-like phrase right
    before its comma ("Sen. Ana Ruiz of Ohio, who …" → "Sen. Ana Ruiz of Ohio")."""
    comma = text.rfind(",", max(0, pronoun_start - 4), pronoun_start)
    if comma == -1 or text[comma + 1 : pronoun_start].strip():
        return None
    start = max(text.rfind("\n", 0, comma) + 1, comma - 200)
    stop = compiled(r"[.!?;:“”\"(]\s|[,—–]").search(text[start:comma][::-1])
    a = comma - stop.start() if stop else start
    m = _mention_in(text, a, comma)
    if m is None:
        return None
    m = _tighten(text, m) or m
    if looks_like_speaker(m.text) and not _is_pronoun(m.text):
        return m
    suffix = _speaker_suffix(text, m.start, m.end)
    if suffix is None and text[pronoun_start : pronoun_start + 3] == "who":
        # "Contrast that with Trump, who has called …": a surname ends the clause before "who"
        last = compiled(r"(?<=\s)[A-Z][\w’'-]+$").search(text, m.start, m.end)
        if last is not None and _name_word(last.group()) and looks_like_speaker(last.group()):
            return Mention(last.start(), last.end(), last.group())
    return suffix


# Read backwards: a comma, a semicolon, or a dash between spaces.
# (read backwards: "250,000" is a number; the look-behind after the comma, so that every
# alternative opens with a character the engine can skip to)
_CLAUSE_BOUNDARY = re.compile(r",(?<!\d{3},)|;| [-—–] |—|–")


def _speaker_suffix(text: str, a: int, b: int) -> Mention | None:
    """The longest end of text[a:b] that names a speaker: a pronoun, a name with its
    titles ("Sen. Elizabeth Warren", "Presumptive nominee Hillary Clinton") or a definite
    description ("the State Department"), starting at a word boundary."""
    words = list(compiled(r"\S+").finditer(text, a, b))
    if len(words) < 2:
        return None
    last = words[-1].group()
    if last.lower() in ("he", "she", "they", "we", "i") or last.lower() in DESCRIPTION_HEADS and last.endswith("s"):
        return Mention(words[-1].start(), words[-1].end(), last)  # "… why critics (say)"
    # Marcus “Big Mac” Delahunt: never start inside a nickname (before a mark's end).
    last_mark = max(text.rfind(mark, a, b) for mark in "“”\"«»")
    # A speaker is a few words, not the tail of a long clause: the last 24 words suffice.
    first_at = max(1, len(words) - 24)
    # named[k]: every word from the k-th on may stand in a name ("State Department of …"),
    # read once from the end instead of again for each start (the words of
    # text[words[k].start() : b] are words[k:], both cut at white space).
    named = [True] * (len(words) + 1)
    for k in range(len(words) - 1, first_at, -1):
        x = words[k].group()
        named[k] = named[k + 1] and (_name_word(x) or x.lower() in ("of", "for", "and", "on"))
    for j in range(first_at, len(words)):
        w = words[j]
        if w.start() <= last_mark:
            continue
        first = w.group()
        low = first.lower()
        if low in ("the", "a", "an") and j + 1 < len(words):
            phrase = text[w.start() : b]
            if (named[j + 1] or _is_description(phrase)) and looks_like_speaker(phrase):
                return Mention(w.start(), b, phrase)  # "the State Department", "the senator"
            continue
        if first[:1].isupper() or low in _TITLE_LOWER or low in ROLE_NOUNS:
            phrase = text[w.start() : b]
            if _is_full_name(phrase) and looks_like_speaker(phrase):
                return Mention(w.start(), b, phrase)
    return None


def _tighten(text: str, m: Mention) -> Mention | None:
    """Trim leading clause words ("and", "but", "so") and trailing adverbs from a mention."""
    core = _tightened(m.text)
    if core is None:
        return None
    a = text.find(core, m.start)
    if a == -1 or a >= m.end:
        return None
    return Mention(a, a + len(core), core)


_CLAUSE_WORDS = (" that ", " which ", " who ", " what ", " whom ", " when ", " as ", " because ", " after ", " before ", " since ", " while ", " although ", " though ", " until ", " unless ", " whereas ", " where ", " if ")


@lru_cache(maxsize=1 << 16)
def _tightened(phrase: str) -> str | None:
    """`_tighten`'s words: the phrase without trailing adverbs and up to its last clause
    word (None: nothing left). A pure function of the phrase, so memoised."""
    core = _strip_adverbs(phrase)
    if not core:
        return None
    # Keep only the last noun phrase of a clause: "…, which Smith" → "Smith".
    padded = f" {core} "
    for sep in _CLAUSE_WORDS:
        if sep in padded:
            core = core.split(sep.strip())[-1].strip()
            padded = f" {core} "
    return core


def _subject_after(text: str, a: int, b: int) -> Mention | None:
    """The speaker right after an inverted cue: "said Hawach", "said the ministry, citing …",
    "said the spokeswoman, Ana Paula Ferreira" (the name wins)."""
    m0 = compiled(r"\s*([^,“”\"]{2,80}),\s+([^,;“”\".]+(?:\.\s?[A-Z][^,;“”\".]*)*)").match(text[a:b])
    if m0 and _is_description(m0.group(1).strip()) and _is_full_name(m0.group(2).strip()):
        s2 = a + m0.start(2)
        name = m0.group(2).strip()
        return Mention(s2, s2 + len(name), name)
    seg = text[a:b]
    m = compiled(r"\s*").match(seg)
    s = a + (m.end() if m else 0)
    # up to a comma, a period that ends a sentence, or a clause word
    stop = compiled(r",|;|:|(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bProf)(?<!\bRev)(?<!\bSgt)(?<!\bCapt)(?<!\bAld)\.(?:\s|$)"
        r"|\s(?:who|which|that|in\s+a|on\s+[A-Z]|at\s+a|during|after|before|while|when|adding|noting|told|in\s+an?)\b|[“”\"«»(]").search(text[s:b])
    e = s + stop.start() if stop else b
    mention = _mention_in(text, s, e)
    if mention and looks_like_speaker(mention.text):
        return mention
    return None


def _first_cue(segment: str) -> _CueMatch | None:
    return _CUE_RE.search(segment)


_ABBREVS = (
    "Gov|Sen|Rep|Reps|Sens|Dr|Mr|Mrs|Ms|Gen|Col|Lt|Capt|Sgt|Cpl|Pvt|Maj|Brig|Adm|Cmdr|St|Jr|Sr|Prof|Rev|Hon|"
    "Fr|Ald|Atty|Supt|Det|Insp|Mt|Ft|No|Inc|Co|Corp|Ltd|Bros|U\\.S|D\\.C|U\\.N|U\\.K|E\\.U"
)
_ENDS_WITH_ABBREV = re.compile(rf"(?:\b[A-Z]|\b(?:{_ABBREVS}))$")


_LATE_INVERTED = re.compile(r",\s+(?:[a-z]+ly\s+)?(says|said|writes|wrote|adds|added|notes|noted|explains|explained|argues|argued|observes|observed)\s+(?=\S)")


def _attribute_after(text: str, close_end: int, limit: int) -> Attribution | None:
    """Attribution following the closing mark: `…," Drevon said` / `…," said Hawach`,
    or a cue later in the sentence: `…," in contrast to last year, says Obuya`."""
    found = _attribute_after_direct(text, close_end, limit)
    if found is not None or compiled(r"[.!?]\W{0,2}$").search(text, max(0, close_end - 4), close_end):
        return found  # a quote that ends its sentence has no cue later in it
    end = _clause_end(text, close_end, limit)
    late = _LATE_INVERTED.search(text, close_end, end)
    if late is None or compiled(r"[“”\"]").search(text, close_end, late.start()):
        return None
    m = _subject_after(text, late.end(1), end)
    if m is None or _is_pronoun(m.text):
        return None
    return Attribution(late.group(1), m, "inverted", 0.8)


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the sentence that goes on after a quote ends (abbreviations allowed)."""
    pos = start
    while True:
        m = compiled(r"[.!?](?:\s|$)").search(text, pos, limit)
        if m is None:
            return limit
        if not _ENDS_WITH_ABBREV.search(text, max(start, m.start() - 6), m.start()):
            return m.start()
        pos = m.start() + 1


def _attribute_after_direct(text: str, close_end: int, limit: int) -> Attribution | None:
    seg = text[close_end:limit]
    lead = compiled(r"[\s,;]*(?:[—–-]{1,2}\s*)?").match(seg)
    off = close_end + (lead.end() if lead else 0)
    rest = text[off:limit]
    # "…,” according to a ministry statement."
    acc = compiled(r"according\s+to\s+", re.I).match(rest)
    if acc:
        m = _subject_after(text, off + acc.end(), limit)
        if m:
            return Attribution("according to", m, "according", 0.85)
    # "…” That quote from Alabama's securities commissioner, Thomas Krebs, appeared in 1980."
    named = _QUOTE_FROM.match(rest)
    if named:
        at = off + named.end()
        phrase = _leading_name_phrase(text[at : min(limit, at + 200)])
        if phrase and _is_full_name(phrase) and looks_like_speaker(phrase):
            return Attribution(named.group(1).lower(), Mention(at, at + len(phrase), phrase), "according", 0.8)
    # Inverted: cue first.
    adv = _ADVERB_FIRST.match(rest)
    lead_len = adv.end() if adv and adv.group().strip().lower() not in CUE_VERBS else 0
    inv = _CUE_RE.match(rest[lead_len:])
    if inv is not None and inv.group().endswith("ing"):
        inv = None  # "…,” suggesting he might …: a participle, no inverted cue
    if inv is not None:
        cue_a, cue_b = off + lead_len + inv.start(), off + lead_len + inv.end()
        m = _subject_after(text, cue_b, limit)
        if m and not _is_pronoun(m.text) or (m and m.text.lower() in ("he", "she")):
            return Attribution(_cue_text(text, cue_a, cue_b, limit), m, "inverted", 0.9)
    # Subject first: find the first cue verb within a short window, before any sentence end.
    window_end = min(limit, off + 260)
    sentence_end = compiled(r"[.!?](?:\s|$)").search(text[off:window_end])
    if sentence_end:
        # Allow periods of abbreviations and initials inside the subject phrase.
        cut = off + sentence_end.start()
        while sentence_end and _ENDS_WITH_ABBREV.search(text[off:cut]):
            nxt = compiled(r"[.!?](?:\s|$)").search(text[cut + 1 : window_end])
            if not nxt:
                cut = window_end
                break
            cut = cut + 1 + nxt.start()
        window_end = cut
    # The first reporting verb with a subject: "the congressional report said" holds
    # "report" as a noun before the verb.
    cue = None
    for candidate in _CUE_RE.finditer(text[off:window_end]):
        cue = candidate
        if _subject_before(text, off, off + candidate.start()) is not None:
            break
    if cue is None:
        states = compiled(r"\s*((?:[Tt]he\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+(states?)\b").match(text, off, window_end)
        if states is not None and looks_like_speaker(states.group(1)):
            # "“…,” the Saudis state in the paper": right after a quote "state" is the verb.
            m = Mention(states.start(1), states.end(1), states.group(1))
            return Attribution(states.group(2), m, "after", 0.9)
    if cue is None:
        # "…!” Dzhabrailov screamed": a name or pronoun and a past-tense verb right
        # after the quote is an attribution even with a verb we do not list.
        verb = compiled(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*|he|she|they)\s+([a-z]{3,}ed)\b").match(text[off:window_end])
        if verb and looks_like_speaker(verb.group(1)):
            m = Mention(off + verb.start(1), off + verb.end(1), verb.group(1))
            return Attribution(verb.group(2), m, "after", 0.7)
        dash = compiled(r"[\s]*(?:[—–]{1,2}|\s-)\s*").match(seg)
        if dash:
            m = _subject_after(text, close_end + dash.end(), limit)
            if m and not _is_pronoun(m.text):
                return Attribution("—", m, "dash", 0.8)
        return None
    cue_start = off + cue.start()
    subject = _subject_before(text, off, cue_start)
    if subject is None and compiled(r"\s*it\s+$").fullmatch(text[off:cue_start]):
        # "“I just tried you on the phone,” it reads.": a document or organisation.
        at = text.index("it", off)
        return Attribution(_cue_text(text, cue_start, off + cue.end(), limit), Mention(at, at + 2, "it"), "after", 0.5)
    if subject is None:
        return None
    # The subject must begin at the start of the segment (after an optional aside).
    if text[off:subject.start].strip(" ,") and not compiled(r"[\s,]*").fullmatch(text[off:subject.start]):
        # Something else stands between the quote and the subject: only an
        # adverbial opener ("meanwhile,") is allowed.
        gap = text[off:subject.start].strip(" ,")
        # "…,” Emily’s mother, Patricia Lindqvist, told …": a description before the name.
        if gap.lower() not in ("and", "meanwhile", "however", "then", "later", "also") and not _is_description(gap):
            return None
    cue_end = off + cue.end()
    closes_sentence = compiled(r"[.!?]\W{0,3}$").search(text, max(0, close_end - 4), close_end) is not None
    if closes_sentence and compiled(r"(?:\s+(?:back|in|on|up|out))?\s*[,:]\s*$").match(text, cue_end, limit) and limit < len(text) and text[limit] in "“\"«„":
        return None  # "…?” Mills then writes back, “You look cute.”": the cue opens the next quote
    if closes_sentence and subject.text[:1].isupper() and text[off : off + 1].isupper():
        # The quote closed its own sentence, so a new sentence begins: it reports this
        # quote only when it is the short "X said." that follows quotes, not
        # "He demands legal safeguards …". (A lower-case word after the mark
        # continues the quote's sentence: "…!” the nominee, Donald Trump, tweeted Sunday after …")
        rest_of_sentence = text[cue_end:window_end]
        tail = _CUE_TAIL.match(rest_of_sentence)
        after_cue = rest_of_sentence[tail.end() if tail else 0 :].strip(" .,")
        # (a clause of time or manner after the cue ends the attribution: "…?” Clinton asks
        # as a worker walks in")
        if len(after_cue) > 40 and cue.group().lower() not in _FINITE_CUES and not _SUBORDINATE_START.match(after_cue):
            return None
        if len(after_cue) > 40 and _REPORTED_CLAUSE.match(after_cue):
            return None  # "…” Ohio Gov. John Kasich said he would have fired …": his own statement, not this quote's cue
    return Attribution(_cue_text(text, cue_start, cue_end, limit), subject, "after", 0.95)


def _cue_text(text: str, a: int, b: int, limit: int) -> str:
    """The cue with what belongs to it: "told Al Jazeera", "said in a statement"."""
    told = _TOLD.match(text, a, limit)
    if told:
        return compiled(r"(?<![A-Z])\.$").sub("", told.group().strip())
    tail = _CUE_TAIL.match(text, b, limit)
    end = tail.end() if tail else b
    return text[a:end].strip()


def _attribute_before(text: str, seg_start: int, open_mark: int) -> Attribution | None:
    """Attribution ending at the opening mark: `Drevon observed, "…"` / `…the core issue: "…"`."""
    seg = text[seg_start:open_mark]
    if not search_end(compiled(r"[,:—–]\s*$"), seg, 1) and not search_end(compiled(r"\b(?:said|says|wrote|writes|added|asked|read|reads)\s*$", re.I), seg, 1):
        return None
    said_first = compiled(r"\s*(?:[Aa]nd\s+)?(Said|Says|Added|Adds|Wrote|Writes|Explained|Recalled)\s+").match(seg)
    if said_first:
        # "Said Dorothy Kwan, who grew up two doors down, “…”": the verb first.
        m = _subject_after(text, seg_start + said_first.end(), open_mark)
        if m is not None and not _is_pronoun(m.text):
            return Attribution(said_first.group(1).lower(), m, "before", 0.85)
    acc = compiled(r"\b[Aa]ccording\s+to\s+([^,:“”\"]{2,120})[,:]\s*$").search(seg)
    if acc and looks_like_speaker(acc.group(1).strip()):
        a = seg_start + acc.start(1)
        return Attribution("according to", Mention(a, a + len(acc.group(1).strip()), acc.group(1).strip()), "according", 0.85)
    signed = search_end(compiled(r"\s[-—–~•]\s*([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})\s*:\s*$"), seg, 7)
    if signed is not None and looks_like_speaker(signed.group(1)):
        # "But polls did predict it - Mara Pollster: “…”": the source named after a dash.
        a = seg_start + signed.start(1)
        return Attribution(":", Mention(a, a + len(signed.group(1)), signed.group(1)), "before", 0.7)
    cues = list(_CUE_RE.finditer(seg))
    if cues and (len(seg[cues[-1].end() :]) > 80 or compiled(r"[.!?]\s").search(seg[cues[-1].end() :])):
        cues = []  # the cue belongs to an earlier clause ("Asked what changed …, X was simple:")
    if not cues and search_end(compiled(r",\s*$"), seg, 1) and text[open_mark + 1 : open_mark + 2].isupper():
        # "Filippo Grandi, the UN refugee chief, reacted skeptically to the deal, “I am
        # concerned …”": a clause whose subject is named, then the quote after a comma.
        subj = sentence_subject(text, seg_start, open_mark)
        if subj is not None and (_is_full_name(subj.text) or subj.text.lower() in ("he", "she")):
            return Attribution(",", subj, "before", 0.6)
    if not cues:
        labelled = compiled(r"(?:^\s*(?:[Ff]rom\s+)?|[-—–~•]\s*|\b[Ff]rom\s+)((?:the\s+|a\s+)?[A-Za-z][\w’'.&-]*(?:\s+[\w’'.&-]+){0,5}?)\s*:\s*$").search(seg)
        owned_document = labelled is not None and _OWNED_DOCUMENT.search(labelled.group(1)) is not None  # "From Bush's Facebook post:"
        if labelled is not None and (owned_document or _is_full_name(labelled.group(1)) or (labelled.group(1).split()[0].lower() in ("the", "a") or _name_word(labelled.group(1).split()[-1])) and looks_like_speaker(labelled.group(1))):
            # "… - Philip Bump: “…”", "From the report: “…”": a source named before a colon.
            a = seg_start + labelled.start(1)
            return Attribution(":", Mention(a, a + len(labelled.group(1)), labelled.group(1)), "before", 0.7)
        return _colon_attribution(text, seg_start, open_mark) if search_end(compiled(r":\s*$"), seg, 1) else None
    cue = cues[-1]
    # What stands between the cue and the mark must be short ("the core issue", "reporters").
    between = seg[cue.end() :]
    if len(between) > 80 or compiled(r"[.!?]\s").search(between):
        return None
    cue_start = seg_start + cue.start()
    subject = _subject_before(text, seg_start, cue_start)
    if subject is not None and cue.group().endswith("ing") and compiled(r",\s*$").search(text, seg_start, cue_start):
        # "X's right-hand woman rallied supporters, saying: “…”": a participle after a
        # clause has the clause's subject, not the clause
        own = sentence_subject(text, seg_start, subject.end)
        if own is not None and subject.start <= own.start and own.end < subject.end:
            subject = own
    if subject is None and compiled(r"^\s*[Ii]t\s*$").match(text[seg_start:cue_start].split(",")[-1]):
        # "It added, “…”": a document or an organisation the text just named.
        at = text.rfind("t", seg_start, cue_start) - 1
        return Attribution(_cue_text(text, cue_start, seg_start + cue.end(), open_mark), Mention(at, at + 2, text[at : at + 2]), "before", 0.5)
    if subject is None:
        # "Lazar said he would go and added, “…”": the verb it is coordinated with has
        # the subject; an -ing cue with none of its own ("adding, …") takes the sentence's.
        subject = _earlier_speaker(text, seg_start, cues[:-1]) or sentence_subject(text, seg_start, cue_start)
        if subject is None:
            return _colon_attribution(text, seg_start, open_mark) if search_end(compiled(r":\s*$"), seg, 1) else None
        return Attribution(_cue_text(text, cue_start, seg_start + cue.end(), open_mark), subject, "before", 0.75)
    return Attribution(_cue_text(text, cue_start, seg_start + cue.end(), open_mark), subject, "before", 0.9)


def _colon_attribution(text: str, seg_start: int, open_mark: int) -> Attribution | None:
    """ "X put the problem plainly: “…”": a colon after a clause whose subject is a
    speaker introduces what that speaker said."""
    subject = sentence_subject(text, seg_start, open_mark)
    if subject is None or (_is_pronoun(subject.text) and subject.text.lower() not in ("he", "she")):
        return None
    verb = compiled(r"\s*(?:,[^,]*,\s*)?([a-z]+)").match(text[subject.end : open_mark])
    return Attribution(verb.group(1) if verb else ":", subject, "before", 0.7)


# The words that open an introductory phrase (then a comma), written as a trie (see
# `alternation`): of a plain alternation the engine would try every word. (Tried before
# the phrases that are no plain word: a word that matches and then ends at `\b` is the
# only one that can, so the order does not change what matches.)
_INTRO_WORDS = """
    In On At For After Before During Meanwhile However But And Still Yet Later Earlier Speaking Alongside Based
    Given Because Unlike Against Beside Per Via Regardless Whatever Whether Asked Addressing According
    Crucially Separately Instead Also Then Now Today Yesterday Last This When While As Since Despite Although
    Though If With Without From Under Over Among Amid Following Writing Responding Outside Inside Near Behind
    Across Around Throughout Beyond Upon Within Like Unlike Besides Earlier Shortly Moments Hours Days Weeks
    Minutes Back Once Still Again Standing Sitting Looking Pressed Reached Reacting Testifying
""".split()
_INTRO = re.compile(
    r"^(?:[A-Z][A-Z .'’/-]{2,}(?:,\s*[A-Z][\w.]*\.?(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,40}\)\s*)?[—–-]+\s*)?(?:(?:"
    + alternation(_INTRO_WORDS)
    + r"|Ever\s+since|[A-Z][a-z]{2,}ing|(?<=, )(?:as|when|while|after|before|since|although|though|if|because)|(?<=, )(?:in|on|at)\s+(?:a|an|the|his|her|its|their)\b)\b[^,]{0,140},\s*)*"
)


# Lowercase words that may sit inside a pre-nominal title: "Former Central Plains
# State star and NFL veteran Antoine Fairweather".
_TITLE_GLUE = frozenset({"and", "star", "legend", "great", "icon", "alum", "alumnus", "graduate", "standout", "rookie", "forward", "guard", "center", "winner", "champion", "nominee", "hopeful", "incumbent", "challenger"})
_TITLE_LOWER = frozenset({"senior", "chief", "former", "top", "deputy", "acting", "interim", "press", "state", "research", "security", "foreign", "policy", "defense", "defence"})


_AUX = frozenset(
    "is was are were has have had will would could should can may might must did does do also still now then "
    "later again never often held made took gave went came saw got found thought knew left kept brought began "
    "ran won lost met paid sent built spent stood felt led sold fell hit cut put set let shut struck drove rose "
    "flew grew threw chose broke spoke became bought caught taught fought sought told said wrote".split()
)


# Words that cannot follow a one-word subject ("Staffing at …", "Many of …").
_NOT_AFTER_SUBJECT = frozenset(
    "at of in on for to with by from the a an and or but as into over under after before about "
    "than like across through during between among within without per via".split()
)


def _verb_like(word: str) -> bool:
    """Without POS tags: does this lowercase word look like a verb ("held", "says", "is")?"""
    return word in _AUX or word in CUE_VERBS or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss"))


_ROLE_OR_TITLE_LOWER = ROLE_NOUNS | _TITLE_LOWER  # (made once: a union is a new set each time)


# _leading_name_phrase's patterns, compiled once (each looked up per call was a cost of its own).
_PHRASE_WORD = re.compile(r"[^\s,;:()“”\"][^\s,;:()“”\"]*")  # (class first: see _WORD)
_NEXT_LOWER_WORD = re.compile(r"\s+([a-z][\w-]*)")
_OPENING_ARTICLE = re.compile(r"(?:The|A|An)\s")


def _leading_name_phrase(rest: str) -> str | None:
    """The capitalised run that opens a clause, with its titles: "Syria’s Foreign Minister Asaad Al-Shaibani"."""
    # A nickname in quotes sits inside the name: Marcus “Big Mac” Delahunt.
    masked = mask_nicknames(rest)
    # The words are read as far as the phrase goes (most stop within a few), one ahead.
    words = _PHRASE_WORD.finditer(masked)
    prev = None
    nxt_word = next(words, None)
    end = None
    n_lower = 0
    while nxt_word is not None:
        m, nxt_word = nxt_word, next(words, None)
        w = m.group()
        if prev is not None and masked[prev.end() : m.start()].strip():
            break  # a comma or bracket ends the phrase
        prev = m
        lw = w.lower().rstrip(".")
        if w[:1].isupper() or lw in NAME_PARTICLES or lw.split("-")[0] in NAME_PARTICLES and "-" in lw:
            if w.endswith(_POSSESSIVE_ENDS) and nxt_word is not None and nxt_word.group()[:1].islower() and nxt_word.group().lower() not in _ROLE_OR_TITLE_LOWER:
                break  # "Syria’s security forces": a possessive, not a title
            end = m.end()
            continue
        if (lw in ROLE_NOUNS or lw in _TITLE_LOWER or lw in TITLE_WORDS or lw in _TITLE_GLUE) and n_lower < 4:
            n_lower += 1
            continue
        break
    if end is None:
        return None
    phrase = rest[:end]
    if phrase.endswith(_POSSESSIVE_ENDS) or phrase in ("The", "A", "An"):
        return None
    nxt = _NEXT_LOWER_WORD.match(rest, end)
    if _OPENING_ARTICLE.match(phrase) and nxt and not _verb_like(nxt.group(1)):
        return None  # "The Syrian government": an adjective, not a name
    if " " not in phrase and not phrase.isupper() and nxt and nxt.group(1) in _NOT_AFTER_SUBJECT:
        return None  # "Staffing at several homes …": a capitalised first word is not a subject by itself
    return phrase


# A reporting verb (not a gerund: never one here) as a whole word of `\b[\w’'-]+\b`:
# not after a word character, and not followed by more of its word ("said-so" is one
# word, "said-" ends at "said"). Searched in the lowered sentence: a word's lowered
# form decides, and lowering keeps word characters and the rest as they are.
_VERBS = frozenset(c for c in CUE_VERBS if " " not in c and not c.endswith("ing"))
_VERB_WORDS = alternation(_VERBS)
_WholeWordScans = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]


def _whole_word_scans(words: str) -> _WholeWordScans:
    r"""`(?<!\w)(?:words)(?![’'-]*\w)` as three patterns the engine finds faster, each
    opened by what it skips ahead to: a word after a space (captured), after another
    character that is no word character (ASCII ones first in the class: told apart
    without a Unicode lookup), and at the start of the string."""
    return (
        re.compile(rf" ({words})(?![’'-]*\w)"),
        re.compile(rf"[^ 0-9A-Z_a-z\w]({words})(?![’'-]*\w)"),
        re.compile(rf"({words})(?![’'-]*\w)"),
    )


def _whole_words(scans: _WholeWordScans, low: str) -> list[tuple[int, int]]:
    """Where the words of `scans` stand in `low` as whole words (see `_whole_word`), in no
    particular order. (One after a space or at the start is whole: nothing joins it to
    a word before.)"""
    after_space, after_other, at_start = scans
    found = [m.span(1) for m in after_space.finditer(low)]
    found += [m.span(1) for m in after_other.finditer(low) if _whole_word(low, m.start(1))]
    if (first := at_start.match(low)) is not None:
        found.append(first.span())
    return found


_VERB_SCANS = _whole_word_scans(_VERB_WORDS)
# (for the rare sentence that lowering lengthens: "İ")
_VERB_WORD_ANY_CASE = re.compile(rf"(?<!\w)(?:{_VERB_WORDS})(?![’'-]*\w)", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[“”«»\"]")
_WORD_CHAR = re.compile(r"\w")


def _whole_word(s: str, at: int) -> bool:
    """Does a word start at `at` (a word character after none)? Not when apostrophes or
    hyphens join it to the word before: "x-said" is one word."""
    k = at - 1
    while k >= 0 and s[k] in "’'-":
        k -= 1
    return k == at - 1 or k < 0 or not _WORD_CHAR.match(s, k)


def _marks_and_cues(sentence: str) -> list[tuple[int, str]]:
    r"""Where the quotation marks and the reporting verbs of a sentence are, and what
    they are, in order: the marks and verbs among its `\b[\w’'-]+\b` words read from
    its start. None at all when it holds no verb: then its marks do not matter."""
    low = sentence.lower()
    if len(low) != len(sentence):
        cues = [(m.start(), m.group()) for m in _VERB_WORD_ANY_CASE.finditer(sentence) if _whole_word(sentence, m.start())]
    else:
        cues = [(a, low[a:b]) for a, b in _whole_words(_VERB_SCANS, low)]
    if not cues:
        return cues
    return sorted(cues + [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(sentence)])


# The words a cue (as the cue finder reads it) or a reporting verb can start with, lowered.
_CUE_WORDS_LOWER = frozenset(w.lower() for w in _CUE_FIRST_AS_WRITTEN) | frozenset(v for v in _VERBS if v == v.lower())
# One of them after a character that is no ASCII letter, in a lowered sentence: there
# (and at its start) stand all the cue finder's candidates and all the reporting verbs,
# each then checked where it stands. (Without a look-ahead: a word that goes on, as
# "address" after "add", is found too, and the checks tell.)
_WORD_STARTS = re.compile(rf"[^a-z]({alternation(_CUE_WORDS_LOWER)})")
_last_scan: tuple[str, int, int, tuple[str, list[int]] | None] | None = None


def _sentence_scan(text: str, start: int, end: int) -> tuple[str, list[int]] | None:
    """The lowered sentence text[start:end] and where `_WORD_STARTS` finds words in it,
    ascending; None when lowering turns what is no ASCII letter into one (the Kelvin
    sign lowers to "k") or lengthens the sentence ("İ"). Read by both the sentence's
    subject and its reporting verbs, one after the other: the last one is kept."""
    global _last_scan
    last = _last_scan
    if last is not None and last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    sentence = text[start:end]
    low = sentence.lower()
    scan = (low, [m.start(1) for m in _WORD_STARTS.finditer(low)]) if len(low) == len(sentence) and "\u212a" not in sentence else None
    _last_scan = (text, start, end, scan)
    return scan


def _marks_and_cues_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """`_marks_and_cues(text[start:end])`, its verbs looked for where the sentence's scan
    found words (see `_whole_words`: a verb after a space is whole)."""
    scan = _sentence_scan(text, start, end)
    if scan is None:
        return _marks_and_cues(text[start:end])
    low, starts = scan
    verb_at = _VERB_SCANS[2].match
    cues = [(0, m.group())] if (m := verb_at(low)) is not None else []
    for p in starts:
        if (low[p - 1] == " " or (_WORD_CHAR.match(low, p - 1) is None and _whole_word(low, p))) and (m := verb_at(low, p)) is not None:
            cues.append((p, m.group()))
    if not cues:
        return cues
    return sorted(cues + [(m.start() - start, m.group()) for m in _QUOTE_MARK.finditer(text, start, end)])


def _first_cue_in(text: str, a: int, b: int, sent_start: int, sent_end: int) -> _CueMatch | None:
    """`_first_cue(text[a:b])` for a stretch of the sentence text[sent_start:sent_end]
    (sent_start <= a <= b <= sent_end), its candidates looked for where the sentence's
    scan found words."""
    scan = _sentence_scan(text, sent_start, sent_end)
    if scan is None:
        return _first_cue(text[a:b])
    starts = scan[1]
    off = a - sent_start
    lo, hi = bisect_right(starts, off), bisect_left(starts, b - sent_start)
    if lo == hi and _CUE_RE._candidate.match(text, a, b) is None:
        return None  # (most stretches: no candidate at all)
    return _CUE_RE.search_at(text[a:b], [p - off for p in starts[lo:hi]])


def reporting_subjects(text: str, start: int, end: int) -> list[Mention]:
    """The subject of every reporting verb in a sentence that sits outside quotation
    marks: "…, her son, Calvin Bell Jr., said in a statement." """
    out: list[Mention] = []
    depth = 0
    last_close = start
    pos = start
    for rel, tok in _marks_and_cues_in(text, start, end):
        at = start + rel
        if tok in "“«":
            depth += 1
            continue
        if tok in "”»":
            depth = max(0, depth - 1)
            last_close = at + 1
            continue
        if tok == '"':
            depth = 0 if depth else 1
            if not depth:
                last_close = at + 1
            continue
        if depth or tok.lower() not in CUE_VERBS:
            continue
        if _PASSIVE.ends(text, max(last_close, pos), at) or _DETERMINER.ends(text, max(last_close, pos), at):
            continue
        subj = _subject_before(text, max(last_close, start), at)
        if subj is not None:
            out.append(subj)
        pos = at
    return out


# A sentence opened by a conjunction: "And then Trump went on the attack, saying …".
_CONJUNCTION_OPENER = re.compile(r"(?:(?:And|But|Yet|So|Then|Now|Still|Also)(?:\s+(?:then|now|also|so|still|yet))?\s+)(?=[A-Z])")


# The first lowercase word after white space that looks like a verb: a past form, an
# auxiliary or a reporting verb (a whole run of `[a-z]`, then no word character).
_FIRST_VERB = re.compile(rf"\s(?:[a-z]*ed|{alternation(_AUX | frozenset(w for w in PARTIAL_CUES if ' ' not in w))})\b")


def sentence_subject(text: str, sent_start: int, limit: int) -> Mention | None:
    """The subject of a sentence: its first noun phrase after any introductory phrase."""
    limit = local_end(text, sent_start, limit)  # a subject stands at its sentence's start
    seg = text[sent_start:limit]
    intro = _INTRO.match(seg)
    found = _subject_at(text, sent_start + (intro.end() if intro else 0), limit, sent_start)
    if found is None and intro and intro.end():
        # The "introductory phrase" may be the clause itself: "And then Trump went fully on
        # the attack, saying …" (a conjunction, then a name).
        conj = _CONJUNCTION_OPENER.match(seg)
        if conj:
            found = _subject_at(text, sent_start + conj.end(), limit, sent_start)
    return found


# _subject_at's patterns, compiled once (it runs on nearly every sentence).
_PRONOUN_OPENS = re.compile(r"(He|She|They|We|I)\b")
_ASIDE_NAME = re.compile(r"([^,“”\"]{3,80}),\s+([^,“”\"]{3,60}),\s")
_POSSESSIVE_OPENS = re.compile(r"((?:[Tt]he\s+)?[\w.-]+(?:\s+[A-Z][\w.-]*)*[’'](?:s)?)((?:\s+[a-z-]+){1,3})\s+[a-z]")
_THE_NAME = re.compile(r"[Tt]he\s+[A-Z][\w.&’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.&’'-]*)*(?=\s+([a-z]+))")
_ARTICLE_OPENS = re.compile(r"(?:[Tt]he|[Aa]n?)\s")
_WORD_RUN = re.compile(r"[\w’'-]+")


def _subject_at(text: str, off: int, limit: int, sent_start: int) -> Mention | None:
    """sentence_subject once the introductory phrase is skipped (`off`), in the
    sentence text[sent_start:limit]."""
    rest = text[off:limit]
    pron = _PRONOUN_OPENS.match(rest)
    if pron:
        return Mention(off, off + pron.end(), pron.group())
    # The subject of the sentence's first reporting verb, if it opens the sentence.
    cue = _first_cue_in(text, off, min(limit, off + 220), sent_start, limit)
    if cue is not None and not _PASSIVE.ends(text, off, off + cue.start()):
        subj = _subject_before(text, off, off + cue.start())
        if subj is not None and not text[off : subj.start].strip(" ,"):
            return subj
        if subj is not None and _is_full_name(subj.text) and _is_description(text[off : subj.start].strip(" ,")):
            return subj
    # "The Greens’ parliamentary leader, Katharina von Essen, accused …"
    # (its first comma, which ends the description, stands 3 to 80 characters in)
    aside = _ASIDE_NAME.match(rest) if rest.find(",", 0, 81) >= 3 else None
    if aside and _is_description(aside.group(1)) and _is_full_name(aside.group(2)):
        name = _name_core(aside.group(2))
        a = off + aside.start(2) + aside.group(2).index(name)
        return Mention(a, a + len(name), name)
    # "Tillery's campaign posted …", "the mayor's office said": a possessive description.
    poss = _POSSESSIVE_OPENS.match(rest) if "’" in rest or "'" in rest else None
    if poss:
        words = poss.group(2).split()
        for k in range(len(words), 0, -1):  # "X's right-hand woman rallied": the head noun ends it
            if words[k - 1] in ORG_HEADS or words[k - 1] in ROLE_NOUNS or words[k - 1] in DESCRIPTION_HEADS or words[k - 1] in PERSON_NOUNS:
                phrase = poss.group(1) + " " + " ".join(words[:k])
                return Mention(off, off + len(phrase), phrase)
    # A name phrase at the start, possibly with its titles: "US President Donald Trump,"
    phrase = _leading_name_phrase(rest)
    if phrase and looks_like_speaker(phrase):
        return Mention(off, off + len(phrase), phrase)
    # "the FBI lists …", "The Washington Post ran …": a capitalised name after "the".
    named = _THE_NAME.match(rest)
    noun_after = named is not None and (named.group(1) in ORG_HEADS or named.group(1) in ROLE_NOUNS or named.group(1) in DESCRIPTION_HEADS)
    if named is not None and not noun_after and looks_like_speaker(named.group()):
        return Mention(off, off + named.end(), named.group())
    # "The ministry said …" / "A spokesman for X said"
    d = _ARTICLE_OPENS.match(rest)
    if d:
        # The description up to its head noun: "A woman who works nearby", "the Interior Ministry".
        for w in islice(_WORD_RUN.finditer(rest), 1, 7):
            lw = w.group().lower()
            if lw in ROLE_NOUNS or lw in PERSON_NOUNS or lw in ORG_HEADS or lw in DESCRIPTION_HEADS:
                if compiled(r"[’']s\b").match(rest[w.end() :]):
                    return None  # "the ministry’s spokesman …": the possessor is not the subject
                phrase = rest[: w.end()]
                return Mention(off, off + len(phrase), phrase) if looks_like_speaker(phrase) else None
    # Last: "Attorneys for Clinton appeared to …", "His campaign protested …": the words up to
    # the first verb.
    # (a verb: a past form, an auxiliary or a reporting verb; "teachers" is no verb)
    verb = _FIRST_VERB.search(text, off, min(limit, off + 160))
    phrase = rest[: verb.start() - off] if verb is not None else ""
    if phrase and len(phrase.split()) <= 7 and not phrase.rstrip().endswith(("’s", "'s")) and looks_like_speaker(phrase):
        first_word = phrase.split()[0].lower()
        if first_word not in _CLAUSE_OPENERS and not _ADV_RE.match(first_word):
            return Mention(off, off + len(phrase), phrase)
    return None


def _sentence_start(analysis: Analysis, pos: int, floor: int) -> int:
    s = analysis.sentence_at(pos)
    return max(s.start, floor) if s is not None else floor


def _sentence_end(analysis: Analysis, pos: int, ceiling: int) -> int:
    s = analysis.sentence_at(pos)
    return min(s.end, ceiling) if s is not None and pos < s.end else ceiling


class _LastWordIn:
    """Does a string end with one of some short words and then white space?

    `re.search(r"\b(?:w1|w2…)\\s+$", s)`, started where such a word can begin
    at the earliest: the pattern would otherwise be tried at every position of
    long sentence prefixes. (`\b` still sees the character before the start.)
    """

    def __init__(self, words: str, flags: int = re.I) -> None:
        self._re = re.compile(rf"\b(?:{words})\s+$", flags)
        self._longest = max(map(len, words.split("|")))

    def search(self, s: str) -> re.Match[str] | None:
        return self._re.search(s, max(0, len(s.rstrip()) - self._longest))

    def ends(self, text: str, start: int, end: int) -> bool:
        """`search(text[start:end])`, without copying a long prefix for every cue."""
        k = end
        while k > start and text[k - 1].isspace():
            k -= 1
        if k - self._longest <= start:
            return self.search(text[start:end]) is not None  # short: the slice is cheap, and \b sees its start
        return self._re.search(text, k - self._longest, end) is not None


# "had been posted to several cities": a passive verb is no reporting cue.
_PASSIVE = _LastWordIn("been|be|being|is|are|was|were|get|got")


# "accused them of writing …": a gerund after a preposition is no reporting verb.
_AFTER_PREPOSITION = _LastWordIn("of|for|by|about|without|after|before|in|on|from|at|with|while|when", flags=0)


# "the charges were …": after a determiner a cue word is a noun.
_DETERMINER = _LastWordIn("the|a|an|his|her|their|its|these|those|this|that|our|my|your")


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 (the last one is wanted)
        pass
    return found


_RELATIVE_OPEN = re.compile(r",\s+(?:which|who|whom)\s")


def _in_closed_relative(before: str, pos: int) -> bool:
    """Whether `pos` lies in a ", which …," clause that closes before the end of `before`."""
    opened = _last(_RELATIVE_OPEN.finditer(before, 0, pos))
    return opened is not None and "," not in before[opened.end() : pos] and "," in before[pos:]


# A name (or a name's role: "Rubio’s campaign chief") right before a participle cue.
_GERUND_SUBJECT = re.compile(r"(?<![\w’'])((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+(?:[’']s(?:\s+[a-z]+){1,2})?)\s+(?:[a-z]+ly\s+)?$")


# "was asked (by X) whether …": a question put to the subject, not the subject's words.
_ASKED = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:asked|pressed|questioned|quizzed)"
    r"(?:\s+by\s+([^,;“”\"]{2,80}?))?\s+(?:whether|if|about|why|how|what|when|where|who)\b"
)


_PARTIAL_CUE_SCANS = _whole_word_scans(alternation(frozenset(w for w in PARTIAL_CUES if " " not in w)))


def _partial_cue_words(s: str) -> list[re.Match[str] | _CueMatch]:
    r"""The `\b[\w’'-]+\b` words of `s` that lower to a partial cue, as written: found in
    the lowered string (see `_VERB_WORDS`), or word by word when lowering lengthens it."""
    low = s.lower()
    if len(low) != len(s):
        return [m for m in compiled(r"\b[\w’'-]+\b").finditer(s) if m.group().lower() in PARTIAL_CUES]
    return [_CueMatch(a, b, s[a:b]) for a, b in sorted(_whole_words(_PARTIAL_CUE_SCANS, low))]


def _attribute_partial(text: str, sent_start: int, open_mark: int, close_end: int, sent_end: int) -> Attribution | None:
    """A fragment quoted inside reported speech: the reporting clause's subject said it."""
    sent_start = local_start(text, sent_start, open_mark)
    sent_end = local_end(text, close_end, sent_end)
    # Words inside earlier quotes in the sentence are not cues ("… “state staffing …” …").
    before = compiled(r"“[^”]*”|\"[^\"]*\"").sub(lambda m: " " * len(m.group()), text[sent_start:open_mark])
    cues = [
        m
        for m in _partial_cue_words(before)
        if not m.group()[0].isupper()
        and not _PASSIVE.ends(before, 0, m.start()) and not _DETERMINER.ends(before, 0, m.start())
        and not compiled(r"[’']s\s+$").search(before, max(0, m.start() - 4), m.start())  # "Kessler’s comments": a noun
    ]
    # "fired back that …", "put it": phrasal cues, as the cue finder reads them.
    cues += [m for m in _PHRASAL_CUE_RE.finditer(before) if " " in m.group() and not _PASSIVE.ends(before, 0, m.start())]
    cues += [m for m in compiled(r"\bwarned of\b|\bspoke of\b|\baccording to\b|\bbased on\b", re.I).finditer(before)]
    # "accused them of writing …": a gerund after a preposition is no reporting verb.
    cues = [m for m in cues if not (m.group().endswith("ing") and _AFTER_PREPOSITION.ends(before, 0, m.start()))]
    # "his plan, which the Tax Foundation says would cost $170 billion, would risk “…”":
    # a cue inside a relative clause closed before the quote reports something else.
    cues = [m for m in cues if not _in_closed_relative(before, m.start())]
    if not cues:
        # "He anticipated that … “…”": any verb with a that-clause holding the quote.
        cues = [m for m in compiled(r"\b[a-z]{3,}(?:ed|es|s)(?=\s+that\b)").finditer(before if "that" in before else "") if not _PASSIVE.ends(before, 0, m.start()) and not _DETERMINER.ends(before, 0, m.start())]
    cues.sort(key=lambda m: m.start())
    after = text[close_end:sent_end]
    # "… “very decent man” Tuesday, hours after the staffer was charged": a passive is no cue.
    after_cue = next((c for c in _CUE_RE.finditer(after) if not _PASSIVE.ends(after, 0, c.start())), None)
    # (patterns tried at every position, only on a clause that holds their words)
    agent = compiled(r"\bby\s+((?:a|an|the|one|some|several|many)\s+[\w’' -]{2,60}?|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|[a-z]+)\s+as\s+(?:a\s+|an\s+|the\s+)?$").search(before) if "by" in before and "as" in before else None
    if agent and looks_like_speaker(agent.group(1)):
        # "whose voice was described by a critic as “a cathedral …”": the agent said it.
        a = sent_start + agent.start(1)
        return Attribution("described", Mention(a, a + len(agent.group(1)), agent.group(1)), "partial", 0.7)
    asked = _last(_ASKED.finditer(before)) if "asked" in before or "pressed" in before or "questioned" in before or "quizzed" in before else None
    if asked is not None and not any(c.start() >= asked.end() and c.group().lower() in _CORE_SPEECH for c in cues):
        # "Rubio was asked by moderator Gerard Baker whether his plan would risk “…”": the
        # words are the question's, the asker's; asked by nobody named, they are no one's here.
        if asked.group(1) is None:
            return Attribution("asked", None, "partial", 0.5)
        m = _mention_in(text, sent_start + asked.start(1), sent_start + asked.end(1))
        if m is not None and looks_like_speaker(m.text):
            return Attribution("asked", m, "partial", 0.7)
    opener = compiled(r"\s*(Citing|Saying|Calling|Describing|Noting|Arguing|Warning|Praising|Quoting|Insisting|Claiming|Declaring|Dismissing|Branding|Labeling|Labelling)\b").match(before)
    if opener and "," not in before[opener.end() :].replace("”,", "").replace('",', ""):
        # "Citing the attack and their “reveries …,” Will urged …": a participle clause
        # opening the sentence has the main clause's subject.
        comma = text.find(",", close_end - 2, sent_end)
        main_start = max(comma + 1, close_end)
        while main_start < sent_end and text[main_start].isspace():
            main_start += 1
        main = sentence_subject(text, main_start, sent_end) if comma != -1 else None
        if main is not None:
            return Attribution(opener.group(1).lower(), main, "partial", 0.7)
    passive = search_end(compiled(r"\b(?:labeled|labelled|called|described|dubbed|branded|termed|deemed|denounced)\s*$"), before, 1)
    by_agent = compiled(r"\s*,?\s*by\s+((?:the|a|an)\s+)?(?:[A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*){0,5}|[a-z]+(?:\s+[a-z]+)?)").match(text, close_end, sent_end)
    if passive and by_agent:
        # "labeled “top secret” by the State Department": the agent said it.
        m = _mention_in(text, by_agent.start() + by_agent.group().index("by") + 2, by_agent.end())
        if m is not None and looks_like_speaker(m.text):
            return Attribution(passive.group(), m, "partial", 0.7)
    # The nearest reporting verb whose subject is a speaker: "a source … said the parts
    # … suggested “…”" belongs to the source, "37 percent say … “…”" to the 37 percent.
    for k in range(len(cues) - 1, -1, -1):
        cue = cues[k]
        low = cue.group().lower()
        if low in ("according to", "based on"):
            # "According to X, …", "Based on the statement released by X, …"
            m = _subject_after(text, sent_start + cue.end(), open_mark)
            if m:
                return Attribution(low, m, "partial", 0.7)
            continue
        if low.endswith("ing"):
            # "with many marchers chanting “…”": the noun phrase the participle follows;
            # "…, he said, adding that …", "said X, urging …": whoever the reporting
            # verb before it has, else the sentence's subject.
            with_np = compiled(r"\bwith\s+((?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+$").search(text, sent_start, sent_start + cue.start())
            subj = None
            if with_np is not None and looks_like_speaker(with_np.group(1)):
                subj = Mention(with_np.start(1), with_np.end(1), with_np.group(1))
            own_np = _GERUND_SUBJECT.search(text, sent_start, sent_start + cue.start())
            if subj is None and k == 0 and own_np is not None and own_np.start(1) > sent_start and looks_like_speaker(own_np.group(1)):
                # "… think of Carson privately saying “pray for him”", "the clip shows Warren
                # saying “…”": the name right before the participle is who says it (inside
                # someone's report, "Christie said Trump's tweet saying …", the report's)
                subj = Mention(own_np.start(1), own_np.end(1), own_np.group(1))
            # "Shortly after X's call ended, Rubio’s campaign sent out a release saying …":
            # the clause the participle hangs on has its own subject.
            cue_at = sent_start + cue.start()
            clause_start = max(sent_start, text.rfind(",", sent_start, cue_at) + 1)
            if not text[clause_start:cue_at].strip() and clause_start > sent_start:
                # "…, though last week he used stronger language, saying …": the segment before
                clause_end = clause_start - 1
                clause_start = max(sent_start, text.rfind(",", sent_start, clause_end) + 1)
                cue_at = clause_end
            if subj is None and text[clause_start:cue_at].strip():
                segment_start = clause_start + len(text[clause_start:cue_at]) - len(text[clause_start:cue_at].lstrip())
                segment_start += len(_strip_leading_conjunction(text[segment_start:cue_at]))
                pronoun = compiled(r"(?:.*?\s)?(he|she)\s+(?!\w+ed\s+him|her\b)", re.I).match(text, segment_start, cue_at)
                if pronoun is not None and not compiled(r"\b(?:he|she)\b", re.I).search(text, segment_start, pronoun.start(1)):
                    subj = Mention(pronoun.start(1), pronoun.end(1), pronoun.group(1))
            segment = text[clause_start:cue_at].strip(" ,")
            if clause_start > sent_start and _is_full_name(segment):
                segment = ""  # "… his rival, Hillary Clinton, saying …": an appositive, not a clause
            if subj is None and segment:
                own = sentence_subject(text, clause_start + len(text[clause_start:]) - len(text[clause_start:].lstrip()), cue_at)
                if own is not None and not _is_pronoun(own.text) or own is not None and own.text.lower() in ("he", "she"):
                    subj = own
            subj = subj or _earlier_speaker(text, sent_start, cues[:k]) or sentence_subject(text, sent_start, open_mark)
        else:
            subj = _subject_before(text, sent_start, sent_start + cue.start())
            if low in _FINITE_CUES and compiled(r",\s*$").search(text, sent_start, sent_start + cue.start()):
                # "The paradox, says Carl Anthony, a historian, is that she was “…”": an
                # inverted aside names the speaker after its verb, when a name follows it.
                after_verb = _subject_after(text, sent_start + cue.end(), _sentence_clause_end(text, sent_start + cue.end()))
                if after_verb is not None and _is_full_name(after_verb.text) and (subj is None or not _is_full_name(subj.text)):
                    subj = after_verb
        if subj is not None and low not in _CORE_SPEECH and k > 0:
            # "Chief Whitlock said investigators believed the fight “spilled out …”",
            # "critics say he had proposed to “dismantle” it": the words inside what a
            # speaker reports are the speaker's quote, unless the inner verb is itself
            # one of saying ("Roe said Doe called it “a farce”").
            outer = next((c for c in reversed(cues[:k]) if c.group().lower() in CUE_VERBS and not c.group().lower().endswith("ing")), None)
            outer_subj = _subject_before(text, sent_start, sent_start + outer.start()) if outer is not None else None
            # "Cruz said he'd make it glow, and Trump vowed to “bomb …”": coordinated, not embedded.
            coordinated = outer is not None and compiled(r",\s*(?:and|but|while|whereas|yet|who|whom|which)\s|;").search(text, sent_start + outer.end(), subj.end) is not None
            if outer_subj is not None and not coordinated:
                return Attribution(outer.group(), outer_subj, "partial", 0.7)  # type: ignore[union-attr]
        if subj is not None:
            return Attribution(cue.group(), subj, "partial", 0.75)
    if cues:
        subj = sentence_subject(text, sent_start, open_mark)
        if subj is not None:
            return Attribution(cues[-1].group(), subj, "partial", 0.6)
        return Attribution(cues[-1].group(), None, "partial", 0.5)
    came = compiled(r"\s+(?:\w+\s+){0,2}(?:came|comes|come)\s+from\s+((?:the|a|an)\s+[^,.;“”\"]{2,60}?|[A-Z][^,.;“”\"]{1,60}?)(?=[,.;]|\s+(?:and|but|which|who)\b|$)").match(text, close_end, sent_end)
    if came is not None and looks_like_speaker(came.group(1)):
        # "The “90 to 95 percent” figure came from the Clinton campaign": its source.
        return Attribution("came from", Mention(came.start(1), came.end(1), came.group(1)), "partial", 0.7)
    if after_cue is not None and after_cue.group().lower() in _FINITE_CUES and compiled(r",\s*$").search(after, 0, after_cue.start()):
        # "… has used “velvet gloves” in its dealings, said Nargis Kassen, an expert …"
        inverted = _subject_after(text, close_end + after_cue.end(), sent_end)
        if inverted is not None and not _is_pronoun(inverted.text):
            return Attribution(after_cue.group(), inverted, "partial", 0.7)
    if after_cue:
        subj = _subject_before(text, close_end, close_end + after_cue.start())
        if subj is None:
            subj = sentence_subject(text, sent_start, open_mark)
        if subj is not None:
            return Attribution(after_cue.group(), subj, "partial", 0.6)
    # No reporting verb at all: "The committee released a statement, offering “a deep
    # apology”". Whoever the sentence is about most likely said it; a weak guess that
    # the confidence shows.
    subj = None
    comma = text.rfind(",", sent_start, open_mark)
    if comma != -1 and text[comma + 1 : open_mark].strip():
        # "…, although she made it clear that she has “serious concerns”": the clause's own subject
        start = comma + 1 + len(text[comma + 1 : open_mark]) - len(text[comma + 1 : open_mark].lstrip())
        start += len(_strip_leading_conjunction(text[start:open_mark]))
        lead = compiled(r"(he|she)\b(?!\s*[,’'])", re.I).match(text, start, open_mark)
        subj = Mention(start, lead.end(), lead.group()) if lead else None
    subj = subj or sentence_subject(text, sent_start, open_mark)
    if subj is not None and (subj.text.lower() in ("he", "she") or not _is_pronoun(subj.text)) and (
        subj.text.lower() in ("he", "she")
        or _is_full_name(subj.text)
        or " " not in subj.text and _name_word(subj.text) and subj.text.lower() not in NON_NAME_CAPS
        or subj.text.split()[0].lower() == "the" and (_name_word(subj.text.split()[-1]) or _is_description(subj.text))
    ):
        return Attribution("", subj, "subject", 0.4)
    return None


def _strip_leading_conjunction(clause: str) -> str:
    """The conjunction that opens a clause ("although ", "and "), or ""."""
    m = compiled(r"(?:although|though|while|and|but|because|as|since|when|whereas|even though)\s+", re.I).match(clause)
    return m.group() if m else ""


def _earlier_speaker(text: str, sent_start: int, cues: Sequence[re.Match[str] | _CueMatch]) -> Mention | None:
    """The subject of the last finite reporting verb among `cues`, before it or (inverted) after it."""
    for cue in reversed(cues):
        if cue.group().lower().endswith("ing"):
            continue
        a = sent_start + cue.start()
        subj = _subject_before(text, sent_start, a)
        if subj is None and not text[sent_start:a].strip(" ,“”\"") or subj is None and compiled(r"[”\"]\s*,?\s*$|,[”\"]\s*$").search(text, sent_start, a):
            subj = _subject_after(text, sent_start + cue.end(), _sentence_clause_end(text, sent_start + cue.end()))
        if subj is not None:
            return subj
    return None


def _sentence_clause_end(text: str, pos: int) -> int:
    nxt = compiled(r"[,;.!?“”\"]").search(text, pos)
    return nxt.start() if nxt else len(text)


_WORK_NOUNS = re.compile(
    r"\b(?:book|novel|film|movie|documentary|song|single|album|show|series|episode|play|musical|poem|"
    r"essay|article|column|report|paper|study|podcast|opera|painting|exhibition|exhibit|titled|entitled|"
    r"called|named|dubbed|operation|bill|act|campaign|slogan|hashtag|headline|memoir|speech|track)\s*,?\s*$",
    re.I,
)


def _title_case(words: list[str]) -> bool:
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is"}
    return bool(words) and all(w[:1].isupper() or w.lower() in small or not w[:1].isalpha() for w in words) and words[0][:1].isupper()


def _is_scare(words: list[str], inner: str, before: str, after: str) -> bool:
    """A scare quote: “so-called” words, or a short quoted modifier of the noun that
    follows (a “cash register” jail) with nobody reported as saying it."""
    if search_end(compiled(r"\bso-called\s*$|\bso called\s*$", re.I), before, 2):
        return True
    if len(words) > 3 or search_end(compiled(r"[.,!?]$"), inner, 1):
        return False
    cue_before = any(m.group().lower() in PARTIAL_CUES for m in compiled(r"[\w’'-]+").finditer(before)) or compiled(r"\baccording to\b", re.I).search(before)
    return bool(compiled(r"\s*[a-z]").match(after)) and not cue_before and not compiled(r"\s*(?:said|says|told|added)\b").match(after)


def _is_title(words: list[str], inner: str, before: str, after: str) -> bool:
    """The quoted title of a work: “The Salt Orchard,” / the film “Midnight on Sunset.”"""
    if not words or len(words) > 25 or not _title_case(words) or inner.isupper():
        return False
    said = search_end(compiled(r"\b([a-z]+)\s*[,:]?\s*$"), before, 2)
    if said is not None and said.group(1) in CUE_VERBS:
        return False  # chanting "Bernie or Jill, No Hill": what was said, in title case
    if search_end(compiled(r"[?!]$"), inner, 1) or compiled(r"[.?!]\s+\S").search(inner):
        return False
    if search_end(_WORK_NOUNS, before, 2):
        return True  # titled “Daily Step Count and Incident Dementia …”: titles may be long
    if len(words) > 12:
        return False
    # Several capitalised words mid-sentence with no reporting cue around them.
    if len(words) >= 2 and not _CUE_RE.search(after[:40]) and bool(search_end(compiled(r"[\w,]\s*$"), before, 1)):
        return True
    # “Sweet Water Road” spent 11 weeks …: a title opening the sentence, then its verb.
    nxt = compiled(r"\s+([a-z][\w-]*)").match(after)
    return (
        len(words) >= 2
        and not before.strip()
        and not search_end(compiled(r"[.,]$"), inner, 1)
        and nxt is not None
        and _verb_like(nxt.group(1))
        and not _CUE_RE.search(after[:40])
    )


_HEADLINE_CUES = "Says|Said|Tells|Told|Warns|Warned|Claims|Claimed|Vows|Vowed|Insists|Admits|Urges|Asks|Declares|Calls|Writes|Wrote|Tweets|Tweeted|Adds|Argues|Predicts|Promises|Pledges|Charges|Accuses|Blasts|Slams"


def _longer_than(text: str, a: int, b: int, n: int) -> bool:
    """`len(text[a:b].strip()) > n`, the line not copied: the tests of a headline below
    are answered by it for most paragraphs, longer than a headline can be."""
    if b - a <= n:
        return False
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return b - a > n


# The longest a headline can be: in title case, and any (an all-caps line, a teaser).
_TITLE_CASE_MAX = 200
_HEADLINE_MAX = 300


@lru_cache(maxsize=64)  # (asked again for each quote of a paragraph)
def _title_case_line(line: str) -> bool:
    """A headline in title case: short, no sentence inside, most words capitalised."""
    s = line.strip()
    if not s or len(s) > _TITLE_CASE_MAX or compiled(r"[a-z][.!?]\s+[A-Z]").search(s):
        return False
    words = [w for w in compiled(r"[A-Za-z][\w’'-]*").findall(compiled(r"[“\"«][^”\"»]*[”\"»]").sub(" ", s)) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _headline_attribution(text: str, ps: int, pe: int, open_mark: int, close_end: int) -> Attribution | None:
    """Who a headline credits a quote to: "Okonjo Says “…”", "“…,” Says Okonjo", "“…”: Okonjo"."""
    before = compiled(rf"((?:[A-Z][\w.’'-]*\s+){{0,4}}?[A-Z][\w.’'-]*)\s+({_HEADLINE_CUES})\s*:?\s*$").search(text, ps, open_mark)
    if before is not None and looks_like_speaker(before.group(1)):
        m = _mention_in(text, before.start(1), before.end(1))
        if m is not None:
            return Attribution(before.group(2).lower(), m, "before", 0.8)
    after = compiled(rf"[,:]?\s+({_HEADLINE_CUES})\s+((?:[A-Z][\w.’'-]*\s+){{0,4}}[A-Z][\w.’'-]*)").match(text, close_end, pe)
    if after is not None and looks_like_speaker(after.group(2)):
        m = _mention_in(text, after.start(2), after.end(2))
        if m is not None:
            return Attribution(after.group(1).lower(), m, "inverted", 0.8)
    subject_first = compiled(rf"[,:]?\s+((?:[A-Z][\w.’'-]*\s+){{0,4}}?[A-Z][\w.’'-]*)\s+({_HEADLINE_CUES})\b").match(text, close_end, pe)
    if subject_first is not None and looks_like_speaker(subject_first.group(1)):
        m = _mention_in(text, subject_first.start(1), subject_first.end(1))
        if m is not None:
            return Attribution(subject_first.group(2).lower(), m, "after", 0.8)
    return None


@lru_cache(maxsize=64)  # (asked again for each quote of a paragraph)
def _headline(line: str) -> bool:
    """Page furniture: an all-caps line, or a teaser headline that opens with a quoted
    phrase and a colon ("‘A miracle’: Hiker rescued after four days")."""
    s = line.strip()
    if len(s) > _HEADLINE_MAX:
        return False  # headlines are short
    # (Of a line whose commonest lowercase letters make a fifth of its characters, at most
    # four fifths of the letters can be capitals: counted in C first, they spare most
    # lines the reading of every letter.)
    if sum(map(s.count, "etaoins")) * 5 < len(s):
        letters = list(filter(str.isalpha, s))  # (map and filter: the loop runs in C)
        if letters and sum(map(str.isupper, letters)) / len(letters) > 0.8 and len(letters) > 12:
            return True
    return bool(compiled(r"[“\"‘'«][^”\"’'»]{1,40}[”\"’'»]:\s+[A-Z]").match(s)) and not compiled(r"[.!?][\"'”’»)]*$").search(s) and len(s.split()) <= 16


def direct_quotations(text: str, analysis: Analysis) -> Iterator[Quote]:
    """Yield every quotation in `text`, with its kind, cue and speaker mention."""
    spans = find_spans(text)
    paras = _paragraphs(text)
    top = [s for s in spans if s.nested_in is None]
    results: list[Quote] = []
    last_stmt: Quote | None = None
    stmts_seen = 0
    headline_end = paras[0][1] if len(paras) > 1 and _is_headline_line(text[paras[0][0] : paras[0][1]]) else 0
    for idx, sp in enumerate(top):
        ps, pe = paras[sp.para]
        ps, pe = local_start(text, ps, sp.open), local_end(text, min(sp.close + sp.close_len, pe), pe)
        # Spans are in text order: the neighbours in the same paragraph bound this quote's context.
        prev = top[idx - 1] if idx > 0 else None
        nxt = top[idx + 1] if idx + 1 < len(top) else None
        prev_close = prev.close + prev.close_len if prev is not None and prev.para == sp.para else ps
        next_open = nxt.open if nxt is not None and nxt.para == sp.para else pe
        inner = text[sp.start : sp.end]
        words = _WORD.findall(inner)
        sent_start = _sentence_start(analysis, sp.open, ps)
        close_end = min(sp.close + sp.close_len, pe)
        before_text = text[max(sent_start, prev_close) : sp.open]
        at_para_start = not text[ps : sp.open].strip()
        mid_sentence = bool(search_end(compiled(r"[\w’')]\s*$"), before_text, 1)) and not search_end(compiled(r"[,:—–]\s*$"), before_text, 1)
        ends_open = bool(search_end(compiled(r"[,?!—–-]$"), inner, 1)) or bool(compiled(r"\s*,").match(text[close_end:pe]))

        attribution: Attribution | None = None
        kind = KIND_FULL
        if not _longer_than(text, ps, pe, _TITLE_CASE_MAX) and _title_case_line(text[ps:pe]):
            # "Okonjo Says “We Will Appeal” After Ruling": in a headline every word is
            # capitalised, the cue too, and a quoted phrase is no title of a work.
            said = _headline_attribution(text, ps, pe, sp.open, close_end)
            if said is not None:
                results.append(_quote(text, sp, KIND_FULL, said, analysis))
                continue
        if _is_title(words, inner, before_text, text[close_end:pe]):
            results.append(_quote(text, sp, KIND_TITLE, None, analysis))
            continue
        after_word = compiled(r"\s+([a-z][\w’'-]*)").match(text[close_end:pe])
        if (
            len(words) <= 3
            and not before_text.strip()
            and not search_end(compiled(r"[.,!?;:]$"), inner, 1)
            and after_word is not None
            and after_word.group(1) in _AUX
            and not _CUE_RE.match(after_word.group(1))
        ):
            # “Right-sizing” is doing a lot of work: a word talked about, not said.
            results.append(_quote(text, sp, KIND_SCARE, None, analysis))
            continue
        if not _longer_than(text, ps, pe, _HEADLINE_MAX) and _headline(text[ps:pe]):
            # "‘A miracle’: Hiker rescued after four days": a quoted word in a headline.
            results.append(_quote(text, sp, KIND_SCARE, None, analysis))
            continue
        # "When someone in the audience shouted, “Cruz,” Beck joked": a reporting verb
        # right before the opening mark is the quote's own; try it first.
        cue_before = search_end(compiled(r"\b([a-z]+(?:\s+(?:back|in|out|up))?)\s*[,:]\s*$"), before_text, 3)
        if cue_before is not None and cue_before.group(1) in CUE_VERBS and not mid_sentence:
            attribution = _attribute_before(text, max(sent_start, prev_close), sp.open)
        # 1. After the closing mark.
        if attribution is None and sp.closed and (ends_open or not mid_sentence):
            attribution = _attribute_after(text, close_end, next_open)
        # 2. Before the opening mark.
        if attribution is None and not mid_sentence:
            attribution = _attribute_before(text, max(sent_start, prev_close), sp.open)
        if attribution is None and at_para_start and sp.para > 0:
            # "…, the Sheriff’s Office said:" closing the previous paragraph.
            pps, ppe = paras[sp.para - 1]
            if text[pps:ppe].rstrip().endswith(":") and not find_spans(text[pps:ppe]):
                colon = pps + len(text[pps:ppe].rstrip())
                attribution = _attribute_before(text, _sentence_start(analysis, colon - 1, pps), colon)
        if attribution is None and sp.closed and not text[close_end:pe].strip(" .,") and not text[ps : sp.open].strip() and sp.para + 1 < len(paras):
            # A quote paragraph signed on the next line: "— Marcus Webb." / "-Gov. Ellen
            # Park, tweeting after the debate" / an embedded post's "— Name (@handle) date".
            attribution = _signed_below(text, paras[sp.para + 1])
        possessed = _possessive_speech(text, max(sent_start, prev_close), sp.open, close_end, pe)
        if attribution is None and possessed is not None:
            # "Lindqvist’s “keep your doctor” promise", "Doe’s warning that “…”"
            results.append(_quote(text, sp, KIND_PARTIAL if mid_sentence else KIND_FULL, possessed, analysis))
            continue
        # 3. Inside reported speech: a partial quote.
        nickname = bool(search_end(compiled(r"\b[A-Z][\w.’'-]*\s+$"), before_text, 1)) and bool(compiled(r"\s+[A-Z][\w’'-]+").match(text[close_end:pe])) and len(words) <= 3 and _title_case(words)
        if nickname:
            # Marcus “Big Mac” Delahunt: a nickname inside a name, not a statement.
            results.append(_quote(text, sp, KIND_SCARE, None, analysis))
            continue
        ends_sentence = bool(search_end(compiled(r"[.!?][\"'”’»)]*\s*$"), before_text, 1))
        if mid_sentence or (attribution is None and before_text.strip() and not ends_sentence and not at_para_start and len(words) <= 12 and not search_end(compiled(r"[:,]\s*$"), before_text, 1)):
            if search_end(_WORK_NOUNS, before_text, 2) and _title_case(words) and len(words) <= 12:
                results.append(_quote(text, sp, KIND_TITLE, None, analysis))
                continue
            part = _attribute_partial(text, sent_start, sp.open, close_end, _sentence_end(analysis, sp.close, pe))
            # A few quoted words inside a clause that reports what a named speaker said
            # ("Trump brought it up as “very fishy”") are that speaker's words, a mixed
            # quotation; without such a clause they are scare quotes.
            mixed = part is not None and part.mention is not None and not search_end(compiled(r"\bso[- ]called\s*$", re.I), before_text, 2)
            if attribution is None and not mixed and _is_scare(words, inner, text[sent_start : sp.open], text[close_end:pe]):
                results.append(_quote(text, sp, KIND_SCARE, None, analysis))
                continue
            if attribution is None:
                if part is None and len(words) <= 3:
                    results.append(_quote(text, sp, KIND_SCARE, None, analysis))
                    continue
                attribution = part
                kind = KIND_PARTIAL
            elif mid_sentence:
                kind = KIND_PARTIAL
        if attribution is None and len(words) <= 2 and not at_para_start and not search_end(compiled(r"[.!?,]$"), inner, 1):
            results.append(_quote(text, sp, KIND_SCARE, None, analysis))
            continue
        q = _quote(text, sp, kind, attribution, analysis)
        if attribution is None:
            # the latest statement so far, kept up to date as results grow (not refiltered per quote)
            for r in results[stmts_seen:]:
                if r.end > headline_end and r.kind in (KIND_FULL, KIND_CONTINUATION, KIND_PARTIAL):
                    last_stmt = r
            stmts_seen = len(results)
            continued = _continues(last_stmt, sp, paras, text)
            narrated = _narrated_between(text, analysis, continued, sp.open) if continued is not None else None
            if narrated is not None:
                # "…,” says Garcia, a nurse. She says people should choose. “It is their
                # life …”: the sentence between names who goes on speaking.
                q = _quote(text, sp, KIND_FULL, narrated, analysis)
                results.append(q)
                continue
            reported = _reported_before(text, analysis, paras, sp) if continued is None else None
            if reported is not None:
                # "Trump was quick to add that …" ¶ “Building it? Not negotiable.”: the
                # reporting sentence that closes the paragraph before says who speaks.
                results.append(_quote(text, sp, KIND_FULL, reported, analysis))
                continue
            if continued is None:
                q = changed(q, kind=KIND_FULL)
            else:
                # The same speaker goes on: the continuation carries the mention its
                # statement's cue attaches to, so every attribution shows its evidence.
                q = changed(
                    q,
                    kind=KIND_CONTINUATION,
                    cue=continued.cue,
                    speaker_as_written=continued.speaker_as_written,
                    speaker_start=continued.speaker_start,
                    speaker_end=continued.speaker_end,
                    confidence=round(max(q.confidence, continued.confidence * 0.9), 3) if continued.speaker_as_written else q.confidence,
                )
        results.append(q)
    # Nested quotes ride along, marked as such.
    for sp in spans:
        if sp.nested_in is not None:
            results.append(_quote(text, sp, KIND_NESTED, None, analysis))
    if headline_end:
        # The first line, short and followed by the article, is its headline: its quotes
        # are the editor's rendering of words the body gives in full.
        results = [changed(q, kind=KIND_HEADLINE) if q.end <= headline_end and q.kind in (KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION) else q for q in results]
    results.sort(key=lambda q: q.start)
    yield from results


_SIGNATURE = re.compile(r"[ \t]*(?:[-—–]{1,2}|―)[ \t]*([A-Z@][^,(\n]{1,80}?)[ \t]*(?:\(@\w+\)|,|\.?[ \t]*$|[ \t]+(?:on|via|in)\s)")


def _signed_below(text: str, para: tuple[int, int]) -> Attribution | None:
    """ "— Marcus Webb." on the line after a quote: who signs it."""
    m = _SIGNATURE.match(text, para[0], para[1])
    if m is None:
        return None
    mention = _mention_in(text, m.start(1), m.end(1))
    if mention is None or mention.text.startswith("@") or not looks_like_speaker(mention.text) or _is_pronoun(mention.text):
        return None
    return Attribution("—", mention, "dash", 0.8)


# Nouns for what someone said: "Doe’s warning that “…”", "Doe’s “…” promise".
_SPEECH_NOUNS = (
    "promise|pledge|vow|claim|claims|warning|remark|remarks|comment|comments|statement|line|slogan|quip|boast|"
    "assertion|assurance|reply|response|retort|answer|argument|charge|accusation|description|words|message|mantra|"
    "motto|refrain|catchphrase|plea|demand|insistence|suggestion|prediction|admission|declaration|tweet|post|"
    "question|complaint|criticism|assessment|verdict|advice|joke|threat|call|rallying cry|battle cry|response|"
    "explanation|excuse|defense|defence|rationale|answer|take|view|conclusion|finding|findings|message"
)
_POSSESSOR_BEFORE = re.compile(
    rf"((?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w.-]*?)[’'](?:s)?\s+(?:(?:most\s+|latest\s+|first\s+|final\s+|new\s+|own\s+|[a-z]+(?:ive|ic|al|ous|ful|ent|ant|est)\s+){{0,2}}(?:{_SPEECH_NOUNS})\s*(?:that|:|,|(?:was|is|were)(?:\s+that|\s*:)?)?\s*)?$"
)
_POSSESSIVE_MARK = re.compile(r"[’']s?\s")
_SPEECH_BY = re.compile(
    rf"\b(?:{_SPEECH_NOUNS}|suggestion|insistence)\s+(?:by|from)\s+((?:the|a|an)\s+[\w’' -]{{2,50}}?|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})\s+that\s*$"
)
_PRONOUN_POSSESSOR = re.compile(
    rf"\b(his|her|their|His|Her|Their)\s+(?:[a-z]+\s+){{0,2}}(?:{_SPEECH_NOUNS})\b(?:[^“”\".;]{{0,70}}?\s)?that(?:\s+(?:he|she|they))?\s*$"
)
_SPEECH_NOUN_AFTER = re.compile(rf"\s+(?:{_SPEECH_NOUNS})\b")


def _possessive_speech(text: str, seg_start: int, open_mark: int, close_end: int, para_end: int) -> Attribution | None:
    """A quote owned by a possessive: "Lindqvist’s “keep your doctor” promise",
    "Doe’s warning that “…”", "Doe’s reply: “…”"."""
    lo = max(seg_start, open_mark - 140)
    # Both patterns end in "that" (and a pronoun): without that last word neither is tried.
    last_word = text[lo:open_mark].rsplit(None, 1)[-1:]
    that = last_word == ["that"]
    by = _SPEECH_BY.search(text, lo, open_mark) if that else None
    if by is not None and looks_like_speaker(by.group(1)):
        # "the suggestion by a potential president that someone “ought to look into” it"
        return Attribution("by", Mention(by.start(1), by.end(1), by.group(1)), "possessive", 0.6)
    pronoun = _PRONOUN_POSSESSOR.search(text, lo, open_mark) if that or last_word in (["he"], ["she"], ["they"]) else None
    if pronoun is not None:
        # "using her comments before a committee that “I was responsible …”", "her claim
        # that she “never sent …”": the possessive pronoun is the mention.
        return Attribution("’s", Mention(pronoun.start(1), pronoun.end(1), pronoun.group(1)), "possessive", 0.6)
    lo = max(seg_start, open_mark - 120)
    # (a possessor is written with an apostrophe, an "s" perhaps, then white space: most
    # clauses hold none, and the pattern would be tried at every capital)
    m = _POSSESSOR_BEFORE.search(text, lo, open_mark) if _POSSESSIVE_MARK.search(text, lo, open_mark) else None
    if m is None or not m.group(1).strip():
        return None
    # "Doe’s comments “make no sense”": without "that" or a colon the quote is what
    # someone says of the comments, not the comments.
    has_noun = bool(compiled(rf"(?:{_SPEECH_NOUNS})\s*(?:that|:|,|(?:was|is|were)(?:\s+that|\s*:)?)\s*$").search(m.group()))
    if not has_noun and not _SPEECH_NOUN_AFTER.match(text, close_end, para_end):
        return None
    mention = _mention_in(text, m.start(1), m.end(1))
    if mention is None or mention.text.split()[0].lower() in NON_NAME_CAPS or not looks_like_speaker(mention.text):
        return None
    return Attribution("’s", mention, "possessive", 0.7)


def _reported_before(text: str, analysis: Analysis, paras: list[tuple[int, int]], sp: Span) -> Attribution | None:
    """A quote with no cue of its own that opens a sentence right after narrative whose
    last sentence reports someone speaking: that someone. The narrative is the paragraph
    before ("Trump was quick to add that …" ¶ “Building it? Not negotiable.”) or the
    sentence before in the same paragraph ("Lynch announced the lawsuit on Monday. “We …”")."""
    ps = local_start(text, paras[sp.para][0], sp.open)
    same_paragraph = text[ps : sp.open].strip()
    if same_paragraph:
        if compiled(r"[“”\"]").search(text, ps, sp.open) or not compiled(r"[.!?]\s*$").search(same_paragraph):
            return None
        a, b = ps, ps + len(text[ps : sp.open].rstrip())
    else:
        if sp.para == 0:
            return None
        k = sp.para - 1
        while k >= 0 and _FURNITURE_LINE.match(text[paras[k][0] : paras[k][1]]):
            k -= 1
        if k < 0:
            return None
        a, b = paras[k]
        a = local_start(text, a, b)
        if compiled(r"[“”\"]").search(text, a, b):
            return None  # a paragraph with quotes of its own: continuations are decided elsewhere
    last = analysis.sentence_at(b - 1)
    s0 = max(a, last.start) if last is not None else a
    found: Attribution | None = None
    for cue in _CUE_RE.finditer(text[s0:b]):
        at = s0 + cue.start()
        if _PASSIVE.ends(text, s0, at):
            continue
        if cue.group().lower().endswith("ing"):
            # "Bolton distanced himself … by saying he would …": the sentence's subject
            subj = sentence_subject(text, s0, at)
        else:
            subj = _subject_before(text, s0, at) or sentence_subject(text, s0, at)
        if subj is not None and not (_is_pronoun(subj.text) and subj.text.lower() not in ("he", "she")):
            found = Attribution(cue.group(), subj, "before", 0.6)
            break
    return found


def _narrated_between(text: str, analysis: Analysis, previous: Quote, open_mark: int) -> Attribution | None:
    """A whole sentence of narrative with a reporting verb between a statement and the
    next quote: its subject says the next quote."""
    gap_start = previous.end
    # skip the rest of the previous quote's own sentence (its attribution)
    first = analysis.sentence_at(gap_start)
    if first is None or first.end >= open_mark:
        return None
    start = first.end
    if not text[start:open_mark].strip() or compiled(r"[“”\"]").search(text, start, open_mark):
        return None
    found: Attribution | None = None
    for cue in _CUE_RE.finditer(text[start:open_mark]):
        a = start + cue.start()
        if cue.group().lower().endswith("ing") or _PASSIVE.ends(text, start, a):
            continue
        sentence = analysis.sentence_at(a)
        s0 = max(start, sentence.start if sentence is not None else start)
        subj = _subject_before(text, s0, a)
        if subj is not None and subj.start >= s0:
            found = Attribution(cue.group(), subj, "before", 0.7)
    return found


def _is_headline_line(line: str) -> bool:
    """Is an article's first line its headline? Short, no dateline, not a quote, and not
    a lede that reports in the past tense ("… said Tuesday that …")."""
    s = line.strip()
    return (
        0 < len(s) <= 200
        and s[0] not in "“\"‘'«„"
        and not compiled(r"^[A-Z][A-Z .,’'&/-]{2,}(?:\([^)]{1,40}\))?\s*[—–-]").match(s)
        and not compiled(r"\b(?:said|told|according to)\b").search(s)
    )


def _continues(last: Quote | None, sp: Span, paras: list[tuple[int, int]], text: str) -> Quote | None:
    """The statement an unattributed quote right after it continues, if any (`last`:
    the latest statement before it)."""
    if last is None:
        return None
    ps = paras[sp.para][0]
    if last.end >= ps:
        return last  # same paragraph
    k = sp.open
    while k > ps and text[k - 1].isspace():
        k -= 1
    if k > ps:
        return None  # narrative comes first: this quote belongs to what that narrative reports
    # the previous paragraph held that quote (skipping "Advertisement" lines and the like)
    prev_para = next((p for p in (paras[k] for k in range(sp.para, -1, -1)) if p[1] < ps and not _FURNITURE_LINE.match(text[p[0] : p[1]])), None)
    return last if prev_para is not None and prev_para[0] <= last.start < prev_para[1] else None


# Lines a page inserts inside an article, even inside a multi-paragraph quote.
_FURNITURE_LINE = re.compile(
    r"\s*(?:advertisement|skip advertisement|story continues below(?: advertisement)?|ad feedback|"
    r"continue reading|read more|related:?.*|share(?: this article)?|follow|watch|listen)\s*$",
    re.I,
)


def _quote(text: str, sp: Span, kind: str, attribution: Attribution | None, analysis: Analysis) -> Quote:
    if attribution is None or attribution.mention is None:
        conf = {KIND_SCARE: 0.5, KIND_TITLE: 0.6, KIND_NESTED: 0.6}.get(kind, 0.4)
        return Quote(
            start=sp.start,
            end=sp.end,
            text=text[sp.start : sp.end],
            kind=kind,
            cue=attribution.cue if attribution else None,
            confidence=conf if sp.closed else conf * 0.7,
            backend=analysis.backend,
        )
    m = attribution.mention
    return Quote(
        start=sp.start,
        end=sp.end,
        text=text[sp.start : sp.end],
        kind=kind,
        cue=attribution.cue or None,
        speaker_as_written=m.text,
        speaker_start=m.start,
        speaker_end=m.end,
        confidence=attribution.confidence if sp.closed else attribution.confidence * 0.8,
        backend=analysis.backend,
    )


__all__ = ["CUE_PHRASES", "Span", "direct_quotations", "find_spans", "looks_like_speaker", "relative_antecedent", "sentence_subject"]
