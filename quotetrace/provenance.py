"""Read the provenance that alignment stored: every version of a statement, and
what drifted across the corpus (spellings, wording, numbers, who was credited).

Only reads the database; `align.py` computes, `store.py` writes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from .errors import QuotetraceError


class NotFound(QuotetraceError):
    """No quote or statement with that id."""


@dataclass(frozen=True)
class Version:
    quote_id: str
    document: str
    outlet: str | None
    published: str | None
    text: str
    speaker: str | None
    speaker_as_written: str | None
    affiliation: str | None
    told_to: str | None
    relation: str | None  # earliest / verbatim / edited / paraphrase / partial
    similarity: float | None
    numbers_changed: bool
    diff: list[list[str]]  # [op, text], op in "=", "+", "-"
    closest_earlier_quote_id: str | None
    start: int
    end: int


@dataclass(frozen=True)
class RelatedStatement:
    """Another statement this one relates to without being one with it."""

    relation: str  # "contains" (a version of this one holds it), "contained in", or "repeated"
    cluster_id: str
    representative: str  # the other statement's earliest version
    quote_id: str  # the version of this statement that shows it
    other_quote_id: str  # the version of the other statement
    similarity: float


@dataclass
class Statement:
    cluster_id: str
    representative: str
    first_published: str | None
    first_is_dated: bool
    outlets: list[str]
    speakers: list[str]
    speakers_disagree: bool
    wording_changed: bool
    numbers_changed: bool
    max_drift: float
    versions: list[Version] = field(default_factory=list)
    relations: list[RelatedStatement] = field(default_factory=list)
    evidence: dict[str, Any] | None = None  # what links the versions credited to two people

    @property
    def n_dated(self) -> int:
        return sum(1 for v in self.versions if v.published)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "n_dated": self.n_dated}


def _cluster_of(db: sqlite_utils.Database, some_id: str) -> str:
    """A quote id or a cluster id (or an unambiguous prefix of either) → cluster id."""
    for sql in (
        "SELECT cluster_id FROM quotes WHERE id = ?",
        "SELECT id FROM clusters WHERE id = ?",
        "SELECT cluster_id FROM quotes WHERE id LIKE ? || '%'",
        "SELECT id FROM clusters WHERE id LIKE ? || '%'",
    ):
        rows = {r[0] for r in db.execute(sql, [some_id]).fetchall() if r[0]}
        if len(rows) == 1:
            return rows.pop()
        if len(rows) > 1:
            raise NotFound(f"{some_id!r} matches several statements; give more of the id")
    raise NotFound(f"no quote or statement with id {some_id!r} (see `quotetrace export` for ids)")


def _organisations_of(db: sqlite_utils.Database, cluster_id: str) -> list[str]:
    """The organisations a statement no person is credited with is credited to (as speakers)."""
    rows = db.execute(
        "SELECT DISTINCT p.name FROM quotes q JOIN people p ON p.id = q.person_id "
        "WHERE q.cluster_id = ? AND p.kind = 'organisation' ORDER BY p.name",
        [cluster_id],
    )
    return [r[0] for r in rows]


def statement(db: sqlite_utils.Database, some_id: str) -> Statement:
    """Every version of the statement a quote (or cluster) id belongs to, earliest first."""
    cid = _cluster_of(db, some_id)
    c = next(db.query("SELECT * FROM clusters WHERE id = ?", [cid]), None)
    if c is None:
        raise NotFound(f"statement {cid!r} is not aligned yet: run `quotetrace ingest` again")
    st = Statement(
        cluster_id=cid,
        representative=c["representative"],
        first_published=c["first_published"],
        first_is_dated=bool(c["first_is_dated"]),
        outlets=json.loads(c["outlets"] or "[]"),
        speakers=json.loads(c["speakers"] or "[]") or _organisations_of(db, cid),
        speakers_disagree=bool(c["speakers_disagree"]),
        wording_changed=bool(c["wording_changed"]),
        numbers_changed=bool(c["numbers_changed"]),
        max_drift=c["max_drift"] or 0.0,
        evidence=json.loads(c["evidence"]) if c.get("evidence") else None,
    )
    rows = db.query(
        """
        SELECT q.id, d.name AS document, d.outlet, d.published, q.text, q.speaker,
               q.speaker_as_written, q.affiliation, q.told_to, q.start, q."end",
               v.relation, v.similarity, v.numbers_changed, v.diff, v.closest_earlier_quote_id
        FROM quotes q JOIN documents d ON d.id = q.document_id
        LEFT JOIN variants v ON v.quote_id = q.id
        WHERE q.cluster_id = ?
        ORDER BY v.relation != 'earliest', d.published IS NULL, d.published, d.name, q.start
        """,
        [cid],
    )
    for r in rows:
        st.versions.append(
            Version(
                quote_id=r["id"],
                document=r["document"],
                outlet=r["outlet"],
                published=r["published"],
                text=r["text"],
                speaker=r["speaker"],
                speaker_as_written=r["speaker_as_written"],
                affiliation=r["affiliation"],
                told_to=r["told_to"],
                relation=r["relation"],
                similarity=r["similarity"],
                numbers_changed=bool(r["numbers_changed"]),
                diff=json.loads(r["diff"]) if r["diff"] else [],
                closest_earlier_quote_id=r["closest_earlier_quote_id"],
                start=r["start"],
                end=r["end"],
            )
        )
    st.relations = related(db, cid)
    return st


def related(db: sqlite_utils.Database, cluster_id: str) -> list[RelatedStatement]:
    """The statements one statement contains, is contained in, or repeats."""
    out: list[RelatedStatement] = []
    for r in db.query(
        """
        SELECT r.*, c.representative AS other_text FROM relations r JOIN clusters c ON c.id = r.other_cluster_id
        WHERE r.cluster_id = :id
        UNION ALL
        SELECT r.*, c.representative AS other_text FROM relations r JOIN clusters c ON c.id = r.cluster_id
        WHERE r.other_cluster_id = :id
        ORDER BY relation, similarity DESC
        """,
        {"id": cluster_id},
    ):
        mine = r["cluster_id"] == cluster_id
        relation = r["relation"] if mine or r["relation"] != "contains" else "contained in"
        out.append(
            RelatedStatement(
                relation=relation,
                cluster_id=r["other_cluster_id"] if mine else r["cluster_id"],
                representative=r["other_text"],
                quote_id=r["quote_id"] if mine else r["other_quote_id"],
                other_quote_id=r["other_quote_id"] if mine else r["quote_id"],
                similarity=r["similarity"],
            )
        )
    return out


def render_diff(diff: list[list[str]]) -> str:
    """[-removed-] {+inserted+}, the convention of `git diff --word-diff`."""
    out = []
    for op, text in diff:
        out.append(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return " ".join(out)


@dataclass
class DriftReport:
    name_spellings: list[dict[str, Any]] = field(default_factory=list)
    wording: list[dict[str, Any]] = field(default_factory=list)
    misattributions: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def drift(db: sqlite_utils.Database) -> DriftReport:
    """Name-spelling drift, wording drift and misattributions across the corpus."""
    report = DriftReport()
    # the people of Datasette's `name_variants`: one definition, in the view
    drifted: dict[str, list[str]] = {}
    for row in db.query("SELECT person_id, spelling FROM person_names WHERE drifted ORDER BY count DESC, spelling"):
        drifted.setdefault(row["person_id"], []).append(row["spelling"])
    for row in db.query("SELECT person_id, name, spellings, n_mentions FROM name_variants ORDER BY name, person_id"):
        report.name_spellings.append(
            {
                "person_id": row["person_id"],
                "name": row["name"],
                "spellings": row["spellings"].split(" | "),
                "drifted": drifted.get(row["person_id"], []),
                "mentions": row["n_mentions"],
            }
        )
    for row in db.query(
        """
        SELECT id, representative, outlets, n_variants, max_drift, wording_changed, numbers_changed,
               first_published, first_is_dated
        FROM clusters WHERE n_variants > 1 AND (wording_changed OR numbers_changed)
        ORDER BY numbers_changed DESC, max_drift DESC, id
        """
    ):
        report.wording.append(
            {
                "cluster_id": row["id"],
                "representative": row["representative"],
                "outlets": json.loads(row["outlets"] or "[]"),
                "versions": row["n_variants"],
                "max_drift": row["max_drift"],
                "numbers_changed": bool(row["numbers_changed"]),
                "first_published": row["first_published"],
                "first_is_dated": bool(row["first_is_dated"]),
            }
        )
    for row in db.query(
        "SELECT id, representative, speakers, outlets, evidence FROM clusters WHERE speakers_disagree ORDER BY id"
    ):
        report.misattributions.append(
            {
                "cluster_id": row["id"],
                "representative": row["representative"],
                "speakers": json.loads(row["speakers"] or "[]"),
                "outlets": json.loads(row["outlets"] or "[]"),
                "evidence": json.loads(row["evidence"]) if row["evidence"] else None,
            }
        )
    return report
