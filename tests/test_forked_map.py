"""Half of alignment's pair scoring runs in a forked child: same results, in order, whatever happens there."""

from __future__ import annotations

import os

import pytest

from quotetrace import forked, pipeline, store
from quotetrace.align import clustering as align_module
from quotetrace.forked import halves_map

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="the child is forked on Linux with 2+ cores only")


def square_plus_pid_parity(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_halves_map_returns_what_a_serial_map_returns_in_order() -> None:
    items = list(range(1001))
    results = halves_map(square_plus_pid_parity, items, min_items=1)
    assert [r[0] for r in results] == [x * x for x in items]
    # the second half really was computed in another process
    assert results[0][1] == os.getpid() and results[-1][1] != os.getpid()


def test_a_failing_child_leaves_the_work_to_the_caller() -> None:
    parent = os.getpid()

    def fails_in_child(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("child trouble")
        return x + 1

    assert halves_map(fails_in_child, list(range(100)), min_items=1) == list(range(1, 101))


def test_a_child_that_dies_leaves_the_work_to_the_caller() -> None:
    parent = os.getpid()

    def dies_in_child(x: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return -x

    assert halves_map(dies_in_child, list(range(50)), min_items=1) == [-x for x in range(50)]


def test_a_failure_in_the_caller_stops_and_reaps_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    children: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    def fails_here(x: int) -> int:
        if os.getpid() == parent:
            raise ValueError("caller trouble")
        return x

    monkeypatch.setattr(os, "fork", recording_fork)
    with pytest.raises(ValueError):
        halves_map(fails_here, list(range(100)), min_items=1)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # already reaped: nothing left running
        os.waitpid(children[0], os.WNOHANG)


def test_alignment_is_the_same_with_and_without_the_forked_half(
    palmyra_dir: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def aligned(min_items: int, name: str) -> list[tuple[object, ...]]:
        monkeypatch.setattr(forked, "MIN_ITEMS", min_items)
        db = store.open_db(tmp_path / name)  # type: ignore[operator]
        pipeline.ingest([palmyra_dir], db)  # type: ignore[list-item]
        rows = [
            tuple(r)
            for sql in (
                "SELECT * FROM clusters ORDER BY id",
                "SELECT * FROM variants ORDER BY quote_id",
                "SELECT id, person_id, cluster_id FROM quotes ORDER BY id",
            )
            for r in db.execute(sql)
        ]
        db.close()
        return rows

    calls: list[int] = []
    real = align_module.halves_map

    def counting(fn, items, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(items))
        return real(fn, items, **kwargs)

    monkeypatch.setattr(align_module, "halves_map", counting)
    forked_rows = aligned(1, "forked.db")
    assert calls and calls[0] > 1, "the candidate pairs were scored through halves_map"
    assert forked_rows == aligned(10**9, "serial.db")
