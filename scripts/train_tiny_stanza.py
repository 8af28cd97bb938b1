"""Train tiny English stanza models (tokenize, pos, ner) from generated news sentences.

The tests run the real `stanza.Pipeline` offline on these models, through the
same loader a user's downloaded models take: the output folder has stanza's
standard layout (`en/<processor>/<package>.pt`) and a hand-written
`resources.json`.

The models know only the template sentences generated here, so tests must
only assert on sentences of these shapes, built from these name lists.

    python scripts/train_tiny_stanza.py                 # writes tests/fixtures/stanza_tiny
    python scripts/train_tiny_stanza.py --out /tmp/tiny --seed 7

Seeded and offline; a few minutes on 2 CPU cores. Needs stanza==1.15.0
(its model format changes between releases).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "stanza_tiny"
PACKAGE = "tiny"  # the package name the resources.json points to

# Invented people and organisations; outlets are organisations too.
PERSONS = (
    "Omar Haddad",
    "Maria Lindqvist",
    "Daniel Okafor",
    "Sarah Whitfield",
    "Karim Mansour",
    "Elena Petrova",
    "James Carter",
    "Nadia Rahimi",
    "Tomas Novak",
    "Grace Mbeki",
    "Lucas Ferreira",
    "Aisha Bello",
    "Peter Halloran",
    "Yusuf Demir",
    "Hannah Berg",
    "Samuel Adeyemi",
)
ORGS = (
    "Global Relief Network",
    "Northbridge Energy",
    "Harbor Institute",
    "United Farmers Union",
    "Civic Data Project",
    "Meridian Bank",
    "Red Valley Council",
    "Atlas Shipping",
    "World Water Alliance",
    "Clearpath Foundation",
)
OUTLETS = ("Evening Courier", "Coastline Radio", "Daily Ledger", "Channel Nine")
PLACES = ("Syria", "Brazil", "Kenya", "Norway", "Damascus", "Nairobi", "Lisbon", "Ohio")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TITLES = ("a spokesman", "a spokeswoman", "the director", "an analyst", "the head")

# Clauses for quotes and reported speech, tagged WORD/UPOS.
CLAUSES = (
    "the/DET talks/NOUN will/AUX continue/VERB next/ADJ week/NOUN",
    "prices/NOUN have/AUX risen/VERB sharply/ADV this/DET year/NOUN",
    "we/PRON are/AUX deeply/ADV concerned/ADJ about/ADP the/DET situation/NOUN",
    "the/DET aid/NOUN convoy/NOUN reached/VERB the/DET city/NOUN",
    "nobody/PRON expected/VERB this/DET outcome/NOUN",
    "the/DET plan/NOUN needs/VERB more/ADJ money/NOUN",
    "our/PRON teams/NOUN are/AUX working/VERB around/ADP the/DET clock/NOUN",
    "the/DET decision/NOUN was/AUX made/VERB too/ADV quickly/ADV",
    "families/NOUN need/VERB clean/ADJ water/NOUN and/CCONJ food/NOUN",
    "the/DET report/NOUN shows/VERB a/DET clear/ADJ trend/NOUN",
    "they/PRON have/AUX not/PART paid/VERB the/DET workers/NOUN",
    "it/PRON is/AUX too/ADV early/ADJ to/PART say/VERB",
    "the/DET bridge/NOUN will/AUX reopen/VERB soon/ADV",
    "this/PRON is/AUX a/DET serious/ADJ mistake/NOUN",
)

WORD_POS = {
    "said": "VERB",
    "told": "VERB",
    "says": "VERB",
    "added": "VERB",
    "According": "VERB",
    "to": "ADP",
    "a": "DET",
    "an": "DET",
    "the": "DET",
    "The": "DET",
    "for": "ADP",
    "of": "ADP",
    "in": "ADP",
    "on": "ADP",
    "that": "SCONJ",
    "statement": "NOUN",
    "spokesman": "NOUN",
    "spokeswoman": "NOUN",
    "director": "NOUN",
    "analyst": "NOUN",
    "head": "NOUN",
    "Officials": "NOUN",
    "she": "PRON",
    "he": "PRON",
}
PUNCT = {'"', "“", "”", ",", ".", ":"}


@dataclass(frozen=True)
class Tok:
    text: str
    upos: str
    ner: str  # BIO tag, OntoNotes-style types
    space_after: bool = True


def _entity(name: str, label: str) -> list[Tok]:
    words = name.split()
    return [Tok(w, "PROPN", ("B-" if i == 0 else "I-") + label) for i, w in enumerate(words)]


def _words(words: str) -> list[Tok]:
    return [Tok(w, "PUNCT" if w in PUNCT else WORD_POS.get(w, "X"), "O") for w in words.split()]


def _clause(rng: random.Random, capital: bool) -> list[Tok]:
    toks = []
    for item in rng.choice(CLAUSES).split():
        word, upos = item.rsplit("/", 1)
        toks.append(Tok(word, upos, "O"))
    if capital:
        first = toks[0]
        toks[0] = Tok(first.text[0].upper() + first.text[1:], first.upos, "O")
    return toks


def _quote(rng: random.Random, end: str) -> list[Tok]:
    """A quoted clause with its closing punctuation inside the marks: "Text," or “Text.”"""
    open_mark, close_mark = rng.choice((('"', '"'), ("“", "”")))
    body = _clause(rng, capital=True)
    return [
        Tok(open_mark, "PUNCT", "O", space_after=False),
        *body[:-1],
        Tok(body[-1].text, body[-1].upos, "O", space_after=False),
        Tok(end, "PUNCT", "O", space_after=False),
        Tok(close_mark, "PUNCT", "O"),
    ]


def _glue(toks: list[Tok]) -> list[Tok]:
    """Attach , . : to the previous token the way English is written."""
    out: list[Tok] = []
    for tok in toks:
        if tok.text in {",", ".", ":"} and out and out[-1].space_after:
            prev = out[-1]
            out[-1] = Tok(prev.text, prev.upos, prev.ner, space_after=False)
        out.append(tok)
    return out


# Template sentences: slots in capitals, other words as written ("QUOTE," is a
# quoted clause ending in a comma inside the marks).
TEMPLATES = (
    "QUOTE, PERSON said .",
    "QUOTE, said PERSON , TITLE for ORG .",
    "PERSON , TITLE for ORG , told OUTLET that CLAUSE .",
    "PERSON said CLAUSE .",
    "The ORG said in a statement that CLAUSE .",
    "QUOTE, PERSON told OUTLET on DAY .",
    "According to PERSON , CLAUSE .",
    "PERSON , TITLE of ORG in PLACE , said : QUOTE.",
    "Officials in PLACE said CLAUSE .",
    "QUOTE, PRONOUN said .",
    "QUOTE, PRONOUN added .",
)


def _slot(rng: random.Random, slot: str) -> list[Tok] | None:
    if slot in {"QUOTE,", "QUOTE."}:
        return _quote(rng, slot[-1])
    if slot == "CLAUSE":
        return _clause(rng, capital=False)
    if slot == "PERSON":
        return _entity(rng.choice(PERSONS), "PERSON")
    if slot == "ORG":
        return _entity(rng.choice(ORGS), "ORG")
    if slot == "OUTLET":
        return [Tok("the", "DET", "O"), *_entity(rng.choice(OUTLETS), "ORG")]
    if slot == "PLACE":
        return _entity(rng.choice(PLACES), "GPE")
    if slot == "TITLE":
        return _words(rng.choice(TITLES))
    if slot == "DAY":
        return [Tok(rng.choice(DAYS), "PROPN", "O")]
    if slot == "PRONOUN":
        return [Tok(rng.choice(("she", "he")), "PRON", "O")]
    return None


def sentence(rng: random.Random) -> list[Tok]:
    """One template news sentence, tokens tagged with UPOS and NER."""
    toks: list[Tok] = []
    for item in rng.choice(TEMPLATES).split():
        filled = _slot(rng, item)
        toks.extend(filled if filled is not None else _words(item))
    toks = _glue(toks)
    last = toks[-1]
    toks[-1] = Tok(last.text, last.upos, last.ner, space_after=False)
    return toks


def paragraphs(rng: random.Random, n_sentences: int) -> Iterator[list[list[Tok]]]:
    """Sentences grouped into paragraphs of one to three, so the tokenizer learns splitting."""
    left = n_sentences
    while left > 0:
        size = min(left, rng.randint(1, 3))
        left -= size
        yield [sentence(rng) for _ in range(size)]


def tokenizer_files(paras: Sequence[list[list[Tok]]]) -> tuple[str, str]:
    """Raw text and its per-character labels (1 ends a token, 2 ends a sentence)."""
    text_parts: list[str] = []
    label_parts: list[str] = []
    for para in paras:
        chars: list[str] = []
        labels: list[str] = []
        for s_index, sent in enumerate(para):
            if s_index:
                chars.append(" ")
                labels.append("0")
            for t_index, tok in enumerate(sent):
                chars.append(tok.text)
                end = "2" if t_index == len(sent) - 1 else "1"
                labels.append("0" * (len(tok.text) - 1) + end)
                if tok.space_after and t_index < len(sent) - 1:
                    chars.append(" ")
                    labels.append("0")
        text_parts.append("".join(chars))
        label_parts.append("".join(labels))
    return "\n\n".join(text_parts) + "\n", "\n\n".join(label_parts) + "\n"


def ner_json(sents: Sequence[list[Tok]]) -> str:
    return json.dumps([[{"text": t.text, "ner": t.ner} for t in s] for s in sents])


def conllu(sents: Sequence[list[Tok]]) -> str:
    lines: list[str] = []
    for sent in sents:
        for i, tok in enumerate(sent, start=1):
            head, rel = (0, "root") if i == 1 else (1, "dep")
            misc = "_" if tok.space_after else "SpaceAfter=No"
            lines.append(f"{i}\t{tok.text}\t_\t{tok.upos}\t_\t_\t{head}\t{rel}\t_\t{misc}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _cli(options: dict[str, object]) -> list[str]:
    """{"steps": 10, "cpu": True} -> ["--steps", "10", "--cpu"]"""
    args: list[str] = []
    for key, value in options.items():
        args.append(f"--{key}")
        if value is not True:
            args.append(str(value))
    return args


def _train(module: str, options: dict[str, object], cwd: Path, log: Path) -> float:
    """Run one stanza trainer in a subprocess; returns its wall time in seconds."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-m", module, *_cli(options)]
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = log.read_text(encoding="utf-8").splitlines()[-20:]
        raise SystemExit(f"{module} failed ({done.returncode}):\n" + "\n".join(tail))
    return time.monotonic() - start


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def write_data(work: Path, seed: int, n_train: int, n_dev: int) -> None:
    rng = random.Random(seed)
    train = list(paragraphs(rng, n_train))
    dev = list(paragraphs(rng, n_dev))
    for split, paras in (("train", train), ("dev", dev)):
        txt, labels = tokenizer_files(paras)
        (work / f"{split}.txt").write_text(txt, encoding="utf-8")
        (work / f"{split}.labels").write_text(labels, encoding="utf-8")
        sents = [s for p in paras for s in p]
        (work / f"{split}.ner.json").write_text(ner_json(sents), encoding="utf-8")
        (work / f"{split}.conllu").write_text(conllu(sents), encoding="utf-8")
    # The tokenizer trainer needs an MWT file even for a language without MWTs here.
    (work / "mwt.json").write_text("[]", encoding="utf-8")


