"""Corpus clustering: the versions of one statement across documents.

Blocking on rare content words, scoring only the candidate pairs
(`similarity`), linking them into statements, and the records of each
statement (earliest version, drift of each version). Reads people as data
(quote index -> person id), never groups them itself.
"""

from __future__ import annotations

import difflib
import json
import re
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain

from rapidfuzz.fuzz import partial_ratio, token_set_ratio

from .. import forked
from ..forked import halves_map
from ..names import SAME_TOKEN, name_similarity, name_tokens, token_similarity
from ..records import (
    CHECKED_CONFIDENCE,
    KIND_CONTINUATION,
    KIND_FULL,
    KIND_PARTIAL,
    RELATION_CONTAINS,
    RELATION_REPEATED,
    Alignment,
    Cluster,
    Relation,
    StoredQuote,
    Variant,
)
from .common import UnionFind, hash_id
from .similarity import (
    EDITED,
    FLOOR_BOUND,
    SAME_STATEMENT,
    _numbers_differ,
    _prepare,
    _relation,
    _score,
    _Text,
    evidence,
    least_shared,
    near_verbatim,
    shared_passage,
    sizes_bound,
    view_sizes,
    word_diff,
)

# Link rules (`_Edges._may_link`, `_conflict`), set on our labelled pairs among
# polnear-dev articles (tests/alignment_pairs): information is the sum of the
# shared words' `similarity.word_information` (a rare word or a name 1.0,
# "president" 0.18, "know" 0).
# - a passage shared between quotes of unknown or different speakers must say at
#   least MIN_EVIDENCE ("radical Islamic terrorism" 1.7, "the next president of the
#   United States" 0.6, "overclassification run amok" 2.2);
# - one speaker's versions may share less, down to SAME_SPEAKER_EVIDENCE ("not get
#   beat up" 0.33);
# - two people confidently credited, or one person's versions more than
#   REPEAT_DAYS apart, need near-verbatim words saying STRONG_EVIDENCE (or a
#   sentence of STRONG_WORDS words saying PHRASE_EVIDENCE).
MIN_EVIDENCE = 2.0
# ... or, near-verbatim, a run of at least PHRASE_WORDS words saying PHRASE_EVIDENCE,
# 0.1 less for each word more, down to 0.5: a whole clause of common words ("I cannot
# believe how civil it's been up here", 9 words, 0.53) is no stock phrase, where
# three rare-ish words can be ("radical Islamic terrorism") and a longer run of
# common ones too ("the next president of the United States", 7 words, 0.6).
PHRASE_WORDS = 6
PHRASE_EVIDENCE = 0.8
SAME_SPEAKER_EVIDENCE = 0.3
STRONG_EVIDENCE = 2.0
STRONG_WORDS = 10
REPEAT_DAYS = 30
# ... and past NEAR_DAYS apart, one speaker's versions need near-verbatim words or
# MIN_EVIDENCE (a candidate's line in two debates a week apart is two statements).
NEAR_DAYS = 7
# A person resolved at least this surely counts in the link rules: two of them
# who differ mean two statements unless the words are near-verbatim. Crediting a
# statement's person to an uncertain version trusts only versions at
# records.CHECKED_CONFIDENCE (right 97% of the time on polnear-dev).
CONFIDENT = 0.8
# Every two versions of a statement share a passage: the best of token-set and
# partial ratio of their raw texts at least CORE_OVERLAP (statement_chains.py
# calls a statement under 50 a chain); a component is checked through its first
# CORE_CHECK distinct texts.
CORE_OVERLAP = 55
# An excerpt is looked for in at most this many fuller quotes of its document.
EXCERPT_CHECK = 20
CORE_CHECK = 60
# Blocking: each quote's keys are its rarest content words, at most RARE_KEYS
# of them and, past the first, only while the texts holding them add up to
# KEY_BUDGET; a word in more than MAX_BLOCK distinct texts is too common to be a key.
RARE_KEYS = 6
KEY_BUDGET = 64
MAX_BLOCK = 200
# A full score costs about this many times what forked.MIN_ITEMS assumes of an item.
FULL_SCORES_PER_FORK = 5
# ... and linking a quote into its statement and building its variant, about this many.
STATEMENTS_PER_FORK = 10

CLUSTERED_KINDS = frozenset({KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION})

# A statement split around its attribution ("“I like Paul,” Trump told the Post. “We need
# very strong leadership.”") is a passage of pieces: quotes of one document with at most
# PIECE_GAP characters between them, the later continuing the earlier or both credited
# to one person, at most PIECE_MAX of them. A version quoting the passage whole joins the
# piece it quotes most of; it `contains` the others (consecutive quotes are often two
# statements, and a statement is no chain of pieces that share no words).
PIECE_GAP = 120
PIECE_MAX = 3


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
    raw: list[str]  # text id -> the text as quoted

    @classmethod
    def of(cls, strings: dict[int, str], texts: dict[int, _Text]) -> _Texts:
        """`strings`: quote index -> the text it is aligned by (its own, or its passage's); `texts`: the same, prepared."""
        ids: dict[str, int] = {}
        of_quote: dict[int, int] = {}
        prepared: list[_Text] = []
        members: list[list[int]] = []
        raw: list[str] = []
        for i in sorted(strings):
            u = ids.setdefault(strings[i], len(ids))
            if u == len(prepared):
                prepared.append(texts[i])
                members.append([])
                raw.append(strings[i])
            of_quote[i] = u
            members[u].append(i)
        return cls(of_quote, prepared, members, raw)


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


class _Quotes:
    """What deciding whether two quotes may link reads, per quote index (clustered quotes only).

    Read from plain lists: the pairs to decide run to hundreds of thousands.
    """

    def __init__(self, quotes: Sequence[StoredQuote], groups: _Texts, person: dict[int, str]) -> None:
        n = len(quotes)
        self.doc: list[str] = [""] * n
        self.qid: list[str] = [""] * n
        self.text: list[int] = [-1] * n
        self.person: list[str | None] = [None] * n
        self.confident: list[bool] = [False] * n  # a person, resolved with confidence (CONFIDENT)
        self.checked: list[bool] = [False] * n  # ... at CHECKED_CONFIDENCE: needing no second look
        self.day: list[int | None] = [None] * n  # publication day number
        days: dict[str | None, int | None] = {}
        for i, u in groups.of_quote.items():
            q = quotes[i]
            self.doc[i], self.qid[i], self.text[i], self.person[i] = q.document_id, q.id, u, person.get(i)
            self.confident[i] = self.person[i] is not None and q.speaker_confidence >= CONFIDENT
            self.checked[i] = self.person[i] is not None and q.speaker_confidence >= CHECKED_CONFIDENCE
            if q.published not in days:
                days[q.published] = _day(q.published)
            self.day[i] = days[q.published]

    def signature(self, i: int) -> tuple[str, bool]:
        """What of a quote's speaker the link rules read: its person ("" none) and whether it is confident."""
        return (self.person[i] or "", self.confident[i])


