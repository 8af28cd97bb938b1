"""Person names across spellings: normalisation and similarity aware of transliteration.

News names drift when they pass through Arabic, Russian, Persian or Chinese:
"Ahmed al-Sharaa" / "Ahmad Al-Sharaa", "Nanar Hawash" / "Hawach", "Youssef" /
"Yusuf". These functions fold such variants together while keeping apart
different people who merely share one name token ("Ghassan Ibrahim" is not
"Ibrahim Hamidi"): precision matters more than recall, because a wrong merge
puts words in someone else's mouth.

Scores (all in [0, 1]):

- `token_similarity`: 1.0 identical, 0.95 equal phonetic keys, 0.9 a
  near-equal key with the same consonant skeleton, below 0.85 otherwise.
  0.85 is the line between "transliteration variant" and "another name".
- `name_similarity`: the weaker of given name and surname agreement, lowered
  when middle names conflict; a bare surname against a full name scores at most
  0.6, two bare names at most 0.8: neither reaches `SAME_PERSON`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from .regex import compiled

# name_similarity at or above this: the same person out of context.
SAME_PERSON = 0.85
# token_similarity at or above this: the same name token, spelled differently.
SAME_TOKEN = 0.85
# A full name that is another with a given name more ("Fransiskus Bambang
# Soelistyo" / "Bambang Soelistyo"): the same person when the rest agrees,
# given name included, so just at SAME_PERSON.
EXTRA_GIVEN = 0.9

# Leading words that are not part of the name. Dropped only while two tokens
# remain, so "John Major" and the mononym "Prince" keep their names.
_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam monsieur mme mlle herr frau
    president vice prime minister premier chancellor secretary general gen lt lieutenant col
    colonel maj major capt captain cmdr commander adm admiral sgt sergeant cpl corporal pvt
    brig brigadier marshal field rev reverend father fr pastor bishop archbishop cardinal pope
    imam sheikh sheik shaikh shaykh sayyid sayed ayatollah grand mufti hojatoleslam mullah
    rabbi king queen prince princess crown emir amir sultan his her majesty highness excellency
    senator sen rep representative congressman congresswoman gov governor mayor judge justice
    ambassador envoy spokesman spokeswoman spokesperson minister chairman chairwoman chair
    ceo director chief deputy foreign interior defence defense finance former late acting
    us u.s. uk un eu
    """.split()
)
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # Donald Trump Jr. is not Donald Trump
_SUFFIXES = _GENERATIONS | {"phd", "md", "esq", "obe", "mbe", "cbe"}
# Arabic article, with the sun-letter assimilations transliterations show ("ad-Din", "ash-Shami").
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul", "ud", "ed", "es", "et"})
# Linking particles: ignored between the given name and the surname, kept when first
# ("Al Gore", "Van Morrison") or last.
_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "ben", "bint", "binti", "ould", "van", "von", "der", "den", "de", "da",
     "di", "du", "del", "della", "dos", "das", "do", "la", "le", "y", "zu", "ter", "ten"}
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'"})
_VOWELS = frozenset("aeiouy")
_VOWEL_CLASS = {"e": "a", "o": "u"}  # medial a/e and o/u: Ahmed / Ahmad, Mohammed / Muhammad


