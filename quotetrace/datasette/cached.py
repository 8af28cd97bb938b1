"""A Datasette database that reads its schema and row counts once per change of the file.

Datasette 0.65 asks SQLite about the schema on every page: the home and
database pages list every table (about thirty here, with the full-text
index's own tables), and for each one run a query for its columns, primary
keys, full-text table and row count, each through the SQL thread pool. Alone
that is 35-50 ms a page; under load each of those hundred small queries waits
behind the slow ones in the pool, and the home page took 5.5 s.

`CachedDatabase` answers those questions from memory for as long as the file
is unchanged. It tells change from no change with two counters SQLite keeps,
read on a connection of its own in the event loop (microseconds: from the
database header and the write-ahead log's shared memory, no thread hop):

- `PRAGMA schema_version` moves with every change of the schema: then the
  schema answers are read again;
- `PRAGMA data_version` moves when another connection (an `ingest`) commits:
  then the row counts are counted again, once, by the first page that needs
  them (with a larger time limit than Datasette's per-page 10 ms, since the
  count serves every page until the next commit).

So a page shows the database as the last commit left it, as before; only the
repetition is gone. The same counts stand in for Datasette's `select count(*)`
of a whole table (the row count under a table page with no filter).
"""

from __future__ import annotations

import asyncio
import copy
import re
import sqlite3
from collections import OrderedDict
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.database import Database, QueryInterrupted, Results

from quotetrace.datasette.context import CURRENT_REQUEST

# Counting every table of a 10,000-article database takes about 20 ms in all;
# a million quotes about 100 ms for the quotes table. Beyond this a table's
# count is unknown (None), as Datasette shows it when its own limit passes.
COUNT_TIME_LIMIT_MS = 1000

# Datasette's count of a whole table (views/table.py: "select count(*) " + from_sql,
# from_sql being "from <escaped table> " with an empty where clause).
_WHOLE_TABLE_COUNT = re.compile(r"select count\(\*\) from (\[[^\]]+\]|\w+) $")

# Datasette's lookup of a table's own spelling, before every check of a
# table's permissions (app.py permission_allowed): once per table on the home
# and database pages. It reads the schema only.
_TABLE_SPELLING = "select name from sqlite_master where type in ('table', 'view') and name = ? collate nocase"

# Datasette's facet queries (facets.py): a count per value of one column,
# over the rows of the page's query. Without parameters that query is the
# whole table (or a filter written in the SQL itself), and the counts are
# counts of the database as it stands, like the table's row count.
_FACET_QUERY = re.compile(r"\s*(?:select (?:date\()?\S+\)? as value, count\(\*\) as count from \(|with inner as \()")
FACET_ANSWERS = 256  # distinct facet queries remembered (per database, until the next commit)

# Methods whose answers depend on the schema only, and are safe to share once copied.
_SCHEMA_METHODS = (
    "table_names",
    "view_names",
    "hidden_table_names",
    "table_exists",
    "table_columns",
    "table_column_details",
    "primary_keys",
    "fts_table",
    "label_column_for_table",
    "foreign_keys_for_table",
    "get_all_foreign_keys",
    "get_table_definition",
    "get_view_definition",
    "attached_databases",
)


