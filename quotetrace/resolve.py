"""Resolve speaker mentions within one document.

"he", "Hawach", "the spokesman" and "Century International researcher Aron
Lund" become full names with a title and an affiliation, using what the
document says about each person anywhere (appositives, pre-nominal titles,
possessives). Nothing here crosses documents: that is `align.py`'s job.

Processors, in order: build the document's cast of people → follow who is
talked about sentence by sentence (salience) → resolve each quote's mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from .extract import (
    CONTEXT,
    Mention,
    looks_like_speaker,
    relative_antecedent,
    reporting_subjects,
    sentence_subject,
)
from .frequency import zipf
from .names import normalise_name, similarity_keys, token_similarity
from .nlp import GPE, ORG, OTHER, PERSON, Analysis
from .nlp.lexicon import (
    CUE_VERBS,
    DESCRIPTION_HEADS,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    MEDIA_ROLES,
    NAME_PARTICLES,
    NON_NAME_CAPS,
    OFFICE_WORDS,
    OFFICES,
    ORG_HEADS,
    ORIGIN_SUFFIXES,
    OUTLET_NICKNAMES,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
    TITLE_WORDS,
    US_STATES,
)
from .nlp.lexicon import (
    FEMALE_NOUNS as _FEMALE_NOUNS,
)
from .nlp.lexicon import (
    MALE_NOUNS as _MALE_NOUNS,
)
from .nlp.lexicon import (
    PERSON_NOUNS as _PERSON_NOUNS,
)
from .nlp.rules import (
    COUNTRIES,
    PLACE_TAILS,
    classify_name,
    is_outlet,
    is_title_word,
    mask_nicknames,
    split_sentences,
    strip_titles,
)
from .records import (
    KIND_CONTINUATION,
    KIND_FULL,
    KIND_NESTED,
    KIND_PARTIAL,
    KIND_SCARE,
    KIND_TITLE,
    SPEAKER_DESCRIPTION,
    SPEAKER_ORGANISATION,
    SPEAKER_PERSON,
    Quote,
    changed,
)
from .regex import alternation, compiled

_FEMALE_CUES = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman", "congresswoman", "councilwoman", "businesswoman", "actress", "mother", "daughter", "sister", "wife", "widow", "grandmother", "she", "her"}
_MALE_CUES = {"mr", "sir", "lord", "king", "prince", "sheikh", "spokesman", "chairman", "congressman", "councilman", "businessman", "actor", "father", "son", "brother", "husband", "grandfather", "he", "his", "him"}
# (the nouns and titles alone: a pronoun near a name may be about someone else)
_FEMALE_NOUN_CUES = frozenset(_FEMALE_CUES - {"she", "her"})
_MALE_NOUN_CUES = frozenset(_MALE_CUES - {"he", "his", "him"})


@lru_cache(maxsize=4096)
def _tokens(name: str) -> list[str]:
    return name.split()


@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    toks = [t for t in name.split() if t.lower().strip(".,") not in _SUFFIXES]
    return toks[-1] if toks else name


@lru_cache(maxsize=65536)
def _tok_sim(a: str, b: str) -> float:
    return token_similarity(a, b)


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> float:
    """token_similarity, also with particles folded ("al-Sharaa" / "Al-Sharaa"), memoised:
    a document compares the same few names thousands of times."""
    return max(token_similarity(a, b), token_similarity(normalise_name(a), normalise_name(b)))


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s", re.I)
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"}


@dataclass
class Person:
    """Someone the document names, with what it says about them."""

    name: str  # fullest spelling seen
    first_pos: int
    title: str | None = None
    affiliation: str | None = None
    gender: str | None = None  # "f" / "m" when the text tells
    spellings: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # role nouns a later "the …" may use
    # Whether the text shows this is a person (a title, a role, a known first
    # name, a subject of a reporting verb) and not a place or a product.
    evident: bool = False
    is_description: bool = False  # "a woman who works nearby": someone the text never names
    places: set[str] = field(default_factory=set)  # states and countries the text ties them to ("(R-Fla.)")
    party: str | None = None  # "r" / "d" / "i" when the text tells
    media: bool = False  # reports or comments on the news ("CNN's Ann Roe", "columnist Bo Li")

    def add_roles(self, phrase: str | None) -> None:
        if phrase:
            self.roles.update(_roles_in(phrase))

    @property
    def tokens(self) -> list[str]:
        return _tokens(self.name)

    @property
    def surname(self) -> str:
        return _surname(self.name)


@lru_cache(maxsize=1 << 14)
def _roles_in(phrase: str) -> tuple[str, ...]:
    """The role nouns a phrase gives someone, with their synonyms ("spokeswoman", "spokesperson", …)."""
    roles: list[str] = []
    for w in compiled(r"[A-Za-z-]+").findall(phrase):
        lw = w.lower()
        if lw in ROLE_NOUNS or lw in TITLE_WORDS or lw in ROLE_SYNONYMS:
            roles.append(lw)
            roles.extend(ROLE_SYNONYMS.get(lw, ()))
    return tuple(roles)


@dataclass(frozen=True)
class Org:
    name: str
    pos: int
    in_brackets: bool = False  # "(Reuters)" in a dateline is who reports, not who speaks


class _OrgTables:
    """The organisations of a document by the words a lookup starts from, each list in text order.

    Each table is built when first asked for: most documents ask one or two of them
    (whether a word ends an organisation's name, most of all), a few ask none."""

    def __init__(self, orgs: list[Org]) -> None:
        self.size = len(orgs)
        self.named = [(o, words) for o in orgs if (words := o.name.split())]  # (names without words are in no table)

    @cached_property
    def last_words(self) -> set[str]:
        return {words[-1] for _, words in self.named}

    @cached_property
    def by_last(self) -> dict[str, list[Org]]:
        table: dict[str, list[Org]] = {}
        for o, _ in self.named:
            table.setdefault(o.name.lower().split()[-1].rstrip("s"), []).append(o)
        return table

    @cached_property
    def by_word(self) -> dict[str, list[Org]]:
        table: dict[str, list[Org]] = {}
        for o, _ in self.named:
            for w in dict.fromkeys(o.name.lower().split()):
                table.setdefault(w, []).append(o)
        return table

    @cached_property
    def by_initials(self) -> dict[str, list[Org]]:
        table: dict[str, list[Org]] = {}
        for o, _ in self.named:
            table.setdefault(_initials(o.name), []).append(o)
        return table

    @cached_property
    def by_letters(self) -> dict[tuple[str, ...], list[Org]]:
        table: dict[tuple[str, ...], list[Org]] = {}
        for o, words in self.named:
            table.setdefault(tuple(w[:1] for w in words), []).append(o)
        return table

    @cached_property
    def headed_by_first(self) -> dict[str, dict[str, int]]:
        """Names of two or more words ending in an organisation head ("Pew Research Center"), by first word, with counts."""
        table: dict[str, dict[str, int]] = {}
        for o, words in self.named:
            if len(words) >= 2 and not o.in_brackets and words[-1].lower() in ORG_HEADS:
                named = table.setdefault(words[0], {})
                named[o.name] = named.get(o.name, 0) + 1
        return table


@lru_cache(maxsize=65536)
def _sound_keys(token: str) -> tuple[str, ...]:
    """The similarity keys of a surname as written and with its particles folded ("Al-Sharaa")."""
    return tuple(similarity_keys(token) | similarity_keys(normalise_name(token)))


def _positions(text: str, word: str, start: int = 0) -> Iterator[int]:
    """Every place `word` is written from `start` on, overlaps included: `str.find` reads a
    text far faster than a pattern tried at every position."""
    p = text.find(word, start)
    while p != -1:
        yield p
        p = text.find(word, p + 1)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \b in a str pattern counts as a word character


def _written_inside(text: str, word: str) -> bool:
    r"""Is `word` written, as a whole word, where no sentence or paragraph starts? What
    `re.search(rf"(?<![.!?:“\"\n])(?<![.!?:“\"]\s)(?<!^)\b{re.escape(word)}\b", text)` finds,
    without compiling a pattern for every word."""
    if not word:
        return False
    first, last = _is_word_char(word[0]), _is_word_char(word[-1])
    for p in _positions(text, word, 1):
        before = text[p - 1]
        after = text[p + len(word)] if p + len(word) < len(text) else ""
        if (
            before not in ".!?:“\"\n"
            and not (p >= 2 and before.isspace() and text[p - 2] in ".!?:“\"")
            and _is_word_char(before) != first
            and (_is_word_char(after) if after else False) != last
        ):
            return True
    return False


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAME_CHARS = "’'-"  # what a capitalised word holds besides word characters
# Surnames a document looks up where they are written before all its capitalised words are indexed.
_CAPS_LOOKUPS = 32


def _capitalised_word_at(text: str, pos: int) -> str | None:
    r"""The word `re.finditer(r"[A-Z][\w’'-]*", text)` finds starting at `pos`, a possessive
    ("’s", "'") taken off; None where no such word starts (inside "McDonald", say).

    Such a word runs on over word characters and ’ ' -: it starts at a capital only when no
    capital stands earlier in that run (the earlier one's word would hold it)."""
    if text[pos : pos + 1] not in _CAPITALS:
        return None
    j = pos - 1
    while j >= 0 and (_is_word_char(text[j]) or text[j] in _NAME_CHARS):
        if text[j] in _CAPITALS:
            return None
        j -= 1
    end = pos + 1
    while end < len(text) and (_is_word_char(text[end]) or text[end] in _NAME_CHARS):
        end += 1
    word = text[pos:end]
    if "’" in word or "'" in word:
        word = compiled(r"[’']s?$").sub("", word)
    return word


_LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z’'-]+\b")


_LOWER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz’'-")  # what a word of _LOWER_WORD is made of
# Places a word is written that `_lower_word_written` checks before it reads every word of the text.
_LOWER_LOOKS = 24


def _lower_word_written(text: str, word: str) -> bool | None:
    """Is `word` among `_LOWER_WORD.findall(text)`? Checked where `word` is written: None when
    it is written in more than _LOWER_LOOKS places that could start one of those words.

    Such a word lies in a run of lower-case letters, ’ ' and -; the words the pattern finds in
    that run are found by reading the run alone (looking at the characters around it)."""
    if len(word) < 2 or not ("a" <= word[0] <= "z") or not _LOWER_CHARS.issuperset(word):
        return False
    looks = 0
    for p in _positions(text, word):
        if p and _is_word_char(text[p - 1]):
            continue  # (inside a word: no match of the pattern starts here)
        looks += 1
        if looks > _LOWER_LOOKS:
            return None
        start = p
        while start and text[start - 1] in _LOWER_CHARS:
            start -= 1
        end = p + len(word)
        while end < len(text) and text[end] in _LOWER_CHARS:
            end += 1
        for m in _LOWER_WORD.finditer(text, start, end + 1):
            if m.start() >= p:
                if m.start() == p and m.end() == p + len(word):
                    return True
                break
    return False


@dataclass
class Cast:
    """The people and organisations of one document, indexed by name keys: a mention
    is compared with the few people who share its surname, not with everyone."""

    people: list[Person] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    subject_orgs: list[Org] = field(default_factory=list)  # organisations a sentence is about
    text: str = ""
    _by_name: dict[str, Person] = field(default_factory=dict)  # every spelling, normalised
    _by_surname: dict[str, list[Person]] = field(default_factory=dict)
    _by_first: dict[str, list[Person]] = field(default_factory=dict)
    _caps: dict[str, list[int]] | None = None  # capitalised words of the text and where they stand
    _common: frozenset[str] | None = None  # words the text also writes in lower case
    _orgs_by_last: dict[str, dict[str, int]] | None = None  # organisation names by their last word, with how often each is written
    known_surnames: set[str] = field(default_factory=set)  # of the names the text gives in full
    _written_at: dict[str, list[int]] = field(default_factory=dict)  # where full_name_in_text found each name
    _givens: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # surname -> (where, given names written before it)
    _initialisms: dict[str, str] | None = None  # capitalised runs by their initials
    _orgs_indexed: _OrgTables | None = None
    _by_sound: dict[str, list[int]] = field(default_factory=dict)  # similarity keys of surnames -> indices in people
    _ordinal: dict[int, int] = field(default_factory=dict)  # id(person) -> index in people
    _inside: dict[str, bool] = field(default_factory=dict)  # word -> capitalised where no sentence starts
    _lower: dict[str, bool | None] = field(default_factory=dict)  # word -> one of common_words (None: not told by looking)
    _common_word: dict[str, bool] = field(default_factory=dict)  # word -> is_common(word)

    def _index(self, p: Person) -> None:
        by_name = self._by_name
        by_name.setdefault(normalise_name(p.name), p)
        for spelling in p.spellings:
            by_name.setdefault(normalise_name(spelling), p)
        i = self._ordinal.setdefault(id(p), len(self._ordinal))
        toks = p.tokens
        surname = p.surname
        if toks:
            # (the last word is the surname for most names: its keys once; the order of a
            # bucket does not matter, sounding_like sorts what it finds)
            for token in (toks[-1],) if toks[-1] == surname else (toks[-1], surname):
                for key in _sound_keys(token):
                    bucket = self._by_sound.setdefault(key, [])
                    if i not in bucket:
                        bucket.append(i)
        key = _key(surname)
        if key:
            people = self._by_surname.setdefault(key, [])
            if p not in people:
                people.append(p)
        key = _key(toks[0]) if len(toks) >= 2 else ""
        if key:
            people = self._by_first.setdefault(key, [])
            if p not in people:
                people.append(p)

    def add(self, name: str, pos: int) -> Person:
        found = self.match_full(name)
        if found is None and len(name.split()) >= 2:
            # "Kaplan" spoke before the text gave "Roberta A. Kaplan": one person, now named in full
            same = self._by_surname.get(_key(_surname(name)), [])
            if len(same) == 1 and len(same[0].tokens) == 1:
                found = same[0]
        if found is not None:
            changed = name not in found.spellings
            found.spellings.add(name)
            if len(name.split()) > len(found.name.split()):
                found.name = name
                changed = True
            if changed:  # (indexing the same name and spellings again would add nothing)
                self._index(found)
            return found
        p = Person(name=name, first_pos=pos, spellings={name})
        p.gender = _gender_from_first_name(name)
        p.evident = p.gender is not None
        self.people.append(p)
        self._index(p)
        return p

    def add_surname(self, name: str, pos: int, prefix: str = "") -> Person:
        """A person the text names by surname only; the honorific tells the gender.

        The text may still give the full name where no entity was found (a headline,
        a long capitalised run): "Al Sharpton Says …" for a later "Sharpton"."""
        honorific = prefix.split()[0].lower().rstrip(".") if prefix.split() else ""
        gender = _HONORIFIC_GENDER.get(honorific)
        found = self.match_partial(name, pos, gender=gender)
        if found is not None:
            return found
        found = self.named_in_text(name)
        if found is not None:
            return found
        p = Person(name=name, first_pos=pos, spellings={name}, evident=True)
        p.gender = gender
        p.add_roles(prefix)
        if prefix:
            t, a = parse_prefix(prefix)
            p.title = _clean(t) if t else None
            p.affiliation = _clean(a) if a else None
        self.people.append(p)
        self._index(p)
        return p

    def sounding_like(self, token: str) -> list[Person]:
        """The people whose surname could be a spelling of `token` (a superset of those
        token_similarity scores 0.8 or more), in the order the text introduced them."""
        if not self._by_sound:
            return []
        hits = [bucket for key in _sound_keys(token) if (bucket := self._by_sound.get(key))]
        if not hits:
            return []  # (most mentions: no one else sounds like them)
        return [self.people[i] for i in sorted(set().union(*hits))]

    def people_with_surname(self, surname: str) -> list[Person]:
        return self._by_surname.get(_key(surname), [])

    def match_full(self, name: str) -> Person | None:
        key = normalise_name(name)
        found = self._by_name.get(key)
        if found is not None:
            return found
        toks = name.split()
        if len(toks) < 2:
            return None
        for p in self.sounding_like(toks[-1]):
            pt = p.tokens
            if len(pt) >= 2 and _tok_sim(pt[-1], toks[-1]) >= 0.85 and _tok_sim(pt[0], toks[0]) >= 0.85:
                return p
        # The last words of a longer name: "Wasserman Schultz", "Ki Hong".
        same = self._by_surname.get(_key(_surname(name)))
        if not same:
            return None  # (most new names: no one of that surname yet)
        longer = [p for p in same if len(p.tokens) > len(toks) and normalise_name(" ".join(p.tokens[-len(toks) :])) == key]
        if len(longer) == 1:
            return longer[0]
        return None

    def match_partial(self, name: str, before: int, events: list[Event] | None = None, gender: str | None = None) -> Person | None:
        """A surname (or a shortened name) → the person the text names with it.

        Several people with that surname ("Eric Trump", "Donald Trump"): the one whose
        full name was last the subject of a sentence or a speaker, else last named in
        full, else the latest introduced. A surname may also come before the full name
        (a lede, a headline), and a lone given name ("Hillary", "Xi") is the person
        with that first name when only one has it."""
        toks = name.split()
        if not toks:
            return None
        last = toks[-1]
        same = self._by_surname.get(_key(last))
        if same and len(same) == 1:
            # (most surnames name one person: what the lists below would come to)
            if not (gender and same[0].gender and same[0].gender != gender):
                return same[0]
        elif same:
            cands = [p for p in same if not (gender and p.gender and p.gender != gender)]
            full = [p for p in cands if len(p.tokens) >= 2]
            cands = full or cands
            if len(cands) == 1:
                return cands[0]
            if cands:
                return _most_recently_named(cands, before, events)
        # spelling drift ("Hawach" for "Hawash"): only someone already introduced
        best: tuple[float, int, Person] | None = None
        for p in self.sounding_like(last):
            if p.first_pos > before or (gender and p.gender and p.gender != gender):
                continue
            if len(p.tokens) >= 2 and len(toks) == 1:
                # "Al-Sharaa" vs "Ahmed al-Sharaa": compare with particles folded too
                score = _similar(p.surname, last)
            else:
                score = _tok_sim(p.surname, last)
            if score >= 0.8:
                key = (score, p.first_pos, p)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is not None:
            return best[2]
        if len(toks) == 1:
            firsts = self._by_first.get(_key(last), [])
            if len(firsts) == 1 and not (gender and firsts[0].gender and firsts[0].gender != gender):
                return firsts[0]
        return None

    def fuller_org(self, name: str) -> str:
        """ "Times" → "New York Times", "National Convention" → "Democratic National Convention":
        the longest organisation name of the text that ends with `name` (most often written)."""
        if self._orgs_by_last is None:
            self._orgs_by_last = {}
            for o in self.orgs:
                if not o.in_brackets and o.name.split():
                    named = self._orgs_by_last.setdefault(o.name.split()[-1].lower(), {})
                    named[o.name] = named.get(o.name, 0) + 1
        key = " " + name.lower()
        counts = {other: n for other, n in (self._orgs_by_last.get(name.split()[-1].lower(), {}) if name.split() else {}).items() if other.lower().endswith(key)}
        if not counts:
            return name
        return max(counts, key=lambda n: (counts[n], len(n)))

    def org_starting(self, word: str) -> str | None:
        """The organisation the text names in full that starts with `word` ("Pew" → "Pew Research Center")."""
        counts = self._org_tables().headed_by_first.get(word)
        return max(counts, key=lambda n: (counts[n], len(n))) if counts else None

    def runs_by_initials(self) -> dict[str, str]:
        """Capitalised runs of three to six words by their initials ("BLM" → "Black Lives Matter"), once per text."""
        if self._initialisms is None:
            self._initialisms = {}
            # (`[A-Z](?<!\w[A-Z])` is `\b[A-Z]`: the engine skips to the capitals)
            for m in compiled(r"[A-Z](?<!\w[A-Z])[a-z][\w’'-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)*[A-Z][a-z][\w’'-]*){2,5}").finditer(self.text):
                words = compiled(r"[’']s$").sub("", m.group()).split()
                for k in range(len(words) - 2):
                    # every stretch that starts with a name word: "Leaders of the Fair Wages Now"
                    if words[k][:1].isupper() and words[k].lower() not in NON_NAME_CAPS:
                        self._initialisms.setdefault(_initials(" ".join(words[k:])), " ".join(words[k:]))
        return self._initialisms

    def common_words(self) -> frozenset[str]:
        if self._common is None:
            # (\b[a-z][a-z’'-]+\b, written to start with a letter class: the engine then
            # skips ahead to candidate letters instead of testing a boundary everywhere)
            self._common = frozenset(_LOWER_WORD.findall(self.text))
        return self._common

    def is_common(self, word: str) -> bool:
        """A common word capitalised by its place: written in lower case elsewhere in the text
        (also in the singular: "Audiences"), or a participle ("Celebrating"); never a known given name."""
        found = self._common_word.get(word)
        if found is None:  # (the text alone decides: asked once per word, names are asked about often)
            lw = word.lower()
            if lw in FIRST_NAMES:
                found = False
            elif len(lw) > 5 and lw.endswith(("ing", "ed")):
                found = True
            else:
                found = self._written_lower(lw) or (lw.endswith("s") and len(lw) > 4 and self._written_lower(lw[:-1]))
            self._common_word[word] = found
        return found

    def _written_lower(self, word: str) -> bool:
        """Is `word` one of `common_words`? Looked for where it is written (once per word):
        a document asks about a few words, and the set of all is only built for one that
        writes a word asked about too often to check each place."""
        if self._common is not None:
            return word in self._common
        found = self._lower.get(word)
        if found is None:
            found = self._lower[word] = _lower_word_written(self.text, word)
            if found is None:
                return word in self.common_words()
        return found

    def capitalised_by_place(self, word: str) -> bool:
        """A frequent English word ("Ask", "Contrast") the text writes capitalised only
        where a sentence starts: names are capitalised wherever they stand."""
        lw = word.lower()
        return lw not in FIRST_NAMES and (zipf(lw) or 0.0) >= COMMON_CAPITAL_ZIPF and not self._capitalised_inside(word)

    def _capitalised_inside(self, word: str) -> bool:
        found = self._inside.get(word)
        if found is None:  # (one scan of the text per word: long documents ask often)
            found = self._inside[word] = _written_inside(self.text, word)
        return found

    def trim(self, name: str) -> str:
        """ "Billionaire Donald Trump" → "Donald Trump": a leading word the text also writes in
        lower case is a common word capitalised by its place, unless it is a known given name;
        so is a party or title in the plural ("Democrats Ann Roe"). Before a lone surname it is
        dropped only when someone else of that surname is known ("Top Roe" beside "Ann Roe")."""
        words = name.split()
        if len(words) < 2:
            return words[0] if words else ""  # (a lone word: nothing to trim)
        while len(words) > 2 and (self.is_common(words[0]) or (words[0].lower().endswith("s") and words[0].lower()[:-1] in TITLE_WORDS)):
            words.pop(0)
        if len(words) == 2 and self.is_common(words[0]):
            key = _key(words[1])
            if key in self.known_surnames or any(len(p.tokens) >= 2 for p in self._by_surname.get(key, ())):
                words.pop(0)
        return " ".join(words)

    def named_in_text(self, surname: str) -> Person | None:
        """The person of `full_name_in_text`, added to the cast with what the text says about them."""
        full = self.full_name_in_text(surname)
        if full is None:
            return None
        name, pos = full
        p = self.add(name, pos)
        for at in self._written_at.get(name, [pos]):
            _learn(self.text, self, p, at, at, at + len(name))  # what every mention says about them
        return p

    def full_name_in_text(self, surname: str) -> tuple[str, int] | None:
        """The fullest "Given Surname" the text writes anywhere, and where (most often written first)."""
        if surname not in self._givens:
            # the given names before each mention depend on the text alone: read them once per surname
            self._givens[surname] = [(pos, given) for pos in self._capitalised(surname) if (given := _given_names_before(self.text, pos))]
        seen: dict[str, list[int]] = {}
        for pos, given in self._givens[surname]:
            if given:
                name = self.trim(f"{given} {surname}")
                if len(name.split()) >= 2:
                    seen.setdefault(name, []).append(pos - len(name) + len(surname))
        if not seen:
            return None
        name = max(seen, key=lambda n: (len(seen[n]), -seen[n][0]))
        self._written_at[name] = seen[name]
        return name, seen[name][0]

    def _capitalised(self, word: str) -> list[int]:
        """Where the text writes `word` as a capitalised word (a possessive taken off), in order.

        A document asks about a few surnames: each is looked for where it is written, and
        only a document that asks about many has all its capitalised words indexed."""
        if self._caps is None and len(self._givens) < _CAPS_LOOKUPS:
            return [p for p in _positions(self.text, word) if _capitalised_word_at(self.text, p) == word] if word[:1] in _CAPITALS else []
        if self._caps is None:
            self._caps = {}
            possessive = compiled(r"[’']s?$")
            for m in compiled(r"[A-Z][\w’'-]*").finditer(self.text):
                found = m.group()
                if "’" in found or "'" in found:  # (most words hold no apostrophe: nothing to take off)
                    found = possessive.sub("", found)
                self._caps.setdefault(found, []).append(m.start())
        return self._caps.get(word, [])

    def _org_tables(self) -> _OrgTables:
        # organisations are all known once build_cast has read the entities; rebuilt if more come
        if self._orgs_indexed is None or self._orgs_indexed.size != len(self.orgs):
            self._orgs_indexed = _OrgTables(self.orgs)
        return self._orgs_indexed

    def org_with_head(self, head: str, before: int) -> Org | None:
        tables = self._org_tables()
        cands = [o for o in tables.by_last.get(head.rstrip("s"), ()) if o.pos < before]
        cands += [o for o in tables.by_word.get(head, ()) if o.pos < before]
        return max(cands, key=lambda o: o.pos) if cands else None

    def org_by_initials(self, initials: str, before: int) -> Org | None:
        """The latest organisation named before `before` whose initials these are ("FAA")."""
        return next((o for o in reversed(self._org_tables().by_initials.get(initials, [])) if o.pos < before), None)

    def org_by_first_letters(self, pieces: list[str]) -> Org | None:
        """The first organisation whose words begin with these pieces ("Huff", "Po")."""
        for o in self._org_tables().by_letters.get(tuple(p[:1] for p in pieces), ()):
            if all(w.startswith(p) for w, p in zip(o.name.split(), pieces, strict=True)):
                return o
        return None

    def is_org_last_word(self, word: str) -> bool:
        return word in self._org_tables().last_words


_MALE_IN_A = {"luca", "andrea", "nikita", "joshua", "ezra", "elijah", "jonah", "noah", "isaiah", "zakaria", "zakariya", "mustafa", "musa", "issa", "yahya", "attila", "sasha", "misha", "kosta", "ilya", "costa", "garcia", "dana", "jamba", "oba", "aba", "akira", "hamza", "osama", "usama", "taha", "reza", "mirza", "baba", "juma", "luka", "nicola", "kwaku", "shota"}


def _gender_from_first_name(name: str) -> str | None:
    toks = [t for t in name.split() if t.lower().rstrip(".") not in TITLE_WORDS]
    first = toks[0].lower().strip(".") if toks else ""
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    # Many European and Slavic given names ending in -a are women's (Katharina, Olena).
    if len(first) > 2 and first.endswith("a") and first not in _MALE_IN_A and len(toks) >= 2:
        return "f"
    return None


_HONORIFIC_GENDER = {"mr": "m", "ms": "f", "mrs": "f", "miss": "f", "sir": "m", "dame": "f"}
FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES


_key = normalise_name  # the key of a name token in the cast's tables (the function itself: no frame more per call)


def _most_recently_named(cands: list[Person], before: int, events: list[Event] | None) -> Person:
    """Of several people who share a surname, the one the text last named in full before
    `before`: as a subject or speaker first, else anywhere; else the latest introduced."""
    if isinstance(events, Timeline):
        for strong_only in (True, False):
            named = [(at, p) for p in cands if (at := events.last_named_in_full(p, before, strong_only)) is not None]
            if named:
                return max(named, key=lambda n: n[0])[1]
    elif events:
        i = bisect_left(events, before, key=_event_pos)
        for strong in (True, False):
            for k in range(i - 1, -1, -1):
                ev = events[k]
                if ev.full and (ev.strong or not strong) and ev.person in cands:
                    return ev.person
    prior = [p for p in cands if p.first_pos <= before]
    return max(prior, key=lambda p: p.first_pos) if prior else min(cands, key=lambda p: p.first_pos)


def _given_names_before(text: str, pos: int) -> str | None:
    """The given names written right before a surname at `pos` ("Al" in "Wow: Al Sharpton Says"):
    capitalised name words on the same line, up to a title, punctuation or a common word."""
    line_start = text.rfind("\n", max(0, pos - 60), pos) + 1
    words = (_words_before(text[max(line_start, pos - 60) : pos], 4) or "").split()
    k = len(words)
    while k > 0:
        w = words[k - 1]
        if not (w[:1].isupper() and (w[-1:].isalpha() or compiled(r"(?:[A-Z]\.)+").fullmatch(w))):
            break
        if not (_is_name_word(w) or w.lower() in COUNTRIES):
            break
        k -= 1
    given = words[k:]
    # Where the run may hold other capitalised words (a headline): from the known given
    # names nearest the surname, else the one word before it (with its initials).
    known = [i for i, w in enumerate(given) if w.lower() in FIRST_NAMES]
    if known:
        j = known[-1]
        while j > 0 and given[j - 1].lower() in FIRST_NAMES:
            j -= 1
        given = given[j:]
    elif given:
        j = len(given) - 1
        while j > 0 and compiled(r"(?:[A-Z]\.)+").fullmatch(given[j]):
            j -= 1
        given = given[j:]
    return " ".join(given) or None


# ---------------------------------------------------------------- name phrases

_POSS = re.compile(r"[’']s?$")
_SMALL_TITLE_WORDS = {"senior", "chief", "former", "top", "deputy", "acting", "interim", "press", "junior", "lead", "principal", "associate", "assistant", "executive", "managing", "general", "special", "regional", "political", "military", "security", "research", "policy"}


@lru_cache(maxsize=1 << 16)
def _is_name_word(w: str) -> bool:
    lw = w.lower().strip(".,")
    if lw in _SUFFIXES and w[:1].isupper():
        return True  # "Dan Ochoa II", "Martin Luther King Jr."
    if len(w) >= 2 and w.isupper() and w.isalpha():
        return False  # an acronym: "NASA Administrator …", "UAW President …"
    if compiled(r"(?:[A-Z]\.)+").fullmatch(w):
        return True  # an initial: "James A. Baker", "G.K."
    if lw in NAME_PARTICLES or lw.split("-")[0] in NAME_PARTICLES and "-" in lw:
        return True
    if lw in CUE_VERBS and lw.endswith(("ed", "ing", "said", "told", "wrote")):
        return False  # "Stated Holloway:", "Asserting Kincaid": a reporting verb, not a first name
    if lw in OFFICE_WORDS or is_title_word(w) or lw.endswith(ORIGIN_SUFFIXES) or (len(w) > 2 and compiled(r"[’']s$").search(w) is not None):
        # "Political Affairs", "Co-anchor", "Texas-based", "CNN’s": not a word of the name itself
        return False
    return (w[:1].isupper() or bool(compiled(r"[A-Z]\.").match(w))) and lw not in TITLE_WORDS and lw not in ORG_HEADS and lw not in COUNTRIES and lw not in NON_NAME_CAPS


# Capitalised function words: never part of a name, even at its end.
_FUNCTION_CAPS = frozenset(
    "the a an this that these those it its he she they we i you his her their our my your there here in on at "
    "for from with by of to as but and or nor so yet if when while after before since until what why how who "
    "where which whose whom both all some many most several each every any no not one two three".split()
)


def _surname_like(words: list[str]) -> bool:
    """Is the last word, a place or a title word, a surname after given names?"""
    last, before = words[-1], words[-2]
    low = last.lower().strip(".,")
    if not last[:1].isupper() or last.endswith(".") or not _is_name_word(before) or is_title_word(before):
        return False
    if low in COUNTRIES:
        return True
    given = before.lower() in FIRST_NAMES or compiled(r"(?:[A-Z]\.)+").fullmatch(before) is not None
    return low in TITLE_WORDS and (given or (len(words) >= 3 and _is_name_word(words[-3]) and not is_title_word(words[-3])))


@lru_cache(maxsize=1 << 16)
def split_name_phrase(phrase: str) -> tuple[str, str]:
    """("US President", "Donald Trump") from "US President Donald Trump"."""
    words = phrase.split()
    i = len(words)
    # "Theresa May", "Sam Read": a surname that is a word we never take for a name
    # alone counts after a given name.
    last_ok = (
        i >= 2
        and words[-1][:1].isupper()
        and words[-1].lower() in NON_NAME_CAPS
        and words[-1].lower() not in _FUNCTION_CAPS
        and _is_name_word(words[-2])
        and words[-2].lower().strip(".,") not in ROLE_NOUNS
    )
    if last_ok or (i >= 2 and not _is_name_word(words[-1]) and _surname_like(words)):
        i -= 1  # also "Jeremy Paris", "Billie Jean King": a place or a title word as the surname
    while i > 0 and _is_name_word(words[i - 1]):
        # "Moderator Dana Whitlow": a role word before the name is not part of it
        # (the last word may be a surname that is also a role: "Howard Dean").
        if i < len(words) and words[i - 1].lower().strip(".,") in ROLE_NOUNS:
            break
        i -= 1
    # Do not start a name on a particle: "al-Sharaa" keeps its particle, "of" is not one.
    while i < len(words) and words[i].lower() in NAME_PARTICLES and i + 1 < len(words) and not words[i + 1][:1].isupper():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


# Capitalised words that belong to a title, not an organisation: "Assistant District Attorney".
_PLACE_MODIFIERS = frozenset("state city county".split())
# A word this common in English, capitalised only where sentences start, is no surname ("Ask", "Contrast").
COMMON_CAPITAL_ZIPF = 4.0
# Lower-case words that end an organisation named after a person or place.
_ORG_TAILS = frozenset("campaign administration government team office camp".split())
_TITLE_MODIFIERS = frozenset(
    "assistant associate district executive managing first deputy vice senior principal regional chief "
    "general special acting interim former lieutenant county state city national".split()
)
# (the unions the parsers ask, made once: a union is a new set each time)
_TITLES_OR_MODIFIERS = TITLE_WORDS | _TITLE_MODIFIERS
_LEAD_MODIFIERS = _TITLE_MODIFIERS | {"top", "former"}


# Words that begin a compound rank: "Air Vice Marshal", "Rear Admiral", "Staff Sergeant".
_RANK_PREFIXES = frozenset("air rear surgeon lance staff master field flight wing squadron group petty".split())


@lru_cache(maxsize=1 << 16)
def parse_prefix(prefix: str) -> tuple[str | None, str | None]:
    """(title, affiliation) from what stands before a name.

    "Syria’s Foreign Minister" → ("Foreign Minister", "Syria");
    "Century International researcher" → ("researcher", "Century International");
    "Pentagon press secretary" → ("press secretary", "Pentagon").
    """
    prefix = prefix.strip(" ,")
    if not prefix:
        return None, None
    poss = compiled(r"^(?:the\s+)?(.+?)[’']s?\s+(.+)$").match(prefix)
    if poss and poss.group(1)[:1].isupper():
        owner, rest = poss.group(1).strip(), poss.group(2).strip().split()
        k = 0
        while k < len(rest) and rest[k][:1].isupper() and rest[k].lower().rstrip(".") not in _TITLES_OR_MODIFIERS:
            k += 1  # "Moody’s Analytics economist": the possessive is part of the organisation's name
        if k and k < len(rest):
            return " ".join(rest[k:]), prefix[: prefix.index(rest[k - 1]) + len(rest[k - 1])].removeprefix("the ").strip()
        return poss.group(2).strip() or None, owner
    words = prefix.split()
    # Leading capitalised words that are not titles name the organisation ("Channel 4" too).
    j = 0
    def names_org(k: int) -> bool:
        w = words[k].lower().rstrip(".")
        if w not in _TITLES_OR_MODIFIERS:
            return True
        # "State Department", "City Hall": a place word opening an organisation's name
        nxt = words[k + 1] if k + 1 < len(words) else ""
        return w in _PLACE_MODIFIERS and nxt[:1].isupper() and nxt.lower().rstrip(".") not in _TITLES_OR_MODIFIERS

    while j < len(words) and (words[j][:1].isupper() or (j and words[j].isdigit())) and names_org(j):
        j += 1
    if j == 1 and j < len(words) and (words[0].lower() in _RANK_PREFIXES or words[0].lower().endswith(("ive", "ous", "ful", "able", "ible"))):
        j = 0  # "Air Vice Marshal", "Rear Admiral": part of the title; "Presumptive nominee": an adjective
    # "Trump campaign spokesman", "Obama administration official": the campaign is the organisation
    while 0 < j < len(words) - 1 and words[j].lower() in _ORG_TAILS:
        j += 1
    org = " ".join(words[:j]) or None
    title = " ".join(words[j:]) or None
    if org and org.lower() in ("the", "a", "an"):
        org = None
    if org and title is None:
        # all capitalised: "White House Press Secretary" → split at the first title word
        return None, org
    return title, org


_APPOS_PREP = re.compile(r"\s+(?:at|with|of|for|from|in)\s+(?:the\s+)?", re.I)
_CAPSEQ = re.compile(r"(?:[A-Z][\w’'&.-]*|al-[A-Z][\w-]*)(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+|&\s+|on\s+)?(?:[A-Z][\w’'&.-]*|al-[A-Z][\w-]*))*")


# "the Arabic magazine Al-Majalla": a capitalised adjective, a common noun, then the name.
_NOUN_BETWEEN = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:magazine|newspaper|daily|weekly|paper|website|outlet|broadcaster|channel|network|"
    r"agency|firm|company|group|think\s+tank|organi[sz]ation|institute|university|party|movement|"
    r"militia|coalition|charity|union|bank|fund|station|publication|journal|consultancy)\s+"
)