# Letters NFKD leaves whole: Scandinavian, German, Polish, Icelandic.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})
# German and Scandinavian transliteration writes ü ö ä å as ue oe ae aa: Müller /
# Mueller / Muller, Jørgensen / Joergensen, Ångström / Aangstroem.
_UMLAUT = re.compile(r"(?<=[a-z])(?:ue|oe|ae)|aa")


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Casefold, strip diacritics (ø -> o, ß -> ss), straighten apostrophes."""
    if text.isascii():
        return text.lower().replace("`", "'")  # (nothing to decompose; the one ASCII apostrophe to straighten)
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().translate(_APOSTROPHES)


def _umlaut_fold(token: str) -> str:
    """ue/oe/ae after a letter and aa written as one vowel: "mueller" -> "muller"."""
    if "e" not in token and "aa" not in token:
        return token  # (what the pattern rewrites holds one or the other)
    return _UMLAUT.sub(lambda m: m.group()[0], token)


def _word_chars(text: str) -> str:
    """`text` with every character but word characters taken out."""
    return text if text.isalnum() else compiled(r"[^\w]").sub("", text)


@lru_cache(maxsize=65536)
def _parse(name: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(all tokens with articles written "al", content tokens, generation suffix) of one name."""
    text = _fold(name).strip()
    if "'s" in text:
        text = compiled(r"'s\b").sub("", text)  # possessive: "al-Sharaa's government"
    text = text.replace(".", " ").replace(",", " ")
    tokens: list[str] = []
    articles: set[int] = set()
    for word in text.split():
        # (most words are letters alone: nothing to split at or take off)
        parts = [word] if word.isalnum() else [p for p in compiled(r"[-‐‑–]").split(word) if p]
        for i, part in enumerate(parts):
            if not part.isalnum():
                part = compiled(r"[^\w']").sub("", part).strip("'")
            if not part:
                continue
            if i < len(parts) - 1 and part in _ARTICLES:
                articles.add(len(tokens))  # "al-Sharaa", "ash-Shami": an article, wherever it stands
                part = "al"
            tokens.append(part)
    generation = ""
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        if tokens[-1] in _GENERATIONS:
            generation = tokens[-1]
        tokens.pop()
    while len(tokens) > 2 and tokens[0] in _TITLES:
        tokens.pop(0)
        articles = {i - 1 for i in articles}
    if len(tokens) == 2 and tokens[0] in _TITLES and 0 not in articles:
        tokens.pop(0)  # "President Trump", "Dr Hawash": a title and a surname
        articles = {i - 1 for i in articles}
    if len(tokens) <= 2 and not articles:
        content = tuple(tokens)  # (no article, and no word between two others to be a particle)
    else:
        content = tuple(
            t
            for i, t in enumerate(tokens)
            if i not in articles and not (0 < i < len(tokens) - 1 and t in _PARTICLES)
        )
    return tuple(tokens), content, generation


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A comparison key for a person's name.

    Casefolded, diacritics stripped, apostrophes straightened, leading titles
    dropped ("US President Donald Trump" -> "donald trump"), hyphens to spaces,
    the Arabic article written uniformly ("Al-Sharaa", "el-Sharaa" -> "al sharaa").
    Run-together forms ("Alsharaa") are left alone: splitting them would be a guess.
    """
    return " ".join(_parse(name)[0])


def name_tokens(name: str) -> tuple[str, ...]:
    """The name's content tokens: no titles, articles or linking particles."""
    return _parse(name)[1]


_KEY_RULES: tuple[tuple[str, str], ...] = (
    (r"^abd(?:oul|ul|el|al|ol|u|e)?", "abd"),  # Abdul/Abdel/Abd al-: one prefix
    (r"^ye(?!h)", "e"),  # Yevgeny / Evgeny, Yelena / Elena (not Yehia)
    (r"^(?:yu|iu|ju)", "yu"),  # Yuri / Iuri / Juri
    (r"(?:tsch|tch|sch|sh|ch)", "C"),  # Hawash / Hawach, Gorbachev / Gorbatschow
    (r"dzh|dj|zh", "j"),  # Ahmadinejad / Ahmadinezhad, Prigozhin / Prigojine
    (r"kh", "k"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"dh", "d"),
    (r"gh", "g"),
    (r"ck|q|c(?![eiy])", "k"),
    (r"c", "s"),
    (r"x", "ks"),
    (r"off$", "ov"),  # Smirnoff / Smirnov
    (r"ow$", "ov"),  # Gorbatschow / Gorbachev
    (r"ow(?=[^aeiouy])", "u"),  # Rowhani / Rouhani
    (r"w", "v"),
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"(?:iy|ij|yj|yy|ii)$", "i"),  # Zelenskiy / Zelenskyy / Selenskyj
    (r"(?<=[aeiou])h$", ""),  # Abdullah / Abdulla, Haniyah / Haniya
    (r"(?<=[^aeiouy])i(?=[aeiou])", "y"),  # Yehia / Yahya, Tatiana / Tatyana
    (r"'", ""),  # ayn and hamza marks: Sa'id / Said
)


# Each rule with what any spelling it rewrites holds ("kh" for "kh"; "sh" or "ch" for
# "tsch|tch|sch|sh|ch"): a rule is tried only on a spelling that holds one.
_GUARDED_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), repl, needles)
    for (pattern, repl), needles in zip(
        _KEY_RULES,
        (
            ("abd",), ("ye",), ("yu", "iu", "ju"), ("sh", "ch"), ("dj", "zh"), ("kh",), ("ph",), ("th",), ("dh",), ("gh",),
            ("c", "q"), ("c",), ("x",), ("off",), ("ow",), ("ow",), ("w",), ("ou", "oo"), ("ee",), ("iy", "ij", "yj", "yy", "ii"),
            ("h",), ("i",), ("'",),
        ),
        strict=True,
    )
)


