"""The built-in rules backend: sentences, tokens and PERSON/ORG/GPE entities
from the surface of English news text, with no model at all.

It errs on the side of finding name-shaped spans; the extractor and the
resolver decide from context whether one is a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..regex import alternation, compiled, search_end
from .base import GPE, ORG, OTHER, PERSON, Analysis, Entity, Sentence, Token
from .lexicon import (
    CUE_VERBS,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    NAME_PARTICLES,
    NON_NAME_CAPS,
    OFFICE_WORDS,
    ORG_HEADS,
    ORIGIN_SUFFIXES,
    PLACE_HEADS,
    TITLE_WORDS,
)

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof sr jr st mt ft gen col lt capt sgt adm gov sen rep reps sens rev hon pres supt det
insp cmdr no nos vs etc inc co corp ltd llc bros dept univ est approx fig al jan feb mar apr jun jul
aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun u.s u.k u.n e.u a.m p.m i.e e.g d.c
""".split()
)

# (`[.!?][.!?]*`, not `[.!?]+`: a pattern that opens with a character class, not a
# repeat, is searched by skipping to the characters of the class, not tried everywhere)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"'”’»)\]]*\s+(?=[\"“‘'(\[«„`]*[A-Z0-9])")
# `_BOUNDARY` in a line with no "!" or "?": opened by a period, which the engine finds
# faster than a character of a class.
_PERIOD_BOUNDARY = re.compile(r"\.[.!?]*[\"'”’»)\]]*\s+(?=[\"“‘'(\[«„`]*[A-Z0-9])")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)

# One word of a name: capitalised, possibly hyphenated (Al-Shaibani, Jean-Luc),
# possibly with a lowercase particle glued on (al-Sharaa), or an initial (J. / J.D.).
# (Written for the engine, each as fast as it goes: tries of words, whose letters
# follow on from one another without a run of branches; `(?:…|)` for an optional
# group of several characters, which `(?:…)?` would repeat at some cost, and
# `(?:X(?:X)*|)` for `(?:X)*`, whose first character is then tried before a repeat is
# set up; and ASCII letters first in a class with `\w`, as they are then found without
# a Unicode lookup.)
_UPPER = r"[A-Z\u00C0-\u00DE]"
_LETTERS = r"[a-zA-Z\w\u00C0-\u024F]"
_HYPHENATED = rf"[-’']{_UPPER}?{_LETTERS}+"
_WORD_TAIL = rf"{_LETTERS}*(?:{_HYPHENATED}(?:{_HYPHENATED})*|)\.?"
_GLUED = alternation("al el ad an ar as ash at az ul ud ed es et bin ibn abu ben da de di du la le d l o".split())
_CAP = rf"(?:[A-Z]\.(?:[A-Z]\.)+|(?:{_GLUED}[-’']|){_UPPER}{_WORD_TAIL}|[A-Z]\.(?:[A-Z]\.)*)"
_PARTICLE = f"(?:{alternation(NAME_PARTICLES)})"
_CONNECT = f"(?:{alternation('of for and the on & de du des'.split())})"
_SP = r"[ \t\u00a0]+"
_NEXT_WORD = rf"[ \t\u00a0][ \t\u00a0]*(?:(?:{_PARTICLE}{_SP}){{1,3}}|{_CONNECT}{_SP}(?:the{_SP}|)|){_CAP}"
_MORE_WORDS = rf"(?:{_NEXT_WORD}(?:{_NEXT_WORD})*|)"
NAME_SEQ = re.compile(_CAP + _MORE_WORDS)
# `NAME_SEQ` where a capital starts it (no glued particle before it can), opened by
# the capital: searched, the engine skips ahead to the next capital.
_NAME_AT_CAPITAL = re.compile(rf"{_UPPER}(?:\.(?<=[A-Z]\.)(?:[A-Z]\.)+|{_WORD_TAIL}|\.(?<=[A-Z]\.)(?:[A-Z]\.)*){_MORE_WORDS}")

_POSSESSIVE_ENDINGS = ("’", "'", "’s", "'s")  # what it finds at the end of a word (no line break)

