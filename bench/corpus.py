"""A seeded generator of realistic news articles for the benchmark.

Articles look like wire copy: a headline, a dateline, narrative paragraphs
(lines of the Palmyra demo articles that hold no quotation, plus generated
ones) and quotation paragraphs in the attribution patterns news uses. What
makes alignment work for its living:

- stories: each has a place, a date and a few speakers with a few statements;
  popular stories (Zipf) are covered by many outlets over several days;
- statements travel with drift: verbatim, edited (synonyms, British spelling,
  bracketed insertions), cut to a partial quote in reported speech, numbers
  changed, first sentence only;
- speakers' names drift between outlets the way transliterated names do
  (sh/ch, ou/u, al-/el-, Mohammed/Muhammad), and are credited by full name,
  surname or pronoun.

Every article also carries its ground truth (quote spans, speakers, statement
keys), so the benchmark can build a database of a million quotes directly,
without running extraction.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from quotetrace.records import Document

PALMYRA = Path(__file__).resolve().parent.parent / "data" / "palmyra"

GIVEN_MALE = (
    "Ahmed Mohammed Omar Youssef Khaled Hassan Karim Tariq Samir Nabil Rami Walid Ibrahim Ali "
    "Daniel Michael James Robert Thomas Peter Mark Paul Stefan Luca Marco Pablo Javier Diego "
    "Sergei Dmitri Ivan Nikolai Arjun Rahul Vikram Hiroshi Kenji Wei Jun Kwame Kofi Emeka Tunde"
).split()
GIVEN_FEMALE = (
    "Fatima Leila Nour Rania Yasmin Hala Dina Mariam Salma Zeinab Sarah Emily Laura Anna Maria "
    "Elena Sofia Claire Julia Hannah Natalia Olga Irina Priya Anjali Mei Yuki Amara Chiamaka Ngozi"
).split()
# Surname syllables: transliterated names, so that spelling drift rules apply.
ONSETS = "Al- El- Ab Kh Sh Ha Ma Na Ra Sa Ta Za Ba Da Fa Ja Qa Ou Mu Bou Ka Ga Ya Wa".split()
CORES = "shar hash wash bakr kour nour doun rahim siri kabi mali radi zawi hadd lami sulei ghaz".split()
CODAS = "a i ani awi ouri el oun ash ach adi". split()
PLAIN_SURNAMES = (
    "Miller Fischer Romano Garcia Lopez Novak Kowalski Petrov Ivanova Sato Tanaka Chen Wang "
    "Okafor Mensah Adeyemi Sharma Gupta Haddad Nasser Mansour Khoury Saleh Farouk Aziz Rahman "
    "Dubois Lefebvre Moreau Rossi Bianchi Jensen Larsen Andersson Silva Costa Pereira Walsh"
).split()
TITLES = (
    "spokesperson|senior analyst|deputy minister|director|researcher|commander|"
    "mayor|economist|professor|chief negotiator|adviser|head of operations|envoy"
).split("|")
ORG_HEADS = (
    "Ministry of Interior|Ministry of Finance|Ministry of Health|Regional Council|Central Bank|"
    "Water Authority|Institute for Policy Studies|Crisis Monitoring Group|Red Crescent|"
    "Transport Agency|Chamber of Commerce|Teachers Union|Energy Commission|Port Authority|"
    "Institute of Strategic Studies|Human Rights Observatory|Farmers Association|Defence Ministry"
).split("|")
OUTLETS = (
    "Wire One|The Daily Ledger|Gulf Courier|Levant Times|Harbor Post|Metro Herald|"
    "Continental Review|Evening Standard Post|Northern Gazette|Capital Report|Global Dispatch|"
    "The Morning Record|Riverside Chronicle|Eastern Observer|The Tribune Weekly|Atlas News|"
    "Sentinel Online|Desert Star|Union Journal|Market Watchers|Coastal Times|Frontline Daily|"
    "Independent Voice|The Bulletin|Civic Monitor|Pan-Arab Digest|Republic Wire|Meridian News"
).split("|")
PLACE_PARTS = "Tad Qar Pal Raq Dei Ham Idl Sal Kar Mar Zab Bor Alm Sir Hal Tar Kas Nab Jab".split()
PLACE_ENDS = "mur yat eya qa ra ab ib oun ezzor ane ika ovo".split()
MONTHS = "January February March April May June July August September October November December".split()

NOUNS = (
    "plan|budget|ceasefire|agreement|investigation|programme|reform|deal|offensive|strategy|"
    "proposal|inquiry|policy|operation|partnership|initiative|report|decision|schedule|tariff"
).split("|")
VERBS = "review|expand|suspend|accelerate|finance|support|protect|restore|secure|monitor|repair|delay".split("|")
ADJS = "difficult|fragile|crucial|serious|unprecedented|temporary|necessary|dangerous|realistic|costly".split("|")
THINGS = (
    "water network|power grid|border crossings|grain supplies|hospitals|schools|bridges|ports|"
    "refugee camps|police stations|bus routes|housing projects|fuel depots|clinics|rail links"
).split("|")
GROUPS = "families|farmers|residents|soldiers|teachers|traders|workers|students|doctors|displaced people".split("|")
UNITS = "percent|million dollars|kilometres|days|tonnes|families|villages".split("|")

TEMPLATES = (
    "We will {verb} the {thing} in {place} before {month}, and we expect {number} {unit} to reach {group} there.",
    "The {noun} is {adj}. Nobody in {place} should accept a {noun2} that leaves {group} without {thing}.",
    "This {noun} will not survive unless the {thing} are {verbed} within {number} days.",
    "Our teams have counted {number} {group} who lost access to the {thing} since the {noun} began.",
    "It is {adj} to pretend that the {noun} can {verb} anything while {place} remains cut off.",
    "We asked for {number} {unit} and received almost nothing, so the {thing} in {place} are failing.",
    "The {noun2} was {adj}, but the real test is whether the {thing} reopen for {group} this {month}.",
    "If the {noun} collapses, {number} {group} in {place} will be forced to leave within weeks.",
    "I have never seen {group} so angry about a {noun}; they want the {thing} {verbed} now.",
    "There is no military solution in {place}. The {noun} must {verb} the {thing} first.",
)
SYNONYMS = {
    "angry": "furious", "difficult": "hard", "crucial": "vital", "plan": "programme",
    "begin": "start", "received": "obtained", "reach": "get to", "leave": "flee",
    "serious": "grave", "forced": "compelled", "failing": "collapsing", "test": "challenge",
}
BRITISH = {"programme": "program", "kilometres": "kilometers", "defence": "defense"}
SAY = ("said", "said", "said", "told reporters", "added", "warned", "noted", "explained")


@dataclass(frozen=True)
class Speaker:
    key: str
    given: str
    surname: str
    female: bool
    title: str
    org: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass(frozen=True)
class Statement:
    key: str
    speaker: Speaker
    text: str


@dataclass(frozen=True)
class Story:
    key: str
    place: str
    day: date
    speakers: tuple[Speaker, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class TrueQuote:
    """A quotation the generator wrote: its span, who said it, which statement it is."""

    start: int
    end: int
    text: str
    speaker: str  # the speaker's canonical full name
    speaker_key: str
    written: str  # as the article names the speaker: full name, surname or pronoun
    statement_key: str
    partial: bool


@dataclass(frozen=True)
class Article:
    document: Document
    quotes: tuple[TrueQuote, ...]


def _spelling_variant(name: str, rng: random.Random) -> str:
    """The same name as another outlet might transliterate it."""
    rules = [
        (r"sh", "ch"), (r"ou", "u"), (r"^Al-", "al-"), (r"^El-", "Al-"), (r"^Al-", ""),
        (r"Mohammed", "Muhammad"), (r"Ahmed", "Ahmad"), (r"Youssef", "Yusuf"), (r"Khaled", "Khalid"),
        (r"ee", "i"), (r"ou", "oo"), (r"Kh", "H"), (r"q", "k"),
    ]
    rng.shuffle(rules)
    for pattern, repl in rules:
        if re.search(pattern, name):
            changed = re.sub(pattern, repl, name, count=1)
            if changed and changed[0].isupper():
                return changed
    return name


class Generator:
    """Seeded: the same arguments give the same articles, in the same order."""

    def __init__(self, seed: int = 1, *, n_people: int = 600, n_stories: int = 400, padding: bool = True) -> None:
        self.seed = seed
        self.padding = padding
        self.narrative = self._palmyra_narrative() if padding else []
        self.people = [self._speaker(i) for i in range(n_people)]
        self.n_stories = n_stories
        self._stories: dict[int, Story] = {}
        # Zipf: a few stories (and people) are everywhere, most appear a few times
        self.story_weights = list(accumulate(1.0 / (k + 1) ** 0.9 for k in range(n_stories)))
        self.people_weights = list(accumulate(1.0 / (k + 1) ** 0.8 for k in range(n_people)))
        self._count = 0

    # ------------------------------------------------------------ pieces

    @staticmethod
    def _palmyra_narrative() -> list[str]:
        lines = []
        for path in sorted(PALMYRA.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").split("\n"):
                line = line.strip()
                if len(line) > 120 and not re.search(r"[\"“”«»„]", line):
                    lines.append(line)
        return lines

    def _surname(self, rng: random.Random) -> str:
        if rng.random() < 0.35:
            return rng.choice(PLAIN_SURNAMES)
        onset = rng.choice(ONSETS)
        core = rng.choice(CORES)
        name = (onset + core + rng.choice(CODAS)) if not onset.endswith("-") else onset + core.capitalize() + rng.choice(CODAS)
        return name[0].upper() + name[1:]

    def _speaker(self, i: int) -> Speaker:
        rng = random.Random(f"{self.seed}-speaker-{i}")
        female = rng.random() < 0.4
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        return Speaker(f"s{i}", given, self._surname(rng), female, rng.choice(TITLES), rng.choice(ORG_HEADS))

    def _place(self, rng: random.Random) -> str:
        return rng.choice(PLACE_PARTS) + rng.choice(PLACE_ENDS)

    def _statement_text(self, rng: random.Random, place: str) -> str:
        text = rng.choice(TEMPLATES)
        nouns = rng.sample(NOUNS, 2)
        verb = rng.choice(VERBS)
        return text.format(
            verb=verb, verbed=verb + ("d" if verb.endswith("e") else "ed"), thing=rng.choice(THINGS), place=place, month=rng.choice(MONTHS),
            number=rng.choice([rng.randint(2, 99), rng.randint(100, 5000)]), unit=rng.choice(UNITS),
            group=rng.choice(GROUPS), noun=nouns[0], noun2=nouns[1], adj=rng.choice(ADJS),
        )

    def story(self, k: int) -> Story:
        if k not in self._stories:
            rng = random.Random(f"{self.seed}-story-{k}")
            place = self._place(rng)
            day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
            speakers = tuple(rng.choices(self.people, cum_weights=self.people_weights, k=rng.randint(2, 5)))
            speakers = tuple(dict.fromkeys(speakers))
            statements = tuple(
                Statement(f"{k}-{j}-{n}", sp, self._statement_text(rng, place))
                for j, sp in enumerate(speakers)
                for n in range(rng.randint(1, 3))
            )
            self._stories[k] = Story(f"story{k}", place, day, speakers, statements)
        return self._stories[k]

    # ------------------------------------------------------------ drift

    def _drift(self, text: str, rng: random.Random) -> tuple[str, bool]:
        """A version of a statement as another outlet printed it; True when cut to a fragment."""
        r = rng.random()
        if r < 0.5:
            return text, False
        if r < 0.65:  # edited: a synonym, British spelling
            words = text.split()
            swappable = [i for i, w in enumerate(words) if w.strip(".,;").lower() in SYNONYMS]
            if swappable:
                i = rng.choice(swappable)
                bare = words[i].strip(".,;")
                words[i] = words[i].replace(bare, SYNONYMS[bare.lower()])
            text = " ".join(words)
            for a, b in BRITISH.items():
                if rng.random() < 0.5:
                    text = text.replace(a, b)
            return text, False
        if r < 0.75:  # first sentence only
            first = re.split(r"(?<=[.;])\s", text)[0].rstrip(";")
            return first, False
        if r < 0.85:  # a fragment in reported speech
            words = re.sub(r"[.;,]", "", text).split()
            n = rng.randint(4, 8)
            at = rng.randint(0, max(0, len(words) - n))
            return " ".join(words[at : at + n]), True
        if r < 0.93:  # a number misreported
            return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9) * 10), text, count=1), False
        return text.replace(" the ", " [the] ", 1) if " the " in text else text, False

    # ------------------------------------------------------------ articles

    def article(self, index: int | None = None, *, story: int | None = None) -> Article:
        """One article (the `index`-th of this seed), on a Zipf-chosen story unless given."""
        if index is None:
            index = self._count
        self._count = max(self._count, index + 1)
        rng = random.Random(f"{self.seed}-article-{index}")
        k = story if story is not None else rng.choices(range(self.n_stories), cum_weights=self.story_weights)[0]
        st = self.story(k)
        outlet = rng.choice(OUTLETS)
        day = st.day + timedelta(days=rng.randint(0, 6))
        published = day.isoformat() if rng.random() < 0.85 else None
        quotes: list[TrueQuote] = []
        text = ""

        def add(paragraph: str, spans: list[tuple[int, int, Statement, str, bool]] | None = None) -> None:
            nonlocal text
            if text:
                text += "\n\n"
            base = len(text)
            text += paragraph
            for a, b, statement, written, partial in spans or []:
                quotes.append(
                    TrueQuote(base + a, base + b, paragraph[a:b], statement.speaker.name, statement.speaker.key,
                              written, statement.key, partial)
                )

        noun = rng.choice(NOUNS)
        add(f"{st.place} {noun} under pressure as {rng.choice(GROUPS)} wait for {rng.choice(THINGS)}")
        add(
            f"{st.place.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet}) - Officials in {st.place} "
            f"met on {day.strftime('%A')} to discuss the {noun}, which has divided {rng.choice(GROUPS)} "
            f"and {rng.choice(GROUPS)} for months."
        )
        statements = list(st.statements)
        rng.shuffle(statements)
        statements = statements[: rng.randint(max(1, len(statements) - 2), len(statements))]
        introduced: set[str] = set()
        last_speaker: str | None = None
        for statement in statements:
            sp = statement.speaker
            name = sp.name if rng.random() < 0.8 else _spelling_variant(sp.name, rng)
            surname = name.split()[-1]
            version, partial = self._drift(statement.text, rng)
            cue = rng.choice(SAY)
            if partial:
                who = name if sp.key not in introduced else surname
                pre = f"{who} {rng.choice(('said', 'argued', 'warned'))} the {rng.choice(NOUNS)} was \u201c"
                add(pre + version + "\u201d, a view shared by many in " + st.place + ".",
                    [(len(pre), len(pre) + len(version), statement, who, True)])
            elif sp.key not in introduced:
                pattern = rng.randint(0, 2)
                if pattern == 0:
                    pre = "\u201c"
                    post = f",\u201d {name}, {sp.title} at the {sp.org}, {cue}."
                    body = version.rstrip(".")
                    add(pre + body + post, [(1, 1 + len(body), statement, name, False)])
                elif pattern == 1:
                    pre = f"{name}, the {sp.title} of the {sp.org}, said: \u201c"
                    add(pre + version + "\u201d", [(len(pre), len(pre) + len(version), statement, name, False)])
                else:
                    pre = "\u201c"
                    body = version.rstrip(".")
                    post = f",\u201d said {name}, the {sp.title} at the {sp.org}."
                    add(pre + body + post, [(1, 1 + len(body), statement, name, False)])
                introduced.add(sp.key)
            else:
                pronoun = "she" if sp.female else "he"
                who = pronoun if last_speaker == sp.key else surname
                body = version.rstrip(".")
                post = f",\u201d {who} {cue}."
                add("\u201c" + body + post, [(1, 1 + len(body), statement, who, False)])
            last_speaker = sp.key
            if self.padding and rng.random() < 0.7:
                add(rng.choice(self.narrative))
        if self.padding:
            while len(text) < 4600:
                add(rng.choice(self.narrative))
        add(f"Reporting by the {outlet} desk in {st.place}; editing by staff.")
        doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        document = Document(
            id=doc_id, name=f"bench-{index:07d}", text=text, outlet=outlet, published=published,
            title=f"{st.place} {noun}",
        )
        return Article(document, tuple(quotes))

    def articles(self, n: int, start: int = 0) -> Iterator[Article]:
        for i in range(start, start + n):
            yield self.article(i)