@lru_cache(maxsize=1 << 16)
def parse_appositive(app: str) -> tuple[str | None, str | None]:
    """(title, affiliation) from an appositive: "a senior analyst at the International Crisis Group"."""
    app = app.strip(" ,")
    # determiners and counts are no part of the organisation: "One Clinton spokesman", "Two Pentagon officials"
    app = compiled(r"^(?:a|an|the|one|another|two|three|four|five|several|some|who\s+is|who\s+was)\s+", re.I).sub("", app)
    if not app:
        return None, None
    poss = compiled(r"^(.+?)[’']s?\s+(.+)$").match(app)
    if poss and poss.group(1)[:1].isupper() and " " not in poss.group(1).strip().split(" ")[-1]:
        return poss.group(2).strip(), poss.group(1).strip()
    m = _APPOS_PREP.search(app)
    if m:
        title = app[: m.start()].strip()
        rest = app[m.end() :]
        orgs = list(_CAPSEQ.finditer(rest))
        # the organisation is the first capitalised run, unless a common noun
        # introduces a named one: "the Arabic magazine Al-Majalla"
        org = None
        if orgs:
            first = orgs[0]
            if first.start() == 0 and len(orgs) > 1 and _NOUN_BETWEEN.fullmatch(rest[first.end() : orgs[1].start()]):
                org = orgs[1].group()
            elif first.start() <= 25:
                org = first.group()
        if org is None:
            # "a professor of constitutional law at the University of Chicago": a later
            # preposition introduces the organisation.
            later = compiled(r"\s(?:at|with|for|from)\s+(?:the\s+)?([A-Z][\w’'&.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+|&\s+)?[A-Z][\w’'&.-]*)*)").search(" " + rest)
            if later:
                org = later.group(1)
        if org:
            org = compiled(r"[’']s$").sub("", org).strip()
            return title or None, org
        return app or None, None
    # "a Pentagon spokesman" / "Interior Ministry spokesperson"
    words = app.split()
    if words and words[-1].lower() in ROLE_NOUNS:
        # "senior White House official": a modifier before the organisation belongs to the title
        lead = 0
        while lead < len(words) - 1 and words[lead].islower() and words[lead] in _LEAD_MODIFIERS:
            lead += 1
        t, o = parse_prefix(" ".join(words[lead:]))
        if o and lead:
            t = " ".join([*words[:lead], t or ""]).strip()
        return t or app, o
    return app if len(app) < 80 else None, None