# Well-known news organisations, which otherwise look like person names.
_OUTLETS = frozenset(
    """
al jazeera|al arabiya|al-monitor|reuters|associated press|ap|afp|agence france-presse|bbc|cnn|
fox news|nbc|cbs|abc|msnbc|npr|pbs|politico|axios|bloomberg|the new york times|new york times|
the washington post|washington post|the wall street journal|wall street journal|the guardian|
the times|the telegraph|the economist|financial times|usa today|los angeles times|
the associated press|sky news|al-ikhbariah|al-ekhbariya|sana|tass|ria novosti|xinhua|
kyodo|yonhap|dpa|efe|ansa|anadolu|the hill|vox|huffpost|buzzfeed news|vice|the atlantic|
newsweek|time|the independent|daily mail|the sun|the mirror|le monde|der spiegel|haaretz|
times of israel|jerusalem post|arab news|al majalla|al-majalla|the national|gulf news
""".replace("\n", "").split("|")
)

COUNTRIES = frozenset(
    """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo
croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini
ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia
nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay
peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles
singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan
tanzania thailand togo tonga tunisia turkey turkiye turkmenistan tuvalu uganda ukraine uruguay
uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe us u.s. usa america britain uk u.k.
england scotland wales gaza europe africa asia washington moscow beijing london paris berlin
tehran damascus baghdad kyiv kiev jerusalem cairo riyadh ankara tokyo seoul delhi brussels
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas
utah vermont virginia wisconsin wyoming
""".split()
)


# Second words of two-word places: "North Carolina", "New Hampshire", "South Korea".
PLACE_TAILS = frozenset("carolina dakota hampshire jersey mexico york zealand orleans guinea korea sudan ossetia".split())


def _word_before(s: str, start: int, end: int) -> str:
    """The run of word characters and periods that ends at `end` (not before `start`).

    A backward scan: a regex anchored at the end would be tried at every
    position of the sentence.
    """
    i = end
    while i > start and (s[i - 1].isalnum() or s[i - 1] in "._"):
        i -= 1
    return s[i:end]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences never cross a line break: in scraped news a line is a paragraph."""
    sentences: list[Sentence] = []
    ls = 0  # where the line starts
    for chunk in text.split("\n"):
        if not chunk:
            ls += 1
            continue
        start = 0
        boundaries = _BOUNDARY if "!" in chunk or "?" in chunk else _PERIOD_BOUNDARY
        for m in boundaries.finditer(chunk):
            word = _word_before(chunk, start, m.start()).lower().rstrip(".")
            # "U.S." / "J." / "Gov." are not sentence ends.
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            end = m.end()
            seg = chunk[start:end].rstrip()
            if seg.strip():
                s0 = start + (len(chunk[start:end]) - len(chunk[start:end].lstrip()))
                sentences.append(Sentence(ls + s0, ls + start + len(seg)))
            start = end
        seg = chunk[start:]
        if seg.strip():
            s0 = start + (len(seg) - len(seg.lstrip()))
            sentences.append(Sentence(ls + s0, ls + len(chunk.rstrip())))
        ls += len(chunk) + 1
    return sentences


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


# Last words of named days, not of surnames unless a given name comes first.
_FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES  # (made once: a union is a new set each time)
_DAY_WORDS = frozenset("day eve monday tuesday wednesday thursday friday saturday sunday".split())


def classify_name(words: list[str]) -> str:
    """PERSON / ORG / GPE / MISC for a capitalised word sequence, from its words alone."""
    return _classify_words(tuple(words))


@lru_cache(maxsize=1 << 16)
def _classify_words(words: tuple[str, ...]) -> str:
    # memoised: names and sentence openers repeat within and across documents
    low = [w.lower().strip(".,’'") for w in words]
    joined = " ".join(low)
    if joined in _OUTLETS or joined.removeprefix("the ") in _OUTLETS:
        return ORG
    if len(low) == 1 and low[0] in COUNTRIES:
        return GPE
    if len(low) == 2 and (
        (low[0] in ("north", "south", "east", "west", "new") and (low[1] in COUNTRIES or low[1] in PLACE_TAILS))
        or low[0] in ("los", "las", "san", "santa", "saint", "st")
    ):
        return GPE  # "North Carolina", "New Hampshire", "Los Angeles"
    last_part = low[-1].rsplit("-", 1)[-1] if low else ""  # (of the words' hyphen-separated parts)
    if not ORG_HEADS.isdisjoint(low) or (low and last_part in ORG_HEADS and last_part not in TITLE_WORDS):
        return ORG
    if low[-1] in PLACE_HEADS or (len(low) >= 2 and low[0] in ("st", "mount", "lake", "fort", "port")):
        return GPE
    if all(w.isupper() and len(w) > 1 for w in words if w[:1].isalpha()) and len(words) <= 3:
        # ALL-CAPS runs are datelines ("SAN FRANCISCO") or acronyms ("NASA"), not people.
        return ORG if len(words) == 1 else GPE
    if low and low[0] in NON_NAME_CAPS:
        return OTHER
    if TITLE_WORDS.issuperset(low):
        return OTHER
    if len(low) >= 2 and low[-1] in _DAY_WORDS and low[0] not in _FIRST_NAMES:
        return OTHER  # "Election Day", "Super Tuesday", "Christmas Eve" (not "Doris Day")
    name_words = [w for w in low if w not in NAME_PARTICLES]
    if 2 <= len(name_words) <= 4:
        return PERSON
    return OTHER


def is_outlet(name: str) -> bool:
    """A news organisation: a well-known outlet, or a name headed like a newspaper's ("Daily Courier")."""
    low = [w.lower().strip(".,’'") for w in name.split()]
    joined = " ".join(low).removeprefix("the ")
    if re.fullmatch(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT|HD))?", name.strip()):
        return True  # a US broadcaster's call sign: "KING-TV", "WNYC"
    return bool(low) and (joined in _OUTLETS or low[-1] in _NEWS_HEADS)


