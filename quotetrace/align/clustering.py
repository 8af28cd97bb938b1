"""Corpus clustering: the versions of one statement across documents.

Blocking on rare content words, scoring only the candidate pairs
(`similarity`), linking them into statements, and the records of each
statement (earliest version, drift of each version). Reads people as data
(quote index -> person id), never groups them itself.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice

from ..forked import halves_map
from ..names import SAME_TOKEN, name_similarity, name_tokens, token_similarity
from ..records import (
    KIND_CONTINUATION,
    KIND_FULL,
    KIND_PARTIAL,
    Alignment,
    Cluster,
    StoredQuote,
    Variant,
)
from .common import UnionFind, hash_id
from .similarity import (
    SAME_STATEMENT,
    _numbers_differ,
    _prepare,
    _relation,
    _score,
    _Text,
    word_diff,
)

# Fragments with fewer content words than this link only to the same speaker.
SHORT_FRAGMENT = 3
# Blocking: each quote's keys are its rarest content words, at most RARE_KEYS
# of them and, past the first, only while the texts holding them add up to
# KEY_BUDGET; a word in more than MAX_BLOCK distinct texts is too common to be a key.
RARE_KEYS = 6
KEY_BUDGET = 64
MAX_BLOCK = 200

CLUSTERED_KINDS = frozenset({KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION})


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
    uf = UnionFind(members)
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
    cid = hash_id("c-", fq.id)
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



def cluster_quotes(
    quotes: Sequence[StoredQuote],
    order: Sequence[int],
    rank: dict[int, int],
    person: dict[int, str],
    person_names: dict[str, str],
    existing: Alignment | None,
    stats: AlignStats,
) -> tuple[list[Cluster], list[Variant]]:
    """Statement clusters and their variants, given the people (quote index -> person id, and names).

    With `existing`, only the new quotes are compared and only the clusters they reach are rebuilt.
    """
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
    return clusters, variants
