"""An organisation is a speaker too: "the Reyes campaign" in one outlet and "a Reyes
spokesman" in another (the article naming Maria Reyes) are one speaker id, found by
`speaker`, the same whether the articles come in one ingest or two; two organisations
stay two; the organisations are not counted as people."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotetrace import pipeline, store
from quotetrace.cli import cli

HERALD = (
    "Maria Reyes campaigned in Dayton on Tuesday.\n\n"
    "Her campaign hit back at the audit. The Reyes campaign called the report "
    "“an exercise in creative accounting by people who never ran a budget.”\n\n"
    "The Ohio Farm Bureau said the plan was “a fair start for growers.”\n"
)
GAZETTE = (
    "Maria Reyes spent the week in Ohio.\n\n"
    "One Reyes spokesman called the report “an exercise in creative accounting by people "
    "who never ran a budget.”\n\n"
    "A spokeswoman for the Ohio Education Association said it was “a fair start for teachers.”\n"
)


def write(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def speaker_ids(db_path: Path) -> dict[tuple[str, str], str | None]:
    """(document, the first words of each statement) -> its speaker id."""
    db = store.open_db(db_path)
    try:
        rows = db.execute("SELECT d.name, q.text, q.person_id FROM quotes q JOIN documents d ON d.id = q.document_id")
        return {(name, text[:20]): pid for name, text, pid in rows}
    finally:
        db.close()


def ingest(db_path: Path, folder: Path) -> None:
    db = store.open_db(db_path)
    try:
        pipeline.ingest([folder], db)
    finally:
        db.close()


def test_an_organisation_and_its_unnamed_spokesman_are_one_speaker(tmp_path: Path) -> None:
    db_path = tmp_path / "voices.db"
    ingest(db_path, write(tmp_path / "news", herald=HERALD, gazette=GAZETTE))
    ids = [pid for (_, text), pid in speaker_ids(db_path).items() if text.startswith("an exercise")]
    assert len(ids) == 2 and ids[0] is not None and ids[0] == ids[1]


def test_two_organisations_stay_two_speakers(tmp_path: Path) -> None:
    db_path = tmp_path / "voices.db"
    ingest(db_path, write(tmp_path / "news", herald=HERALD, gazette=GAZETTE))
    ids = speaker_ids(db_path)
    farm, teachers = ids["herald.txt", "a fair start for gro"], ids["gazette.txt", "a fair start for tea"]
    assert farm is not None and teachers is not None and farm != teachers


FILLER = {
    f"filler{i}": f"Councillor Dana Pike{i} spoke on day {i}.\n\n“The bridge number {i} will open in spring,” Pike{i} said.\n"
    for i in range(8)
}


def test_one_ingest_or_two_give_the_same_speakers(tmp_path: Path) -> None:
    # eight articles stored, then one: the second ingest aligns incrementally
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    ingest(together, write(tmp_path / "both", herald=HERALD, gazette=GAZETTE, **FILLER))
    ingest(apart, write(tmp_path / "first", herald=HERALD, **FILLER))
    db = store.open_db(apart)
    try:
        report = pipeline.ingest([write(tmp_path / "second", gazette=GAZETTE)], db)
    finally:
        db.close()
    assert report.alignment is not None and report.alignment.mode == "incremental"
    assert speaker_ids(together) == speaker_ids(apart)


def test_speaker_finds_an_organisations_statements_and_people_are_counted_apart(tmp_path: Path) -> None:
    db_path = tmp_path / "voices.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(write(tmp_path / "news", herald=HERALD, gazette=GAZETTE)), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "0 people, 3 organisations speaking" in result.output
    found = runner.invoke(cli, ["speaker", "Ohio Farm Bureau", "--db", str(db_path)])
    assert found.exit_code == 0, found.output
    assert "a fair start for growers" in found.output
    assert "a fair start for teachers" not in found.output


def test_a_claimreview_names_an_organisation_as_its_author(tmp_path: Path) -> None:
    db_path = tmp_path / "voices.db"
    ingest(db_path, write(tmp_path / "news", herald=HERALD, gazette=GAZETTE))
    out = tmp_path / "reviews.json"
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--format", "claimreview", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    (exercise,) = [r for r in reviews if r["claimReviewed"].startswith("an exercise")]
    author = exercise["itemReviewed"]["author"]
    assert author["@type"] == "Organization" and "Reyes" in author["name"]


def test_a_campaign_named_by_surname_is_the_campaign_of_the_person_named_in_full(tmp_path: Path) -> None:
    wire = (
        "Maria Reyes spoke in Toledo.\n\n"
        "A Reyes campaign spokesman called the ad “a cynical distortion of a simple vote.”\n"
    )
    post = "Maria Reyes was in Akron.\n\nThe Reyes campaign called the ad “a cynical distortion of a simple vote.”\n"
    db_path = tmp_path / "voices.db"
    ingest(db_path, write(tmp_path / "news", wire=wire, post=post))
    ids = {pid for (_, text), pid in speaker_ids(db_path).items() if text.startswith("a cynical")}
    assert len(ids) == 1 and None not in ids
    found = CliRunner().invoke(cli, ["find", "a cynical distortion of a simple vote", "--db", str(db_path)])
    assert found.exit_code == 0, found.output
    assert "Maria Reyes campaign" in found.output
