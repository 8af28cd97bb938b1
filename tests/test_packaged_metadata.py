"""A built package carries the root datasette-metadata.json and serves with it.

The root file is the one source of truth; setup.py copies it into the wheel.
Installed from that wheel (not editable), `quotetrace serve` must find it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = "quotetrace/datasette/datasette-metadata.json"
# What a build reads; copied so that no earlier build/ folder can stand in for the hook.
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "datasette-metadata.json")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "quotetrace", src / "quotetrace", ignore=shutil.ignore_patterns("__pycache__", "datasette-metadata.json"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("quotetrace-*.whl")
    return built


def test_the_wheel_carries_the_root_metadata_unchanged(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read(PACKAGED) == (ROOT / "datasette-metadata.json").read_bytes()


def test_the_installed_package_serves_with_its_own_copy(wheel: Path, tmp_path: Path, palmyra_db: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    script = """
import asyncio, sys
from quotetrace.serve import build_datasette, metadata_path
print(metadata_path())
ds = build_datasette(sys.argv[1])
page = asyncio.run(ds.client.get("/palmyra/quotes_by_speaker.json?name=Hawash&_shape=array"))
print(page.status_code, len(page.json()))
"""
    env = {k: v for k, v in os.environ.items() if k != "QUOTETRACE_METADATA"}
    # The unpacked wheel comes first on the path, as an installed package would;
    # run outside the checkout so nothing can fall back to the root file.
    env["PYTHONPATH"] = str(site)
    db = tmp_path / "palmyra.db"
    db.write_bytes(palmyra_db.read_bytes())
    r = subprocess.run(
        [sys.executable, "-c", script, str(db)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    where, status = r.stdout.splitlines()
    assert Path(where) == site / PACKAGED
    code, rows = status.split()
    assert code == "200" and int(rows) > 0