_BRACKET_NEXT = re.compile(r"\s*\(")


def _appositive_after(text: str, end: int) -> str | None:
    """The appositive right after a name: `, a senior analyst at X,` (or up to the sentence end)."""
    after = text[end : end + 1]
    if after != "," and (after != "(" and not after.isspace() or not _BRACKET_NEXT.match(text, end, end + 40)):
        return None  # (most mentions: "Roe said"; the patterns below need a comma or a bracket next)
    paren = compiled(r"\s*\([^()]{1,30}\)").match(text[end : end + 40])
    if paren:
        end += paren.end()  # "Rep. Brock Halverson (R-Mont.), the chairman of …"
    m = compiled(r",\s+((?:a|an|the|who\s+is|[a-z][\w-]*|[A-Z][\w’'-]*)[^,;“”\"()]{0,140}?)(?=,|(?<!\b[A-Z])(?<!\bSt)(?<!\bJr)\.(?:\s|$)|;|\s+(?:told|said|says|added|who)\b)").match(text[end : end + 200])
    if not m:
        return None
    app = m.group(1).strip()
    words = app.split()
    if not words:
        return None
    if compiled(r",\s+(?:Rep\.|Sen\.|Gov\.|Dr\.|[A-Z][\w’'-]+\s+[A-Z])").match(text[end + m.end() : end + m.end() + 40]):
        return None  # "Kevin Marchand, the witness, Lorraine Gutierrez": it describes the next name
    low0 = words[0].lower()
    # An appositive describes: it starts with an article, a role or an org name;
    # a verb ("said", "told") or a clause ("who …") is not one.
    if low0 in CUE_VERBS or low0 in ("and", "but", "or", "meanwhile", "however", "which", "who", "where", "when"):
        return None
    has_role = any(w.lower().strip(",.") in ROLE_NOUNS for w in words) or bool(compiled(r"\b(?:at|with|of|for)\s+(?:the\s+)?[A-Z]").search(app))
    if not has_role:
        return None
    return app


# ---------------------------------------------------------------- the cast


def build_cast(text: str, analysis: Analysis, quotes: list[Quote], furniture: list[tuple[int, int]] | None = None) -> Cast:
    """Everyone the document names in full, with their titles and affiliations
    (page furniture left out: its capitalised words name nobody reliably)."""
    cast = Cast(text=text)
    mentions: list[tuple[int, int, str]] = []
    if furniture is None:
        furniture = _in_captions(text)
    covered = _Spans(furniture)
    for e in analysis.entities:
        if furniture and e.start in covered:  # (most texts have no furniture: nothing to look up)
            continue
        if e.label == ORG:
            in_brackets = text[max(0, e.start - 1) : e.start] == "(" and text[e.end : e.end + 1] == ")"
            cast.orgs.append(Org(compiled(r"^(?:the|The)\s+").sub("", e.text), e.start, in_brackets))
        elif e.label == PERSON:
            mentions.append((e.start, e.end, e.text))
    cast.orgs.sort(key=_org_pos)  # in text order (entities come so; lookups bisect on it)
    for q in quotes:
        if q.speaker_as_written and q.speaker_start is not None and q.speaker_end is not None:
            prefix, name = split_name_phrase(" ".join(mask_nicknames(q.speaker_as_written).split()))
            if len(name.split()) >= 2:
                s = q.speaker_end - len(name)
                mentions.append((s, q.speaker_end, name))
    mentions.sort()
    names = [split_name_phrase(" ".join(mask_nicknames(raw).split()))[1] for _, _, raw in mentions]
    written: dict[str, int] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2 and not cast.is_common(words[0]):
            cast.known_surnames.add(_key(words[-1]))
        key = normalise_name(name)
        written[key] = written.get(key, 0) + 1
    learned: tuple[str, int] | None = None  # the name last added, and where it ends
    for (start, end, _), name in zip(mentions, names, strict=True):
        name = cast.trim(name)
        words = name.split()
        if len(words) >= 3 and _starts_sentence(text, end - len(name)) and written.get(normalise_name(name)) == 1 and written.get(normalise_name(" ".join(words[1:]))):
            # "Billionaire Donald Trump praised …" once, "Donald Trump" elsewhere: the first
            # word is a sentence's capitalised opener, not a given name
            name = " ".join(words[1:])
        elif len(words) >= 3 and _starts_sentence(text, end - len(name)) and words[1].lower() in FIRST_NAMES and words[0].lower() not in FIRST_NAMES:
            name = " ".join(words[1:])  # "Billionaire Donald Trump praised …": a given name follows the opener
        if not name or len([w for w in name.split() if w.lower() not in NAME_PARTICLES]) < 2:
            continue
        if classify_name(name.split()) not in (PERSON, "MISC") or all(cast.is_common(w) for w in name.split()):
            # ("Election Day", "Town Hall": words the text also writes in lower case name nobody)
            continue
        name_start = end - len(name)
        if (name, end) == learned:
            # (the entity a quote's speaker mention also is: adding it again finds the person
            # it just added, and what the text says around it is learnt already)
            continue
        learned = (name, end)
        person = cast.add(name, name_start)
        _learn(text, cast, person, start, name_start, end)
    for m in _named_people(text):
        # "a 52-year-old resident named Caroline": someone the text names by a given name only
        name = m.group(2)
        if not (_personal_head(m.group(1)) or compiled(r"\bhim|\bher").search(m.group(0))) or name.lower() in NON_NAME_CAPS:
            continue  # "a company named Acme" is no person
        if m.start() not in covered and cast.match_partial(name, m.start()) is None:
            p = Person(name=name, first_pos=m.start(2), spellings={name}, evident=True)
            p.gender = _gender_from_first_name(name + " X") or _gender_of_noun(m.group(1))
            p.add_roles(m.group(1))
            cast.people.append(p)
            cast._index(p)
    return cast


# "a resident named Caroline", "a woman who identified herself only as Dana": a person noun, then
# the one name the text gives them.
_NAMED_PERSON = re.compile(
    r"\b([a-z][\w-]*),?\s+(?:(?:who\s+)?(?:identified\s+(?:himself\s+|herself\s+)?(?:only\s+)?as|named|called|known\s+only\s+as))\s+([A-Z][a-z]+)\b(?!\s+[A-Z])"
)


# What every match of _NAMED_PERSON holds where its verb stands ("called" and "known" alone
# are in most articles).
_NAMING = re.compile(r"(?:identified\s+(?:himself\s+|herself\s+)?(?:only\s+)?as|named|called|known\s+only\s+as)\s+[A-Z][a-z]")
_NAMING_VERBS = ("identified", "named", "called", "known")  # (the words _NAMING starts with)


def _named_people(text: str) -> list[re.Match[str]]:
    """`list(_NAMED_PERSON.finditer(text))`, with the pattern tried only where a match can
    start: the pattern opens with `\b`, so the engine would try it at every position.

    A match starts in the word before where _NAMING matches, or in the word before a "who"
    there ("a resident named", "a woman who identified herself as"): at the word's start, or
    after a hyphen in it (the run of word characters and hyphens its group reads)."""
    starts: set[int] = set()
    for verb in _NAMING_VERBS:
        for v in _positions(text, verb):
            if _NAMING.match(text, v) is None:
                continue
            k = v
            for _ in range(2):  # the word before the verb, then the one before that
                while k and text[k - 1].isspace():
                    k -= 1
                if k and text[k - 1] == ",":
                    k -= 1
                j = k
                while j and (text[j - 1].isalnum() or text[j - 1] in "_-"):  # (`[\w-]`)
                    j -= 1
                starts.update(p for p in range(j, k) if p == j or text[p - 1] == "-")
                k = j
    found: list[re.Match[str]] = []
    end = 0
    for start in sorted(starts):
        if start >= end and (m := _NAMED_PERSON.match(text, start)) is not None:
            found.append(m)  # (as finditer goes on: from where the match ends)
            end = m.end()
    return found