# A quotation inside a quote: ‘...’, "..." or '...' of at least 10 characters.
_INNER_QUOTE = re.compile(r"‘([^‘’]{10,})’|“([^“”]{10,})”|(?<![\w'])'([^']{10,})'(?!\w)")


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


class _Edges:
    """Scored candidate pairs of quotes, as (-score, id, id, a, b) with quote indexes a < b and ids in order.

    A pair qualifies when a key of either quote occurs in the other, it scores
    at least SAME_STATEMENT and `_may_link` lets it. Two quotes of one document
    link only when they are the same text repeated (an article does not make
    two statements one). The score of a pair is that of its two texts in the
    order of the quotes' indexes.

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
        scores: dict[tuple[int, int], float] | None = None,
        ahead: _Candidates | None = None,
    ) -> None:
        self.quotes, self.groups, self.blocks, self.stats = quotes, groups, blocks, stats
        # (text id, text id) -> floored score
        self.scores: dict[tuple[int, int], float] = scores if scores is not None else {}
        # the candidates of every clustered quote, when found before the people were
        # known (`text_work`): what `candidates` gives for the first region asked of
        self.ahead = ahead
        self._evidence: dict[tuple[int, int], float] = {}
        self._verbatim: dict[tuple[int, int, bool], bool] = {}
        self._overlap: dict[tuple[int, int], bool] = {}
        self._matched: dict[tuple[int, int], int] = {}  # (piece text id, text id) -> words matched
        self._inner: dict[int, list[str]] = {}  # text id -> the quotations inside it
        self.q = _Quotes(quotes, groups, person)
        # pairs refused as versions but related: (relation, a, b, score)
        self.related: list[tuple[str, int, int, float]] = []
        # quote index -> its passage (the index of its first piece), for pieces of passages
        self.passage_of: dict[int, int] = {i: run[0] for run in _passages(quotes, groups.of_quote, person) for i in run}
        # text id -> its passage, for texts all of whose quotes are pieces of that one passage
        # (a text also quoted elsewhere stands for more than that passage)
        self.passage_text: dict[int, int] = {}
        for u, members in enumerate(groups.quotes):
            found = {self.passage_of.get(i, -1) for i in members}
            if len(found) == 1 and -1 not in found:
                self.passage_text[u] = found.pop()
        # passage -> its pieces (quote indexes), and their words as one text once asked for
        self._pieces: dict[int, list[int]] = defaultdict(list)
        for i, p in sorted(self.passage_of.items()):
            self._pieces[p].append(i)
        self._passages: dict[int, _Text] = {}

    def passage(self, u: int) -> _Text | None:
        """The passage text u is a piece of, its pieces' words as one text (None: no passage).

        Prepared when asked for: few are (`said_once`), and each costs what a quote does.
        """
        p = self.passage_text.get(u)
        if p is None:
            return None
        t = self._passages.get(p)
        if t is None:
            quotes = self.quotes
            run = sorted(self._pieces[p], key=lambda i: quotes[i].start)
            t = self._passages[p] = _prepare(" ".join(quotes[i].text.strip() for i in run))
        return t

    # -- what two texts share (memoised per pair of text ids)

    def evidence(self, u: int, v: int) -> float:
        key = (u, v) if u <= v else (v, u)
        e = self._evidence.get(key)
        if e is None:
            e = self._evidence[key] = evidence(self.groups.texts[u], self.groups.texts[v])
        return e

    def verbatim(self, u: int, v: int, *, elisions: bool = True) -> bool:
        key = (u, v, elisions) if u <= v else (v, u, elisions)
        nv = self._verbatim.get(key)
        if nv is None:
            nv = self._verbatim[key] = near_verbatim(self.groups.texts[u], self.groups.texts[v], elisions=elisions)
        return nv

    def strong(self, u: int, v: int) -> bool:
        """Near-verbatim (no elision) and distinctive: what two confident speakers, or one speaker months apart, need.

        Distinctive: STRONG_EVIDENCE, or a whole sentence (STRONG_WORDS words) saying PHRASE_EVIDENCE.
        """
        if u != v and not self.verbatim(u, v, elisions=False):
            return False
        n = min(len(self.groups.texts[u].words), len(self.groups.texts[v].words))
        e = self.evidence(u, v)
        return e >= STRONG_EVIDENCE or (n >= STRONG_WORDS and e >= PHRASE_EVIDENCE)

    def said_once(self, u: int, v: int) -> bool:
        """Words one person is credited with far apart in time that are one statement quoted
        again, not the line said on another occasion: `strong`, or an edited version
        (EDITED) of a whole sentence (STRONG_WORDS) saying STRONG_EVIDENCE
        ("I am not a natural politician, in case you haven't noticed, like my husband
        or President Obama" three months on, transcribed "unlike my husband and")."""
        if self.strong(u, v):
            return True
        n = min(len(self.groups.texts[u].words), len(self.groups.texts[v].words))
        if n >= STRONG_WORDS and self.evidence(u, v) >= STRONG_EVIDENCE and self.floored(u, v) >= EDITED:
            return True
        # a piece of a passage is judged with the rest of it: "I will never eat them again"
        # alone says little, "I love Oreos, I will never eat them again" is distinctive
        pu, pv = self.passage(u), self.passage(v)
        if u == v or (pu is None and pv is None):
            return False
        t = pu or self.groups.texts[u]
        w = pv or self.groups.texts[v]
        e = evidence(t, w)
        return near_verbatim(t, w, elisions=False) and (e >= STRONG_EVIDENCE or (min(len(t.words), len(w.words)) >= STRONG_WORDS and e >= PHRASE_EVIDENCE))

    def overlap(self, u: int, v: int) -> bool:
        """The two texts share a passage (`statement_chains.py`'s test): two versions of one statement must."""
        if u == v:
            return True
        key = (u, v) if u <= v else (v, u)
        ok = self._overlap.get(key)
        if ok is None:
            a, b = self.groups.raw[u], self.groups.raw[v]
            ok = self._overlap[key] = max(token_set_ratio(a, b), partial_ratio(a, b)) >= CORE_OVERLAP
        return ok

    # -- the rules

    def _may_link(self, a: int, b: int) -> str | None:
        """None when quotes a and b (of different documents, scoring SAME_STATEMENT) may link; else why not.

        - One person (resolved in both): a line said again on another occasion
          (publication dates more than REPEAT_DAYS apart) is a repeat, not a
          version, unless the words are near-verbatim and distinctive, or a
          distinctive sentence lightly edited (`said_once`: a statement quoted
          again later); the shared passage may say less than
          between strangers, down to SAME_SPEAKER_EVIDENCE.
        - Two different people, both resolved with confidence: a link would
          make a misattribution, so it needs near-verbatim, distinctive words.
        - Otherwise (a speaker unknown or uncertain): the shared passage must
          say at least MIN_EVIDENCE, or be a near-verbatim clause (`phrase`):
          stock phrases never carry a link.
        """
        q = self.q
        u, v = q.text[a], q.text[b]
        e = self.evidence(u, v)
        if self.nested(u, v):
            return RELATION_CONTAINS
        pa, pb = q.person[a], q.person[b]
        if pa is not None and pa == pb:
            da, db = q.day[a], q.day[b]
            gap = abs(da - db) if da is not None and db is not None else 0
            if gap > REPEAT_DAYS and not self.said_once(u, v):
                return RELATION_REPEATED
            if gap > NEAR_DAYS and e < MIN_EVIDENCE and not self.verbatim(u, v):
                return RELATION_REPEATED
            return "weak" if e < SAME_SPEAKER_EVIDENCE else None
        if q.confident[a] and q.confident[b]:
            return None if self.strong(u, v) else "speakers"
        return None if e >= MIN_EVIDENCE or self.phrase(u, v) else "weak"

    def nested(self, u: int, v: int) -> bool:
        """One text is found inside a quotation within the other: a speaker quoting someone else's words.

        "Crooked Hillary and her team ‘were extremely careless ...’ Not fit!"
        quotes the words of another statement: it contains that statement, it
        is not a version of it.
        """
        a, b = self.groups.raw[u], self.groups.raw[v]
        short, long_ = (a, v) if len(a) <= len(b) else (b, u)  # (long_: the longer text's id)
        for inner in self._quoted(long_):
            if len(short) >= 0.5 * len(inner) and partial_ratio(short, inner) >= 90:
                return True
        return False

    def _quoted(self, u: int) -> list[str]:
        """The quotations inside text u (`_INNER_QUOTE`), found once per text: a long text meets many."""
        found = self._inner.get(u)
        if found is None:
            found = self._inner[u] = [
                m.group(1) or m.group(2) or m.group(3) or "" for m in _INNER_QUOTE.finditer(self.groups.raw[u])
            ]
        return found

    def one_document(self, u: int, v: int) -> bool:
        """May texts u and v, quoted by one document, be in one statement? The same words,
        the shorter found word for word in the longer (quoted again in part), or pieces of one passage."""
        t, w = self.groups.texts[u], self.groups.texts[v]
        if u == v or t.words == w.words:
            return True
        if self.passage_text.get(u) is not None and self.passage_text.get(u) == self.passage_text.get(v):
            return True  # pieces of one passage: the core check still wants them to share words
        return len(t.words) != len(w.words) and self.verbatim(u, v)

    def _one_piece_each(self, edges: list[tuple[float, str, str, int, int]]) -> list[tuple[float, str, str, int, int]]:
        """Of a quote's links to several pieces of one passage, the link to the piece it
        quotes most words of; the others become `contains` relations."""
        to_pieces: dict[tuple[int, int], list[int]] = defaultdict(list)  # (quote, passage) -> edge positions
        passage_of = self.passage_of
        for k, e in enumerate(edges):
            a, b = e[3], e[4]
            pa, pb = passage_of.get(a), passage_of.get(b)
            if pa == pb:
                continue  # neither is a piece, or pieces of one passage
            if pb is not None:
                to_pieces[a, pb].append(k)
            if pa is not None:
                to_pieces[b, pa].append(k)
        dropped: set[int] = set()
        for (x, _), ks in to_pieces.items():
            if len(ks) < 2:
                continue

            def quoted(k: int, x: int = x) -> int:
                _, _, _, a, b = edges[k]
                return self._words_matched(self.q.text[b if a == x else a], self.q.text[x])

            best = max(ks, key=lambda k: (quoted(k), -k))

            def piece(k: int, x: int = x) -> int:
                _, _, _, a, b = edges[k]
                return self.q.text[b if a == x else a]

            for k in ks:
                # (a piece that shares words with the chosen one is the statement quoted again, not another part)
                if k != best and k not in dropped and not self.overlap(piece(k), piece(best)):
                    dropped.add(k)
                    neg, _, _, a, b = edges[k]
                    self.related.append((RELATION_CONTAINS, a, b, -neg))
        return [e for k, e in enumerate(edges) if k not in dropped]

    def _words_matched(self, piece: int, u: int) -> int:
        """How many words of text u the piece (a text id) matches, in order; memoised per
        pair of texts (copies of a quote ask again)."""
        found = self._matched.get((piece, u))
        if found is None:
            texts = self.groups.texts
            blocks = difflib.SequenceMatcher(None, texts[piece].words, texts[u].words, autojunk=False).get_matching_blocks()
            found = self._matched[piece, u] = sum(m.size for m in blocks)
        return found

    def phrase(self, u: int, v: int) -> bool:
        """Near-verbatim over PHRASE_WORDS words or more (the shorter side), saying enough for its length."""
        t, w = self.groups.texts[u], self.groups.texts[v]
        n = min(len(t.words), len(w.words))
        needed = max(0.5, PHRASE_EVIDENCE - 0.1 * (n - PHRASE_WORDS))
        return n >= PHRASE_WORDS and self.evidence(u, v) >= needed - 1e-9 and self.verbatim(u, v)

    def scored(self, quotes: set[int]) -> list[tuple[float, str, str, int, int]]:
        """Edges within `quotes`, strongest first; pairs refused as repeats go to `related`."""
        return self.edges(self._among(quotes))

    def edges(self, found: Iterable[tuple[float, int, int]]) -> list[tuple[float, str, str, int, int]]:
        """The edges of the candidate pairs `found` (`_among`), strongest first; pairs refused as repeats go to `related`."""
        texts, q = self.groups.texts, self.q
        edges = []
        for s, a, b in found:
            if q.doc[a] == q.doc[b]:
                if q.text[a] != q.text[b] and texts[q.text[a]].words != texts[q.text[b]].words:
                    continue  # two statements of one article
            elif q.text[a] != q.text[b] or texts[q.text[a]].info < MIN_EVIDENCE:
                why = self._may_link(a, b)
                if why is not None:
                    if why in (RELATION_REPEATED, RELATION_CONTAINS):
                        self.related.append((why, a, b, s))
                    continue
            ia, ib = q.qid[a], q.qid[b]
            edges.append((-s, ia, ib, a, b) if ia <= ib else (-s, ib, ia, a, b))
        # strongest first; ties by quote ids (unique, so a and b never decide), so the input order never matters
        edges.sort()
        return self._one_piece_each(edges) if self.passage_of else edges

    def reached(self, sources: Iterable[int], cluster_of: dict[int, str]) -> set[str]:
        """The clusters of `cluster_of` that a candidate pair with one of `sources` (quotes in no cluster) reaches.

        A pair of texts at a time: any old quote whose text scores SAME_STATEMENT
        with a source's text brings its cluster in (the link rules are applied
        when the region is linked again: aligning one cluster too many gives
        the same result, at a little more work).
        """
        groups, q = self.groups, self.q
        by_text: dict[int, list[int]] = defaultdict(list)
        for i in sources:
            by_text[q.text[i]].append(i)
        old_of_text: dict[int, list[int]] = defaultdict(list)
        for j in cluster_of:
            old_of_text[q.text[j]].append(j)
        reached: set[str] = set()
        for u, mine in by_text.items():
            low, high = min(mine), max(mine)
            for v in set(_near(groups, self.blocks, u, both_ways=True)):
                old = old_of_text.get(v)
                if not old:
                    continue
                self.stats.n_candidate_pairs += len(mine) * len(old)
                if {cluster_of[j] for j in old} <= reached:
                    continue
                forward = backward = False
                for j in old:
                    if cluster_of[j] in reached:
                        continue
                    if low < j and not forward:
                        forward = self.floored(u, v) >= SAME_STATEMENT
                    if high > j and not backward:
                        backward = self.floored(v, u) >= SAME_STATEMENT
                    if (low < j and forward) or (high > j and backward):
                        reached.add(cluster_of[j])
        return reached

    def _among(self, quotes: set[int]) -> list[tuple[float, int, int]]:
        """Every candidate pair within `quotes` scoring at least SAME_STATEMENT, as (score, a, b)."""
        return self.found(*self.candidates(quotes))

    def candidates(self, quotes: set[int]) -> _Candidates:
        """The texts of `quotes` and their candidate text pairs, scored (`_candidates`; found ahead if they were)."""
        ahead, self.ahead = self.ahead, None
        return ahead if ahead is not None else _candidates(self.groups, self.blocks, quotes, self.scores, self.stats)

    def found(self, members: dict[int, list[int]], live: Iterable[tuple[int, int]]) -> list[tuple[float, int, int]]:
        """The quote pairs of the candidate text pairs `live` scoring at least SAME_STATEMENT, as (score, a, b).

        A pair is found from either side's keys, so each side's own keys
        suffice. Pairs are taken a pair of texts at a time: a pair of texts
        scored under the floor rules out every pair of their quotes at once,
        and one scored above it gives the pairs `_Copies` picks.
        """
        scores, texts = self.scores, self.groups.texts
        copies = _Copies(members, texts, self.q)
        n = 0
        found: list[tuple[float, int, int]] = []
        for u, v in live:
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

    def floored(self, u: int, v: int) -> float:
        """`_score` of texts u and v (in that order) with the SAME_STATEMENT floor, memoised."""
        s = self.scores.get((u, v))
        if s is None:
            s = self.scores[u, v] = _score(self.groups.texts[u], self.groups.texts[v], SAME_STATEMENT)
        return s


class _Copies:
    """The pairs of quotes that stand for all pairs between copies of texts.

    Copies of one text score 1.0, the top score, so they are linked before
    anything else: a chain through the copies that may link joins them as all
    their pairs would. What may link depends on the speakers (`_Edges._may_link`),
    so copies are taken in groups of one speaker signature (person, and
    whether it is confident): between two texts, for each pair of signatures,
    the pair that sorts first by quote ids stands for the group. A text that
    says little (below MIN_EVIDENCE) links across documents only with its own
    speaker, so its copies join within a document or a person. Time and memory
    grow with the copies, not with their square.
    """

    def __init__(self, members: dict[int, list[int]], texts: list[_Text], q: _Quotes) -> None:
        self.members, self.texts, self.q = members, texts, q
        self._groups: dict[tuple[int, str], dict[object, list[int]]] = {}
        self._runs: dict[tuple[int, str, object], _Run] = {}

    def _weak(self, u: int) -> bool:
        return self.texts[u].info < MIN_EVIDENCE

    def _by(self, u: int, kind: str) -> dict[object, list[int]]:
        """Text u's copies by document ("d"), person ("p", copies with none left out) or signature ("s"), ascending."""
        key = (u, kind)
        groups = self._groups.get(key)
        if groups is None:
            groups = self._groups[key] = defaultdict(list)
            for i in self.members[u]:
                k: object = self.q.doc[i] if kind == "d" else self.q.person[i] if kind == "p" else self.q.signature(i)
                if k is not None:
                    groups[k].append(i)
        return groups

    def _run(self, u: int, kind: str, group: object) -> _Run:
        run = self._runs.get((u, kind, group))
        if run is None:
            run = self._runs[u, kind, group] = _Run.of(self._by(u, kind)[group], self.q.doc, self.q.qid)
        return run

    def within(self, u: int) -> Iterator[tuple[int, int]]:
        """Pairs that join the copies of text u as all of their pairs that may link would."""
        runs = [*self._by(u, "d").values(), *self._by(u, "p").values()]
        if not self._weak(u):
            runs += list(self._by(u, "s").values())
            mu = self.members[u]
            runs.append(mu)
        return ((a, b) for run in runs for a, b in zip(run, run[1:], strict=False))

    def between(self, first: int, second: int) -> Iterator[tuple[int, int]]:
        """For each pair of speaker signatures, the first pair (a of `first`, b of `second`, a < b)."""
        same_words = self.texts[first].words == self.texts[second].words
        groups: list[tuple[str, object, object]] = []
        if self._weak(first) or self._weak(second):
            groups = [("p", p, p) for p in self._by(first, "p").keys() & self._by(second, "p").keys()]
        else:
            groups = [("s", x, y) for x in self._by(first, "s") for y in self._by(second, "s")]
        if same_words:
            groups += [("d", d, d) for d in self._by(first, "d").keys() & self._by(second, "d").keys()]
        for kind, x, y in groups:
            pair = _first_pair(
                self._run(first, kind, x), self._run(second, kind, y), self.q.doc, self.q.qid, any_document=same_words
            )
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



# Texts with their quotes in a region (text id -> quote indexes), and the text pairs to decide there.
_Candidates = tuple[dict[int, list[int]], list[tuple[int, int]]]


def _candidates(
    groups: _Texts, blocks: _Blocks, quotes: set[int] | None, scores: dict[tuple[int, int], float], stats: AlignStats
) -> _Candidates:
    """The texts of `quotes` (None: of every clustered quote) and their candidate text pairs
    that `_score`'s first bounds do not rule out, their floored scores put in `scores`.

    Reads texts only, not who spoke them: a full run finds them while people are grouped.
    """
    members: dict[int, list[int]] = {}
    for u, ms in enumerate(groups.quotes):
        inside = list(ms) if quotes is None else [i for i in ms if i in quotes]
        if inside:
            members[u] = inside
    live = _within_reach(groups, blocks, members, stats)
    _score_ahead(groups.texts, _pairs_to_score(live, members), scores)
    return members, live


def _within_reach(groups: _Texts, blocks: _Blocks, members: dict[int, list[int]], stats: AlignStats) -> list[tuple[int, int]]:
    """The candidate text pairs (u, v), u <= v, among `members` that `out_of_reach` does not rule out.

    A pair is a candidate when a key of one text occurs in the other (`_near`,
    both ways). Most pairs (nine in ten among 6,000 distinct real quotes) fail
    the bound: each pair is decided once, from its first text (the index lists
    are ascending: the part from u on), the bound's first test inline (the pairs
    run to hundreds of thousands). Their quote pairs are counted as candidates;
    their scores (0.0) are not kept: `floored` gives them again.
    """
    texts, keys, by_word, by_key = groups.texts, blocks.keys, blocks.by_word, blocks.by_key
    keysets = [t.keyset for t in texts]
    need = [least_shared(t, SAME_STATEMENT) for t in texts]
    sizes = [view_sizes(t) for t in texts]
    copies = [0] * len(texts)  # quotes of each text among `members` (0: not a member)
    for u, ms in members.items():
        copies[u] = len(ms)
    live: list[tuple[int, int]] = []
    n = 0
    for u in members:
        t = texts[u]
        mine, least = keysets[u], need[u]
        near: set[int] = set()
        for k in keys[u]:
            found = by_word[k]
            near.update(found[bisect_left(found, u) :])
        for word in t.content:
            keyed = by_key.get(word)
            if keyed:
                near.update(keyed[bisect_left(keyed, u) :])
        out = 0  # copies of the texts ruled out with u
        mine_sizes = sizes[u]
        for v in near:
            # (texts of the same words pass the first test: a text's keyset holds at least size / spread items)
            both = len(mine & keysets[v])
            if (both >= least or both >= need[v]) and copies[v]:
                if t.words == texts[v].words or sizes_bound(mine_sizes, sizes[v]) >= FLOOR_BOUND:
                    live.append((u, v))
                    continue
            out += copies[v]
        n += out * copies[u]
    stats.n_candidate_pairs += n
    return live


def _score_ahead(texts: list[_Text], pairs: Iterable[tuple[int, int]], scores: dict[tuple[int, int], float]) -> None:
    """Floored scores of the ordered text pairs not in `scores` yet, half of them in a forked process.

    These pairs passed the bounds (`_within_reach`; not asked again): nearly each is a full
    score, tens of microseconds, so a fork pays for itself at FULL_SCORES_PER_FORK times
    fewer items than `forked.MIN_ITEMS` (set for cheap items) says.
    """
    todo = [k for k in pairs if k not in scores]  # (each ordered pair comes once)
    values = halves_map(
        lambda k: _score(texts[k[0]], texts[k[1]], SAME_STATEMENT, reached=True),
        todo,
        min_items=forked.MIN_ITEMS // FULL_SCORES_PER_FORK,
    )
    scores.update(zip(todo, values, strict=True))


@dataclass(slots=True)
class _Part:
    """One component while linking: its quotes, and what the merge rules check against."""

    runs: deque[list[int]]  # its quotes, in runs: joining two costs the fewer runs
    doc_text: dict[str, list[int]]  # document -> the texts (ids) of that document in it
    texts: list[int]  # its distinct texts (text ids), in the order they joined
    people: dict[str, _Spoken]  # person -> what that person says in it

    def absorb(self, other: _Part) -> None:
        if len(self.runs) >= len(other.runs):
            self.runs.extend(other.runs)
        else:
            other.runs.extendleft(reversed(self.runs))
            self.runs = other.runs
        for d, us in other.doc_text.items():
            held = self.doc_text.setdefault(d, [])
            held.extend(u for u in us if u not in held)
        seen = set(self.texts)
        self.texts.extend(u for u in other.texts if u not in seen)
        for p, spoken in other.people.items():
            mine = self.people.get(p)
            if mine is None:
                self.people[p] = spoken
            else:
                mine.absorb(spoken)


@dataclass(slots=True)
class _Spoken:
    """One person's versions in a component: texts, confidence, first and last day, documents."""

    texts: list[int]
    confident: bool
    first: int | None
    last: int | None
    docs: set[str]

    def absorb(self, other: _Spoken) -> None:
        self.texts.extend(u for u in other.texts if u not in self.texts)
        self.docs |= other.docs
        self.confident |= other.confident
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first, self.last = (min(days), max(days)) if days else (None, None)


def _part(i: int, scorer: _Edges) -> _Part:
    q = scorer.q
    people = {}
    if (p := q.person[i]) is not None:
        people[p] = _Spoken([q.text[i]], q.confident[i], q.day[i], q.day[i], {q.doc[i]})
    return _Part(deque([[i]]), {q.doc[i]: [q.text[i]]}, [q.text[i]], people)


class _Parts:
    """The components while linking, by root quote index.

    A quote's one-quote part is made when a merge first asks for it: made for
    every quote up front, they were held all at once, most only to be merged away.
    """

    def __init__(self, scorer: _Edges) -> None:
        self.scorer = scorer
        self.merged: dict[int, _Part] = {}  # parts of two or more quotes, in the order of their last merge
        self.single: dict[int, _Part] = {}  # one-quote parts asked for and not merged yet

    def __getitem__(self, root: int) -> _Part:
        part = self.merged.get(root)
        if part is None:
            part = self.single.get(root)
            if part is None:
                part = self.single[root] = _part(root, self.scorer)
        return part

    def merge(self, root: int, other: int) -> None:
        kept, moved = self._take(root), self._take(other)
        kept.absorb(moved)
        self.merged[root] = kept

    def _take(self, root: int) -> _Part:
        part = self.merged.pop(root, None)
        if part is None:
            part = self.single.pop(root, None)
        return part if part is not None else _part(root, self.scorer)

    def components(self, members: Sequence[int], uf: UnionFind) -> list[list[int]]:
        """Every component's quotes: those never merged in the order of `members`, then the
        merged ones in the order of their last merge (the order a dict of every quote's part,
        popped and put back at each merge, lists them in)."""
        alone = [[i] for i in members if i not in self.merged and uf.find(i) == i]
        return alone + [list(chain.from_iterable(part.runs)) for part in self.merged.values()]


def _conflict(x: _Part, y: _Part, scorer: _Edges) -> str | None:
    """Why two components cannot be one statement (None: they can).

    Complete linkage: every version must match the statement's core, not only
    the neighbour it links through. So every pair of their texts must share
    a passage (`_Edges.overlap`); two people confidently credited must share
    near-verbatim words; and one person's versions more than REPEAT_DAYS
    apart must be near-verbatim too (else it is a repeat). Copies count once;
    past CORE_CHECK texts a side is checked through its first ones (its core).
    """
    xs, ys = x.texts[:CORE_CHECK], y.texts[:CORE_CHECK]
    if not all(scorer.overlap(u, v) for u in xs for v in ys):
        return "core"
    for p, sp in x.people.items():
        other = y.people.get(p)
        if other is not None:
            days = [d for d in (sp.first, sp.last, other.first, other.last) if d is not None]
            if len(days) == 4 and max(abs(other.last - sp.first), abs(sp.last - other.first)) > REPEAT_DAYS:  # type: ignore[operator]
                if not all(scorer.said_once(u, v) for u in sp.texts[:CORE_CHECK] for v in other.texts[:CORE_CHECK]):
                    return RELATION_REPEATED
            continue
        if not sp.confident:
            continue
        for r, other in y.people.items():
            if r == p or not other.confident or r in x.people:
                continue
            if len(sp.docs) == 1 and sp.docs == other.docs:
                continue  # one article, two attributions of its words: ours to doubt, not a misattribution
            if not all(scorer.strong(u, v) for u in sp.texts[:CORE_CHECK] for v in other.texts[:CORE_CHECK]):
                return "speakers"
    return None


def _is_fragment(short: _Text, long_: _Text) -> bool:
    return len(short.words) < 0.6 * len(long_.words)


def _bridge(a: int, b: int, parts: _Parts, uf: UnionFind, texts: dict[int, _Text], scorer: _Edges) -> str | None:
    """"core" when a fragment that already sits with a fuller statement would join another one.

    "humanitarian catastrophe in the making" quoted from two different
    statements must not make them one, even where they share that passage:
    the fragment's fuller versions must themselves be versions of the new
    quote. The long quote then `contains` the fragment's statement.
    """
    short, long_ = (a, b) if len(texts[a].words) <= len(texts[b].words) else (b, a)
    if not _is_fragment(texts[short], texts[long_]):
        return None
    mates = chain.from_iterable(parts[uf.find(short)].runs)
    tl = scorer.q.text[long_]
    fuller = (z for z in mates if z != short and not _is_fragment(texts[z], texts[long_]))
    for n, z in enumerate(fuller):
        if n == 20:
            break
        if scorer.floored(scorer.q.text[z], tl) < SAME_STATEMENT:
            return "core"
    return None


def _excerpts(members: list[int], texts: dict[int, _Text], scorer: _Edges, among: set[int] | None = None) -> set[int]:
    """Quotes found word for word in a fuller quote of their own document (an article
    quoting a statement, then a part of it again). Each is checked against at most
    EXCERPT_CHECK fuller quotes of its document: bounded work for long documents.
    With `among`, only those quotes are checked (against every fuller quote of `members`)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_doc[scorer.q.doc[i]].append(i)
    found: set[int] = set()
    # quote -> its words, for one document at a time (a fuller quote is asked of by
    # every shorter one; kept for the whole corpus they would cost memory)
    word_sets: dict[int, frozenset[str]] = {}

    def words_of(i: int) -> frozenset[str]:
        got = word_sets.get(i)
        if got is None:
            got = word_sets[i] = frozenset(texts[i].words)
        return got

    text_of = scorer.q.text
    for quotes in by_doc.values():
        if len(quotes) < 2:
            continue
        word_sets.clear()
        quotes.sort(key=lambda i: -len(texts[i].words))
        lengths = [len(texts[i].words) for i in quotes]
        for k, i in enumerate(quotes):
            if among is not None and i not in among:
                continue
            # the fuller quotes it may be a fragment of (`_is_fragment`): the first ones,
            # longest first, up to the first it is no fragment of
            n, fuller = lengths[k], 0
            while fuller < min(k, EXCERPT_CHECK) and n < 0.6 * lengths[fuller]:
                fuller += 1
            if not fuller:
                continue
            u, mine = text_of[i], words_of(i)
            for j in quotes[:fuller]:
                if mine <= words_of(j) and scorer.verbatim(u, text_of[j]):
                    found.add(i)
                    break
    return found


def _link(
    quotes: Sequence[StoredQuote],
    texts: dict[int, _Text],
    members: Iterable[int],
    edges: list[tuple[float, str, str, int, int]],
    stats: AlignStats,
    scorer: _Edges,
    excerpts: set[int] | None = None,
) -> list[list[int]]:
    """Greedy linking over edges, strongest first, refusing a merge that would

    - put two different quotes of one document into one cluster, unless one
      holds the other word for word (an article quotes a statement, then a
      part of it again) or they are pieces of one passage: an article does
      not make two statements one;
    - make a chain, a misattribution or a repeat (`_conflict`): a long quote
      holding two statements joins the one it links to first, and its link
      to the other is kept as a `contains` relation; one speaker's line at
      two occasions as a `repeated` relation.
    """
    members = list(members)
    uf = UnionFind(members)
    parts = _Parts(scorer)
    if excerpts is None:
        excerpts = _excerpts(members, texts, scorer)
    # an article's excerpt of its own fuller quote ("the most valuable player") may be
    # part of several statements: the statements its fuller versions make decide where it goes.
    # (`edges` come sorted: keeping that order within each side sorts them so.)
    touches = [e[3] in excerpts or e[4] in excerpts for e in edges]
    edges = [e for e, t in zip(edges, touches, strict=True) if not t] + [e for e, t in zip(edges, touches, strict=True) if t]
    del touches
    for neg, _, _, a, b in edges:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        xa, xb = parts[ra], parts[rb]
        small, large = (xa.doc_text, xb.doc_text) if len(xa.doc_text) <= len(xb.doc_text) else (xb.doc_text, xa.doc_text)
        if any(d in large and not all(scorer.one_document(u, v) for u in us for v in large[d]) for d, us in small.items()):
            continue
        why = _conflict(xa, xb, scorer) or _bridge(a, b, parts, uf, texts, scorer)
        if why is not None:
            if why == RELATION_REPEATED:
                scorer.related.append((RELATION_REPEATED, a, b, -neg))
            elif why == "core":
                scorer.related.append((RELATION_CONTAINS, a, b, -neg))
            continue
        root = uf.union(ra, rb)
        other = rb if root == ra else ra
        parts.merge(root, other)
        stats.n_links += 1
    return parts.components(members, uf)


# A statement: its quotes, its record and its variants.
_Statement = tuple[list[int], Cluster, list[Variant]]


def _statements(
    quotes: Sequence[StoredQuote],
    texts: dict[int, _Text],
    members: list[int],
    candidates: _Candidates,
    stats: AlignStats,
    scorer: _Edges,
    rank: Sequence[int],
    person_names: dict[str, str],
) -> list[_Statement]:
    """The statements `members` make with their candidate text pairs: quote pairs
    (`_Edges.found`), edges (`_Edges.edges`), links (`_link`) and records (`_build_cluster`).

    Each of these reads only a pair and the two parts it joins, so each group
    of texts that scored pairs connect is decided alone, in any order: with
    enough quotes, about half the groups are done in a forked child.
    """
    by_text, live = candidates

    def statements_of(ms: list[int], pairs: list[tuple[int, int]]) -> tuple[list[_Statement], list[tuple[str, int, int, float]], int, int]:
        # what this adds to the scorer's relations and the stats is handed back, not
        # kept: the caller adds it once, wherever this ran
        n_related, n_links, n_pairs = len(scorer.related), stats.n_links, stats.n_candidate_pairs
        es = scorer.edges(scorer.found(by_text, pairs))
        excerpts = _excerpts(members, texts, scorer, among=set(ms) if ms is not members else None)
        components = _link(quotes, texts, ms, es, stats, scorer, excerpts)
        built = [(c, *_build_cluster(quotes, texts, c, rank, scorer, person_names, scorer.scores)) for c in components]
        related = scorer.related[n_related:]
        del scorer.related[n_related:]
        links, stats.n_links = stats.n_links - n_links, n_links
        n_candidates, stats.n_candidate_pairs = stats.n_candidate_pairs - n_pairs, n_pairs
        return built, related, links, n_candidates

    halves = _halves(members, by_text, live, scorer) if len(members) >= forked.MIN_ITEMS // STATEMENTS_PER_FORK else None
    parts = [(members, live)] if halves is None else list(halves)
    with forked.in_child(lambda: statements_of(*parts[-1]), fork=len(parts) == 2) as second:
        done = [statements_of(*parts[0])] if len(parts) == 2 else []
        done.append(second())
    out: list[_Statement] = []
    for built, related, links, n_candidates in done:
        out.extend(built)
        scorer.related.extend(related)
        stats.n_links += links
        stats.n_candidate_pairs += n_candidates
    return out


def _halves(
    members: list[int], by_text: dict[int, list[int]], live: list[tuple[int, int]], scorer: _Edges
) -> tuple[tuple[list[int], list[tuple[int, int]]], ...]:
    """`members` and their candidate text pairs `live` in two parts of about equal work, in their order.

    Texts that a pair scoring SAME_STATEMENT (in an order `_Edges.found` reads)
    connects stay in one part: no pair of quotes of two parts can link.
    """
    parent = list(range(len(scorer.groups.texts)))  # a union-find on plain lists

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = u = parent[parent[u]]
        return u

    for u, v in _pairs_to_score(live, by_text):
        if u != v and scorer.floored(u, v) >= SAME_STATEMENT:
            ru, rv = find(u), find(v)
            if ru != rv:
                parent[rv] = ru
    root = {u: find(u) for u in by_text}
    weight: Counter[int] = Counter()  # quotes to link, and text pairs to decide
    for u, ms in by_text.items():
        weight[root[u]] += len(ms)
    weight.update(root[u] for u, _ in live)
    side: dict[int, int] = {}
    loads = [0, 0]
    for r, w in sorted(weight.items(), key=lambda x: (-x[1], x[0])):
        k = 0 if loads[0] <= loads[1] else 1
        side[r] = k
        loads[k] += w
    text_of = scorer.q.text
    return tuple(
        ([i for i in members if side[root[text_of[i]]] == k], [p for p in live if side[root[p[0]]] == k])
        for k in (0, 1)
    )


def _build_cluster(
    quotes: Sequence[StoredQuote],
    texts: dict[int, _Text],
    members: list[int],
    rank: Sequence[int],
    scorer: _Edges,
    person_names: dict[str, str],
    known: dict[tuple[int, int], float],
) -> tuple[Cluster, list[Variant]]:
    """The cluster record and its variants.

    `known` holds the floored scores of text pairs (in order, by text id):
    those at or above the floor are whole scores (nothing was cut short).
    """
    members = sorted(members, key=rank.__getitem__)
    of_quote = scorer.groups.of_quote
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

    credited = _credited(members, scorer.q)
    first = members[0]
    fq, ft = quotes[first], texts[first]
    cid = hash_id("c-", fq.id)
    variants: list[Variant] = []
    lowest = 1.0
    numbers_changed = wording_changed = False
    for pos, i in enumerate(members):
        q, t = quotes[i], texts[i]
        if pos == 0:
            variants.append(
                Variant(q.id, cid, 1.0, "earliest", json.dumps([["=", q.text]], ensure_ascii=False), False, None, credited[i])
            )
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
        variants.append(Variant(q.id, cid, sim, relation, diff, changed, quotes[closest].id, credited[i]))
        lowest = min(lowest, sim)
        numbers_changed |= changed
        wording_changed |= relation != "verbatim"
    outlets: list[str] = []
    for i in members:
        o = quotes[i].outlet
        if o and o not in outlets:
            outlets.append(o)
    speakers = _speaker_names(members, credited, person_names)
    disagree = _disagreement(quotes, members, scorer.q, person_names, score)
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
        speakers_disagree=disagree is not None,
        wording_changed=wording_changed,
        numbers_changed=numbers_changed,
        speakers=speakers,
        evidence=disagree,
    )
    return cluster, variants


def _passages(quotes: Sequence[StoredQuote], clustered: Iterable[int], person: dict[int, str]) -> list[list[int]]:
    """The passages of two or more pieces (quote indexes in text order).

    A piece follows the one before it in its document within PIECE_GAP characters,
    continuing it (KIND_CONTINUATION) or credited to the same person: the words
    between are the attribution the article put inside the statement.
    """
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i in clustered:
        by_doc[quotes[i].document_id].append(i)
    out: list[list[int]] = []
    for members in by_doc.values():
        members.sort(key=lambda i: quotes[i].start)
        run: list[int] = []
        for i in [*members, -1]:
            if i != -1 and run:
                prev, q = quotes[run[-1]], quotes[i]
                gap = q.start - (prev.start + len(prev.text))
                joins = 0 <= gap <= PIECE_GAP and (
                    q.kind == KIND_CONTINUATION or (person.get(i) is not None and person.get(i) == person.get(run[-1]))
                )
                if joins and len(run) < PIECE_MAX:
                    run.append(i)
                    continue
            if len(run) > 1:
                out.append(run)
            run = [i]
    return out


def _credited(members: Sequence[int], q: _Quotes) -> dict[int, str | None]:
    """The person each version is credited to across documents.

    Its own person when its attribution needs no second look
    (CHECKED_CONFIDENCE). Where the attribution is missing or uncertain ("he"
    with another man named nearby, a surname two people share) and the
    statement's sure versions all name one person, that person: the other
    outlets say who spoke. Otherwise its own person, or none.
    """
    sure = {q.person[i] for i in members if q.checked[i]}
    only = next(iter(sure)) if len(sure) == 1 else None
    return {i: q.person[i] if q.checked[i] or only is None else only for i in members}


def _disagreement(
    quotes: Sequence[StoredQuote],
    members: Sequence[int],
    q: _Quotes,
    person_names: dict[str, str],
    score: Callable[[int, int], float],
) -> str | None:
    """For a statement two people are confidently credited with, the evidence that links them (JSON); else None.

    Only confident attributions count: an uncertain one is our doubt, not the
    outlet's word. The evidence is the most alike pair of their versions: the
    passage they share, each side's speaker as written, outlet and quote id.
    """
    by_person: dict[str, list[int]] = {}
    for i in members:
        if q.confident[i] and q.person[i] is not None:
            by_person.setdefault(q.person[i], []).append(i)  # type: ignore[arg-type]
    if len(by_person) < 2:
        return None  # (most statements: one person's names never disagree)
    if len({q.doc[i] for ms in by_person.values() for i in ms}) < 2:
        return None  # one article crediting its words twice: ours to doubt, not an outlet's word
    people = sorted(by_person, key=lambda p: min(by_person[p]))
    names = [person_names[p] for p in people]
    if not _speakers_disagree(names):
        return None
    best: tuple[float, int, int] | None = None
    for x in range(len(people)):
        for y in range(x + 1, len(people)):
            for i in by_person[people[x]][:20]:
                for j in by_person[people[y]][:20]:
                    s = score(i, j)
                    if best is None or s > best[0]:
                        best = (s, i, j)
    assert best is not None
    s, i, j = best

    def side(k: int) -> dict[str, str | None]:
        return {
            "quote_id": quotes[k].id,
            "speaker": quotes[k].speaker,
            "speaker_as_written": quotes[k].speaker_as_written,
            "outlet": quotes[k].outlet or quotes[k].document_name,
        }

    shared = shared_passage(quotes[i].text, quotes[j].text)
    return json.dumps({"shared": shared, "similarity": s, "versions": [side(i), side(j)]}, ensure_ascii=False)


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



def _speaker_names(members: Iterable[int], credited: dict[int, str | None], person_names: dict[str, str]) -> tuple[str, ...]:
    """The people a statement is credited to, in order of first appearance (members come in that order)."""
    ids: list[str] = []
    for i in members:
        pid = credited.get(i)
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


def _relations(
    related: Iterable[tuple[str, int, int, float]], cluster_of: dict[int, str], scorer: _Edges, quotes: Sequence[StoredQuote]
) -> list[Relation]:
    """Relations between the final statements from the refused pairs, one per pair of statements and kind, the strongest.

    `contains` points from the statement of the longer quote to the one it holds.
    """
    best: dict[tuple[str, str, str], Relation] = {}
    texts = scorer.groups.texts
    for kind, a, b, s in related:
        ca, cb = cluster_of.get(a), cluster_of.get(b)
        if ca is None or cb is None or ca == cb:
            continue
        if kind == RELATION_CONTAINS:
            ta, tb = texts[scorer.q.text[a]], texts[scorer.q.text[b]]
            if len(ta.joined) < len(tb.joined):
                a, b, ca, cb = b, a, cb, ca
        elif (ca, quotes[a].id) > (cb, quotes[b].id):
            a, b, ca, cb = b, a, cb, ca
        key = (ca, cb, kind)
        rel = Relation(ca, cb, kind, quotes[a].id, quotes[b].id, round(s, 4))
        old = best.get(key)
        if old is None or (rel.similarity, old.quote_id, old.other_quote_id) > (old.similarity, rel.quote_id, rel.other_quote_id):
            best[key] = rel
    return sorted(best.values(), key=lambda r: (r.cluster_id, r.other_cluster_id, r.relation))


@dataclass(frozen=True)
class TextWork:
    """What clustering reads of the quotes' texts alone, not of who spoke them."""

    clustered: list[int]  # the quotes of a kind that is clustered, in `order`
    texts: dict[int, _Text]  # quote index -> its prepared text
    groups: _Texts
    blocks: _Blocks
    scores: dict[tuple[int, int], float]  # (text id, text id) -> floored score, of the pairs scored so far
    ahead: _Candidates | None  # every clustered quote's candidates, when asked for (a run with no earlier one)


def text_work(quotes: Sequence[StoredQuote], order: Sequence[int], stats: AlignStats, *, candidates: bool) -> TextWork:
    """The clustered quotes' texts prepared and blocked, and with `candidates` their
    candidate pairs found and scored: the work that can go on while people are grouped."""
    clustered = [i for i in order if quotes[i].kind in CLUSTERED_KINDS]
    stats.n_clustered = len(clustered)
    texts = {i: _prepare(quotes[i].text) for i in clustered}
    groups = _Texts.of({i: quotes[i].text for i in clustered}, texts)
    blocks = _blocks(groups)
    scores: dict[tuple[int, int], float] = {}
    ahead = _candidates(groups, blocks, None, scores, stats) if candidates else None
    return TextWork(clustered, texts, groups, blocks, scores, ahead)


def cluster_quotes(
    quotes: Sequence[StoredQuote],
    order: Sequence[int],
    rank: Sequence[int],
    person: dict[int, str],
    person_names: dict[str, str],
    existing: Alignment | None,
    stats: AlignStats,
    work: TextWork | None = None,
) -> tuple[list[Cluster], list[Variant], list[Relation]]:
    """Statement clusters, their variants and the relations between them, given the people
    (quote index -> person id, and names).

    With `existing`, only the new quotes are compared and only the clusters
    they reach are rebuilt; relations between untouched clusters are kept.
    `work`: `text_work` of these quotes, done ahead (its candidates only without `existing`).
    """
    if work is None:
        work = text_work(quotes, order, stats, candidates=False)
    clustered, texts, groups, blocks = work.clustered, work.texts, work.groups, work.blocks

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
    scorer = _Edges(quotes, groups, blocks, person, stats, work.scores, work.ahead if existing is None else None)
    touched = scorer.reached(new, cluster_of) if cluster_of else set()
    touched |= {cid for cid, ms in old_members.items() if len(ms) != len(old_variants[cid])}
    region = set(new) | {i for cid in touched for i in old_members[cid]}
    candidates = scorer.candidates(region)
    statements = _statements(quotes, texts, sorted(region, key=rank.__getitem__), candidates, stats, scorer, rank, person_names)

    clusters: list[Cluster] = []
    variants: list[Variant] = []
    final: dict[int, str] = {}
    for cid, members in old_members.items():
        if cid in touched:
            continue
        # untouched: keep its records; only the speakers can have changed
        old = old_clusters[cid]
        members = sorted(members, key=rank.__getitem__)
        credited = _credited(members, scorer.q)
        speakers = _speaker_names(members, credited, person_names)
        by_quote = {quotes[i].id: credited[i] for i in members}
        vs = [v if v.person_id == by_quote[v.quote_id] else replace(v, person_id=by_quote[v.quote_id]) for v in old_variants[cid]]
        if speakers == old.speakers and vs == old_variants[cid]:
            stats.n_reused_clusters += 1
            clusters.append(old)
        else:
            disagree = _disagreement(quotes, members, scorer.q, person_names, lambda i, j: _score(texts[i], texts[j]))
            clusters.append(replace(old, speakers=speakers, speakers_disagree=disagree is not None, evidence=disagree))
        variants.extend(vs)
        final.update((i, cid) for i in members)
    for members, cluster, vs in statements:
        clusters.append(cluster)
        variants.extend(vs)
        final.update((i, cluster.id) for i in members)
    relations = _relations(scorer.related, final, scorer, quotes)
    if existing is not None:
        kept = [r for r in existing.relations if r.cluster_id not in touched and r.other_cluster_id not in touched]
        relations = sorted({(r.cluster_id, r.other_cluster_id, r.relation): r for r in kept + relations}.values(),
                           key=lambda r: (r.cluster_id, r.other_cluster_id, r.relation))
    clusters.sort(key=lambda c: c.id)
    variants.sort(key=lambda v: (v.cluster_id, v.quote_id))
    return clusters, variants, relations