@lru_cache(maxsize=65536)
def _fine_key(token: str) -> str:
    """The folded spelling before vowel classes merge: "Ahmed" -> "ahmed"."""
    key = compiled(r"[^a-z']").sub("", _fold(token))
    for pattern, repl, needles in _GUARDED_RULES:
        for needle in needles:
            if needle in key:
                key = pattern.sub(repl, key)
                break
    out: list[str] = []
    for i, ch in enumerate(key):
        if ch == "y":
            # a consonant before a vowel ("Yusuf", "Haniyeh"), a vowel otherwise ("Sergey")
            ch = "y" if i + 1 < len(key) and key[i + 1] in _VOWELS else "i"
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def phonetic_key(token: str) -> str:
    """A transliteration-folding key for one name token.

    Folds the spellings transliteration produces (sh/ch/sch, kh/k, q/k, ph/f,
    ou/oo/u, ee/i, doubled letters) and medial vowel quality (a/e, o/u, i/y),
    but keeps consonants and the initial vowel so different names stay apart:
    "Ahmed"/"Ahmad" -> "ahmad", "Mohammed"/"Muhammad" -> "muhamad", while
    "Hassan" -> "hasan" and "Hussein" -> "husain" differ.
    """
    out: list[str] = []
    for i, ch in enumerate(_fine_key(token)):
        if i == 0:
            ch = "u" if ch == "o" else ch  # Omar / Umar; "Ellen" stays apart from "Allan"
        else:
            ch = _VOWEL_CLASS.get(ch, ch)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _skeleton(key: str) -> str:
    """The consonants of a key."""
    return "".join(c for c in key if c not in "aeiou")


def _loose(key: str) -> str:
    # Qaf is written q, k or g ("Qaddafi" / "Gaddafi").
    return key.replace("g", "k")


# Cost of one vowel written as another. e and o are the unstable letters of
# transliteration (Laden / Ladin, Youssef / Yusuf); a/i and u/i are different
# names (Hamad / Hamid, Lund / Lind).
_HALF = frozenset({frozenset("ei"), frozenset("eu")})


def _vowel_drift(a: str, b: str) -> float:
    """Cost of the vowel differences of two fine keys with the same consonants."""
    skeleton = _skeleton(a)
    ga = compiled(r"[^aeiou]").split(a)
    gb = compiled(r"[^aeiou]").split(b)
    cost = 0.0
    for i, (x, y) in enumerate(zip(ga, gb, strict=True)):
        if x == y:
            continue
        if i == len(ga) - 1:
            return 1.0  # the ending often marks gender: Maria / Mario, Alexander / Alexandra
        fx, fy = "".join(_VOWEL_CLASS.get(c, c) for c in x), "".join(_VOWEL_CLASS.get(c, c) for c in y)
        if fx == fy:
            continue
        if len(x) == 1 and len(y) == 1:
            cost += 0.5 if frozenset(x + y) in _HALF else 1.0
        elif not x or not y:
            # a dropped vowel: Zawahiri / Zawahri, but not Hamidi / Hamdi
            cost += 0.5 if len(skeleton) >= 4 and len(x + y) == 1 else 1.0
        else:
            cost += 1.0
    return cost