def _gender_of_noun(noun: str) -> str | None:
    return "f" if noun in _FEMALE_NOUNS else "m" if noun in _MALE_NOUNS else None


def _starts_sentence(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in " \t“\"‘'(":
        i -= 1
    return i == 0 or text[i - 1] in "\n.!?:—"


# "the witness, " / "Her editor at Greywater Press, " right before a name.
_DESCRIPTION_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Z][\w-]*[’']s)\s+((?:[\w’'-]+\s+){0,6}?[\w’'-]+),\s+$"
)


def _words_before(s: str, n: int) -> str | None:
    r"""The last `n` (or fewer) words of `s` (one line), which must end in spaces or tabs.

    What `re.search(r"(\S+(?:[ 	]+\S+){0,n-1})[ 	]+$", s).group(1)` gives,
    by a backward scan: a pattern anchored at the end is tried at every position.
    """
    end = len(s.rstrip(" \t"))
    if end == len(s) or end == 0 or s[end - 1].isspace():
        return None
    head = s[:end]
    parts = head.rsplit(maxsplit=n)
    run = head[len(parts[0]) :].lstrip() if len(parts) > n else head.lstrip()
    if run.isprintable():
        return run  # (the words are parted by spaces alone: the last `n` of them, or all)
    start = i = end
    for _ in range(n):
        k = i
        while k and not s[k - 1].isspace():
            k -= 1
        if k == i:
            break  # no word here: the run of words ended
        start = k
        i = k
        while i and s[i - 1] in " \t":
            i -= 1
        if i == k:
            break  # the word starts the string or follows another kind of space
    return s[start:end]


_MARKS_BEFORE_TITLES = ",;:()“”\""  # what ends the words before a name that may be its titles
_CUES_IN_HEADLINES = frozenset(("says", "said", "tells", "told", "adds", "added", "writes", "wrote", "asks", "asked"))


def _without_possessive(word: str) -> str:
    """`word` with a final ’s, 's, ’ or ' taken off (what `_POSS.sub("", word)` gives)."""
    if word.endswith(("’s", "'s")):
        return word[:-2]
    return word[:-1] if word.endswith(("’", "'")) else word


def _learn(text: str, cast: Cast, person: Person, phrase_start: int, name_start: int, name_end: int) -> None:
    """Take title, affiliation and gender from around one mention of a person."""
    # pre-nominal: the words right before the name on the same line
    line_start = text.rfind("\n", max(0, name_start - 80), name_start) + 1
    before = text[max(line_start, name_start - 80) : name_start]
    # The words right before the name (up to eight, on its line).
    pre = _words_before(before.replace("—", " ").replace("–", " "), 8)
    title = affiliation = None
    tail = ""
    # (the comma test first: the pattern is slow to fail on the other mentions)
    desc = _DESCRIPTION_BEFORE.search(before) if before[-1:].isspace() and before.rstrip().endswith(",") else None
    if desc and any(w.lower() in ROLE_NOUNS for w in desc.group(1).split()):
        # "the witness, Lorraine Gutierrez" / "Her editor at Greywater Press, Daniel Iwasaki"
        person.add_roles(desc.group(1))
        t, a = parse_appositive(desc.group(1))
        title, affiliation = t, a
        pre = None
    if pre:
        # the words after the last punctuation mark (a comma, a bracket, a quotation mark)
        words = pre[max(map(pre.rfind, _MARKS_BEFORE_TITLES)) + 1 :].split()
        # keep only the tail made of titles, roles and organisation names
        k = len(words)
        while k > 0:
            w = words[k - 1]
            low = w.lower()
            lw = _without_possessive(low.strip(".,"))  # "Pentagon's", "star" (not "tar")
            if low in _CUES_IN_HEADLINES:
                break  # "Says Governor Ana Ruiz" in a headline: the verb is no title
            ok = (
                low.rstrip(".") in TITLE_WORDS
                or lw in ROLE_NOUNS
                or lw in _SMALL_TITLE_WORDS
                or (w[:1].isupper() and low not in NON_NAME_CAPS)
            )
            if not ok:
                break
            k -= 1
        tail = " ".join(words[k:])
        if tail and any(w.lower().rstrip(".’'s") in TITLE_WORDS or w.lower().strip(".,") in ROLE_NOUNS for w in words[k:]):
            title, affiliation = parse_prefix(tail)
    app = _appositive_after(text, name_end)
    if app:
        t2, a2 = parse_appositive(app)
        title = t2 or title
        affiliation = a2 or affiliation
    if affiliation is None and title:
        # "a ministry spokesperson": the ministry the text spoke of last
        for w in reversed(title.lower().split()):
            if w in ORG_HEADS:
                org = cast.org_with_head(w, name_start)
                if org:
                    affiliation = org.name
                break
    person.add_roles(title)
    person.add_roles(tail)  # only the titles right before the name, not the whole sentence
    if title or affiliation or person.roles:
        person.evident = True
    if affiliation is None and title and _CORPORATE_TITLE.search(title):
        # "Chief Financial Officer Dwight Kessington": of the company the story is about.
        org = _org_in_focus(cast, name_start)
        if org is not None:
            affiliation = org.name
    if title and not person.title:
        person.title = _clean(title)
    if affiliation and not person.affiliation:
        person.affiliation = _clean(affiliation)
    _learn_ties(text, person, name_end, title, affiliation, pre or "")
    _learn_predicate_role(text, person, name_end)
    if person.gender is None:
        ctx = (before[-30:] + " " + (app or "")).lower()
        cues = set(compiled(r"[a-z]+").findall(ctx))
        if cues & _FEMALE_NOUN_CUES:
            person.gender = "f"
        elif cues & _MALE_NOUN_CUES:
            person.gender = "m"


# "(R-Fla.)", ", D-Mo.,", "(Ariz.)" right after a name: party and state.
_PARTY_STATE = re.compile(r"\s*(?:\(|,\s*)(?:([RDI])\s*-\s*)?([A-Z][A-Za-z]*\.?(?:\s?[A-Z][a-z]*\.?)?)(?:\)|,|\s)")
_PARTY_WORDS = {"republican": "r", "gop": "r", "republicans": "r", "democrat": "d", "democratic": "d", "democrats": "d", "independent": "i"}


def _learn_ties(text: str, person: Person, name_end: int, title: str | None, affiliation: str | None, pre: str) -> None:
    """The party, states and countries the text ties a person to, and whether they are of the media:
    "Sen. Ann Roe (R-Fla.)", "Florida Gov. Bo Li", "CNN's Cy Dunn", "columnist Di Fox"."""
    m = _PARTY_STATE.match(text, name_end)
    if m and (m.group(1) or text[name_end : m.end()].lstrip().startswith("(")):
        state = US_STATES.get(m.group(2).lower()) or US_STATES.get(m.group(2).lower().rstrip("."))
        if state is not None and (m.group(1) or len(m.group(2).rstrip(".")) > 2):
            person.places.add(state)
            if m.group(1):
                person.party = person.party or m.group(1).lower()
    near = _capitalised_tail(pre)
    words = f"{near} {title or ''} {affiliation or ''}"
    places, party = _places_and_party(words)
    person.places |= places
    person.party = person.party or party
    near_words = near.split()
    last = near_words[-1] if near_words else ""
    owned = _without_possessive(last)  # (what `^(.+?)[’']s?$` takes of the last word, when it matches)
    if owned and len(owned) < len(last):
        owner = near_words[:-1] + [owned]
        for k in range(len(owner)):
            if _is_outlet(" ".join(owner[k:])):
                if not person.affiliation:
                    person.affiliation = _clean(" ".join(owner[k:]))  # "CNN's Gloria Borger"
                person.media = True
                break
    if not person.media and ((person.affiliation and _is_outlet(person.affiliation)) or _names_media_role(f"{near} {title or ''}")):
        person.media = True


_is_outlet = lru_cache(maxsize=1 << 14)(is_outlet)  # (asked of the same few names again and again)


@lru_cache(maxsize=1 << 14)
def _names_media_role(phrase: str) -> bool:
    """Does a title name a role in the media ("columnist", "anchor")?"""
    return any(w.lower().strip(".,") in MEDIA_ROLES for w in phrase.split())


class _GapThen:
    """`re.compile(rf"[^{stops}]{{0,{reach}}}?{body}").match(text, pos)`, found without trying
    the body at each of `reach` places: the first place within reach, before any stop
    character, where the body's `head` (a word it starts with, at most `longest` long) is
    written and the body matches. Gives the body's match: its groups and end are the
    whole pattern's."""

    def __init__(self, stops: str, reach: int, head: str, longest: int, body: str, literal: str = "") -> None:
        self.stops = re.compile(f"[{stops}]")
        self.reach = reach
        self.head = re.compile(head)
        self.longest = longest
        self.body = re.compile(body)
        self.literal = literal  # what every head holds, if one string does

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        stop = self.stops.search(text, pos, pos + self.reach)
        last = stop.start() if stop else pos + self.reach
        # (the window shows every head starting by `last` whole, and the character after it)
        end = min(len(text), last + self.longest + 1)
        if self.literal and text.find(self.literal, pos, end) == -1:
            return None
        for head in self.head.finditer(text, pos, end):
            if head.start() > last:
                break
            m = self.body.match(text, head.start())
            if m is not None:
                return m
        return None


_AS_ROLE = _GapThen(".;!?\n“”\"()", 80, r"\bas\b", 2, r"\bas\s+(?:the|a|an)\s+((?:[A-Z][\w-]*\s+){0,3}(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", "as")


