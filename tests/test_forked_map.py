"""Half of alignment's pair scoring runs in a forked child: same results, in order, whatever happens there."""

from __future__ import annotations

import os

import pytest

from quotetrace import forked, pipeline, store
from quotetrace.align import clustering as align_module
from quotetrace.forked import halves_map, in_child

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


def pid_and(x: int) -> tuple[int, int]:
    return os.getpid(), x


def test_in_child_gives_what_the_function_returns_computed_in_another_process() -> None:
    with in_child(lambda: pid_and(41)) as result:
        here = pid_and(1)
        there = result()
    assert there[1] == 41 and there[0] != here[0]


def test_in_child_without_fork_computes_in_the_caller() -> None:
    with in_child(lambda: pid_and(2), fork=False) as result:
        assert result() == (os.getpid(), 2)


def test_in_child_leaves_a_failing_child_s_work_to_the_caller() -> None:
    parent = os.getpid()

    def fails_in_child() -> int:
        if os.getpid() != parent:
            raise RuntimeError("child trouble")
        return 7

    with in_child(fails_in_child) as result:
        assert result() == 7


def test_in_child_stops_and_reaps_a_child_not_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    with pytest.raises(ValueError), in_child(lambda: sum(range(10**9))):
        raise ValueError("caller trouble")
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

    children: list[bool] = []
    real_in_child = forked.in_child

    def counting_in_child(fn, *, fork=True):  # type: ignore[no-untyped-def]
        children.append(fork)
        return real_in_child(fn, fork=fork)

    monkeypatch.setattr(align_module, "halves_map", counting)
    monkeypatch.setattr(forked, "in_child", counting_in_child)
    forked_rows = aligned(1, "forked.db")
    assert calls and calls[0] > 1, "the candidate pairs were scored through halves_map"
    # people grouped, and statements linked and built, in children too
    assert children.count(True) >= 2
    assert forked_rows == aligned(10**9, "serial.db")