class CachedDatabase(Database):
    """A database whose schema answers and row counts are kept until the file changes.

    Also Datasette's own in-memory `_internal` database (`memory_name`), whose
    schema answers plugins ask for on every page (datasette-search-all looks
    for searchable tables in every database); its row counts are not kept, as
    connections sharing one memory database see no data_version change.
    """

    def __init__(
        self, ds: Datasette, path: str | Path | None = None, *, is_mutable: bool = True, memory_name: str | None = None
    ) -> None:
        super().__init__(ds, path=None if path is None else str(path), is_mutable=is_mutable, memory_name=memory_name)
        self._keeps_counts = memory_name is None
        self._unread = 0  # versions given out when the counters cannot be read: never equal to the last
        self._probe: sqlite3.Connection | None = None
        self._versions: tuple[int, int] | None = None
        self._looked_for: object | None = None  # the request that read the counters last
        self._schema_answers: dict[tuple[Any, ...], Any] = {}
        self._counts: dict[str, int | None] | None = None
        self._facets: OrderedDict[str, Results] = OrderedDict()
        self._counting: asyncio.Lock | None = None

    # ------------------------------------------------------------ change detection

    def _read_versions(self) -> tuple[int, int]:
        if self._probe is None:
            if self.memory_name is not None:
                uri = f"file:{self.memory_name}?mode=memory&cache=shared"
            else:
                uri = f"file:{self.path}?{'mode=ro' if self.is_mutable else 'immutable=1'}"
            self._probe = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            schema = self._probe.execute("PRAGMA schema_version").fetchone()[0]
            data = self._probe.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.OperationalError:  # locked (a shared memory database being written): assume a change
            self._unread -= 1
            return self._unread, self._unread
        return int(schema), int(data)

    def refresh(self) -> tuple[int, int]:
        """Forget what changed since the last look; returns (schema_version, data_version).

        Looks once per request (`CURRENT_REQUEST`), or every time outside one.
        """
        request = CURRENT_REQUEST.get()
        if request is not None and request is self._looked_for and self._versions is not None:
            return self._versions
        self._looked_for = request
        versions = self._read_versions()
        if versions != self._versions:
            if self._versions is None or versions[0] != self._versions[0]:
                self._schema_answers = {}
            self._counts = None
            self._facets = OrderedDict()
            self._versions = versions
        return versions

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None
        super().close()

    # ------------------------------------------------------------ answers

    async def _schema_answer(self, method: str, *args: Any, **kwargs: Any) -> Any:
        self.refresh()
        key = (method, args, tuple(sorted(kwargs.items())))
        if key not in self._schema_answers:
            self._schema_answers[key] = await getattr(super(), method)(*args, **kwargs)
        return _copy(self._schema_answers[key])

    async def table_counts(self, limit: int = 10) -> dict[str, int | None]:
        """Every table's row count, counted once per commit (`limit` is Datasette's per-page budget, not needed)."""
        if not self._keeps_counts:
            return await super().table_counts(limit)
        self.refresh()
        if self._counts is None:
            if self._counting is None:
                self._counting = asyncio.Lock()
            async with self._counting:  # one count for all the pages waiting for it
                if self._counts is None:
                    versions = self._versions
                    counts = await self._count_tables()
                    if self._versions == versions:  # no commit meanwhile
                        self._counts = counts
                    return counts
        return dict(self._counts)

    async def _count_tables(self) -> dict[str, int | None]:
        counts: dict[str, int | None] = {}
        for table in await self.table_names():
            try:
                result = await super().execute(
                    f"select count(*) from [{table}]", custom_time_limit=COUNT_TIME_LIMIT_MS
                )
                counts[table] = result.rows[0][0]
            except (QueryInterrupted, sqlite3.OperationalError, sqlite3.DatabaseError):
                counts[table] = None
        return counts

    async def execute(
        self,
        sql: str,
        params: Any = None,
        truncate: bool = False,
        custom_time_limit: int | None = None,
        page_size: int | None = None,
        log_sql_errors: bool = True,
    ) -> Results:
        # Datasette asks for the schema version on every request (refresh_schemas):
        # the probe knows it without a trip through the thread pool.
        if sql == "PRAGMA schema_version" and not params:
            return Results([(self.refresh()[0],)], False, [("schema_version",)])
        if sql == _TABLE_SPELLING and not truncate:
            self.refresh()
            key = ("spelling", tuple(params or ()))
            if key not in self._schema_answers:
                self._schema_answers[key] = await super().execute(sql, params)
            return self._schema_answers[key]
        whole = _WHOLE_TABLE_COUNT.fullmatch(sql) if self._keeps_counts else None
        if whole and not params:
            table = whole.group(1).strip("[]")
            count = (await self.table_counts()).get(table)
            if count is not None:
                return Results([(count,)], False, [("count(*)",)])
        # A facet of a whole table: Datasette's facet code, which alone runs
        # these with the facet time limit and untruncated (ad-hoc SQL is truncated).
        facet = (
            self._keeps_counts
            and not params
            and not truncate
            and custom_time_limit == self.ds.setting("facet_time_limit_ms")
            and _FACET_QUERY.match(sql) is not None
        )
        if facet:
            versions = self.refresh()
            if sql in self._facets:
                self._facets.move_to_end(sql)
                return self._facets[sql]
        result = await super().execute(sql, params, truncate, custom_time_limit, page_size, log_sql_errors)
        if facet and self._versions == versions:  # counted on the data as it still is
            self._facets[sql] = result
            while len(self._facets) > FACET_ANSWERS:
                self._facets.popitem(last=False)
        return result


def _copy(value: Any) -> Any:
    """A copy Datasette's views may change: lists of names or named tuples copied flat, the rest deep."""
    if isinstance(value, list):
        return [v if isinstance(v, str | int | float | tuple) or v is None else copy.deepcopy(v) for v in value]
    if isinstance(value, dict):
        return copy.deepcopy(value)
    return value


def _cached(method: str) -> Any:
    async def answer(self: CachedDatabase, *args: Any, **kwargs: Any) -> Any:
        return await self._schema_answer(method, *args, **kwargs)

    answer.__name__ = method
    answer.__doc__ = f"Datasette's `{method}`, kept until the schema changes."
    return answer


for _method in _SCHEMA_METHODS:
    setattr(CachedDatabase, _method, _cached(_method))


class CachedDatasette(Datasette):
    """Datasette that reads the permissions of a table from its metadata once, and makes links cheaply.

    0.65.5 works out which `allow` blocks apply to a table by deep-copying the
    whole metadata (every description and canned query) on each check, and
    the home page checks every table: 20 ms of a 27 ms page. The metadata of
    a running server does not change, nor do its answers.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._table_allows: dict[tuple[str, str], list[Any]] = {}

    def _table_permission_allows(self, database: str, table: str) -> list[Any]:
        key = (database, table)
        if key not in self._table_allows:
            self._table_allows[key] = super()._table_permission_allows(database, table)
        return copy.deepcopy(self._table_allows[key])

    def absolute_url(self, request: Any, path: str) -> str:
        # Every facet value's link on a table page (a hundred and more on the
        # quotes page) went through urljoin, which parses both URLs. A path from
        # the root joins to scheme and host as it is; anything else as before.
        if path.startswith("/") and not path.startswith("//") and not _JOIN_CHANGES.search(path):
            url = f"{request.scheme}://{request.host}{path}"
            if url.startswith("http://") and self.setting("force_https_urls"):
                url = "https://" + url[len("http://") :]
            return url
        return str(super().absolute_url(request, path))


# What urljoin would change in a path from the root: dot segments, and the
# characters it strips or removes (whitespace and control characters).
_JOIN_CHANGES = re.compile(r"/\.|[\x00-\x20\x7f]")