def _learn_predicate_role(text: str, person: Person, name_end: int) -> None:
    """ "Ann Roe accepted the nomination as the Democratic nominee": a role given in the clause."""
    m = _AS_ROLE.match(text, name_end)
    if m is None or compiled(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+").search(text[name_end : m.start(1)]):
        return
    words = m.group(1).split()
    if words[-1].lower() not in ROLE_NOUNS:
        return
    person.add_roles(words[-1])
    for w in words[:-1]:
        if w[:1].isupper() and w.lower() in _PARTY_WORDS and not person.party:
            person.party = _PARTY_WORDS[w.lower()]


@lru_cache(maxsize=1 << 14)
def _places_and_party(phrase: str) -> tuple[frozenset[str], str | None]:
    """The states and countries a phrase names ("New York", "Florida") and the party ("Republican")."""
    if phrase.lower() == phrase:
        return frozenset(), None  # (only a word that starts with a capital A-Z is read: none here)
    words = compiled(r"[A-Za-z][\w.’'-]*").findall(phrase)
    places: set[str] = set()
    party = None
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        lw = w.lower().rstrip(".")
        two = f"{lw} {words[i + 1].lower()}" if i + 1 < len(words) else ""
        if " " in two and two in US_STATES:
            places.add(US_STATES[two])
        elif lw in COUNTRIES or (len(lw) > 4 and US_STATES.get(lw) == lw):
            places.add(US_STATES.get(lw, lw))
        party = party or _PARTY_WORDS.get(lw)
    return frozenset(places), party


@lru_cache(maxsize=1 << 14)
def _capitalised_tail(pre: str) -> str:
    """The words right before a name that may be its titles: back to a sentence end or a comma."""
    words = pre.split()
    k = len(words)
    while k > 0 and not words[k - 1].endswith((",", ";", ":")) and not (words[k - 1].endswith(".") and k < len(words) and len(words[k - 1]) > 4):
        k -= 1
    return " ".join(words[k:])


_CORPORATE_TITLE = re.compile(
    r"\b(?:CEO|CFO|COO|CTO|chief\s+(?:executive|financial|operating|technology|marketing)(?:\s+officer)?|"
    r"spokes(?:man|woman|person)|chair(?:man|woman)?|general\s+counsel|founder|co-founder|executive\s+vice\s+president)\b",
    re.I,
)


# All-caps words that are not organisations: time zones, clock and date markers.
_NOT_ORGS = frozenset("EDT EST CDT CST MDT MST PDT PST GMT UTC BST CET AM PM ET PT CT MT UPDATED".split())


def _orgs_before(orgs: list[Org], pos: int, window: int) -> Iterator[Org]:
    """The organisations named in the `window` characters before `pos`, latest first
    (`orgs` is in text order: found by bisection, not by reading every one)."""
    end = bisect_left(orgs, pos, key=_org_pos)
    for k in range(end - 1, -1, -1):
        if orgs[k].pos < pos - window:
            return
        yield orgs[k]


# (a C key: bisections and sorts call it for every step, a Python function costs a frame each time)
_org_pos: Callable[[Org], int] = attrgetter("pos")


def _org_in_focus(cast: Cast, pos: int, window: int = 1500) -> Org | None:
    about = next(_orgs_before(cast.subject_orgs, pos, window), None)
    if about is not None:
        return about
    return next(
        (o for o in _orgs_before(cast.orgs, pos, window) if o.name.lower() not in COUNTRIES and not o.in_brackets and o.name.upper() not in _NOT_ORGS),
        None,
    )


def _clean(s: str) -> str:
    s = s.strip(" ,;:")
    s = compiled(r"^(?:the|The|a|an)\s+").sub("", s)
    return compiled(r"[’']s$").sub("", s).strip()


# ---------------------------------------------------------------- salience


@dataclass(frozen=True)
class Event:
    """A person in focus at a position: a subject, a speaker."""

    pos: int
    person: Person
    strong: bool  # subject of a sentence or a quote's speaker
    full: bool = False  # the mention gives the full name: it tells people who share a surname apart


class Timeline(list[Event]):
    """Events in text order, with each person's naming in full to hand: in a long
    document, "who of the Trumps was named last" must not walk back through everything."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        super().__init__()
        self._full: dict[tuple[int, bool], list[int]] = {}  # (id(person), strong) -> positions named in full
        self._at: dict[int, list[int]] = {}  # id(person) -> positions of all their events
        # (sorted once, as adding them one by one would, equal places kept in the order given)
        self.extend(sorted(events, key=_event_pos))
        for ev in self:
            self._at.setdefault(id(ev.person), []).append(ev.pos)
            if ev.full:
                self._full.setdefault((id(ev.person), ev.strong), []).append(ev.pos)

    def add(self, ev: Event) -> None:
        insort(self, ev, key=_event_pos)  # after events at the same place, as a stable sort would
        insort(self._at.setdefault(id(ev.person), []), ev.pos)
        if ev.full:
            insort(self._full.setdefault((id(ev.person), ev.strong), []), ev.pos)

    def last_at(self, p: Person, before: int) -> int | None:
        """Where `p` was last in focus before `before`."""
        positions = self._at.get(id(p), [])
        i = bisect_left(positions, before)
        return positions[i - 1] if i else None

    def last_named_in_full(self, p: Person, before: int, strong_only: bool) -> int | None:
        """Where the text last named `p` in full before `before` (as a subject or speaker only)."""
        best: int | None = None
        for strong in (True,) if strong_only else (True, False):
            positions = self._full.get((id(p), strong), [])
            i = bisect_left(positions, before)
            if i and (best is None or positions[i - 1] > best):
                best = positions[i - 1]
        return best


class _Spans:
    """Stretches of text (captions, page furniture) that answer "is this position inside one?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)


# A bracketed credit that ends a line: _CAPTION's last branch, and what it finds past the
# start of a line (where `^` matches no more).
_BRACKETED_CREDIT_AT_END = r"\((?:AP|AFP|REUTERS|Reuters|Getty Images|EPA|SANA|File)[^)]*\)\s*$"
_BRACKETED_CREDIT = re.compile(_BRACKETED_CREDIT_AT_END)
_CAPTION = re.compile(
    r"^(?:This (?:handout |file |undated )?(?:photo|picture|image|photograph)|In this (?:photo|image|file)|"
    r"A (?:drone )?view shows|Photo:|Caption|FILE -|\(?(?:AP|AFP|Reuters|Getty)[ /])|" + _BRACKETED_CREDIT_AT_END
)


def _is_caption(line: str) -> bool:
    s = line.strip()
    if _CAPTION.match(s):
        return True
    if ")" not in s:
        return False  # (both patterns below end with a closing bracket)
    # (past the start only the bracketed credit can match: tried at each bracket, not at
    # every character as a search with the `^` branch would be)
    at = s.find("(", 1)
    while at != -1:
        if _BRACKETED_CREDIT.match(s, at):
            return True
        at = s.find("(", at + 1)
    return bool(compiled(r"\((?:[A-Z/ .]+|[^()]*/[^()]*)\)\s*$").search(s))


# A photo credit line: "Jane Roe via Getty Images.", "John Doe/Reuters", "Getty."
_CREDIT = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*\s*(?:\bvia\s+|/)\s*(?:[A-Z][\w.'’-]*(?:\s+|/)?){1,4}|"
    r"(?:Getty|Getty Images|AP|AP Photo|Reuters|AFP|EPA|Shutterstock|YouTube|Twitter|Facebook|Instagram)\s*)\.?$"
)


# The correspondent's byline: "By Jane Roe", "By Jane Roe and John Doe, Staff Writers".
_BYLINE = re.compile(r"^(?:[Bb]y|BY|Written by|Reporting by|Reported by)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}(?:\s*(?:,|and|&|\||—|-).*)?$")


def _title_case(line: str) -> bool:
    """A headline in title case ("Newspaper Says Senator Needs To Quit"): most of its words,
    small ones too, capitalised. A sentence of prose never is."""
    words = line.split()
    if len(words) < 4:
        return False
    # (prose shows itself in its first words: past a quarter of them in lower case, the
    # capitalised ones, at most three quarters of the words, cannot make four fifths)
    lower = 0
    for w in words:
        if w[:1].isalpha() and not w[0].isupper():
            lower += 1
            if 4 * lower > len(words):
                return False
    words = [w for w in words if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _in_captions(text: str) -> list[tuple[int, int]]:
    """Lines that are page furniture, not narrative: captions, photo credits, title-case headlines."""
    out = []
    at = 0  # (the lines `[^\n]+` finds, with where they stand, without a match object for each)
    for raw in text.split("\n"):
        if raw:
            line = raw.strip()
            if _is_caption(line) or (len(line) < 90 and (_CREDIT.match(line) or _BYLINE.match(line))) or (len(line) < 200 and _title_case(line)):
                out.append((at, at + len(raw)))
        at += len(raw) + 1
    return out


def _match(cast: Cast, name: str, pos: int, events: list[Event] | None = None) -> Person | None:
    return cast.match_full(name) if len(name.split()) >= 2 else cast.match_partial(name, pos, events)


def name_events(analysis: Analysis, cast: Cast, captions: list[tuple[int, int]]) -> list[Event]:
    """Every place a known person is named (weak focus), captions left out."""
    covered = _Spans(captions)
    events: list[Event] = []
    # A lone capitalised word counts only if it is somebody's surname as written;
    # spelling drift is for real name mentions, not every sentence-initial word.
    surnames = {p.surname.lower() for p in cast.people}
    # The cast does not change here: a full name (one matched without a position) is
    # looked up once, however often the text writes it.
    full_names: dict[str, Person | None] = {}
    for e in analysis.entities:
        if e.label in (PERSON, "MISC") and (not captions or e.start not in covered):
            _, name = split_name_phrase(e.text)
            if e.label != PERSON and name.lower() not in surnames:
                continue
            if not name:
                continue
            full = len(name.split()) >= 2
            if not full:
                p = cast.match_partial(name, e.start)
            elif name in full_names:
                p = full_names[name]
            else:
                p = full_names[name] = cast.match_full(name)
            if p is not None:
                events.append(Event(e.start, p, False, full))
    return events


def _rival_near(events: list[Event], p: Person, pronoun: str, pos: int, text: str) -> bool:
    """Another person the pronoun could stand for, named in this or the previous paragraph."""
    want = "f" if pronoun == "she" else "m"
    _, prev_start = _paragraph_window(text, pos)
    return any(
        ev.person is not p and not ev.person.is_description and ev.person.gender == want
        for ev in events[bisect_left(events, prev_start, key=_event_pos) : bisect_left(events, pos, key=_event_pos)]
    )


def _surname_confidence(cast: Cast, surname: str) -> float:
    """A surname shared by two people the text names in full is a guess between them."""
    shared = [p for p in cast.people_with_surname(surname.split()[-1]) if len(p.tokens) >= 2]
    return 0.7 if len(shared) > 1 else 0.9


def _pick(events: list[Event], pronoun: str, pos: int, text: str = "") -> Person | None:
    """The antecedent of he/she.

    Recency first, within the current and the previous paragraph: the latest
    subject or speaker there, else the latest person named there; only then
    further back. Gender cues rule candidates out.
    """
    want = "f" if pronoun == "she" else "m" if pronoun == "he" else None
    end = bisect_left(events, pos, key=_event_pos)

    def fits(ev: Event) -> bool:
        return not (want and ev.person.gender and ev.person.gender != want)

    # Walk back from the pronoun rather than filter every event: a long document
    # has many, and the answer is nearly always close by.
    need_evident = any(fits(events[k]) and events[k].person.evident for k in range(end - 1, -1, -1))

    def candidate(ev: Event) -> bool:
        return fits(ev) and (ev.person.evident or not need_evident)

    window_start = _paragraph_window(text, pos)[1] if text else 0
    latest: Event | None = None
    for k in range(end - 1, -1, -1):
        ev = events[k]
        if ev.pos < window_start:
            break
        if candidate(ev):
            if ev.strong:
                return ev.person
            latest = latest or ev
    if latest is not None:
        return latest.person
    for k in range(end - 1, -1, -1):
        if candidate(events[k]) and events[k].strong:
            return events[k].person
    return next((events[k].person for k in range(end - 1, -1, -1) if candidate(events[k])), None)


# ---------------------------------------------------------------- resolution


_TOLD_TO = re.compile(r"^(?:told|tells|telling)\s+(.+)$", re.I)
_NOT_OUTLET = {"reporters", "journalists", "lawmakers", "the", "us", "me", "him", "her", "them", "colleagues", "supporters", "the audience", "the crowd"}


def _told_to(cue: str | None) -> str | None:
    if not cue:
        return None
    m = _TOLD_TO.match(cue)
    if not m:
        return None
    to = m.group(1).strip().rstrip(".")
    to = compiled(r"^the\s+").sub("", to)
    if to.lower() in _NOT_OUTLET or not to[:1].isupper():
        return None
    return to


def resolve_quotes(text: str, analysis: Analysis, quotes: list[Quote]) -> list[Quote]:
    """Give every quote a full speaker name, title, affiliation and `told_to`.

    One pass in reading order over sentence subjects and quotes, so that a
    pronoun sees exactly who was in focus before it.
    """
    if not any(q.kind in (KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION) for q in quotes):
        return sorted(quotes, key=lambda q: q.start)  # nothing to attribute
    captions = _in_captions(text)
    covered = _Spans(captions)
    cast = build_cast(text, analysis, quotes, captions)
    # Words inside quotation marks are the speaker's, not the narrative's: a "he"
    # or a name inside a quote says nothing about who is in focus.
    inside = sorted((q.start, q.end) for q in quotes)
    inside_starts = [a for a, _ in inside]
    inside_ends = [b for _, b in inside]

    def quoted(pos: int) -> bool:
        # (of the last four quotes that start by `pos`, does one reach past it?)
        i = bisect_right(inside_starts, pos)
        for end in inside_ends[max(0, i - 4) : i]:
            if pos < end:
                return True
        return False

    events = Timeline(ev for ev in name_events(analysis, cast, captions) if not quoted(ev.pos))
    items: list[tuple[int, int, object]] = []
    seen_subjects: set[int] = set()

    # Focus after the last quote to attribute decides nothing: its subjects would come
    # after every quote that reads them (a speaker may stand after the quote's start).
    last_quote = min(
        max(q.start for q in quotes),
        max(q.start if q.speaker_start is None else q.speaker_start for q in quotes if q.kind in (KIND_FULL, KIND_PARTIAL, KIND_CONTINUATION)),
    )
    inversions = _Inversions(text)
    for s in analysis.sentences:
        if s.start > last_quote:
            break
        if captions and s.start in covered:
            continue
        subj = sentence_subject(text, s.start, s.end)
        if subj is not None and quoted(subj.start):
            subj = None
        if subj is not None:
            items.append((subj.start, 0, subj))
            seen_subjects.add(subj.start)
        # "…, her son, Calvin Bell Jr., said in a statement": whoever a reporting
        # verb names is in focus too, wherever it sits in the sentence.
        for subj2 in [*reporting_subjects(text, s.start, s.end), *inversions.subjects(s.start, s.end)]:
            if subj2.start not in seen_subjects and not quoted(subj2.start):
                items.append((subj2.start, 0, subj2))
                seen_subjects.add(subj2.start)
    for q in quotes:
        items.append((q.speaker_start if q.speaker_start is not None else q.start, 1, q))
    items.sort(key=lambda it: (it[0], it[1]))
    resolved: dict[int, Quote] = {}
    reported: list[tuple[Event, Mention]] = []  # subjects of reporting verbs: "X said the plan …", with their mention
    last_statement: Quote | None = None
    in_focus: list[tuple[int, str, str]] = []  # organisations and documents subjects or speakers: where, who, kind
    for pos, _, item in items:
        if not isinstance(item, Quote):
            p = None
            low = item.text.lower()  # type: ignore[attr-defined]
            if low in ("he", "she"):
                p = _pick(events, low, pos, text)
            else:
                p = _subject_referent(cast, events, item.text, pos)  # type: ignore[attr-defined]
                if p is None and compiled(r"[A-Z][a-z]+").fullmatch(item.text) and not cast.is_common(item.text) and classify_name([item.text]) not in (ORG, GPE) and item.text.lower() not in NON_NAME_CAPS and not cast.is_org_last_word(item.text):  # type: ignore[attr-defined]
                    # "Cruz openly admitted that his pick …": a surname the text never gave in full,
                    # a person when a pronoun of the clause tells the gender
                    gender = _gender_after_cue(text, item.end) or _gender_in_clause(text, item.end)  # type: ignore[attr-defined]
                    if gender is not None and compiled(r" [a-z]").match(text, item.end) and not item.text.endswith("ly"):  # type: ignore[attr-defined]
                        # (a verb follows: not "Recently, he …")
                        p = cast.add_surname(item.text, pos)  # type: ignore[attr-defined]
                        p.gender = p.gender or gender
                if p is None:
                    # (what the subject says of an organisation matters only when it names no person)
                    subject = compiled(r"^(?:the|The)\s+").sub("", item.text)  # type: ignore[attr-defined]
                    definite_name = compiled(r"[Tt]he\s+[A-Z]").match(item.text) is not None  # type: ignore[attr-defined]
                    if subject[:1].isupper() and (definite_name or classify_name(subject.split()) == ORG):
                        cast.subject_orgs.append(Org(subject, pos))
                        in_focus.append((pos, cast.fuller_org(_expand_acronym(cast, subject, pos)), SPEAKER_ORGANISATION))
                    elif low.startswith("the ") and _head_word(low) in ORG_HEADS and len(low.split()) <= 3:
                        # "The newspaper, long an advocate of …, writes": the organisation it stands for
                        org = _named_earlier(text, low, pos) or (lambda o: cast.fuller_org(o.name) if o else None)(_recent_org(cast, pos, _head_word(low)))
                        if org:
                            in_focus.append((pos, org, SPEAKER_ORGANISATION))
            reporting = p is not None and _REPORTING_AFTER.match(text, item.end)  # type: ignore[attr-defined]
            if p is not None and p.is_description and not reporting:
                p = None  # an unnamed person counts only as the subject of a reporting verb
            if p is not None:
                _add_event(events, Event(pos, p, True, len(split_name_phrase(item.text)[1].split()) >= 2))  # type: ignore[attr-defined]
                if p.gender is None and low not in ("he", "she"):
                    p.gender = _gender_after_cue(text, item.end) or _gender_in_clause(text, item.end)  # type: ignore[attr-defined]
                if reporting:
                    reported.append((Event(pos, p, True), item))  # type: ignore[arg-type]
            continue
        q = item
        if q.kind in (KIND_SCARE, KIND_TITLE, KIND_NESTED):
            resolved[q.start] = q
            continue
        r = _resolve_one(text, q, cast, events)
        r = _owner_named_in_full(r, cast)
        if r.kind == KIND_CONTINUATION and r.speaker is not None:
            # The speaker is carried over from the statement continued: one step less sure.
            r = changed(r, speaker_confidence=round(r.speaker_confidence * 0.9, 3))
        if r.speaker is None and r.kind == KIND_CONTINUATION and last_statement is not None and last_statement.speaker:
            r = changed(
                r,
                speaker=last_statement.speaker,
                speaker_kind=last_statement.speaker_kind,
                title=last_statement.title,
                affiliation=last_statement.affiliation,
                told_to=last_statement.told_to,
                speaker_confidence=round(last_statement.speaker_confidence * 0.9, 3),
                confidence=round(max(q.confidence, last_statement.confidence * 0.9), 3),
            )
            if r.speaker_as_written is None:
                # The evidence is the statement's own mention.
                r = changed(r, speaker_as_written=last_statement.speaker_as_written, speaker_start=last_statement.speaker_start, speaker_end=last_statement.speaker_end)
        if r.speaker is None and r.kind == KIND_FULL and r.speaker_as_written is None:
            # A quote paragraph right after "X said the hardest part was …": X goes on.
            found_reporter = _reported_in_previous_paragraph(text, r.start, reported)
            if found_reporter is not None:
                reporter, said = found_reporter
                r = changed(_person_quote(r, reporter, 0.6), confidence=round(max(r.confidence, 0.6), 3))
                r = changed(r, speaker_as_written=said.text, speaker_start=said.start, speaker_end=said.end)
        if r.speaker is None and (r.speaker_as_written or "").lower() in ("it", "they") and r.speaker_start is not None:
            # "It added", "they conclude": the organisation (or, for "it", the document) in focus
            found = _group_in_focus(text, r.speaker_as_written.lower(), r.speaker_start, in_focus, events)  # type: ignore[union-attr]
            if found is not None:
                r = changed(r, speaker=found[0], speaker_kind=found[1], speaker_confidence=0.5)
        if r.speaker and r.speaker_kind == SPEAKER_ORGANISATION and r.speaker_start is not None:
            in_focus.append((r.speaker_start, r.speaker, SPEAKER_ORGANISATION))
        elif r.speaker and r.speaker_kind == SPEAKER_DESCRIPTION and r.speaker_start is not None and _head_word(r.speaker.lower()) in _STATEMENT_OR_DOCUMENT_HEADS:
            in_focus.append((r.speaker_start, r.speaker, SPEAKER_DESCRIPTION))
        if r.speaker and r.speaker_kind == SPEAKER_PERSON:
            p = cast.match_full(r.speaker)
            if p is not None:
                full = len(split_name_phrase(r.speaker_as_written or "")[1].split()) >= 2
                _add_event(events, Event(r.speaker_start if r.speaker_start is not None else r.start, p, True, full))
        if r.kind in (KIND_FULL, KIND_CONTINUATION, KIND_PARTIAL):
            last_statement = r
        resolved[q.start] = r
    return [resolved[q.start] for q in sorted(quotes, key=lambda q: q.start)]


# Nouns for documents a quote can come from ("the report", "the ad").
DOCUMENT_HEADS = frozenset(
    "report study statement release letter memo filing ruling order complaint lawsuit survey audit analysis "
    "editorial op-ed column article story ad advertisement commercial video email post tweet paper book memoir "
    "indictment affidavit transcript document notice guidance".split()
)


def _group_in_focus(text: str, pronoun: str, pos: int, in_focus: list[tuple[int, str, str]], events: list[Event]) -> tuple[str, str] | None:
    """ "The newspaper … writes …. “…,” they conclude." / "The Post reported …. It added, “…”": the
    organisation a subject or speaker of this or the previous paragraph was, when no person was
    the subject or speaker since; "it" may also be a document ("the report")."""
    _, prev_start = _paragraph_window(text, pos)
    # in_focus grows in reading order: the window is found by bisection
    window = in_focus[bisect_left(in_focus, prev_start, key=lambda f: f[0]) : bisect_left(in_focus, pos, key=lambda f: f[0])]
    near = [f for f in window if pronoun == "it" or f[2] == SPEAKER_ORGANISATION]
    if not near:
        return None
    at, name, kind = near[-1]
    if pronoun == "they":
        # a collective of the organisation in focus speaks as "they": "… editorial board"
        part = [f for f in in_focus if f[0] < pos and f[1].startswith(name + " ") and f[1].split()[-1] in ORG_HEADS]
        name = part[-1][1] if part else name
    if pronoun == "they" and any(ev.strong and at < ev.pos < pos and not ev.person.is_description for ev in events):
        return None  # a person was the subject since: "they" is more likely people
    return name, kind


# "…, said Jane Roe, a historian." / "…, said historian Jane Roe" / "Jane Roe of Ohio, a historian,
# the author of X, who said …": the name a reporting verb attaches to after it, in reported speech too.
_INVERTED = re.compile(
    # (`a(?<!\wa)s` is `\bas`: each alternative opens with a character the engine skips to)
    r"(?:,\s*|a(?<!\wa)s\s+)(?:said|says|added|wrote|noted|explained|argued|recalled|warned)\s+"
    r"((?:[a-z][\w-]*\s+){0,4}?(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+)"
)
_WHO_SAID = re.compile(
    r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+)(?:\s*\([^()]{1,30}\))?(?:\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})?"
    r"(?:,[^,;“”\"]{1,120}){0,2},\s+who\s+(?:said|says|told|added|wrote|argued|noted)\b"
)


# Sentences are read for inverted attributions at all only with one of these words in them.
_INVERSION_WORDS = ("said", "who ", "says", "added")
# What every match of _INVERTED, and of _WHO_SAID, holds whole: a sentence without it
# cannot match, and most sentences have neither. (A verb and a space; "who", space, verb.)
_INVERTED_VERBS = ("said", "says", "added", "wrote", "noted", "explained", "argued", "recalled", "warned")
_WHO_SAID_CORE = re.compile(r"who\s+(?:said|says|told|added|wrote|argued|noted)")


def _written(text: str, words: Iterable[str], fits: Callable[[int, int], int | None]) -> tuple[list[int], list[int]]:
    """(starts, ends) of every place one of `words` is written and `fits(start, end)` gives
    the end of what is wanted there. The words chosen never overlap, so the ends rise with
    the starts."""
    spans = []
    for word in words:
        for p in _positions(text, word):
            end = fits(p, p + len(word))
            if end is not None:
                spans.append((p, end))
    spans.sort()
    return [a for a, _ in spans], [b for _, b in spans]


class _Inversions:
    """Where a document writes the words an inverted attribution needs, so that each
    sentence is read with only the patterns that could match in it."""

    def __init__(self, text: str) -> None:
        self.text = text

        def whole(start: int, end: int) -> int:
            return end

        def spaced(start: int, end: int) -> int | None:
            return end + 1 if end < len(text) and text[end].isspace() else None

        def who_said(start: int, end: int) -> int | None:
            m = _WHO_SAID_CORE.match(text, start)
            return m.end() if m else None

        self.gate = _written(text, _INVERSION_WORDS, whole)
        self.cores = [_written(text, _INVERTED_VERBS, spaced), _written(text, ("who",), who_said)]

    def subjects(self, start: int, end: int) -> list[Mention]:
        if not _any_within(*self.gate, start, end):
            return []
        patterns = [pattern for pattern, core in zip((_INVERTED, _WHO_SAID), self.cores, strict=True) if _any_within(*core, start, end)]
        return _inverted_subjects(self.text, start, end, patterns) if patterns else []


def _any_within(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Does one of these spans (in order, none overlapping) lie whole inside [start, end)?"""
    i = bisect_left(starts, start)
    return i < len(starts) and ends[i] <= end


def _inverted_subjects(text: str, start: int, end: int, patterns: Sequence[re.Pattern[str]] = (_INVERTED, _WHO_SAID)) -> list[Mention]:
    out: list[Mention] = []
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            phrase = m.group(1)
            if phrase.split()[0].lower() in CUE_VERBS or not split_name_phrase(phrase)[1]:
                continue
            out.append(Mention(m.start(1), m.end(1), phrase))
    return out


def _word_head(words: Sequence[str]) -> str:
    r"""A `_GapThen` head for a body that starts with `\b(?:words)\b`: the words as a trie,
    without the leading `\b` (a pattern opened by it is tried at every character; one
    opened by the words' first letters is tried only where one is written). It also finds
    the words inside longer ones, where the body, which checks the `\b`, does not match;
    a match inside a word, all letters, never hides one that starts a word."""
    return rf"(?:{alternation(words)})\b"


# A reporting verb right after a sentence's subject (allowing an aside and adverbs).
_REPORTING_VERBS = (
    "said says told added explained noted argued insisted acknowledged admitted wrote recalled warned stated confirmed testified described recounted"
).split()
_REPORTING_VERB = rf"\b(?:{'|'.join(_REPORTING_VERBS)})\b"
_VERB_AFTER = _GapThen(";“”\"\n", 250, _word_head(_REPORTING_VERBS), 12, _REPORTING_VERB)


class _ReportingAfter:
    """Does a reporting verb follow a subject within the same sentence?"""

    @staticmethod
    def match(text: str, pos: int) -> bool:
        m = _VERB_AFTER.match(text, pos)
        if m is None:
            return False
        between = text[pos : m.end()]
        # (no line break in it; without . ! or ? no sentence can end in it either)
        return not ("." in between or "!" in between or "?" in between) or len(split_sentences(between)) <= 1


_REPORTING_AFTER = _ReportingAfter()


def _reported_in_previous_paragraph(text: str, pos: int, reported: list[tuple[Event, Mention]]) -> tuple[Person, Mention] | None:
    """Who a reporting sentence just before the quote names, and the mention (the evidence)."""
    para_start, prev_start = _paragraph_window(text, pos)
    # `reported` grows in reading order: the latest report before a position is found by bisection
    if text[para_start:pos].strip(" \t“\"«„‘'`"):
        # Inside a paragraph: the reporting sentence right before the quote.
        lo, hi = para_start, pos
    else:
        lo, hi = prev_start, para_start
    k = bisect_left(reported, hi, key=lambda r: r[0].pos)
    if k and reported[k - 1][0].pos >= lo:
        return reported[k - 1][0].person, reported[k - 1][1]
    return None


_SAID_VERBS = "said says told added explained noted argued insisted acknowledged admitted announced wrote recalled warned stated confirmed".split()
_SAID_VERB = rf"\b(?:{'|'.join(_SAID_VERBS)})\b"
_SAID_PRONOUN = _GapThen(".!?\n“”\"", 80, _word_head(_SAID_VERBS), 12, _SAID_VERB + r"(?:\s+\w+){0,3}?\s+(?:that\s+)?(he|she)\b")


_CLAUSE_PRONOUN = _GapThen(".!?\n“”\"", 60, _word_head(("his", "her", "he", "she", "himself", "herself")), 7, r"\b(his|her|he|she|himself|herself)\b")


def _gender_in_clause(text: str, subject_end: int) -> str | None:
    """ "Whitaker-Bell died Sunday at her home": the first pronoun after a subject,
    with no other name in between, is the subject's."""
    m = _CLAUSE_PRONOUN.match(text, subject_end)
    if not m or compiled(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+").search(text[subject_end : m.start(1)]):
        return None
    return "f" if m.group(1) in ("her", "she", "herself") else "m"


def _gender_in_opener(text: str, pos: int) -> str | None:
    """ "Reprising one of her favourite lines, the senator …": a pronoun in the words that open the
    sentence before its subject, with no name among them, is the subject's."""
    start = max(text.rfind(c, 0, pos) for c in ".!?\n“”\"")
    opener = text[start + 1 : pos]
    if not opener.rstrip().endswith(",") or compiled(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+").search(opener):
        return None
    found = {("f" if w in ("her", "she", "herself") else "m") for w in compiled(r"\b(his|her|he|she|himself|herself)\b").findall(opener)}
    return found.pop() if len(found) == 1 else None


def _gender_after_cue(text: str, subject_end: int) -> str | None:
    """ "Haugstad said Thursday that she would …": the pronoun names the subject's gender."""
    m = _SAID_PRONOUN.match(text, subject_end)
    if not m:
        return None
    return "f" if m.group(1) == "she" else "m"


_NOT_MAN_NOUNS = frozenset("human german roman ottoman shaman talisman caiman".split())


def _personal_head(head: str) -> bool:
    """A noun for a person: a role, a title word, "resident", or any "-man"/"-woman" ("radioman")."""
    return head not in ORG_HEADS and (
        head in ROLE_NOUNS
        or head in ROLE_SYNONYMS
        or (head in TITLE_WORDS and "." not in head)
        or head in _PERSON_NOUNS
        or (len(head) > 5 and head.endswith(("man", "woman", "person")) and head not in _NOT_MAN_NOUNS)
    )


# Nouns that relate a person to another: "the mother of one of the victims" is someone new.
_RELATIONAL = frozenset(
    "mother father son daughter wife husband widow widower sister brother friend neighbor neighbour relative "
    "cousin uncle aunt niece nephew grandmother grandfather parent child colleague classmate".split()
)


@lru_cache(maxsize=1 << 16)
def _head_word(m: str) -> str:
    """The head noun of a description: "the former governor of Vermont" → "governor"."""
    core = compiled(r"\s+(?:of|from|at|for|with|who|in)\s").split(m, maxsplit=1)[0]
    words = core.split()
    return words[-1].lower().strip(".,") if words else ""


def _role_compatible(p: Person, head: str, places: frozenset[str], party: str | None, gender: str | None) -> bool:
    """Could `p` be "the <places> <party> <head>"? Not someone of another gender, state or party,
    not someone holding another office, nor a journalist for a politician's role."""
    if p.is_description or (gender and p.gender and p.gender != gender):
        return False
    if places and p.places and not places & p.places:
        return False
    if party and p.party and party != p.party:
        return False
    if _holds(p, head):
        return True
    if head in OFFICES and p.roles & OFFICES:
        return False
    return not (p.media and head in _POLITICAL) and not (head in MEDIA_ROLES and p.roles & OFFICES)


# Roles in politics, which people who report on it do not hold.
_POLITICAL = OFFICES | frozenset(
    "nominee candidate front-runner frontrunner lawmaker legislator hopeful contender incumbent challenger "
    "delegate superdelegate republican democrat politician".split()
)


def _holds(p: Person, head: str) -> bool:
    return head in p.roles or bool(p.roles & set(ROLE_SYNONYMS.get(head, ())))


def _paragraph_window(text: str, pos: int) -> tuple[int, int]:
    """(start of the paragraph holding pos, start of the paragraph before it).

    A paragraph longer than CONTEXT (a transcript, a text without line breaks) is
    read as starting CONTEXT characters back: focus does not carry that far."""
    para_start = _line_start(text, pos)
    j = para_start - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return para_start, (_line_start(text, j) if j > 0 else 0)


def _line_start(text: str, pos: int) -> int:
    floor = max(0, pos - CONTEXT)
    return max(text.rfind("\n", floor, pos) + 1, floor)


def _latest_holder(cast: Cast, events: list[Event], head: str, pos: int, end: int, ok: Callable[[Person], bool]) -> Person | None:
    """The person holding the role `head` who was in focus last before `pos`.

    Walks back through recent events; in a long document whose holder was in focus
    long ago, asks each role holder of the cast when they last were instead."""
    roles = {head, *ROLE_SYNONYMS.get(head, ())}  # what _holds asks
    for k in range(end - 1, max(-1, end - 1 - 400), -1):
        if not roles.isdisjoint(events[k].person.roles) and ok(events[k].person):
            return events[k].person
    if end <= 400 or not isinstance(events, Timeline):
        for k in range(end - 401, -1, -1):
            if not roles.isdisjoint(events[k].person.roles) and ok(events[k].person):
                return events[k].person
        return None
    last = [(at, p) for p in cast.people if not roles.isdisjoint(p.roles) and ok(p) and (at := events.last_at(p, events[end - 400].pos)) is not None]
    return max(last, key=lambda x: x[0])[1] if last else None


def _role_referent(cast: Cast, events: list[Event], m: str, pos: int) -> tuple[Person, float] | None:
    """Who "the senator", "the Florida senator", "the former governor of Vermont" is.

    The person introduced with that role (most recently named first), unless the story has moved
    on: a subject or speaker of the same paragraph given no role at all, where the role holder
    was last named before the previous paragraph ("Recall Sen. Ann Roe …" three paragraphs up;
    "Bo Li defends his record …, the senator says"). With no one introduced so, a public role
    ("the Republican nominee") names the person the story is following. Less sure when the two
    differ or another candidate is near."""
    head = _head_word(m)
    if head in _RELATIONAL and compiled(r"\s(?:of|from)\s+(?:the\s+|a\s+|one\s+)?[a-z]").search(m):
        return None  # "the mother of one of the victims": a new person, of someone unnamed
    places, party = _places_and_party(m)
    party = _PARTY_WORDS.get(head) or party
    gender = "f" if head in _FEMALE_NOUNS or head.endswith("woman") else "m" if head in _MALE_NOUNS or (head.endswith("man") and len(head) > 3) else None
    gender = gender or _gender_in_opener(cast.text, pos) or _gender_in_clause(cast.text, pos + len(m))

    def ok(p: Person) -> bool:
        return _role_compatible(p, head, places, party, gender)

    end = bisect_left(events, pos, key=_event_pos)
    holder = _latest_holder(cast, events, head, pos, end, ok)
    if holder is None:
        holder = next((p for p in reversed(cast.people) if p.first_pos < pos and _holds(p, head) and ok(p)), None)
    para_start, prev_start = _paragraph_window(cast.text, pos)
    public = (head in ROLE_NOUNS or head in TITLE_WORDS or head in _PARTY_NOUNS or head.endswith("man")) and head not in DESCRIPTION_HEADS and head not in _UNNAMED_HEADS
    near = [ev for ev in events[bisect_left(events, prev_start, key=_event_pos) : end] if (ev.person.gender or ev.person.evident) and ok(ev.person)]
    strong = [ev for ev in near if ev.strong]
    follow = strong[-1] if strong else None
    if holder is not None:
        # events are in text order: the latest naming of the holder is the first met walking back
        holder_last = next((events[k].pos for k in range(end - 1, -1, -1) if events[k].person is holder), holder.first_pos)
        if follow is None or follow.person is holder:
            return holder, 0.8 if follow is not None else 0.75
        if follow.pos >= para_start and holder_last < prev_start and not follow.person.roles:
            return follow.person, 0.55
        return holder, 0.65
    if not public or not m.lower().startswith("the "):
        return None
    if follow is None:
        # no subject or speaker near: the person last named there, else the last subject or speaker
        weak = [ev for ev in near if not ev.person.is_description]
        if weak:
            return weak[-1].person, 0.5
        earlier = [events[k] for k in range(end - 1, -1, -1) if (events[k].person.gender or events[k].person.evident) and ok(events[k].person)]
        strong_earlier = next((ev for ev in earlier if ev.strong), None)  # latest first
        if strong_earlier is not None:
            return strong_earlier.person, 0.5
        return (earlier[0].person, 0.45) if earlier else None
    if follow.pos < para_start:
        # No one holds the role and the last subject or speaker stood in the paragraph before:
        # the person this paragraph names is more likely ("… was Trump's unwillingness …
        # Instead, the businessman has insisted …", after a quote of someone else).
        here = [ev for ev in near if ev.pos >= para_start and not ev.person.is_description]
        if here:
            return here[-1].person, 0.5
    others = {ev.person.name for ev in strong if ev.person is not follow.person and (not gender or ev.person.gender == follow.person.gender)}
    return follow.person, 0.5 if others else 0.6


_ROLE_NOUNS_OR_SYNONYMS = ROLE_NOUNS | frozenset(ROLE_SYNONYMS)  # (made once: a union is a new set each time)


def _subject_referent(cast: Cast, events: list[Event], phrase: str, pos: int) -> Person | None:
    """Who a sentence subject refers to: a name, a role ("the sergeant"), or an unnamed person."""
    phrase = " ".join(mask_nicknames(phrase).split())
    words = phrase.split()
    low0 = words[0].lower() if words else ""
    _, tail_name = split_name_phrase(phrase)
    if tail_name and words[-1][:1].isupper():
        # "Newcastle’s Senegalese striker Ousmane Ndiaye-Baldé": the name decides.
        return _named_referent(cast, phrase, pos, events)
    if low0 in ("the", "a", "an", "one", "another", "his", "her", "their") or compiled(r"[’']s?$").search(low0):
        head_words = [w.lower().strip(".,") for w in compiled(r"\s+(?:who|whose|that|which|of|at|from|with|for|in)\s+").split(phrase)[0].split()]
        head = head_words[-1] if head_words else ""
        named = len(words) == 2 and words[-1][:1].isupper() and head not in OFFICES  # "The Advocate", "The Guardian"
        if low0 in ("the", "his", "her", "their") and head in _ROLE_NOUNS_OR_SYNONYMS and not named:
            found = _role_referent(cast, events, phrase, pos)
            if found is not None:
                return found[0]
        if low0 in ("a", "an", "one", "another", "the", "his", "her", "their") and (head in _PERSON_NOUNS or (low0 in ("a", "an", "one", "another") and head in ROLE_NOUNS)):
            # An unnamed person the text goes on to quote: "A woman who works nearby said she …"
            gender = "f" if head in _FEMALE_NOUNS else "m" if head in _MALE_NOUNS else None
            d = Person(name=phrase, first_pos=pos, gender=gender, evident=True, is_description=True)
            return d
        return None
    return _named_referent(cast, phrase, pos, events)


# What every match of `_split_of_org`'s pattern holds: a preposition between white space.
_OF_WORD = re.compile(r"\s(?:of|from|with|at)\s")


def _split_of_org(mention: str) -> tuple[str, str | None]:
    """ "Sgt. Patrice Holloway-Dunn of the Polk County Sheriff's Office" → (the person, the organisation)."""
    # ("… of digital consulting firm IMGE": what the organisation is may come before its name)
    if _OF_WORD.search(mention) is None:
        return mention, None  # (what the pattern needs, found without its backtracking)
    of_org = compiled(r"^(.*?[A-Za-z.]\s*\S*?)\s+(?:of|from|with|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}([A-Z].*)$").match(mention)
    if of_org:
        _, name = split_name_phrase(of_org.group(1))
        if name and len(name.split()) >= 2:
            return of_org.group(1), of_org.group(2)
        if name and classify_name(of_org.group(2).split()) in (GPE, ORG) and classify_name(name.split()) != GPE:
            # "Butterfield of North Carolina", "Reyes of the Teamsters": a surname and where it belongs
            return of_org.group(1), of_org.group(2)
    return mention, None


def _named_referent(cast: Cast, phrase: str, pos: int, events: list[Event]) -> Person | None:
    phrase, _org = _split_of_org(phrase)
    prefix, name = split_name_phrase(phrase)
    name = cast.trim(name)
    if not name:
        return None
    p = _match(cast, name, pos, events)
    if p is not None:
        return p  # (most subjects: someone of the cast)
    if len(name.split()) == 1 and name[:1].isupper() and name.lower() not in NON_NAME_CAPS:
        p = cast.named_in_text(name)
    titled = any(is_title_word(w) or w.lower().strip(".,") in ROLE_NOUNS for w in prefix.split()) and prefix.split()[0].lower() not in ("the", "a", "an")
    if p is None and len(name.split()) == 1 and (titled or _HONORIFIC.match(phrase)) and name.lower() not in COUNTRIES:
        # "Mr. Hegseth replied …", "President Trump weighed in": a person named by surname only.
        p = cast.add_surname(name, pos, prefix)
    return p


_event_pos: Callable[[Event], int] = attrgetter("pos")  # (a C key, as _org_pos)


def _add_event(events: Timeline, ev: Event) -> None:
    if ev.strong:
        ev.person.evident = True
    events.add(ev)


def _person_quote(q: Quote, p: Person, conf: float) -> Quote:
    if p.is_description:
        title, affiliation = parse_appositive(p.name)  # "A Trump campaign spokesman": whom it speaks for
        return changed(
            q,
            speaker=p.name,
            speaker_kind=SPEAKER_DESCRIPTION,
            title=_clean(title) if title and affiliation else q.title,
            affiliation=_clean(affiliation) if affiliation else q.affiliation,
            told_to=_told_to(q.cue),
            speaker_confidence=round(conf * 0.8, 3),
        )
    return changed(
        q,
        speaker=p.name,
        speaker_kind=SPEAKER_PERSON,
        title=p.title,
        affiliation=p.affiliation,
        told_to=_told_to(q.cue),
        speaker_confidence=conf,
    )


_PRONOUN_HEADS = frozenset({"he", "she", "they", "we", "i", "it"})


# Past tenses that do not end in -ed: "the actor held a fake audition".
_IRREGULAR_PAST = frozenset(
    "held made took gave went came got had was did sent put ran met spoke found brought thought left kept began "
    "sat stood led lost paid rose fell won sought struck drew threw knew grew hit cut set let spent built fought "
    "caught taught bought sold became felt heard meant wore tore swore shook broke chose froze stole woke".split()
)


def without_clause(mention: str) -> str:
    """ "Clinton celebrated in Florida with supporters" → "Clinton", "The Vermont senator emailed
    supporters" → "The Vermont senator": a verb after the head of a mention ends the speaker."""
    words = mention.split()
    for i in range(1, len(words)):
        lw = words[i].lower().strip(",.")
        prev = words[i - 1].lower().strip(",.’'")
        if not words[i][:1].islower() or not ((lw in CUE_VERBS and not lw.endswith("ing")) or lw in _IRREGULAR_PAST or (lw.endswith("ed") and len(lw) > 4)):
            continue
        if (words[i - 1][:1].isupper() and prev not in NON_NAME_CAPS) or prev in ROLE_NOUNS or prev in _PERSON_NOUNS or prev in _PRONOUN_HEADS or prev in ORG_HEADS:
            return " ".join(words[:i])
    return mention


def _possessor(cast: Cast, m: str, pos: int) -> tuple[str, str] | None:
    """ "Sanders’ fundraising email" → (the person, "person"); "Gowdy’s office" → ("Trey Gowdy’s
    office", "organisation"): a name's document speaks for the name, its office or campaign
    is an organisation named after them. A role ("Lazar's lawyer") is someone else."""
    poss = compiled(r"^((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)(’s|'s|’|')\s+([a-z].*)$").match(m)
    if not poss:
        return None
    owner, mark, rest = poss.groups()
    rest_words = [w.strip(",.").lower() for w in rest.split()]
    if any(w in ROLE_NOUNS or w in _PERSON_NOUNS for w in rest_words) or classify_name(owner.split()) == ORG:
        return None
    person = _match(cast, owner, pos) if owner[:1].isupper() else None
    full = person.name if person is not None else owner
    if any(w in ORG_HEADS for w in rest_words):
        return f"{full}{mark} {rest}", SPEAKER_ORGANISATION
    return (full, SPEAKER_PERSON) if person is not None else None


def _country_of_people(cast: Cast, m: str) -> str | None:
    """ "the Saudis" → "Saudi Arabia", "the Israelis" → "Israel": a people's plural for its country,
    as a country name or as the place the text names with that word ("Saudi Arabia")."""
    plural = compiled(r"^[Tt]he\s+([A-Z][a-z]+)s$").match(m)
    if not plural:
        return None
    stem = plural.group(1)
    for cut in (0, 1, 3):  # Saudi, Israeli → Israel, Russian → Russia, Iranian → Iran
        country = stem[: len(stem) - cut]
        if len(country) > 3 and country.lower() in COUNTRIES and (cut == 0 or stem.endswith(("i", "n"))):
            return country
    place = compiled(rf"\b{stem}\s+[A-Z][a-z]+").search(cast.text)
    if place and (place.group().endswith(("ia", "land", "stan")) or place.group().split()[-1].lower() in PLACE_TAILS):
        return place.group()  # "Saudi Arabia", not "Saudi Prince"
    return None


def _outlet_nickname(cast: Cast, m: str) -> str | None:
    """ "HuffPo" → "Huffington Post": a news outlet's clipped name, as the text spells it out
    (each capitalised piece begins a word of the name) or as news writing knows it."""
    word = compiled(r"^(?:[Tt]he\s+)?([A-Z][a-z]+(?:[A-Z][a-z]*)+)$").match(m)
    if not word:
        return OUTLET_NICKNAMES.get(m.lower().removeprefix("the "))
    pieces = compiled(r"[A-Z][a-z]*").findall(word.group(1))
    o = cast.org_by_first_letters(pieces)
    if o is not None:
        return o.name
    return OUTLET_NICKNAMES.get(word.group(1).lower())


def _continued_name(text: str, end: int) -> str:
    """Capitalised words that go on right after a mention ("The Washington| Post", "One Club| for
    Growth"): the mention stopped short of the name."""
    m = compiled(r"(?:[ \t]+(?:(?:of|for|and|&)[ \t]+)?[A-Z][\w’'&.-]*)+").match(text, end)
    if not m:
        return ""
    words = m.group().split()
    while words and (words[-1].lower() in ("of", "for", "and", "&") or words[-1].lower().rstrip(".") in NON_NAME_CAPS):
        words.pop()
    return " ".join(words)


def _named_organisation(cast: Cast, m: str, text: str, end: int) -> str | None:
    """ "The State Department", "the Times", "The Washington" (+ "Post"), "One Club" (+ "for
    Growth"): a capitalised name after an article, or a name that is an organisation's, spelled
    out as the text spells it out elsewhere ("the Times" → "New York Times")."""
    words = m.split()
    while words and words[0].lower() in NON_NAME_CAPS and len(words) > 1 and words[0].lower() != "new":
        words = words[1:]
    if not words:
        return None
    if m.split()[0].lower() != "the" and classify_name(words + _continued_name(text, end).split()) != ORG:
        # (the last test below, made first for a mention without an article: every test before
        # it can only say None, and most mentions, the names of people, fail this one)
        return None
    person, of_org = _split_of_org(m)
    if of_org is not None and classify_name(split_name_phrase(person)[1].split()) in (PERSON, OTHER):
        return None  # "Budi Santoso of the National Search and Rescue Agency": a person of an organisation
    if len(words) >= 2 and m.split()[0].lower() == "the" and words[-1] in ORG_HEADS and all(w[:1].isupper() for w in words[:-1]):
        # "The Clinton campaign", "the Wexford city council": a named one of its kind
        owner = " ".join(words[:-1])
        spelled = _expand_acronym(cast, owner, end)
        if spelled != owner:
            return spelled  # "the BLM group", "the NRA lobby": the organisation the initials stand for
        if classify_name(owner.split()) != ORG and len(owner.split()) == 1:
            p = cast.match_partial(owner, 10**9)
            owner = p.name if p is not None and len(p.tokens) >= 2 else owner
        return f"{owner} {words[-1]}"
    if not words or not all(w[:1].isupper() or w.lower() in ("of", "for", "and", "&", "on", "the") for w in words):
        return None
    first = words[0].lower().rstrip(".")
    if first in ROLE_NOUNS or first in ("rev", "hon", "reverend", "late", "honorable"):
        return None  # "the President", "the Rev. …": a person
    if any(compiled(r"[’']s$").search(w) for w in words[:-1]):
        return None  # "The Washington Post's Ed O'Keefe": someone of the organisation
    n = strip_titles(words)
    if 0 < n < len(words) and classify_name(words[n:]) in (PERSON, OTHER):
        return None  # "Senate Majority Leader Mitch McConnell": a titled person
    last = words[-1].lower()
    if (last in _PERSON_NOUNS or last in ROLE_NOUNS) and classify_name(words) != ORG or (len(words) == 1 and _DEMONYM.match("the " + words[0])):
        return None  # "the Utah Republican", "the Texan": a person
    extended = words + _continued_name(text, end).split()
    article = m.split()[0].lower() in ("the",)
    if classify_name(extended) != ORG and not (article and classify_name(words) != GPE):
        return None
    name = " ".join(extended)
    return cast.fuller_org(name)


def _learn_prefix(p: Person, prefix: str, org_of_speaker: str | None) -> None:
    """What the mention itself says: "UAW President …", "… of the Polk County Sheriff's Office"."""
    if prefix:
        t, a = parse_prefix(prefix)
        p.title = p.title or (_clean(t) if t else None)
        p.affiliation = p.affiliation or (_clean(a) if a else None)
        p.add_roles(prefix)
    if org_of_speaker:
        p.affiliation = p.affiliation or _clean(org_of_speaker)


def _owner_named_in_full(q: Quote, cast: Cast) -> Quote:
    """"One Clinton spokesman" speaks for the Clinton the article names in full: the
    description's affiliation, a bare surname, becomes the one person of that surname
    (two of them: left as written); "the Clinton campaign" is that person's campaign."""
    attr = "speaker" if q.speaker_kind == SPEAKER_ORGANISATION else "affiliation" if q.speaker_kind == SPEAKER_DESCRIPTION else None
    named = getattr(q, attr) if attr else None
    # "the Clinton campaign" likewise: the campaign of the Clinton named in full
    owned = _SURNAME_OWNED.fullmatch(named) if named else None
    if owned is None or (attr == "speaker" and not owned.group(2)):
        return q
    full = _one_named_in_full(cast, owned.group(1))
    if full is None:
        return q
    whole = full + (owned.group(2) or "")
    return changed(q, speaker=whole) if attr == "speaker" else changed(q, affiliation=whole)


_SURNAME_OWNED = re.compile(r"([A-Z][\w’'-]+)((?:\s+(?:campaign|camp))?)")


def _one_named_in_full(cast: Cast, surname: str) -> str | None:
    """The one person of this surname the article names in full (None: none, or two)."""
    names = {p.name for p in cast.people_with_surname(surname) if len(p.tokens) >= 2 and not p.is_description}
    return names.pop() if len(names) == 1 else None


def _resolve_one(text: str, q: Quote, cast: Cast, events: list[Event]) -> Quote:
    m = q.speaker_as_written
    if not m or q.speaker_start is None:
        return changed(q, told_to=_told_to(q.cue))
    m = without_clause(m)
    low = m.lower()
    if low in ("who", "which"):
        # "Beck, who has described him as “…”": whoever the relative pronoun follows.
        ante = relative_antecedent(text, q.speaker_start)
        if ante is None:
            return changed(q, told_to=_told_to(q.cue), speaker_confidence=0.2)
        r = _resolve_one(text, changed(q, speaker_as_written=ante.text, speaker_start=ante.start, speaker_end=ante.end), cast, events)
        return changed(r, speaker_as_written=q.speaker_as_written, speaker_start=q.speaker_start, speaker_end=q.speaker_end)
    both = compiled(r"^([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+and\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})$").match(m)
    if both:
        # "Ames and Bell", "Dana Ames and Lee Bell": two speakers, each in full;
        # "Ann and Lee Bell": two given names, one surname
        first, second = split_name_phrase(both.group(1))[1], split_name_phrase(both.group(2))[1]
        found = [_match(cast, n, q.speaker_start, events) if n else None for n in (first, second)]
        if found[0] is not None and found[1] is not None and found[0] is not found[1] and len(first.split()) == len(second.split()):
            return changed(q, speaker=f"{found[0].name} and {found[1].name}", speaker_kind=SPEAKER_PERSON, told_to=_told_to(q.cue), speaker_confidence=0.7)
        if len(first.split()) == 1 and len(second.split()) >= 2 and first.lower() in FIRST_NAMES:
            return changed(q, speaker=f"{first} and {second}", speaker_kind=SPEAKER_PERSON, told_to=_told_to(q.cue), speaker_confidence=0.7)
    owned = compiled(r"^(his|her)\s+(campaign|office|team|staff|camp|foundation|administration)$").match(low)
    if owned:
        # "His campaign protested …": the organisation of the person the pronoun names.
        holder = _pick(events, "he" if owned.group(1) == "his" else "she", q.speaker_start, text)
        if holder is not None and not holder.is_description:
            return changed(q, speaker=f"{holder.name} {owned.group(2)}", speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.65)
    if low in ("his", "her"):
        low = "he" if low == "his" else "she"  # "her claim that …": the possessor speaks
    if low in ("he", "she", "they", "we", "i"):
        if low in ("they", "we", "i"):
            return changed(q, speaker=None, speaker_kind=None, told_to=_told_to(q.cue), speaker_confidence=0.2)
        p = _pick(events, low, q.speaker_start, text)
        if p is None:
            return changed(q, told_to=_told_to(q.cue), speaker_confidence=0.2)
        conf = 0.65 if _rival_near(events, p, low, q.speaker_start, text) else 0.8
        if p.gender is None:
            p.gender = "f" if low == "she" else "m"
        return _person_quote(q, p, conf)
    obtained = compiled(r"^((?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}?(?:email|e-mail|memo|letter|report|document|message|text|note|cable|filing|transcript|recording|video|draft))\s+(?:obtained|seen|reviewed|leaked|provided|shared)\s+(?:by|to|with)\b", re.I).match(m)
    if obtained:
        # "A June 5 email obtained by the Ledger": the document speaks; the paper only has it.
        doc = compiled(r"^(?:the|a|an)\s+", re.I).sub("", obtained.group(1))
        return changed(q, speaker=doc, speaker_kind=SPEAKER_DESCRIPTION, told_to=_told_to(q.cue), speaker_confidence=0.6)
    issued = compiled(r"\b(?:report|statement|study|analysis|filing|release|letter|memo|survey|audit|ruling|order|complaint)\s+(?:from|by|of|issued\s+by)\s+(?:the\s+)?([A-Z][^,;]*)$").search(m)
    if issued and classify_name(issued.group(1).split()) == ORG:
        # "a preliminary report from the Harris County Institute of Forensic Sciences"
        return changed(q, speaker=issued.group(1).strip(), speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.7)
    if compiled(r"^(?:a|an|one|another|two|three|several)\s+").match(low) and compiled(r"\s(?:for|of|at|with|from|to|close\s+to|familiar\s+with)\s").search(m):
        # "A spokesman for Leader Craig Tolliver" speaks for him; it is not him.
        title, affiliation = parse_appositive(m)
        return changed(
            q,
            speaker=m,
            speaker_kind=SPEAKER_DESCRIPTION,
            title=_clean(title) if title else None,
            affiliation=_clean(affiliation) if affiliation else None,
            told_to=_told_to(q.cue),
            speaker_confidence=0.6,
        )
    if low.startswith("the ") and (_DEMONYM.match(m) or (m.split()[-1].lower() in _PERSON_OR_ROLE_NOUNS and classify_name(m.split()[1:]) != ORG)):
        # "the Nevadan", "the Utah Republican": a description of a person
        return _resolve_description(q, m, cast, events)
    country = _country_of_people(cast, m)
    if country is not None:
        # "the Saudis state in the white paper": the country's government speaks
        return changed(q, speaker=country, speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.6)
    nickname = _outlet_nickname(cast, m)
    if nickname is not None:
        return changed(q, speaker=nickname, speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.7)
    org = _named_organisation(cast, m, text, q.speaker_end or q.speaker_start)
    if org is not None:
        return changed(q, speaker=_expand_acronym(cast, org, q.speaker_start), speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.7)
    owner = _possessor(cast, m, q.speaker_start)
    if owner is not None:
        if owner[1] == SPEAKER_ORGANISATION:
            return changed(q, speaker=owner[0], speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.65)
        p = cast.match_full(owner[0])
        if p is not None:
            return _person_quote(q, p, 0.8)
    poss = compiled(
        r"^(?:[Ff]rom\s+)?(.+?)[’']s\s+(?:(?:Facebook|Twitter|Instagram|YouTube|Truth\s+Social)(?:\s+(?:page|account|feed|post|video|message))?"
        r"|(?:(?:official|written|prepared|campaign)\s+)?(?:statement|post|letter|message|tweet|release|video|answer|response|reply|retort|remarks|comments|spokes\w+))$",
        re.I,
    ).match(m)
    if poss:
        m = poss.group(1)
    m = " ".join(mask_nicknames(m).split())  # Marcus “Big Mac” Delahunt is Marcus Delahunt
    if " " not in m and m[:1].isupper() and not m.isupper():
        # A lone capitalised subject that is some cast member's surname, even a word
        # like "Read" or "Post" that is not a name elsewhere.
        p = cast.match_partial(m, q.speaker_start, events)
        if p is not None:
            return _person_quote(q, p, _surname_confidence(cast, m))
    m, org_of_speaker = _split_of_org(m)
    prefix, name = split_name_phrase(m)
    name = cast.trim(name)
    if not name and prefix.split() and prefix.split()[-1][:1].isupper():
        # "King", "Paris": a title or a place word that is the surname of someone named in full
        last = prefix.split()[-1]
        if any(len(p.tokens) >= 2 for p in cast.people_with_surname(last)):
            prefix, name = " ".join(prefix.split()[:-1]), last
    name_words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if compiled(r"^[Tt]he\s+[A-Z]").match(m) and prefix.lower() == "the" and name:
        # "The Federal Reserve": a capitalised name after an article is an organisation.
        name = _expand_acronym(cast, name, q.speaker_start)
        return changed(q, speaker=name, speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.7)
    if name_words and classify_name(name.split()) != ORG and not (m.lower().startswith(("the ", "a ", "an ")) and not name):
        if len(name_words) >= 2:
            p = cast.match_full(name) or cast.add(name, q.speaker_start)
            _learn_prefix(p, prefix, org_of_speaker)
            return _person_quote(q, p, 0.95)
        honorific = prefix.split()[0].lower().rstrip(".") if prefix.split() else ""
        p = cast.match_partial(name, q.speaker_start, events, _HONORIFIC_GENDER.get(honorific))
        if p is not None:
            _learn_prefix(p, prefix, org_of_speaker)
            return _person_quote(q, p, _surname_confidence(cast, name))
        org = cast.org_starting(name) if not prefix else None
        if org is not None and cast.full_name_in_text(name) is None:
            # "Pew" after "Pew Research Center": the short name of an organisation
            return changed(q, speaker=org, speaker_kind=SPEAKER_ORGANISATION, told_to=_told_to(q.cue), speaker_confidence=0.6)
        if name[:1].isupper() and name.lower() not in COUNTRIES and name.lower() not in ORG_HEADS:
            if not prefix and (cast.is_common(name) or cast.capitalised_by_place(name)) and cast.full_name_in_text(name) is None:
                # "Audiences", "Pollsters": a common word capitalised by its place is nobody's
                # surname; kept as written, marked unsure, and no antecedent for a pronoun
                return changed(q, speaker=name, speaker_kind=SPEAKER_DESCRIPTION, told_to=_told_to(q.cue), speaker_confidence=0.3)
            # A surname the document never gave in full ("Mr. Hegseth"): a person of its own.
            p = cast.add_surname(name, q.speaker_start, prefix)
            return _person_quote(q, p, 0.8 if len(p.tokens) >= 2 else 0.6)
    # Descriptions and organisations: "the spokesman", "the ministry", "a Pentagon spokesman".
    return _resolve_description(q, m, cast, events)


# Roles a story gives people it does not name ("the spokesman", "the aide"): never the story's subject.
_UNNAMED_HEADS = frozenset(
    "spokesman spokeswoman spokesperson official aide staffer adviser advisor source expert analyst "
    "researcher witness resident neighbor neighbour friend relative member employee worker person man woman".split()
)
_PARTY_NOUNS = frozenset("democrat republican independent conservative liberal progressive libertarian".split())
_STATEMENT_HEADS = {"statement", "release", "letter", "filing", "post", "memo", "notice", "report", "announcement"}
_STATEMENT_OR_DOCUMENT_HEADS = _STATEMENT_HEADS | DOCUMENT_HEADS  # (unions made once: each is a new set)
_STATEMENT_OR_ORG_HEADS = _STATEMENT_HEADS | ORG_HEADS
_PERSON_OR_ROLE_NOUNS = _PERSON_NOUNS | ROLE_NOUNS
_AGE_NOUN = re.compile(r"^the\s+\d{1,3}-year-old(?:\s+[a-z]+)?$", re.I)
_DEMONYM = re.compile(r"^the\s+[A-Z][a-z]+(?:an|ian|ese|ard|ish|i|er)$")


def _named_earlier(text: str, m: str, pos: int) -> str | None:
    """ "the editorial board" → "Harbor Times editorial board" where the text wrote that before:
    a description of an organisation stands for the named one the text described so."""
    words = m.split()[1:]
    if not words or not all(w[:1].islower() for w in words) or len(words) > 3:
        return None
    phrase = " ".join(words)
    # (within a long document, only as far back as a reader would look)
    floor = max(0, pos - _RECALL)
    i = text.rfind(" " + phrase, floor, pos)
    while i > 0:
        before = _words_before(text[max(0, i - 60) : i + 1], 4) or ""
        caps: list[str] = []
        for w in reversed(before.split()):
            if not w[:1].isupper() or w.lower() in NON_NAME_CAPS:
                break
            caps.insert(0, w)
        article = before.split()[-len(caps) - 1].lower() if caps and len(before.split()) > len(caps) else ""
        if caps and article not in ("a", "an", "another", "one"):
            # (not "a Baton Rouge newspaper": an indefinite description names no one)
            return " ".join([*caps, phrase])
        i = text.rfind(" " + phrase, floor, i)
    return None


# How far back a description ("the editorial board") looks for the name it stands for.
_RECALL = 20_000


def _recent_org(cast: Cast, pos: int, head: str, window: int = 2500) -> Org | None:
    # "the agency" names the last agency; "the post" or "the statement" is no
    # newspaper's name but what the organisation in focus issued.
    org = None if head in _STATEMENT_HEADS else cast.org_with_head(head, pos)
    if org is not None:
        return org
    # "The agency said": the organisation the story has been about ("the newspaper": one that
    # could be a newspaper, not "the Electoral College").
    def fits(o: Org) -> bool:
        last = o.name.split()[-1].lower() if o.name.split() else ""
        if head in _GROUP_NOUNS:
            return not is_outlet(o.name)  # "the group" is no newspaper that covered it
        if head not in _NEWS_NOUNS or is_outlet(o.name):
            return True
        return last not in ORG_HEADS and o.name.lower() not in COUNTRIES and classify_name(o.name.split()) != GPE and not o.name.startswith("United ")

    about = next((o for o in _orgs_before(cast.subject_orgs, pos, window) if fits(o)), None)
    if about is not None:
        return about
    return next((o for o in _orgs_before(cast.orgs, pos, window) if not o.in_brackets and fits(o)), None)


_GROUP_NOUNS = frozenset("group organization organisation coalition movement alliance association committee".split())
_NEWS_NOUNS = frozenset("newspaper paper tabloid magazine outlet network station channel broadcaster website site publication daily weekly".split())
_ORG_OR_NEWS_NOUNS = ORG_HEADS | _NEWS_NOUNS  # (made once: a union is a new set each time)


# ", New Hampshire's largest newspaper," after an organisation's name: it is a newspaper.
_NEWSPAPER_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+|[A-Z][\w.’'-]*[’']s\s+)?(?:[\w’'-]+\s+){0,3}(?:newspaper|paper|daily|weekly|tabloid)\b")


def _newspaper_before(cast: Cast, pos: int, window: int = 4000) -> str | None:
    """The newspaper the text named last before `pos`: a known outlet or one its appositive calls a newspaper."""
    for o in _orgs_before(cast.orgs, pos, window):
        if o.in_brackets:
            continue
        end = cast.text.find(o.name, o.pos) + len(o.name)
        if is_outlet(o.name) or _NEWSPAPER_APPOSITIVE.match(cast.text, end):
            return compiled(r"[’']s$").sub("", o.name)
    return None


def _expand_acronym(cast: Cast, name: str, pos: int) -> str:
    """ "FAA" → "Federal Aviation Administration" when the article spelled it out before:
    one organisation under one name makes lookups and cross-outlet linking work."""
    if not compiled(r"[A-Z]{2,6}").fullmatch(name):
        return name
    o = cast.org_by_initials(name, pos)
    if o is not None:
        return compiled(r"[’']s$").sub("", o.name)
    # "the BLM group" after "the Black Lives Matter movement": a capitalised run the text spells out
    spelled = cast.runs_by_initials().get(name)
    return spelled if spelled else name


@lru_cache(maxsize=1 << 16)
def _initials(name: str) -> str:
    return "".join(w[0] for w in compiled(r"[A-Z][\w’'-]*").findall(name) if w.lower() not in ("of", "the", "and", "for"))


def _resolve_description(q: Quote, m: str, cast: Cast, events: list[Event]) -> Quote:
    """A speaker that is not a name: a back-reference, an organisation, or a description."""
    assert q.speaker_start is not None
    pos = q.speaker_start
    words = m.split()
    head = _head_word(m)
    low = m.lower()
    definite = low.startswith("the ") or low.startswith(("his ", "her ", "its ", "their "))
    told = _told_to(q.cue)
    personal = _personal_head(head)
    if definite and personal and head not in _STATEMENT_HEADS and not compiled(r"[’']s\s").search(m):
        # A nominal back-reference ("the senator", "the Florida senator"): the person introduced
        # with that role, or the one the story is following.
        found = _role_referent(cast, events, m, pos)
        if found is not None:
            return _person_quote(q, found[0], found[1])
    if _AGE_NOUN.match(m) or _DEMONYM.match(m):
        end = bisect_left(events, pos, key=_event_pos)
        latest = next((events[k] for k in range(end - 1, -1, -1) if events[k].strong), None)
        if latest is not None:
            return _person_quote(q, latest.person, 0.65)
    owner = compiled(r"^[Tt]he\s+([a-z]+)[’']s?\s+([a-z][\w\s-]*)$").match(m)
    if owner and owner.group(1) in _ORG_OR_NEWS_NOUNS and not _personal_head(owner.group(2).split()[-1]):
        # "the paper's editorial board": the organisation in focus, then what of it speaks
        # ("the company's spokesman" is a person, no organisation)
        org = _recent_org(cast, pos, owner.group(1))
        if org is not None:
            return changed(q, speaker=f"{cast.fuller_org(org.name)} {owner.group(2)}", speaker_kind=SPEAKER_ORGANISATION, told_to=told, speaker_confidence=0.6)
    if definite and low.endswith(("editorial board", "editors")) and _named_earlier(cast.text, m, pos) is None:
        # "the editorial board" of the newspaper the text named last
        paper = _newspaper_before(cast, pos)
        if paper is not None:
            return changed(q, speaker=f"{paper} editorial board", speaker_kind=SPEAKER_ORGANISATION, told_to=told, speaker_confidence=0.6)
    named = _named_earlier(cast.text, m, pos) if definite and head in ORG_HEADS else None
    if named is not None:
        # "the editorial board" after "the Harbor Times editorial board"
        return changed(q, speaker=named, speaker_kind=SPEAKER_ORGANISATION, told_to=told, speaker_confidence=0.65)
    if definite and head in _STATEMENT_OR_ORG_HEADS and len(words) <= 3:
        # "the company said", "the statement said": the organisation in focus.
        org = _recent_org(cast, pos, head)
        if org is not None:
            return changed(q, speaker=cast.fuller_org(org.name), speaker_kind=SPEAKER_ORGANISATION, told_to=told, speaker_confidence=0.65)
    if head in ORG_HEADS or (classify_name(words) == ORG and not personal) or compiled(r"(?:[Tt]he\s+)?[A-Z]{2,6}").fullmatch(m):
        org_name = _expand_acronym(cast, compiled(r"^(?:the|The)\s+").sub("", m), pos)
        return changed(q, speaker=org_name, speaker_kind=SPEAKER_ORGANISATION, told_to=told, speaker_confidence=0.7)
    if looks_like_speaker(m):
        # "a Pentagon spokesman" / "a spokeswoman for the CDC": the description's organisation.
        title, affiliation = parse_appositive(m)
        return changed(
            q,
            speaker=compiled(r"^(?:the|The|a|A|an|An)\s+").sub("", m),
            speaker_kind=SPEAKER_DESCRIPTION,
            title=_clean(title) if title else None,
            affiliation=_clean(affiliation) if affiliation else None,
            told_to=told,
            speaker_confidence=0.6,
        )
    return changed(q, told_to=told)


__all__ = ["Cast", "build_cast", "parse_appositive", "parse_prefix", "resolve_quotes", "split_name_phrase"]