_NEWS_HEADS = frozenset(
    "times post news journal herald tribune gazette telegraph guardian press television tv radio channel "
    "magazine newspaper daily weekly monitor observer inquirer chronicle courier examiner dispatch register "
    "star sentinel bulletin standard sun-times tribune-review".split()
)


@lru_cache(maxsize=1 << 16)
def is_title_word(word: str) -> bool:
    """A title before a name: "Sen.", "Governor", and compounds ("Co-anchor", "Editor-in-Chief", "Vice-Chair")."""
    lw = word.lower().rstrip(",")
    if lw in TITLE_WORDS or lw.rstrip(".") in TITLE_WORDS:
        return True
    parts = lw.rstrip(".").split("-")
    return len(parts) > 1 and (parts[0] in ("co", "ex", "vice") or "in" in parts[1:-1] or parts[-1] == "elect")


def strip_titles(words: list[str]) -> int:
    """How many leading words are titles or a place/org prefix ("US President", "Foreign Minister"),
    with the office a title names ("Secretary of Homeland Security", "Chief of Staff")."""
    return _count_titles(tuple(words))


@lru_cache(maxsize=1 << 16)
def _count_titles(words: tuple[str, ...]) -> int:
    # memoised: `_entity` asks it of a run's words more than once, and runs repeat
    last_title = -1
    i = 0
    while i < len(words):
        lw = words[i].lower().rstrip(",")
        if is_title_word(words[i]) or lw in COUNTRIES:
            last_title = i
        elif last_title == i - 1 and lw in ("of", "for") and i + 1 < len(words):
            # "Chief of Staff", "Undersecretary for Political Affairs": the office is part of the title
            j = i + 1
            while j < len(words) and (words[j].lower() in OFFICE_WORDS or words[j].lower() == "the"):
                j += 1
            if j > i + 1 and j < len(words):
                last_title = j - 1
                i = j
                continue
        i += 1
    return last_title + 1


