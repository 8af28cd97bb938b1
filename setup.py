"""Build hook: ship the repository's datasette-metadata.json inside the package.

The root file stays the one source of truth (the file a user edits and passes to
`datasette -m`); a built package carries a copy made here, so `quotetrace serve`
works from a wheel. An editable install reads the root file itself
(`quotetrace.serve.metadata_path`). Everything else is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

METADATA = "datasette-metadata.json"
PACKAGED = Path("quotetrace") / "datasette" / METADATA


class BuildPyWithMetadata(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # the source tree is on the path: serve finds the root file
        source = Path(__file__).resolve().parent / METADATA
        if not source.is_file():  # a package that cannot serve must not build
            raise FileNotFoundError(f"{source}: the Datasette metadata to package is missing")
        self.copy_file(str(source), str(Path(self.build_lib) / PACKAGED))


setup(cmdclass={"build_py": BuildPyWithMetadata})
