"""An ingest leaves Python's garbage collector as it found it.

Extraction runs the collector less often while it lasts (a speed measure); a
library user relies on the process's own settings coming back when the ingest
ends, however it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotetrace import pipeline, store
from quotetrace.nlp import load_backend
from quotetrace.parallel import extraction
from quotetrace.records import Document

OWN_SETTING = (901, 11, 12)


@pytest.fixture
def own_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*OWN_SETTING)
    yield
    gc.set_threshold(*before)


def test_an_ingest_gives_back_the_collector_thresholds_it_found(tmp_path: Path, own_thresholds: None) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text("Harbour works\n\n\u201cWe reopen the berth on Monday,\u201d Ines Calloway said.\n", encoding="utf-8")
    report = pipeline.ingest([path], store.open_db(":memory:"))
    assert report.new == 1 and report.quotes_added == 1
    assert gc.get_threshold() == OWN_SETTING


def test_extraction_that_fails_gives_them_back_too(own_thresholds: None) -> None:
    def documents() -> Iterator[Document]:
        yield Document(id="0" * 16, name="one.txt", text="\u201cWe reopen the berth,\u201d Ines Calloway said.")
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk went away"):
        with extraction(load_backend("rules")) as extract:
            for _ in extract(documents()):
                assert gc.get_threshold()[0] > OWN_SETTING[0]  # collecting less often meanwhile
    assert gc.get_threshold() == OWN_SETTING
