"""People across spellings: the speakers of a corpus grouped into persons.

A person is a group of speaker names that `names.same_person` (transliteration,
initials) or affiliation agreement joins; a bare surname joins a full name
only when that is unambiguous. Reads the quotes' speakers, nothing of their text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from ..names import (
    SAME_PERSON,
    SAME_TOKEN,
    name_similarity,
    name_tokens,
    normalise_name,
    phonetic_key,
    token_similarity,
)
from ..nlp.rules import PERSON, classify_name
from ..records import (
    SPEAKER_DESCRIPTION,
    SPEAKER_ORGANISATION,
    SPEAKER_PERSON,
    Person,
    PersonSpelling,
    StoredQuote,
)
from .common import UnionFind, hash_id

# quote index, quote indexes -> whether the first states what one of the others does
Agreement = Callable[[int, list[int]], bool]
# A bare name's words are compared with at most this many quotes of the person.
AGREE_QUOTES = 50


def _person_name(q: StoredQuote) -> str | None:
    """The speaker's name when it names a person (not an organisation or description)."""
    name = (q.speaker or "").strip()
    if not name or q.speaker_kind not in (None, SPEAKER_PERSON):
        return None
    if q.speaker_kind is None and not any(w[:1].isupper() for w in name.split()):
        return None  # "officials", "a spokesman"
    return name if name_tokens(name) else None



@dataclass
class _NameGroup:
    key: str  # normalise_name
    tokens: tuple[str, ...]
    quotes: list[int] = field(default_factory=list)  # indexes into the quote list
    affiliations: Counter[str] = field(default_factory=Counter)


