"""Choosing the NLP backend from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quotetrace.cli import cli

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stanza_tiny"


def test_missing_models_fail_clearly_before_touching_the_database(tmp_path: Path, palmyra_files: list[Path]) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    db = tmp_path / "q.db"
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_files[0]), "--db", str(db), "--backend", "stanza", "--stanza-dir", str(empty)])
    assert r.exit_code == 1
    assert str(empty) in r.output and "quotetrace models download" in r.output
    assert not db.exists()


def test_auto_falls_back_to_rules_and_says_so(tmp_path: Path, palmyra_files: list[Path]) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    r = CliRunner().invoke(cli, ["ingest", str(palmyra_files[3]), "--db", str(tmp_path / "q.db"), "--backend", "auto", "--stanza-dir", str(empty)])
    assert r.exit_code == 0, r.output
    assert "using the rules backend" in r.output
    assert "backend: rules" in r.output


def test_stanza_backend_ingests_with_installed_models(tmp_path: Path) -> None:
    # The tiny fixture models stand in for downloaded ones: same loader, same pipeline.
    article = tmp_path / "a.txt"
    article.write_text("“The port will reopen Monday,” Maria Lopez said.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["ingest", str(article), "--db", str(tmp_path / "q.db"), "--backend", "auto", "--stanza-dir", str(FIXTURE)])
    assert r.exit_code == 0, r.output
    assert "backend: stanza" in r.output


def test_models_status(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["models", "status", "--dir", str(tmp_path)])
    assert r.exit_code == 1 and "quotetrace models download" in r.output
    r = CliRunner().invoke(cli, ["models", "status", "--dir", str(FIXTURE)])
    assert r.exit_code == 0 and "installed" in r.output
