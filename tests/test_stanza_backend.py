"""The stanza backend on the tiny models in tests/fixtures/stanza_tiny (a real stanza.Pipeline, offline).

The tiny models were trained by scripts/train_tiny_stanza.py on template news
sentences built from its name lists; they know nothing else, so every text
here has one of those shapes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("stanza")

from stanza.models.common.doc import Document as StanzaDocument  # noqa: E402

from quotetrace.nlp import GPE, ORG, OTHER, PERSON, load_backend  # noqa: E402
from quotetrace.nlp.stanza_backend import StanzaBackend, analysis_from_doc  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "stanza_tiny"

TEXT = (
    "\n“The talks will continue next week,” Omar Haddad said. "
    "Maria Lindqvist, a spokeswoman for Global Relief Network, told the Evening Courier "
    "that the plan needs more money.\n\n"
    '"Nobody expected this outcome," she said. Officials in Kenya said the bridge will reopen soon.'
)


@pytest.fixture(scope="module")
def backend() -> StanzaBackend:
    return StanzaBackend(str(FIXTURE))


def test_backend_is_named_stanza_and_loads_installed_processors(backend: StanzaBackend) -> None:
    assert backend.name == "stanza"
    assert {"tokenize", "ner", "pos"} <= set(backend.processors)
    assert backend.analyse(TEXT).backend == "stanza"


def test_sentences_split_template_text(backend: StanzaBackend) -> None:
    analysis = backend.analyse(TEXT)
    texts = [TEXT[s.start : s.end] for s in analysis.sentences]
    assert texts == [
        "“The talks will continue next week,” Omar Haddad said.",
        "Maria Lindqvist, a spokeswoman for Global Relief Network, told the Evening Courier "
        "that the plan needs more money.",
        '"Nobody expected this outcome," she said.',
        "Officials in Kenya said the bridge will reopen soon.",
    ]


def test_token_offsets_index_the_text_exactly(backend: StanzaBackend) -> None:
    analysis = backend.analyse(TEXT)
    tokens = analysis.tokens
    assert all(TEXT[t.start : t.end] == t.text for t in tokens)
    assert all(t.text and not t.text.isspace() and t.text == t.text.strip() for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:], strict=False))
    # Tokens cover every non-space character, in order.
    assert "".join(t.text for t in tokens) == "".join(TEXT.split())
    assert [t.text for t in tokens[:4]] == ["“", "The", "talks", "will"]


def test_tokens_carry_universal_pos_tags(backend: StanzaBackend) -> None:
    tags = {t.text: t.pos for t in backend.analyse(TEXT).tokens}
    assert tags["Omar"] == "PROPN"
    assert tags["said"] == "VERB"
    assert tags["“"] == "PUNCT"


def test_person_and_org_entities_on_template_sentences(backend: StanzaBackend) -> None:
    analysis = backend.analyse(TEXT)
    found = {(e.text, e.label) for e in analysis.entities}
    assert ("Omar Haddad", PERSON) in found
    assert ("Maria Lindqvist", PERSON) in found
    assert ("Global Relief Network", ORG) in found
    assert ("Kenya", GPE) in found
    assert all(TEXT[e.start : e.end] == e.text for e in analysis.entities)
    assert all(e.label in {PERSON, ORG, GPE, OTHER} for e in analysis.entities)


def test_entities_in_finds_the_speaker_of_a_sentence(backend: StanzaBackend) -> None:
    analysis = backend.analyse(TEXT)
    first = analysis.sentences[0]
    people = analysis.entities_in(first.start, first.end, PERSON)
    assert [p.text for p in people] == ["Omar Haddad"]


def test_empty_and_blank_text_give_empty_analysis(backend: StanzaBackend) -> None:
    for text in ("", "  \n\n "):
        analysis = backend.analyse(text)
        assert analysis.text == text
        assert analysis.sentences == analysis.tokens == analysis.entities == ()


def test_load_backend_stanza_uses_the_given_folder() -> None:
    backend = load_backend("stanza", stanza_dir=str(FIXTURE))
    assert backend.name == "stanza"
    people = [
        e.text for e in backend.analyse('"It is too early to say," Grace Mbeki said.').entities
    ]
    assert "Grace Mbeki" in people


def _doc(tagged: str) -> tuple[str, StanzaDocument]:
    """A real stanza Document from "Word/TAG Word/TAG ..." with "." glued to the word before."""
    pairs = [item.rsplit("/", 1) for item in tagged.split()]
    text = " ".join(word for word, _ in pairs).replace(" .", ".")
    sentence = []
    at = 0
    for i, (word, tag) in enumerate(pairs, start=1):
        start = text.index(word, at)
        at = start + len(word)
        sentence.append({"id": i, "text": word, "ner": tag, "start_char": start, "end_char": at})
    return text, StanzaDocument([sentence], text=text)


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        pytest.param(
            "Omar/B-PER Haddad/E-PER visited/O Lisbon/S-LOC for/O the/O Harbor/B-ORG "
            "Institute/E-ORG and/O the/O Olympics/S-MISC ./O",
            [
                ("Omar Haddad", PERSON),
                ("Lisbon", GPE),
                ("Harbor Institute", ORG),
                ("Olympics", OTHER),
            ],
            id="conll-4-class",
        ),
        pytest.param(
            "Syrian/S-NORP officials/O told/O Sarah/B-PERSON Whitfield/E-PERSON of/O "
            "Meridian/B-ORG Bank/E-ORG in/O Damascus/S-GPE on/O Monday/S-DATE ./O",
            [
                ("Syrian", OTHER),
                ("Sarah Whitfield", PERSON),
                ("Meridian Bank", ORG),
                ("Damascus", GPE),
            ],
            id="ontonotes-18-class-dates-dropped",
        ),
    ],
)
def test_stanza_entity_tags_map_to_ours(tagged: str, expected: list[tuple[str, str]]) -> None:
    text, doc = _doc(tagged)
    analysis = analysis_from_doc(text, doc)
    assert [(e.text, e.label) for e in analysis.entities] == expected
    assert all(text[e.start : e.end] == e.text for e in analysis.entities)
