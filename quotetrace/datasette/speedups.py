"""Two of Datasette 0.65's costs per table cell and per link, cut without changing a byte of a page.

Both are patches of library objects in the serving process, applied by
`quotetrace.serve.build_datasette`; tests hold the pages and strings equal to
Datasette's own (tests/test_datasette_under_load.py).
"""

from __future__ import annotations

from typing import Any

from datasette.plugins import pm
from datasette.utils import PrefixedUrlString
from pluggy import HookCaller

from quotetrace.datasette import render_cell

# Datasette's URL strings (`PrefixedUrlString`) look up `dir(str)` on every
# attribute read (8 µs each): over 900 times on a quotes page of 50 rows,
# 7 ms. The names of str's methods do not change: read them once.
_STR_NAMES = frozenset(dir(str))


def _getattribute(self: PrefixedUrlString, name: str) -> Any:
    """`PrefixedUrlString.__getattribute__` as Datasette writes it, without `dir(str)` each time."""
    if name.startswith("__") or name not in _STR_NAMES:
        return str.__getattribute__(self, name)
    kind = type(self)
    inherited = getattr(super(PrefixedUrlString, self), name)

    def method(*args: Any, **kwargs: Any) -> Any:
        value = inherited(*args, **kwargs)
        if isinstance(value, str):
            return kind(value)
        if isinstance(value, list):
            return [kind(i) for i in value]
        if isinstance(value, tuple):
            return tuple(kind(i) for i in value)
        return value

    return method


def speed_up_url_strings() -> None:
    """Datasette's `PrefixedUrlString`, the same strings at a fraction of the cost (`_getattribute`)."""
    PrefixedUrlString.__getattribute__ = _getattribute  # type: ignore[method-assign]


class _RenderCell(HookCaller):
    """pluggy's caller of the `render_cell` hook, calling quotetrace's own directly while it is the only one.

    Datasette asks every plugin's `render_cell` for every cell of a table or
    query page: 4 µs a cell through pluggy, 4 ms of a quotes page of 50 rows
    and 20 columns; 3 µs this way. With another plugin's `render_cell` registered (or any
    call this does not expect), pluggy calls them all, as before.
    """

    __slots__ = ()

    def __call__(self, **kwargs: Any) -> Any:
        impls = self._hookimpls
        if len(impls) == 1 and impls[0].function is render_cell and not (impls[0].wrapper or impls[0].hookwrapper):
            try:
                result = render_cell(
                    kwargs["row"], kwargs["value"], kwargs["column"], kwargs["table"], kwargs["database"], kwargs["datasette"]
                )
            except KeyError:  # a call without one of them: pluggy's way
                return super().__call__(**kwargs)
            return [] if result is None else [result]
        return super().__call__(**kwargs)


def speed_up_render_cell() -> None:
    """Datasette's `render_cell` hook through `_RenderCell` (the same results, a quarter less per cell)."""
    caller = pm.hook.render_cell
    if type(caller) is HookCaller:
        caller.__class__ = _RenderCell
