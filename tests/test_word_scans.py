"""The scans for verbs read only the words a verb can be (and their neighbours); they
must find exactly what reading every word of the string from its start finds:
`_reference_cues`, `_reference_marks_and_cues`, `_reference_first_verb` and the others,
the scans as they were written before."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from itertools import compress

import pytest

from quotetrace.extract import (
    _AUX,
    _CUE_FIRST_AS_WRITTEN,
    _CUE_RE,
    _DETERMINERS,
    _FIRST_VERB,
    _INTRO,
    _INTRO_WORDS,
    _PHRASAL_CUE_RE,
    _PHRASAL_SECOND,
    _PLATFORMS,
    _SUBJECT_TAIL,
    _TITLE_LOWER,
    _VERB_WORDS,
    Mention,
    _is_description,
    _is_full_name,
    _marks_and_cues,
    _name_word,
    _partial_cue_words,
    _speaker_suffix,
    _subject_tail,
    _whole_word,
    looks_like_speaker,
)
from quotetrace.nlp.base import Sentence
from quotetrace.nlp.lexicon import (
    CUE_VERBS,
    DESCRIPTION_HEADS,
    NAME_PARTICLES,
    PARTIAL_CUES,
    ROLE_NOUNS,
)
from quotetrace.nlp.rules import (
    _ABBREVIATIONS,
    _ADJECTIVE_PREFIXES,
    _BOUNDARY,
    _GLUED_PARTICLES,
    NAME_SEQ,
    NICKNAME,
    _name_runs,
    _word_before,
    mask_nicknames,
    split_sentences,
)
from quotetrace.regex import alternation

_WORD = re.compile(r"[A-Za-z][a-z’'-]*")


def _reference_cues(s: str) -> list[tuple[int, int, str]]:
    written = _WORD.findall(s)
    hits = list(compress(range(len(written)), map(_CUE_FIRST_AS_WRITTEN.__contains__, written)))
    lows = [w.lower() for w in written]
    words = list(_WORD.finditer(s))
    out = []
    for i in hits:
        m = words[i]
        if i and m.group()[0].isupper() and not (m.group().endswith("ed") and s[: m.start()].rstrip().endswith(",")):
            continue
        if not i and m.group()[0].isupper() and len(lows) > 1 and lows[1] in CUE_VERBS:
            continue
        if i and lows[i - 1] in ("of", "the") and s[words[i - 1].end() : m.start()].isspace():
            continue
        prev = words[i - 1] if i else None
        if (
            prev is not None
            and (lows[i - 1] in _DETERMINERS or s[prev.end() - 2 : prev.end()] in ("’s", "'s"))
            and s[prev.end() : m.start()].isspace()
            and (prev.start() == 0 or not s[prev.start() - 1].isalpha())
        ):
            continue
        low = lows[i]
        if i and lows[i - 1] in _PLATFORMS and low in ("post", "posts", "tweet", "tweets", "video", "message"):
            continue
        if i + 1 < len(lows) and lows[i + 1] in _PHRASAL_SECOND:
            nxt = words[i + 1]
            if f"{low} {lows[i + 1]}" in CUE_VERBS and s[m.end() : nxt.start()].isspace():
                out.append((m.start(), nxt.end(), s[m.start() : nxt.end()]))
                continue
        if low in CUE_VERBS:
            out.append((m.start(), m.end(), m.group()))
    return out


def _found(s: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CUE_RE.finditer(s)]


@pytest.mark.parametrize(
    "s",
    [
        "Read said the plan was dead.",
        "Jones, Added that",
        "McSaid x-said (-said ’said said- said’s",
        "the report says, Dale’s comments, the NCAA said",
        "his Facebook post, she pointed out and went on",
        "secretary of state told reporters; she chimed  in",
        "'-said it",
    ],
)
def test_written_cases(s: str) -> None:
    assert _found(s) == _reference_cues(s)


def _random_strings(rnd: random.Random, words: list[str], glue: list[str], chars: list[str]) -> Iterator[str]:
    """20,000 pairs: words joined by glue, then a string of single characters."""
    for _ in range(20000):
        yield "".join(rnd.choice(words) + rnd.choice(glue) for _ in range(rnd.randint(1, 10)))
        yield "".join(rnd.choice(chars) for _ in range(rnd.randint(1, 25)))


def test_random_strings_of_cue_words_and_their_neighbours() -> None:
    rnd = random.Random(7)
    words = ["said", "Said", "says", "the", "of", "The", "Read", "read", "’s", "'s", "told", "pointed", "out", "went", "on",
             "Facebook", "post", "-", "’", "'", "McSaid", "Added", "added", "a", "NCAA", "é", "\n", "(", '"', "weighed", "in", "x"]
    glue = ["", " ", " ", ", ", "-", "'", "’"]
    for s in _random_strings(rnd, words, glue, list("saidtoeST ’'-,.xA\né(")):
        assert _found(s) == _reference_cues(s), s


_MARK_OR_WORD = re.compile(r"[“”«»\"]|\b[\w’'-]+\b")


def _reference_marks_and_cues(sentence: str) -> list[tuple[int, str]]:
    """Every `_MARK_OR_WORD` token of the sentence that is a mark or lowers to a
    reporting verb that is not a gerund (what `reporting_subjects` looks at), lowered;
    nothing when none is a verb."""
    found = [
        (m.start(), m.group().lower())
        for m in _MARK_OR_WORD.finditer(sentence)
        if m.group() in "“”«»\"" or (m.group().lower() in CUE_VERBS and not m.group().lower().endswith("ing"))
    ]
    return found if any(tok not in "“”«»\"" for _, tok in found) else []


def _marks_and_verbs(sentence: str) -> list[tuple[int, str]]:
    found = [(at, tok.lower()) for at, tok in _marks_and_cues(sentence) if tok in "“”«»\"" or tok.lower() in CUE_VERBS]
    # marks alone count for nothing: without a verb there is nothing to attribute
    return found if any(tok not in "“”«»\"" for _, tok in found) else []


@pytest.mark.parametrize(
    "s",
    [
        "“We will,” she SAID, and x-said, said-so, said- and '-said “told” Told",
        "_said 9said said_ said9 ſaid \u212aeeps STATED",
        "Don’t say it, he says; “no”, «non» she added.",
        "İstanbul’s mayor SAID “no” and x-said, she told",  # lowering lengthens "İ"
    ],
)
def test_marks_and_verbs_written_cases(s: str) -> None:
    assert _marks_and_verbs(s) == _reference_marks_and_cues(s)


def test_marks_and_verbs_of_random_strings() -> None:
    rnd = random.Random(11)
    words = ["said", "SAID", "Says", "saying", "told", "stated", "x", "9", "_", "ſ", "é", "İ", "-", "’", "'", "“", "”", '"', "«", "»", "\u212a"]
    glue = ["", " ", " ", ", ", "-", "'", "’", "\n"]
    for s in _random_strings(rnd, words, glue, list("saidSAID ’'-_9.“”\"é")):
        assert _marks_and_verbs(s) == _reference_marks_and_cues(s), s


_LOWER_RUN = re.compile(r"\s([a-z]+)\b")


def _reference_first_verb(rest: str) -> int | None:
    """Where the first lowercase run after white space that looks like a verb starts,
    read run by run in the first 160 characters (as `_subject_at` did)."""
    v = next((v for v in _LOWER_RUN.finditer(rest[:160]) if v.group(1).endswith("ed") or v.group(1) in _AUX or v.group(1) in PARTIAL_CUES), None)
    return None if v is None else v.start()


def test_first_verb_of_random_sentences() -> None:
    rnd = random.Random(5)
    words = ["said", "ed", "red", "edx", "is", "isé", "was", "had", "hadn", "The", "x", "é", "cut", "cutters", "said_", "9", "-", "told", "bed"]
    for _ in range(20000):
        text = "".join(rnd.choice(words) + rnd.choice(["", " ", " ", "\t", ",", "-"]) for _ in range(rnd.randint(1, 40)))
        off = rnd.randint(0, len(text))
        limit = rnd.randint(off, len(text))
        v = _FIRST_VERB.search(text, off, min(limit, off + 160))
        assert (None if v is None else v.start() - off) == _reference_first_verb(text[off:limit]), text


def _reference_partial_cue_words(s: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\b[\w’'-]+\b", s) if m.group().lower() in PARTIAL_CUES]


def test_partial_cue_words_and_phrasal_cues_of_random_strings() -> None:
    rnd = random.Random(13)
    words = ["said", "SAID", "Says", "saying", "told", "believed", "x", "9", "_", "ſ", "é", "İ", "-", "’", "'", "“", "\u212a",
             "fired", "back", "Fired", "put", "it", "Put", "pointed", "out", "the", "of", "went", "on", "In", "in"]
    glue = ["", " ", " ", "  ", ", ", "-", "'", "’", "\n"]
    for _ in range(20000):
        s = "".join(rnd.choice(words) + rnd.choice(glue) for _ in range(rnd.randint(1, 10)))
        assert [(m.start(), m.end(), m.group()) for m in _partial_cue_words(s)] == _reference_partial_cue_words(s), s
        phrasal = [(m.start(), m.end(), m.group()) for m in _PHRASAL_CUE_RE.finditer(s)]
        assert [c for c in phrasal if " " in c[2]] == [c for c in _found(s) if " " in c[2]], s


def _reference_speaker_suffix(text: str, a: int, b: int) -> Mention | None:
    """`_speaker_suffix` as it was written: each candidate phrase split again."""
    words = list(re.compile(r"\S+").finditer(text, a, b))
    if len(words) < 2:
        return None
    last = words[-1].group()
    if last.lower() in ("he", "she", "they", "we", "i") or last.lower() in DESCRIPTION_HEADS and last.endswith("s"):
        return Mention(words[-1].start(), words[-1].end(), last)
    last_mark = max(text.rfind(mark, a, b) for mark in "“”\"«»")
    for w in words[1:][-24:]:
        if w.start() <= last_mark:
            continue
        phrase = text[w.start() : b]
        first = w.group()
        if first.lower() in ("the", "a", "an") and len(phrase.split()) >= 2:
            rest = phrase.split()[1:]
            if (all(_name_word(x) or x.lower() in ("of", "for", "and", "on") for x in rest) or _is_description(phrase)) and looks_like_speaker(phrase):
                return Mention(w.start(), b, phrase)
            continue
        if (first[:1].isupper() or first.lower() in _TITLE_LOWER or first.lower() in ROLE_NOUNS) and _is_full_name(phrase) and looks_like_speaker(phrase):
            return Mention(w.start(), b, phrase)
    return None


def test_speaker_suffix_of_random_clauses() -> None:
    rnd = random.Random(17)
    words = ["the", "The", "a", "an", "State", "Department", "of", "for", "and", "on", "senator", "Sen.", "Elizabeth", "Warren",
             "former", "spokesman", "at", "party", "convention", "said", "he", "critics", "“Big", "Mac”", "Marcus", "Delahunt", "el-Tawil"]
    for _ in range(2000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30)))
        a = rnd.randint(0, len(text) // 3)
        assert _speaker_suffix(text, a, len(text)) == _reference_speaker_suffix(text, a, len(text)), text


def test_subject_tail_is_the_search_it_stands_for() -> None:
    rnd = random.Random(19)
    words = ["Hollis", "(D-Ore.)", "on", "Tuesday", "morning", "at", "the", "time", "in", "a", "statement", "last", "week",
             "March", "5", "Jr.", "said,", "began", "to", "was", "quick", "U.S.", "—", "3)", "\n", "¹", "٣"]
    for _ in range(20000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) + rnd.choice(["", "\n", ",", ")", " "])
        start = rnd.randint(0, len(text) // 2)
        end = rnd.randint(start + 1, len(text))
        found, expected = _subject_tail(text, start, end), _SUBJECT_TAIL.search(text, start, end)
        assert (found and found.span()) == (expected and expected.span()), (text, start, end)


def test_possessive_speech_tries_its_pattern_only_where_it_can_match(monkeypatch: pytest.MonkeyPatch) -> None:
    import quotetrace.extract as extract

    rnd = random.Random(31)
    words = ["Doe’s", "Doe's", "Doe’", "Jane", "Lindqvist’s", "latest", "warning", "comments", "reply:", "that", "was", "his",
             "claim", "by", "a", "senator", "he", "said", "the", "x’sy", "’s", "'", "\n"]
    cases = []
    for _ in range(5000):
        before = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) + rnd.choice([" ", "", ": ", "\t"])
        text = before + "“keep your doctor” promise, he said."
        cases.append((text, rnd.randint(0, len(before) // 2), len(before), text.index("”") + 1, len(text)))
    found = [extract._possessive_speech(*c) for c in cases]
    monkeypatch.setattr(extract, "_POSSESSIVE_MARK", re.compile(""))  # (found everywhere)
    assert found == [extract._possessive_speech(*c) for c in cases]
    assert any(found)


# The name patterns as they were written before they were written for the engine.
_REFERENCE_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|ud|ed|es|et|bin|ibn|abu|ben|ben|da|de|di|du|la|le|d|l|o)[-’'])?[A-Z\u00C0-\u00DE][\w\u00C0-\u024F]*(?:[-’'][A-Z\u00C0-\u00DE]?[\w\u00C0-\u024F]+)*\.?|[A-Z]\.(?:[A-Z]\.)*)"
_REFERENCE_PARTICLE = r"(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")"
_REFERENCE_NAME_SEQ = re.compile(
    rf"{_REFERENCE_CAP}(?:[ \t\u00a0]+(?:(?:{_REFERENCE_PARTICLE}[ \t\u00a0]+){{1,3}}|(?:of|for|and|the|on|&|de|du|des)[ \t\u00a0]+(?:the[ \t\u00a0]+)?)?{_REFERENCE_CAP})*"
)


def _reference_name_runs(text: str) -> list[tuple[int, int]]:
    """`_name_runs` as it was written: each capital found, then the name matched there."""
    out = []
    pos = at = 0
    while (c := re.compile(r"[A-Z\u00C0-\u00DE]").search(text, at)) is not None:
        i = c.start()
        at = i + 1
        start = i
        if i >= 2 and text[i - 1] in "-’'":
            j = i - 2
            while j >= pos and i - 2 - j < 3 and "a" <= text[j] <= "z":
                j -= 1
            if j < i - 2 and text[j + 1 : i - 1] in _GLUED_PARTICLES:
                start = j + 1
            elif text[i - 1] == "-" and text[j + 1 : i - 1] in _ADJECTIVE_PREFIXES:
                pos = i + len(re.findall(r"[\w’'-]*", text[i : i + 60])[0])
                at = max(at, pos)
                continue
        m = _REFERENCE_NAME_SEQ.match(text, start)
        if m is not None:
            pos = m.end()
            at = max(at, pos)
            out.append(m.span())
    return out


def test_name_runs_of_random_strings() -> None:
    rnd = random.Random(23)
    words = ["Smith", "J.", "J.D.", "U.S", "Al", "al", "al-Sharaa", "ash-Shami", "as", "d'Estaing", "O’Neil", "pro-Reyes", "anti", "van",
             "von", "della", "de", "des", "of", "for", "and", "the", "&", "on", "y", "É", "é", "Öz", "×", "İ", "ſ", "\u212a", "x", "9",
             "_", "said", "-", "’", "'", ".", ","]
    glue = ["", " ", " ", "  ", "\t", "\u00a0", "-", "’", "'", ".", "\n"]
    for s in _random_strings(rnd, words, glue, list("AJSaldes -’'.é×ÖxE\t")):
        assert [m.span() for m in _name_runs(s)] == _reference_name_runs(s), s
        for start in range(len(s)):
            m, expected = NAME_SEQ.match(s, start), _REFERENCE_NAME_SEQ.match(s, start)
            assert (m and m.span()) == (expected and expected.span()), (s, start)


def test_the_scans_opened_by_a_class_find_what_the_look_behinds_found() -> None:
    """The verb and cue scans, split by what stands before a word (a space, another
    character, nothing), find what one pattern opened by a look-behind found."""
    behind_word = re.compile(rf"(?<!\w)(?:{_VERB_WORDS})(?![’'-]*\w)")
    behind_letter = re.compile(rf"(?<![A-Za-z])(?:{alternation(_CUE_FIRST_AS_WRITTEN)})(?![a-z’'-])")
    rnd = random.Random(29)
    words = ["said", "Said", "told", "says", "x", "9", "_", "é", "(", "“", "-", "’", "'", "\t", "\u00a0", "\n", "saidX", "SAID", "İ"]
    glue = ["", " ", " ", "\t", "\u00a0", "-", "(", "’", "_", "9", "é"]
    for s in _random_strings(rnd, words, glue, list("said (\t\u00a0-’_9éX")):
        low = s.lower()
        if len(low) == len(s):
            expected = [(m.start(), m.group()) for m in behind_word.finditer(low) if _whole_word(low, m.start())]
            assert [c for c in _marks_and_cues(s) if c[1] not in '“”«»"'] == expected, s
        assert [m.start(1) for m in _CUE_RE._candidates(s)] == [m.start() for m in behind_letter.finditer(s)], s


def _reference_sentences(text: str) -> list[Sentence]:
    """`split_sentences` as it was written: every line found by a pattern, every boundary by one."""
    sentences = []
    for line in re.finditer(r"[^\n]+", text):
        ls, chunk, start = line.start(), line.group(), 0
        for m in _BOUNDARY.finditer(chunk):
            word = _word_before(chunk, start, m.start()).lower().rstrip(".")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            seg = chunk[start : m.end()].rstrip()
            if seg.strip():
                sentences.append(Sentence(ls + start + len(chunk[start : m.end()]) - len(chunk[start : m.end()].lstrip()), ls + start + len(seg)))
            start = m.end()
        seg = chunk[start:]
        if seg.strip():
            sentences.append(Sentence(ls + start + len(seg) - len(seg.lstrip()), ls + len(chunk.rstrip())))
    return sentences


def test_sentences_of_random_strings() -> None:
    rnd = random.Random(37)
    words = ["He", "said", "U.S.", "Gov.", "J.", "x", "9", "“Yes", "no”", "(A", "'B", "!", "?", ".", "?!", "...", "\n", "\n\n", " ", "\t"]
    glue = ["", " ", " ", ". ", "! ", "? ", ".” ", "?) ", "\n", " \n"]
    for s in _random_strings(rnd, words, glue, list("Ab .!?\n”)9 ")):
        assert split_sentences(s) == _reference_sentences(s), s


_REFERENCE_INTRO = re.compile(
    r"^(?:[A-Z][A-Z .'’/-]{2,}(?:,\s*[A-Z][\w.]*\.?(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,40}\)\s*)?[—–-]+\s*)?(?:(?:In|On|At|For|After|Before|During|Meanwhile|However|But|And|Still|Yet|Later|Earlier|Speaking|Alongside|Based|Ever\s+since|Given|Because|Unlike|Against|Beside|Per|Via|Regardless|Whatever|Whether|Asked|Addressing|According|Crucially|Separately|Instead|Also|Then|Now|Today|Yesterday|Last|This|When|While|As|Since|Despite|Although|Though|If|With|Without|From|Under|Over|Among|Amid|Following|Writing|Responding|Outside|Inside|Near|Behind|Across|Around|Throughout|Beyond|Upon|Within|Like|Unlike|Besides|Earlier|Shortly|Moments|Hours|Days|Weeks|Minutes|Back|Once|Still|Again|Standing|Sitting|Looking|Pressed|Reached|Reacting|Testifying|[A-Z][a-z]{2,}ing|(?<=, )(?:as|when|while|after|before|since|although|though|if|because)|(?<=, )(?:in|on|at)\s+(?:a|an|the|his|her|its|their)\b)\b[^,]{0,140},\s*)*"
)


def test_intro_pattern_is_the_plain_alternation() -> None:
    """`_INTRO`, its words written as a trie, matches what the plain alternation matched."""
    rnd = random.Random(41)
    words = [*_INTRO_WORDS, "Ever since", "Standing", "Going", "as", "when", "in a", "on the", "x", "Ins", "Inx", "Backing", "AP",
             "WASHINGTON", "—", "(AP)", "said", "é", "1"]
    for _ in range(20000):
        s = "".join(rnd.choice(words) + rnd.choice(["", " ", ", ", ",", "\n"]) for _ in range(rnd.randint(1, 12)))
        for start in (0, rnd.randint(0, len(s))):  # (a phrase may open the string from any word on)
            m, expected = _INTRO.match(s[start:]), _REFERENCE_INTRO.match(s[start:])
            assert (m and m.span()) == (expected and expected.span()), (s, start)


def _reference_mask_nicknames(text: str) -> str:
    """`mask_nicknames` as it was written: the openers found by a pattern."""
    out: list[str] = []
    last = 0
    for mark in re.finditer(" [“\"'‘]", text):
        if mark.start() + 1 < last:
            continue
        m = NICKNAME.match(text, mark.start() + 1)
        if m is not None:
            out += (text[last : m.start()], " " * (m.end() - m.start()))
            last = m.end()
    return "".join(out) + text[last:] if out else text


def test_nicknames_of_random_strings() -> None:
    rnd = random.Random(43)
    words = ["Marcus", "“Big", "Mac”", "Delahunt", "''Hal''", "'Hal'", "''", "'", "“", "”", '"', '"Al"', "‘Al’", "Al.", "x", "\n", "é"]
    for s in _random_strings(rnd, words, ["", " ", " ", "  "], list("A “”\"'‘’x.")):
        assert mask_nicknames(s) == _reference_mask_nicknames(s), s


def test_scans_of_a_sentence_read_from_its_word_starts() -> None:
    """The sentence's one scan (`_sentence_scan`) gives the verbs and the first cue of any
    stretch of it that scanning the stretch itself gives."""
    import quotetrace.extract as extract

    rnd = random.Random(47)
    words = ["said", "Said", "SAID", "says", "saying", "told", "added", "address", "add", "Add", "put", "Putin", "it", "fired",
             "back", "the", "of", "Read", "read", "x", "9", "_", "é", "İ", "\u212a", "ſ", "-", "’", "'", "“", "”", '"', "«", "»",
             "(", "saidX", "3said", "McSaid", "pointed", "out", "Facebook", "post", "’s"]
    glue = ["", " ", " ", "  ", ", ", "-", "'", "’", "\n", "\t", "_", "9", "é"]
    for _ in range(20000):
        text = "".join(rnd.choice(words) + rnd.choice(glue) for _ in range(rnd.randint(1, 14)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        assert extract._marks_and_cues_in(text, start, end) == _marks_and_cues(text[start:end]), (text, start, end)
        a = rnd.randint(start, end)
        b = rnd.randint(a, end)
        found, expected = extract._first_cue_in(text, a, b, start, end), extract._first_cue(text[a:b])
        assert (found and (found.start(), found.end(), found.group())) == (expected and (expected.start(), expected.end(), expected.group())), (text, a, b)


def test_headline_line_tests_answer_as_they_did() -> None:
    """`_headline` with its count of lowercase letters first, and `_longer_than`, answer
    what reading every letter and the stripped line answered."""
    from quotetrace.extract import _headline, _longer_than

    def reference(line: str) -> bool:
        s = line.strip()
        if len(s) > 300:
            return False
        letters = list(filter(str.isalpha, s))
        if letters and sum(map(str.isupper, letters)) / len(letters) > 0.8 and len(letters) > 12:
            return True
        return bool(re.match(r"[“\"‘'«][^”\"’'»]{1,40}[”\"’'»]:\s+[A-Z]", s)) and not re.search(r"[.!?][\"'”’»)]*$", s) and len(s.split()) <= 16

    rnd = random.Random(59)
    words = ["BREAKING", "NEWS", "the", "e", "a", "Tea", "ETAOIN", "eta", "X", "é", "É", "中", "1", "“A miracle’:", "’:", "Hiker", "  ", "\t"]
    for _ in range(20000):
        s = " " * rnd.randint(0, 3) + " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 60))) + " " * rnd.randint(0, 3)
        assert _headline.__wrapped__(s) == reference(s), s
        for n in (200, 300):
            assert _longer_than(s, 0, len(s), n) == (len(s.strip()) > n), s
