"""Run part of a pure computation in a forked child, on the core the caller leaves idle.

Alignment runs in the one writing process after extraction, while the other
cores wait. Most of it is pure functions of data already in memory: a forked
child sees that memory as it is, computes its part (half the candidate pairs
of a map, `halves_map`; the people while the texts are scored, or half the
statements, `in_child`) and sends the results back through a pipe, at a
fraction of what computing them costs. The results are the same as a serial
run's, in the same order.

Only where fork is safe and useful: Linux, more than one core, and enough
items. Anything that goes wrong in the child makes the caller compute that
half itself.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork (about 10-30 ms with a large heap) costs more than it saves.
MIN_ITEMS = 20_000


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def halves_map(fn: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None) -> list[R]:
    """`[fn(x) for x in items]`, the second half computed in a forked child.

    `fn` must be pure (the child's side effects are lost) and its results
    picklable. Fewer than `min_items` (default MIN_ITEMS) items are mapped here.
    """
    if len(items) < (MIN_ITEMS if min_items is None else min_items) or not can_fork():
        return [fn(x) for x in items]
    mid = len(items) // 2
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [fn(x) for x in items]
    if pid == 0:  # the child: compute, send, leave without running any cleanup of the parent's
        os.close(read_end)
        status = 0
        try:
            payload = pickle.dumps([fn(x) for x in items[mid:]], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    source = os.fdopen(read_end, "rb")
    try:
        first = [fn(x) for x in items[:mid]]
        payload = source.read()
    except BaseException:
        # interrupted (Ctrl-C) or failed here: the child's work is of no use
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        source.close()
        _, status = os.waitpid(pid, 0)
    second: list[R] | None = None
    if status == 0 and payload:
        try:
            second = pickle.loads(payload)
        except Exception:
            second = None
    if second is None or len(second) != len(items) - mid:
        second = [fn(x) for x in items[mid:]]
    return first + second


@contextmanager
def in_child(fn: Callable[[], R], *, fork: bool = True) -> Iterator[Callable[[], R]]:
    """`fn()` started in a forked child while the caller goes on; the block gets a function
    that waits for its result.

    `fn` must be pure and its result picklable, as for `halves_map`. Where no
    child can run (`fork` false, or `can_fork` not), or the child fails, the
    caller computes `fn()` itself when it asks for the result. Leaving the
    block without asking (an exception in it, say) stops the child.
    """
    if not fork or not can_fork():
        yield fn
        return
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        yield fn
        return
    if pid == 0:  # the child: compute, send, leave without running any cleanup of the parent's
        os.close(read_end)
        status = 0
        try:
            payload = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    source = os.fdopen(read_end, "rb")
    reaped = False

    def result() -> R:
        nonlocal reaped
        try:
            payload = source.read()
        finally:
            source.close()
        _, status = os.waitpid(pid, 0)
        reaped = True
        if status == 0 and payload:
            try:
                return pickle.loads(payload)  # type: ignore[no-any-return]
            except Exception:  # noqa: BLE001 - a broken payload: computed here instead
                pass
        return fn()

    try:
        yield result
    finally:
        if not reaped:  # not asked for, or interrupted while waiting: of no use now
            source.close()
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