_SPLIT_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "&", "des"})
_ABBREV_IN_NAME = frozenset({"gov", "sen", "rep", "dr", "mr", "mrs", "ms", "gen", "col", "lt", "capt",
                             "sgt", "st", "jr", "sr", "prof", "rev", "adm", "u.s", "d.c", "mt", "ft"})


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a raw capitalised run where it crosses a sentence end ("Syria. Saudi"), and after
    a possessor that precedes a name ("CNN’s Gloria Borger", not "Moody’s Analytics")."""
    run = text[start:end]
    if "’" not in run and "'" not in run and "." not in run:
        return [(start, end)] if end > start else []  # (most runs: nothing to cut at)
    out: list[tuple[int, int]] = []
    s = start
    for m in compiled(r"\S+").finditer(run):
        w = m.group()
        if w.endswith(_POSSESSIVE_ENDINGS) and len(w) > 2 and m.end() + start < end:
            rest = text[start + m.end() : end].split()
            if classify_name(rest) not in (ORG, GPE) and rest[-1].lower().strip(".,") not in PLACE_HEADS:
                out.append((s, start + m.end()))
                s = start + m.end()
                while s < end and text[s].isspace():
                    s += 1
                continue
        if w.endswith(".") and m.end() + start < end:
            core = w.rstrip(".").lower()
            if not (len(core) == 1 or core in _ABBREV_IN_NAME or compiled(r"(?:[a-z]\.)+[a-z]").fullmatch(core)):
                out.append((s, start + m.end() - 1))
                s = start + m.end()
                while s < end and text[s].isspace():
                    s += 1
    out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def _entity(text: str, start: int, end: int) -> list[Entity]:
    span = text[start:end]
    # A possessive's ’s or ’ ends the span (a run holds no line break for `$` to stand before).
    tail = 2 if span.endswith(("’s", "'s")) else 1 if span.endswith(("’", "'")) else 0
    if tail and len(span) > 2:
        end -= tail
    while end > start and text[end - 1] in ".,":
        # keep the period of "Jr." / an initial, drop a sentence-final one
        core = search_end(compiled(r"(\S+)$"), text[start:end], 1)
        if text[end - 1] == "." and core and (len(core.group(1).rstrip(".")) == 1 or core.group(1).rstrip(".").lower() in _ABBREV_IN_NAME):
            break
        end -= 1
    run = text[start:end]
    words = run.split()
    if not words:
        return []
    skip = 0
    while skip < len(words) and _not_a_name_start(words, skip):
        skip += 1
    for k in range(len(words) - 1, skip - 1, -1) if "-" in run else ():  # (every suffix has a hyphen)
        if words[k].lower().endswith(ORIGIN_SUFFIXES):
            skip = k + 1  # "South Korean-born Monte Haines", "Texas-based"
            break
    if skip == len(words):
        return []
    if skip:
        start = text.index(words[skip], start + len(" ".join(words[:skip])))
        words = words[skip:]
    last = words[-1].lower()
    if last in _SPLIT_CONNECTORS or last in NAME_PARTICLES:
        return []
    for k in range(1, len(words) - 1):
        if words[k].lower() in _SPLIT_CONNECTORS and words[k + 1].lower().rstrip(".,") in NON_NAME_CAPS:
            # "Ann Roe on Tuesday", "the Senate on Monday": a date is no part of the name
            stop = text.index(words[k], start + len(" ".join(words[:k])))
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            return _entity(text, start, stop)
    for t in range(1, len(words) - 1):
        if is_title_word(words[t]) and classify_name(words[:t]) == ORG and words[t - 1].lower() not in _SPLIT_CONNECTORS:
            # "House Oversight Committee Chairman Ann Roe": an organisation, a title, a person
            n = t + strip_titles(words[t:])
            if n < len(words) and classify_name(words[n:]) in (PERSON, OTHER) and _namelike(words[n:]) and len(words) - n >= 2:
                name_start = text.index(words[n], start + len(" ".join(words[:n])))
                org_end = text.index(words[t], start + len(" ".join(words[:t]))) - 1
                return [*_entity(text, start, org_end), Entity(name_start, end, text[name_start:end], PERSON)]
            break
    if "and" in words[1:-1]:
        # "Former Ambassador John Bolton and Breitbart News editor …", "Terrence Vail and Gov. Ada
        # Kincaid": a (titled) person, then the rest; "Johnson and Johnson" stays one name
        k = words.index("and")
        n = strip_titles(words[:k])
        if n < k - 1 and classify_name(words[n:k]) == PERSON and _namelike(words[n:k]):
            cut = compiled(r"\s+and\s+").search(text, start, end)
            if cut is not None:
                return _entity(text, start, cut.start()) + _entity(text, cut.end(), end)
    n_titles = strip_titles(words)
    if any(w.lower() in _SPLIT_CONNECTORS and not is_title_word(words[i - 1]) for i, w in enumerate(words[:n_titles]) if i):
        n_titles = 0  # "Council on Foreign Relations": a title word inside an organisation's name
    if 0 < n_titles < len(words) and classify_name(words[n_titles:]) in (PERSON, OTHER) and _namelike(words[n_titles:]):
        # "Police Superintendent Jerome Batiste": the titles (and any organisation
        # before them) are not part of the person's name.
        name_start = text.index(words[n_titles], start + len(" ".join(words[:n_titles])))
        return [Entity(name_start, end, text[name_start:end], PERSON)]
    label = classify_name(words)
    if label == PERSON and _ARTICLE_BEFORE.search(text[max(0, start - _CONTEXT) : start]) and words[0].lower().rstrip(".") not in TITLE_WORDS:
        # "the Federal Reserve", "the Arab Reform Initiative": people take no article.
        label = ORG
    if label != ORG and any(w.lower() in _SPLIT_CONNECTORS for w in words[1:-1]):
        # "Washington and Damascus", "Trump on Nov": not one name; split at connectors.
        out: list[Entity] = []
        pos = start
        parts = compiled(r"\s+(?:of|for|and|the|on|&|des)\s+").split(text[start:end])
        if len(parts) < 2:
            return out
        for part in parts:
            ps = text.index(part, pos)
            out += _entity(text, ps, ps + len(part))
            pos = ps + len(part)
        return out
    if label in (OTHER, PERSON):
        n = strip_titles(words)
        if 0 < n < len(words):
            # "US President Donald Trump": the name is what follows the titles.
            start = text.index(words[n], start + len(" ".join(words[:n])))
            words = words[n:]
            label = PERSON if classify_name(words) in (PERSON, OTHER) else classify_name(words)
    end = start + len(" ".join(words))
    if text[start:end] != " ".join(words):
        end = start + len(text[start:].split(words[-1], 1)[0]) + len(words[-1])
    return [Entity(start, end, text[start:end], label)]


def _not_a_name_start(words: list[str], i: int) -> bool:
    """A capitalised word that begins a run but no name: a function word ("Another",
    "Besides"), a reporting verb's past or participle ("Stated", "Asserting")."""
    lw = words[i].lower().rstrip(".")
    if lw in NON_NAME_CAPS:
        # "New" only before a place: "New York", "New Hampshire"
        return not (lw == "new" and i + 1 < len(words) and words[i + 1][:1].isupper())
    return lw in CUE_VERBS and lw.endswith(("ed", "ing", "said", "told", "wrote"))


