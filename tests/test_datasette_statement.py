"""The statement page: every version with its word diff, and the propagation timeline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from datasette.app import Datasette
from test_datasette_corpus import (
    MUSEUM,
    MUSEUM_FIRST,
    MUSEUM_GAZETTE,
    MUSEUM_NUMBERS,
    SINGLE,
    build_db,
    qid,
)

from quotetrace.datasette.statement import (
    Version,
    diff_against,
    parse_diff,
    render_diff,
    timeline_svg,
    word_diff,
)
from quotetrace.serve import build_datasette


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("statement") / "palmyra.db")


@pytest.fixture
def ds(db_path: Path) -> Datasette:
    return build_datasette(db_path)


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="qt-version.*?</article>', html, flags=re.S)


@pytest.mark.asyncio
async def test_statement_page_shows_each_version_with_outlet_date_and_speaker(ds: Datasette) -> None:
    response = await ds.client.get(f"/palmyra/-/statement/{MUSEUM}")
    assert response.status_code == 200
    found = cards(response.text)
    assert len(found) == 4
    assert "Levant Wire" in found[0] and "2024-03-02" in found[0] and "qt-earliest" in found[0]
    courier = next(c for c in found if "The Daily Courier" in c)
    assert '<dd class="qt-as-written">Hawach</dd>' in courier
    assert "numbers changed" in courier
    blog = next(c for c in found if "Heritage Blog" in c)
    assert "date unknown" in blog


@pytest.mark.asyncio
async def test_statement_page_highlights_inserted_and_removed_words(ds: Datasette) -> None:
    html = (await ds.client.get(f"/palmyra/-/statement/{MUSEUM}")).text
    courier = next(c for c in cards(html) if "The Daily Courier" in c)
    # from the stored diff
    assert '<del title="removed">40</del> <ins title="inserted">50</ins>' in courier
    assert '<del title="removed">can</del> <ins title="inserted">will</ins>' in courier
    # no stored diff: computed against the earliest version
    gazette = next(c for c in cards(html) if "Evening Gazette" in c)
    assert '<del title="removed">rebuilt,</del> <ins title="inserted">restored,</ins>' in gazette
    # the earliest version is shown whole, unmarked
    first = cards(html)[0]
    assert MUSEUM_FIRST in first and "<ins" not in first and "<del" not in first


@pytest.mark.asyncio
async def test_statement_page_has_a_timeline_with_a_mark_per_version(ds: Datasette) -> None:
    html = (await ds.client.get(f"/palmyra/-/statement/{MUSEUM}")).text
    svg = re.search(r'<svg class="qt-timeline".*?</svg>', html, flags=re.S)
    assert svg is not None
    marks = re.findall(r'data-quote-id="([0-9a-f]+)"', svg.group(0))
    assert sorted(marks) == sorted(
        qid(k) for k in ("museum_first", "museum_numbers", "museum_gazette", "museum_partial")
    )
    for label in ("Levant Wire", "The Daily Courier", "Evening Gazette", "Heritage Blog", "date unknown"):
        assert label in svg.group(0)
    assert "<script" not in svg.group(0)


@pytest.mark.asyncio
async def test_statement_page_flags_misattribution_and_links_the_table(ds: Datasette) -> None:
    html = (await ds.client.get(f"/palmyra/-/statement/{MUSEUM}")).text
    assert "credited to more than one person" in html
    assert f'href="/palmyra/statement_variants?cluster_id={MUSEUM}"' in html
    single = (await ds.client.get(f"/palmyra/-/statement/{SINGLE}")).text
    assert "credited to more than one person" not in single
    assert len(cards(single)) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path", ["/palmyra/-/statement/c-none", "/nosuchdb/-/statement/c-museum"]
)
async def test_unknown_statement_is_not_found(ds: Datasette, path: str) -> None:
    assert (await ds.client.get(path)).status_code == 404


@pytest.mark.asyncio
async def test_cluster_ids_link_to_the_statement_page(ds: Datasette) -> None:
    link = f'href="/palmyra/-/statement/{MUSEUM}"'
    assert link in (await ds.client.get("/palmyra/first_appearances")).text
    assert link in (await ds.client.get("/palmyra/quotes_by_speaker?name=Hawash")).text
    assert link in (await ds.client.get("/palmyra/clusters")).text
    assert link in (await ds.client.get(f"/palmyra/clusters/{MUSEUM}")).text


# ---------------------------------------------------------------- pure rendering


def test_word_diff_rebuilds_both_texts() -> None:
    ops = word_diff(MUSEUM_FIRST, MUSEUM_NUMBERS)
    assert " ".join(t for op, t in ops if op != "+") == MUSEUM_FIRST
    assert " ".join(t for op, t in ops if op != "-") == MUSEUM_NUMBERS
    assert ("-", "40") in ops and ("+", "50") in ops


def test_word_diff_ignores_case_and_punctuation_like_the_aligner() -> None:
    assert word_diff("It is over, he said", "it is over. He said") == [("=", "it is over. He said")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('[["=", "a"], ["+", "b"]]', [("=", "a"), ("+", "b")]),
        ('[["equal", "a"], ["delete", "b"], ["insert", "c"]]', [("=", "a"), ("-", "b"), ("+", "c")]),
        ("[]", None),
        ("", None),
        (None, None),
        ("not json", None),
        ('[["replace", "a"]]', None),
        ('{"=": "a"}', None),
    ],
)
def test_parse_diff(raw: str | None, expected: list[tuple[str, str]] | None) -> None:
    assert parse_diff(raw) == expected


def test_a_stale_stored_diff_is_recomputed() -> None:
    # the stored diff describes other words: showing it would hide "restored"
    stale = json.dumps([["=", "We have lost 40 statues, but the galleries can be rebuilt,"]])
    ops = diff_against(Version("q", MUSEUM_GAZETTE, "d.txt", diff=stale), MUSEUM_FIRST)
    assert ("+", "restored,") in ops


def test_render_diff_escapes_text() -> None:
    html = render_diff([("=", "a <b>"), ("-", "<script>x</script>"), ("+", 'onerror="y"')])
    assert html == (
        'a &lt;b&gt; <del title="removed">&lt;script&gt;x&lt;/script&gt;</del> '
        '<ins title="inserted">onerror=&#34;y&#34;</ins>'
    )


def test_timeline_puts_undated_versions_apart() -> None:
    svg = timeline_svg(
        [
            Version("q1", "a", "d1", outlet="One", published="2024-01-01"),
            Version("q2", "a", "d2", outlet="Two", published="2024-01-05"),
            Version("q3", "a", "d3", outlet="Two", closest_earlier_quote_id="q2"),
        ]
    )
    xs = {q: float(x) for q, x in re.findall(r'data-quote-id="(q\d)" cx="([\d.]+)"', svg)}
    assert xs["q1"] < xs["q2"] < xs["q3"]
    band = re.search(r'class="qt-undated" x="([\d.]+)"', svg)
    assert band is not None and float(band.group(1)) < xs["q3"]
    assert "date unknown" in svg and "2024-01-01" in svg and "2024-01-05" in svg
    assert svg.count('class="qt-link"') == 1  # q2 -> q3


def test_timeline_without_dates_says_so_and_empty_is_empty() -> None:
    svg = timeline_svg([Version("q1", "a", "d1", outlet="One")])
    assert "no version has a publication date" in svg and "date unknown" in svg
    assert timeline_svg([]) == ""