@lru_cache(maxsize=65536)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two single name tokens, in [0, 1].

    1.0 identical once folded; 0.95 the same phonetic key (transliteration
    variants: "Hawash"/"Hawach"); 0.9 the same three or more consonants
    with one unstable vowel written differently ("Youssef"/"Yusuf",
    "Laden"/"Ladin", "Qaddafi"/"Gaddafi"); otherwise a scaled fuzzy ratio
    below 0.85 ("Lund"/"Lind", "Hamad"/"Hamid" are different names).
    """
    fa = _word_chars(_fold(a))
    fb = _word_chars(_fold(b))
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    ka, kb = phonetic_key(fa), phonetic_key(fb)
    if ka == kb and len(ka) >= 2:
        return 0.95
    if len(fa) >= 4 and len(fb) >= 4 and _umlaut_fold(fa) == _umlaut_fold(fb):
        return 0.95  # Müller / Mueller, Jørgensen / Joergensen
    if _loose(ka) == _loose(kb):
        return 0.9
    fine_a, fine_b = _loose(_fine_key(fa)), _loose(_fine_key(fb))
    if (
        _skeleton(fine_a) == _skeleton(fine_b)
        and len(_skeleton(fine_a)) >= 3
        and _vowel_drift(fine_a, fine_b) <= 0.5
    ):
        return 0.9
    if len(fa) >= 5 and _vowels_swapped(fa, fb):
        return 0.9  # two adjacent vowels written the other way round: "Kiedis" / "Keidis"
    # A run-together article: "Elbaradei" / "Baradei".
    for x, y in ((fa, fb), (fb, fa)):
        if len(y) >= 4 and x[:2] in ("al", "el") and phonetic_key(x[2:]) == phonetic_key(y):
            return 0.9
    return round(0.8 * ratio(ka, kb) / 100.0, 4)


@lru_cache(maxsize=65536)
def similarity_keys(token: str) -> frozenset[str]:
    """Blocking keys of a name token: two tokens with token_similarity >= 0.8 share one.

    Lets a long document compare a mention with the few people whose names could
    match instead of everyone it has named (every rule of token_similarity at 0.8
    or above keeps the consonants of the fine key, the consonants of the spelling,
    or drops a run-together article)."""
    return _folded_keys(_word_chars(_fold(token)))


@lru_cache(maxsize=65536)
def _folded_keys(fa: str) -> frozenset[str]:
    """`similarity_keys` of a token folded to its word characters: memoised on the folded
    spelling too, as "Hawash" and "hawash" (a name and its normalised form) fold alike."""
    if not fa:
        return frozenset()
    keys = {
        "k:" + _skeleton(_loose(_fine_key(fa))),
        "k:" + _skeleton(_loose(_fine_key(_umlaut_fold(fa)))),
        "s:" + "".join(c for c in fa if c not in _VOWELS),
    }
    if fa[:2] in ("al", "el") and len(fa) > 2:
        keys.add("k:" + _skeleton(_loose(_fine_key(fa[2:]))))
    return frozenset(keys)


def _vowels_swapped(a: str, b: str) -> bool:
    """The same letters but for one pair of adjacent vowels in the other order."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
        and a[diff[0]] in _VOWELS
        and a[diff[1]] in _VOWELS
    )


def _initial_match(a: str, b: str) -> bool:
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def _given_similarity(a: str, b: str) -> float:
    if _initial_match(a, b):
        return 0.75  # "J Smith" / "John Smith": compatible, not enough alone
    return token_similarity(a, b)


def _middle_factor(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.97
    if len(a) != len(b):
        return 0.6  # "George H W Bush" / "George W Bush"
    for x, y in zip(a, b, strict=True):
        if not (_initial_match(x, y) or token_similarity(x, y) >= SAME_TOKEN):
            return 0.6
    return 1.0


def _views(tokens: tuple[str, ...]) -> list[tuple[str, tuple[str, ...], str]]:
    """(given, middles, surname) readings of a multi-token name.

    Besides first/last, joined readings catch spacing drift: "Abdul Aziz" /
    "Abdulaziz", "Kim Jong Un" / "Kim Jongun".
    """
    views = [(tokens[0], tokens[1:-1], tokens[-1])]
    if len(tokens) >= 3:
        views.append(("".join(tokens[:-1]), (), tokens[-1]))
        views.append((tokens[0], (), "".join(tokens[1:])))
    return views


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """Similarity of two person names out of context, in [0, 1].

    Two full names: the weaker of given-name and surname agreement, each
    tolerant of transliteration, times a penalty when middle names conflict.
    One token shared in different roles scores low ("Ghassan Ibrahim" /
    "Ibrahim Hamidi"). A bare surname against a full name is a weak match
    (at most 0.6); two bare names at most 0.8.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    if len(ta) == 1 and len(tb) == 1:
        return round(0.8 * token_similarity(ta[0], tb[0]), 4)
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta[0], tb) if len(ta) == 1 else (tb[0], ta)
        return round(0.6 * token_similarity(single, full[-1]), 4)
    # "Donald Trump Jr." / "Donald Trump": father and son
    best, factor = 0.0, 1.0 if _parse(a)[2] == _parse(b)[2] else 0.8
    if len(ta) != len(tb):
        # an extra given name: "Fransiskus Bambang Soelistyo" / "Bambang Soelistyo"
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        tail = long_[len(long_) - len(short) :]
        best = EXTRA_GIVEN * min(token_similarity(x, y) for x, y in zip(short, tail, strict=True))
    for ga, ma, sa in _views(ta):
        for gb, mb, sb in _views(tb):
            score = min(token_similarity(sa, sb), _given_similarity(ga, gb)) * _middle_factor(ma, mb)
            best = max(best, score)
    return round(best * factor, 4)


def same_person(a: str, b: str) -> bool:
    """True when two full names out of context name the same person.

    Needs given name and surname to agree (allowing transliteration). A bare
    surname never suffices: attach those within a document or with other evidence.
    """
    return name_similarity(a, b) >= SAME_PERSON
