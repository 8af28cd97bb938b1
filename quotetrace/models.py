"""stanza's English models: where they live, whether they are there, loading and fetching them.

Loading never touches the network: stanza's `Pipeline('en')` fetches a
resources index first even when every model is present, so we always pass
`download_method=None` and set `HF_HUB_OFFLINE=1`. Fetching happens only in
`download_models` (`quotetrace models download`).

The folder is `--stanza-dir`, then `$STANZA_RESOURCES_DIR`, then stanza's
default. It has stanza's layout: `resources.json` plus `en/<processor>/<package>.pt`.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import BackendUnavailable, ModelsNotFound, QuotetraceError

STANZA_DIR_ENV = "STANZA_RESOURCES_DIR"
LANG = "en"
# In stanza's pipeline order; lemma needs pos, depparse needs pos and lemma.
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
REQUIRED = ("tokenize", "ner")
DEFAULT_DOWNLOAD = "tokenize,mwt,pos,lemma,depparse,ner"
INSTALL_HINT = "pip install 'quotetrace[stanza]' (install torch==2.13.0 first)"
FIX_HINT = (
    "run `quotetrace models download`, or point --stanza-dir DIR / "
    f"{STANZA_DIR_ENV} at a folder that has them"
)
_NEEDS = {"lemma": ("pos",), "depparse": ("pos", "lemma")}


class ModelsDownloadError(QuotetraceError):
    """`quotetrace models download` could not fetch the models (network, disk, index)."""


def resolve_stanza_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The models folder: `explicit` (--stanza-dir), then $STANZA_RESOURCES_DIR, then stanza's default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(STANZA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return _stanza_default_dir()


def _stanza_default_dir() -> Path:
    # Mirrors stanza.resources.common.DEFAULT_MODEL_DIR without importing stanza
    # (which imports torch, seconds) and without its import-time read of the env.
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("stanza", "StanfordNLP", version("stanza"))) / "resources"
    except (ImportError, PackageNotFoundError):
        # No stanza here: nothing can load anyway; this path only appears in messages.
        return Path.home() / "stanza_resources"


def _read_resources(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get(LANG) if isinstance(data, dict) else None
    seen = 0
    while isinstance(lang, dict) and "alias" in lang and seen < 5:  # "english" -> "en"
        lang = data.get(lang["alias"])
        seen += 1
    return lang if isinstance(lang, dict) else None


def _default_packages(lang: dict[str, Any]) -> dict[str, Any]:
    packages = lang.get("packages", {})
    default = packages.get("default", {}) if isinstance(packages, dict) else {}
    return default if isinstance(default, dict) else {}


def _model_files(folder: Path, lang: dict[str, Any], processor: str, package: Any) -> list[Path]:
    names = package if isinstance(package, list) else [package]
    files: list[Path] = []
    for name in names:
        if not isinstance(name, str):
            continue
        files.append(folder / LANG / processor / f"{name}.pt")
        entry = lang.get(processor, {}).get(name, {})
        for dep in entry.get("dependencies", []) if isinstance(entry, dict) else []:
            files.append(folder / LANG / dep["model"] / f"{dep['package']}.pt")
    return files


def installed_processors(folder: Path) -> tuple[str, ...]:
    """The processors of stanza's default English package whose model files are all in `folder`.

    Processors whose requirements are missing (depparse without lemma) are left out.
    """
    lang = _read_resources(Path(folder))
    if lang is None:
        return ()
    default = _default_packages(lang)
    found: list[str] = []
    for processor in PROCESSORS:
        if processor not in default:
            continue
        files = _model_files(Path(folder), lang, processor, default[processor])
        if files and all(f.is_file() for f in files):
            if all(need in found for need in _NEEDS.get(processor, ())):
                found.append(processor)
    return tuple(found)


def models_installed(folder: Path) -> bool:
    """True when `folder` has a readable resources.json and at least the tokenizer and NER.

    The MWT model is required too when the default package lists it, since
    stanza adds it to every English tokenizer.
    """
    return _why_not_installed(Path(folder)) is None


def _why_not_installed(folder: Path) -> str | None:
    lang = _read_resources(folder)
    if lang is None:
        return "no readable resources.json with English in it"
    found = installed_processors(folder)
    needed = REQUIRED + (("mwt",) if "mwt" in _default_packages(lang) else ())
    missing = [p for p in needed if p not in found]
    return f"no {', '.join(missing)} model" if missing else None


def _missing(folder: Path, reason: str) -> ModelsNotFound:
    first_line = next((line.strip() for line in reason.splitlines() if line.strip()), reason)
    return ModelsNotFound(
        f"stanza English models not usable in {folder} ({first_line}): {FIX_HINT}"
    )


def _import_stanza(offline: bool) -> ModuleType:
    if offline:
        # huggingface_hub reads this once, at import: set it before stanza imports it.
        os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import stanza
    except ImportError as e:
        raise BackendUnavailable(f"the stanza backend needs stanza: {INSTALL_HINT}") from e
    return stanza


def build_pipeline(folder: Path, processors: Sequence[str] | None = None) -> Any:
    """A `stanza.Pipeline` for English from `folder`, offline.

    `processors` defaults to what is installed (at least tokenize and ner, plus
    mwt, pos, lemma and depparse when present). Expensive (seconds): build once
    and reuse. Raises `ModelsNotFound` naming the folder and the fix, or
    `BackendUnavailable` when stanza itself is missing.
    """
    folder = Path(folder)
    stanza = _import_stanza(offline=True)
    reason = _why_not_installed(folder)
    if reason is not None:
        raise _missing(folder, reason)
    chosen = list(processors) if processors else list(installed_processors(folder))
    from stanza.pipeline.core import PipelineRequirementsException

    with _held_stanza_log() as held:
        try:
            return stanza.Pipeline(
                LANG,
                dir=str(folder),
                processors=",".join(chosen),
                download_method=None,
                logging_level="WARN",
            )
        # Missing or broken model files surface as any of these, depending on which
        # file and how it is broken (truncated .pt files raise RuntimeError/EOFError).
        except (
            OSError,
            ValueError,
            KeyError,
            RuntimeError,
            EOFError,
            pickle.UnpicklingError,
            PipelineRequirementsException,
        ) as e:
            held.failed = True
            # stanza logs which file it could not load; the exception often does not say.
            logged = [r.getMessage() for r in held.records if r.levelno >= logging.ERROR]
            detail = str(e).strip() or (logged[-1] if logged else "")
            raise _missing(folder, f"{type(e).__name__}: {detail}".rstrip(": ")) from e


class _Held(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _held_stanza_log() -> Iterator[_Held]:
    """Hold stanza's log records while the pipeline loads.

    On failure our one-line `ModelsNotFound` replaces stanza's log lines; on
    success its warnings are passed on as usual.
    """
    logger = logging.getLogger("stanza")
    held = _Held()
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [held], False
    try:
        yield held
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        if not held.failed:
            for record in held.records:
                logger.handle(record)


def download_models(
    folder: Path | None = None,
    processors: str = DEFAULT_DOWNLOAD,
    resources_url: str | None = None,
) -> Path:
    """Fetch stanza's English models into `folder` (default: `resolve_stanza_dir()`); needs internet.

    `resources_url` overrides where stanza's resources index comes from (mirrors, tests).
    Returns the folder. Failures become `ModelsDownloadError` with the cause.
    """
    target = Path(folder) if folder is not None else resolve_stanza_dir()
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}:
        raise ModelsDownloadError(
            "cannot download stanza models: HF_HUB_OFFLINE is set in this process; "
            "unset it and run `quotetrace models download` again"
        )
    stanza = _import_stanza(offline=False)
    extra: dict[str, Any] = {"resources_url": resources_url} if resources_url else {}
    try:
        stanza.download(LANG, model_dir=str(target), processors=processors, **extra)
    # Network code below stanza raises requests, huggingface_hub and httpx errors,
    # not all of them OSError: whatever breaks, the user gets one line and the cause.
    except Exception as e:  # noqa: BLE001
        raise ModelsDownloadError(
            f"could not download stanza English models into {target}: "
            f"{type(e).__name__}: {e}. Check your internet connection and try again"
        ) from e
    return target