def _namelike(words: list[str]) -> bool:
    core = [w for w in words if w.lower() not in NAME_PARTICLES]
    return 1 <= len(core) <= 4 and all(w[:1].isupper() or w.split("-")[0].lower() in NAME_PARTICLES for w in core)


# A nickname between given name and surname: Marcus “Big Mac” Delahunt, Harold ''Hal'' Brzezinski.
NICKNAME = re.compile(r"(?<=[A-Za-z.] )(?:“[^”\n]{1,30}”|\"[^\"\n]{1,30}\"|''[^'\n]{1,30}''|‘[^’\n]{1,30}’)(?= [A-Z])")


# An opening mark after a space, where a nickname can start (NICKNAME's look-behind wants
# the space), as plain strings found by `str.find`, faster than any pattern (a single
# quote only doubled, as a nickname opens with it).
_NICKNAME_OPENERS = (" “", ' "', " ''", " ‘")


def mask_nicknames(text: str) -> str:
    """The text with nicknames blanked out (same length), so a name reads as one run."""
    if "“" not in text and '"' not in text and "''" not in text and "‘" not in text:
        return text  # (most phrases hold no quotation mark: no pattern to try)
    # NICKNAME.sub, tried only where an opening mark stands (the pattern, which starts
    # with a look-behind, would be tried at every character)
    openers: list[int] = []
    for opener in _NICKNAME_OPENERS:
        at = text.find(opener)
        while at >= 0:
            openers.append(at)
            at = text.find(opener, at + 2)
    out: list[str] = []
    last = 0
    for at in sorted(openers):
        if at + 1 < last:
            continue
        m = NICKNAME.match(text, at + 1)
        if m is not None:
            out += (text[last : m.start()], " " * (m.end() - m.start()))
            last = m.end()
    return "".join(out) + text[last:] if out else text


def find_entities(text: str) -> list[Entity]:
    entities: list[Entity] = []
    masked = mask_nicknames(text)
    for m in _name_runs(masked):
        word = m.group()
        s, e = m.span()
        space = word.find(" ")
        if space == -1:
            if word.lower().rstrip(".") in NON_NAME_CAPS:
                continue  # "The", "In", "Monday": most capitalised words are not names
            # (one word opens no question: the run has no space in the text either, as
            # a masked nickname stands after one)
        elif word[:space] in _QUESTION_AUXILIARIES:
            # (its first word is the text's: a nickname stands after a space)
            s += _question_auxiliary(text, s, e)
        for a, b, label in _entities_of_run(_article_before(text, s), text[s:e]):
            entities.append(Entity(s + a, s + b, text[s + a : s + b], label))
    return entities


# Auxiliaries that open a question before a name: "Will Sanders come down off the pique?"
_QUESTION_AUXILIARIES = frozenset("Will Can Could Would Should Shall Did Does Do Is Are Was Were Has Have Had May Might Must".split())
_QUESTION_END = re.compile(r"[.!?]")


