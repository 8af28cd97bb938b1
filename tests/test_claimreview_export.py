"""`export --format claimreview`: one schema.org ClaimReview skeleton per statement, as JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner

from quotetrace.cli import cli

# schema.org property names by type (https://schema.org/ClaimReview, /Claim,
# /CreativeWork, /Rating, /Person, /Organization): every key written must be one.
THING = {"@context", "@type", "identifier", "name", "url"}
SCHEMA = {
    "ClaimReview": THING | {"claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished"},
    "Claim": THING | {"author", "firstAppearance", "appearance", "datePublished"},
    "CreativeWork": THING | {"publisher", "datePublished", "text"},
    "Rating": THING | {"ratingValue", "bestRating", "worstRating", "alternateName"},
    "Person": THING,
    "Organization": THING,
}


def check_shape(node: object) -> None:
    if isinstance(node, list):
        for x in node:
            check_shape(x)
    elif isinstance(node, dict):
        kind = node["@type"]
        assert set(node) <= SCHEMA[kind], (kind, set(node) - SCHEMA[kind])
        for key, value in node.items():
            if key not in ("@context", "@type"):
                check_shape(value)


def test_one_claimreview_per_statement_with_its_appearances(palmyra_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonld"
    r = CliRunner().invoke(cli, ["export", "--db", str(palmyra_db), "--format", "claimreview", "-o", str(out)])
    assert r.exit_code == 0, r.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    db = sqlite_utils.Database(palmyra_db)
    assert len(reviews) == db.execute("SELECT count(*) FROM clusters").fetchone()[0]
    check_shape(reviews)
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["reviewRating"]["ratingValue"] is None  # the verdict is the fact-checker's
        cluster = next(db.query("SELECT * FROM clusters WHERE id = ?", [review["identifier"]]))
        assert review["claimReviewed"] == cluster["representative"]
        claim = review["itemReviewed"]
        assert len(claim["appearance"]) == cluster["n_variants"]
        assert claim["firstAppearance"]["text"] == cluster["representative"]
    hawash = [r for r in reviews if r["claimReviewed"].startswith("The Palmyra attack points")][0]
    assert hawash["itemReviewed"]["author"]["name"] == "Nanar Hawash"
    assert hawash["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "News digest"
    assert {a["publisher"]["name"] for a in hawash["itemReviewed"]["appearance"]} == {"News digest", "v0 blog", "Al Jazeera"}


def test_claimreview_for_one_speaker(palmyra_db: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "--db", str(palmyra_db), "--format", "claimreview", "--speaker", "Hawash"])
    assert r.exit_code == 0, r.output
    reviews = json.loads(r.output)
    assert reviews and all(
        "Nanar Hawash" in json.dumps(x["itemReviewed"].get("author"), ensure_ascii=False) for x in reviews
    )
