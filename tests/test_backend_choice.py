"""Choosing a backend: `auto` with and without models, the missing-model error, where models are looked for.

Loads the tiny committed models in tests/fixtures/stanza_tiny through the
production loader; never mocks stanza.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("stanza")

from quotetrace.errors import BackendUnavailable, ModelsNotFound, QuotetraceError  # noqa: E402
from quotetrace.models import (  # noqa: E402
    ModelsDownloadError,
    build_pipeline,
    download_models,
    installed_processors,
    models_installed,
    resolve_stanza_dir,
)
from quotetrace.nlp import load_backend  # noqa: E402
from quotetrace.nlp.stanza_backend import StanzaBackend  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "stanza_tiny"


def _copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "models"
    shutil.copytree(FIXTURE, target)
    return target


def test_auto_falls_back_to_rules_without_models(tmp_path: Path) -> None:
    pytest.importorskip("quotetrace.nlp.rules")
    backend = load_backend("auto", stanza_dir=str(tmp_path))
    assert backend.name == "rules"
    assert backend.analyse('"We will rebuild," Omar Haddad said.').backend == "rules"


def test_auto_picks_stanza_when_models_are_installed() -> None:
    backend = load_backend("auto", stanza_dir=str(FIXTURE))
    assert backend.name == "stanza"
    assert backend.analyse('"The plan needs more money," Aisha Bello said.').backend == "stanza"


def test_stanza_without_models_names_the_folder_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelsNotFound) as raised:
        load_backend("stanza", stanza_dir=str(tmp_path))
    message = str(raised.value)
    assert str(tmp_path) in message
    assert "quotetrace models download" in message
    assert "--stanza-dir" in message and "STANZA_RESOURCES_DIR" in message
    assert "\n" not in message


def test_unreadable_resources_json_is_models_not_found(tmp_path: Path) -> None:
    (tmp_path / "resources.json").write_text("{not json", encoding="utf-8")
    assert not models_installed(tmp_path)
    with pytest.raises(ModelsNotFound, match="quotetrace models download"):
        StanzaBackend(str(tmp_path))


def test_truncated_model_file_is_models_not_found(tmp_path: Path) -> None:
    models = _copy_fixture(tmp_path)
    ner = models / "en" / "ner" / "tiny.pt"
    ner.write_bytes(ner.read_bytes()[:2000])
    with pytest.raises(ModelsNotFound) as raised:
        StanzaBackend(str(models))
    assert str(models) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_ner_model_means_not_installed(tmp_path: Path) -> None:
    models = _copy_fixture(tmp_path)
    (models / "en" / "ner" / "tiny.pt").unlink()
    assert installed_processors(models) == ("tokenize", "pos")
    assert not models_installed(models)
    assert load_backend("auto", stanza_dir=str(models)).name == "rules"


def test_mwt_listed_in_default_package_is_required(tmp_path: Path) -> None:
    # stanza adds mwt to every English tokenizer whose package lists it.
    models = _copy_fixture(tmp_path)
    resources = json.loads((models / "resources.json").read_text(encoding="utf-8"))
    resources["en"]["packages"]["default"]["mwt"] = "tiny"
    resources["en"]["mwt"] = {"tiny": {}}
    (models / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    assert not models_installed(models)
    with pytest.raises(ModelsNotFound):
        build_pipeline(models)


def test_fixture_models_are_installed() -> None:
    assert models_installed(FIXTURE)
    assert installed_processors(FIXTURE) == ("tokenize", "pos", "ner")


def test_processors_without_their_requirements_are_left_out(tmp_path: Path) -> None:
    # A depparse model without lemma cannot run; it must not be loaded.
    models = _copy_fixture(tmp_path)
    resources = json.loads((models / "resources.json").read_text(encoding="utf-8"))
    resources["en"]["packages"]["default"]["depparse"] = "tiny"
    (models / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    (models / "en" / "depparse").mkdir()
    shutil.copyfile(models / "en" / "pos" / "tiny.pt", models / "en" / "depparse" / "tiny.pt")
    assert installed_processors(models) == ("tokenize", "pos", "ner")


def test_resolve_stanza_dir_prefers_explicit_then_env_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stanza.resources.common import USER_CACHE_DIR

    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    assert resolve_stanza_dir() == Path(os.path.join(USER_CACHE_DIR, "resources"))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "env"))
    assert resolve_stanza_dir() == tmp_path / "env"
    assert resolve_stanza_dir(None) == tmp_path / "env"
    assert resolve_stanza_dir(str(tmp_path / "flag")) == tmp_path / "flag"


def test_env_folder_is_used_when_no_dir_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(FIXTURE))
    assert StanzaBackend().stanza_dir == FIXTURE


def test_missing_stanza_package_is_backend_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "stanza", None)  # makes `import stanza` fail
    with pytest.raises(BackendUnavailable, match=r"pip install 'quotetrace\[stanza\]'"):
        build_pipeline(FIXTURE)
    assert load_backend("auto", stanza_dir=str(tmp_path / "no-stanza")).name == "rules"


def test_download_failure_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    # Nothing listens on the discard port: the resources index cannot be fetched.
    with pytest.raises(ModelsDownloadError) as raised:
        download_models(tmp_path, resources_url="http://127.0.0.1:9")
    assert isinstance(raised.value, QuotetraceError)
    assert str(tmp_path) in str(raised.value)


def test_download_refuses_while_hub_is_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelsDownloadError, match="HF_HUB_OFFLINE"):
        download_models(tmp_path)