def train_all(
    out: Path,
    seed: int = 1234,
    work: Path | None = None,
    tokenize_steps: int = 1000,
    ner_steps: int = 300,
    pos_steps: int = 300,
    n_train: int = 1500,
    n_dev: int = 150,
) -> dict[str, float]:
    """Generate data, train the three models and lay them out under `out`.

    Returns the training seconds per processor.
    """
    common: dict[str, object] = {
        "mode": "train",
        "shorthand": "en_tiny",
        "seed": seed,
        "cpu": True,
        "save_dir": "models",
    }
    # Small layers keep each model around 200 KB; the templates need no more.
    small: dict[str, object] = {
        "no_pretrain": True,
        "hidden_dim": 32,
        "char_hidden_dim": 32,
        "word_emb_dim": 32,
        "char_emb_dim": 16,
    }
    trainers: dict[str, tuple[str, dict[str, object]]] = {
        "tokenize": (
            "stanza.models.tokenizer",
            {
                "lang": "en",
                "txt_file": "train.txt",
                "label_file": "train.labels",
                "dev_txt_file": "dev.txt",
                "dev_label_file": "dev.labels",
                "mwt_json_file": "mwt.json",
                "no_use_mwt": True,
                "conll_file": "dev.pred.conllu",
                "hidden_dim": 32,
                "steps": tokenize_steps,
                "eval_steps": max(tokenize_steps // 5, 1),
            },
        ),
        "ner": (
            "stanza.models.ner_tagger",
            {
                **small,
                "train_file": "train.ner.json",
                "eval_file": "dev.ner.json",
                "optim": "adam",
                "lr": 0.01,
                "max_steps": ner_steps,
                "eval_interval": max(ner_steps // 3, 1),
            },
        ),
        "pos": (
            "stanza.models.tagger",
            {
                **small,
                "lang": "en",
                "train_file": "train.conllu",
                "eval_file": "dev.conllu",
                "output_file": "dev.pos.pred.conllu",
                "tag_emb_dim": 8,
                "deep_biaff_hidden_dim": 32,
                "composite_deep_biaff_hidden_dim": 16,
                "transformed_dim": 32,
                "num_layers": 1,
                "batch_size": 64,
                "max_steps": pos_steps,
                "eval_interval": max(pos_steps // 3, 1),
            },
        ),
    }
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tiny_stanza_") as tmp:
        work = work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        write_data(work, seed, n_train, n_dev)
        for processor, (module, options) in trainers.items():
            options = {**common, **options, "save_name": f"{processor}.pt"}
            timings[processor] = _train(module, options, work, work / f"{processor}.log")
        layout(work / "models", out)
    return timings


def layout(models: Path, out: Path) -> None:
    """Copy the models into stanza's standard layout and write resources.json."""
    lang_dir = out / "en"
    if lang_dir.exists():
        shutil.rmtree(lang_dir)
    entries: dict[str, dict[str, dict[str, str]]] = {}
    for processor in ("tokenize", "pos", "ner"):
        target = lang_dir / processor / f"{PACKAGE}.pt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(models / f"{processor}.pt", target)
        entries[processor] = {PACKAGE: {"md5": _md5(target)}}
    resources = {
        "en": {
            "lang_name": "English",
            "packages": {"default": {processor: PACKAGE for processor in entries}},
            **entries,
        },
    }
    (out / "resources.json").write_text(json.dumps(resources, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model folder to write")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--work", type=Path, default=None, help="keep generated data and logs here")
    parser.add_argument("--tokenize-steps", type=int, default=1000)
    parser.add_argument("--ner-steps", type=int, default=300)
    parser.add_argument("--pos-steps", type=int, default=300)
    args = parser.parse_args(argv)
    timings = train_all(
        args.out,
        seed=args.seed,
        work=args.work,
        tokenize_steps=args.tokenize_steps,
        ner_steps=args.ner_steps,
        pos_steps=args.pos_steps,
    )
    for processor, seconds in timings.items():
        size = (args.out / "en" / processor / f"{PACKAGE}.pt").stat().st_size
        print(f"{processor}: {seconds:.0f} s, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