def _affiliation_key(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", folded.casefold()))


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


def name_blocks(tokens: tuple[str, ...]) -> set[tuple[str, str]]:
    """Blocking keys of a full name: surname skeleton and the given name's first consonant.

    Variants of one person share one ("Nanar Hawash" / "Hawach", "Omar" / "Umar",
    "Rob" / "Robert", "Kim Jong Un" / "Kim Jongun"); common first names alone never
    make a block.
    """
    given = _skeleton_key(tokens[0])[:1]
    keys = {(_skeleton_key(tokens[-1]), given)}
    if len(tokens) >= 3:
        keys.add((_skeleton_key("".join(tokens[1:])), given))
        # a given name more: "Fransiskus Bambang Soelistyo" meets "Bambang Soelistyo"
        keys.add((_skeleton_key(tokens[-1]), _skeleton_key(tokens[1])[:1]))
    return keys


def surname_keys(token: str) -> set[str]:
    keys = {_skeleton_key(token)}
    if token[:2] in ("al", "el") and len(token) >= 6:
        keys.add(_skeleton_key(token[2:]))  # "Elbaradei" / "Baradei"
    return keys


def _agree(
    i: int, root: int, people: dict[int, list[int]], quotes: Sequence[StoredQuote], agrees: Agreement | None
) -> bool:
    """Whether bare-name quote i agrees with the person at `root`: one affiliation, or (through `agrees`) one statement."""
    mine = quotes[i].affiliation
    if mine and _affiliations_agree(Counter([mine]), Counter(a for j in people[root] if (a := quotes[j].affiliation))):
        return True
    return agrees is not None and agrees(i, people[root][:AGREE_QUOTES])


def _group_people(
    quotes: Sequence[StoredQuote], order: Sequence[int], agrees: Agreement | None = None
) -> dict[int, list[int]]:
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
        for b in name_blocks(groups[k].tokens):
            blocks[b].append(gi)
    edges: set[tuple[float, int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                gx, gy = members[x], members[y]
                s = _names_link(groups[full[gx]], groups[full[gy]])
                if s > 0:
                    edges.add((s, gx, gy))
    uf = UnionFind(range(len(full)))
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

    # 2. Bare names join a full name when one person fits: in the same document
    # first. Elsewhere one fitting person is not enough: two people may share a
    # surname and nothing else ("Müller" in a football story, "Thomas Müller"
    # in a banking one), and spelling equivalence only makes their names
    # comparable. A merge also needs agreement: on the affiliation, or on the
    # statement (`agrees`: the bare name's words are a version of something the
    # full name said). A bare name has no given name to agree on.
    surname_index: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for root, members in component.items():
        for gi in members:
            surname = groups[full[gi]].tokens[-1]
            for key in surname_keys(surname):
                surname_index[key].add((surname, root))
    docs_of_person = {root: {quotes[i].document_id for i in qs} for root, qs in people.items()}
    next_id = len(full)
    for k in bare:
        token = groups[k].tokens[0]
        found = {entry for key in surname_keys(token) for entry in surname_index.get(key, ())}
        fits = sorted({root for surname, root in found if token_similarity(token, surname) >= SAME_TOKEN})
        leftover: list[int] = []
        for i in groups[k].quotes:
            local = [r for r in fits if quotes[i].document_id in docs_of_person[r]]
            chosen = local if local else fits
            if len(chosen) == 1 and (local or _agree(i, chosen[0], people, quotes, agrees)):
                people[chosen[0]].append(i)
            else:
                leftover.append(i)
        if leftover:
            people[next_id] = leftover
            next_id += 1
    return people


def build_people(
    quotes: Sequence[StoredQuote], order: Sequence[int], rank: Sequence[int], agrees: Agreement | None = None
) -> tuple[list[Person], dict[str, str], dict[int, str]]:
    """Person records, quote id -> person id, and quote index -> person id.

    `agrees(i, js)` tells whether quote i states what one of the quotes js
    does (the caller brings the statement similarity: this module compares names only).
    """
    people: list[Person] = []
    person_of_quote: dict[str, str] = {}
    person_of_index: dict[int, str] = {}
    used: set[str] = set()
    for members in _group_people(quotes, order, agrees).values():
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
        pid = hash_id("p-", normalise_name(display))
        while pid in used:  # two people whose names normalise alike (never merged): keep ids apart
            pid = hash_id("p-", pid)
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


# ---------------------------------------------------------------- voices

# The unnamed speakers who speak for their organisation, not for themselves
# ("a Pentagon spokesman"; "a State Department official" gives their own view).
_SPOKESPEOPLE = re.compile(r"\b(?:spokes(?:man|woman|person|people|men|women)|press\s+secretary)\b", re.I)
# What a person's organisation is called after the person: the campaign speaks as its candidate's camp.
_VOICE_TAILS = frozenset({"campaign", "camp", "team"})
# What extraction may take for an organisation that no reader would call one: two of them
# ("The Times and the Post"), a headline in capitals, a possessive, a figure, a label ("ABSTRACT.").
_NOT_ONE_ORGANISATION = re.compile(r"\sand\s|[’']s$|[’']S$|%|^\d|^[A-Z]{4,}\.$|^[A-Z’'.-]+(?:\s+[A-Z’'.-]+){1,}$")


def voice_name(q: StoredQuote) -> str | None:
    """The organisation a quote's speaker speaks as: the organisation named as the
    speaker, or the one an unnamed spokesperson speaks for."""
    if q.speaker_kind == SPEAKER_ORGANISATION:
        name = (q.speaker or "").strip()
        return name if name[:1].isupper() and len(name.split()) <= 8 and not _NOT_ONE_ORGANISATION.search(name) else None
    if q.speaker_kind == SPEAKER_DESCRIPTION and q.affiliation and _SPOKESPEOPLE.search(q.title or q.speaker or ""):
        return q.affiliation.strip() or None
    return None


@lru_cache(maxsize=65536)
def voice_key(name: str) -> str:
    """What names one organisation, however written: "Hillary Clinton's campaign",
    "the Hillary Rodham Clinton campaign" and a spokesman for "Hillary Clinton" are
    one voice; "Trey Gowdy's office" and "Trey Gowdy's campaign" are two."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).replace("’", "'")
    folded = re.sub(r"'s?$", "", re.sub(r"^the\s+", "", folded.strip(), flags=re.I))
    owned = re.match(r"^(.+?)'s?\s+(.+)$", folded)
    words = folded.split()
    if owned:  # "Trey Gowdy's office": the possessive mark is no word of the name
        words = owned.group(1).split()
        if not all(w.lower() in _VOICE_TAILS for w in owned.group(2).split()):
            words += owned.group(2).split()
    while len(words) > 1 and words[-1].lower() in _VOICE_TAILS:
        words.pop()
    if 2 <= len(words) <= 4 and classify_name(words) == PERSON:
        words = [words[0], words[-1]]  # a candidate's camp, by given name and surname
    return " ".join(re.findall(r"[^\W_]+", " ".join(words).casefold()))


def voice_id(name: str) -> str:
    return hash_id("o-", voice_key(name))


def build_voices(quotes: Sequence[StoredQuote], order: Sequence[int]) -> tuple[list[Person], dict[str, str]]:
    """Organisations as speakers: records and quote id -> organisation id.

    An organisation's id comes from its name alone (`voice_key`), so the quotes
    of one organisation are found and counted the same way in every run. Its
    spellings are the names articles credit it under; a voice heard only through
    spokespeople is named after whom they speak for.
    """
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i in order:
        name = voice_name(quotes[i])
        if name is not None and voice_key(name):
            members[voice_id(name)].append((i, name))
    voices: list[Person] = []
    of_quote: dict[str, str] = {}
    for vid, heard in members.items():
        named = [(i, n) for i, n in heard if quotes[i].speaker_kind == SPEAKER_ORGANISATION] or heard
        counts = Counter(n for _, n in named)
        first_doc: dict[str, str] = {}
        for i, n in named:
            first_doc.setdefault(n, quotes[i].document_id)
        best = min(counts, key=lambda n: (-counts[n], -len(n), n))
        display = best
        if named is heard and quotes[heard[0][0]].speaker_kind != SPEAKER_ORGANISATION and classify_name(best.split()) == PERSON:
            display = f"{best}’s spokespeople"  # not the person: those who speak for them
        spellings = tuple(PersonSpelling(n, counts[n], first_doc[n]) for n in sorted(counts, key=lambda n: (-counts[n], n)))
        voices.append(Person(vid, display, spellings, (), SPEAKER_ORGANISATION))
        for i, _ in heard:
            of_quote[quotes[i].id] = vid
    voices.sort(key=lambda p: p.id)
    return voices, of_quote


@lru_cache(maxsize=65536)
def _spelling_of(written: str, name: str) -> bool:
    tokens = name_tokens(written)
    full = name_tokens(name)
    return bool(tokens) and all(any(token_similarity(t, f) >= SAME_TOKEN for f in full) for t in tokens)


# ---------------------------------------------------------------- clusters