def _question_auxiliary(text: str, start: int, end: int) -> int:
    """Characters to skip at the start of a capitalised run: an auxiliary opening a
    question ("Will Sanders come down …?"), which is no given name; else 0."""
    first = text[start:end].split(" ", 1)[0]
    if first not in _QUESTION_AUXILIARIES or " " not in text[start:end]:
        return 0
    before = text[max(0, start - 3) : start].rstrip(" \t“\"‘'")
    if before and before[-1] not in ".?!\n":
        return 0  # not at a sentence start
    stop = _QUESTION_END.search(text, end, end + 200)
    if stop is None or stop.group() != "?":
        return 0
    return len(first) + 1


def _name_runs(text: str) -> Iterator[re.Match[str]]:
    """`NAME_SEQ.finditer(text)`, found from the capital letters.

    A run starts at a capital, or up to three lowercase letters and a hyphen
    or apostrophe before one ("al-Sharaa"); the engine finds capitals fast,
    where the pattern itself would be tried at every letter of the text.
    """
    pos = 0  # where the previous run ended
    find_run = _NAME_AT_CAPITAL.search
    at = 0  # (capitals inside a run are skipped: the next is looked for from its end)
    while (m := find_run(text, at)) is not None:  # (a run starts at every capital)
        i = m.start()
        at = i + 1
        if i >= 2 and text[i - 1] in "-’'":
            j = i - 2
            while j >= pos and i - 2 - j < 3 and "a" <= text[j] <= "z":
                j -= 1
            if j < i - 2 and text[j + 1 : i - 1] in _GLUED_PARTICLES:
                m = NAME_SEQ.match(text, j + 1)  # "al-" before "Sharaa"
            elif text[i - 1] == "-" and text[j + 1 : i - 1] in _ADJECTIVE_PREFIXES:
                pos = i + len(compiled(r"[\w’'-]*").findall(text[i : i + 60])[0])  # "pro-Reyes": an adjective, no name
                at = max(at, pos)
                continue
        if m is not None:
            pos = m.end()
            at = max(at, pos)
            yield m


# Lowercase particles glued to a capitalised name: "al-Sharaa", "ash-Shami", "d'Estaing".
_GLUED_PARTICLES = NAME_PARTICLES | frozenset("ad an ar as ash at az ul ud ed es et d l o".split())

# Prefixes that make an adjective of a name: "pro-Reyes", "anti-Trump", "non-NATO".
_ADJECTIVE_PREFIXES = frozenset("pro anti non".split())

# How much text before a capitalised run `_entity` reads ("the " before a name).
_CONTEXT = 4
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _article_before(text: str, start: int) -> str:
    """What of the text before a run `_entity` can tell apart: "the " if "the" (or
    "The") and a space end it, else "".

    `_entity` reads the few characters before a run only to see whether "the " ends
    them, so these two values give the same entities as the characters themselves and
    make the memo of `_entities_of_run` hit twice as often.
    """
    # `_ARTICLE_BEFORE.search(text[start - 4 : start])`, letter by letter: in four
    # characters the pattern matches "the" or "The" and one white space only.
    before = text[start - _CONTEXT : start] if start >= _CONTEXT else ""
    return "the " if before[:3] in ("the", "The") and before[3].isspace() else ""


@lru_cache(maxsize=1 << 16)
def _entities_of_run(before: str, run: str) -> tuple[tuple[int, int, str], ...]:
    """The entities in one capitalised run, as offsets into the run.

    A pure function of the run and the few characters before it, so it is
    memoised: news repeats its names and sentence openers, and this is most
    of the backend's time.
    """
    text = before + run
    off = len(before)
    return tuple(
        (e.start - off, e.end - off, e.label)
        for a, b in _pieces(text, off, len(text))
        for e in _entity(text, a, b)
    )


class RulesBackend:
    """The built-in backend. The extractor reads sentences and entities only, so
    tokens are produced on request (`RulesBackend(tokens=True)`): they cost a
    fifth of the analysis time."""

    name = "rules"

    def __init__(self, tokens: bool = False) -> None:
        self.with_tokens = tokens

    def analyse(self, text: str) -> Analysis:
        return Analysis(
            text=text,
            sentences=tuple(split_sentences(text)),
            tokens=tuple(tokenize(text)) if self.with_tokens else (),
            entities=tuple(find_entities(text)),
            backend=self.name,
        )
