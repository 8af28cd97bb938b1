"""Datasette plugin for quotetrace databases.

- SQL functions for fact-checkers' queries: `name_match(query, name)` (any
  spelling of a person: "Hawash" finds "Hawach"), `name_similarity(a, b)`,
  `normalise_name(name)`.
- A statement page, `/<database>/-/statement/<cluster_id>`: every version of
  one statement with its word diff against the earliest version, and a
  propagation timeline (inline SVG: no script, no network).
- Cell links from `cluster_id` columns (views, canned queries) and from the
  clusters table to that page.

`quotetrace.serve` registers this module; it is also loadable as a
`datasette` entry point. Article text is always escaped: a quote may hold
`<script>` or `onerror=`.
"""

from __future__ import annotations

import importlib.resources
import json
import sqlite3
import weakref
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import sqlite_utils
from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode, to_css_class
from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup, escape

if TYPE_CHECKING:
    # Only for type hints: importing datasette.app here would be circular when
    # Datasette loads this module as an entry point while it initialises.
    from datasette.app import Datasette

from quotetrace.align import quote_similarity
from quotetrace.claimreview import claim_reviews
from quotetrace.datasette.context import CURRENT_REQUEST
from quotetrace.datasette.statement import (
    Version,
    diff_against,
    has_changes,
    render_diff,
    timeline_svg,
)
from quotetrace.find import differences, find_terms
from quotetrace.lookup import could_match, spelling_matches
from quotetrace.names import name_similarity, normalise_name

STATEMENT_ROUTE = r"^/(?P<database>[^/]+)/-/statement/(?P<cluster_id>[^/]+)$"
CLAIMREVIEW_ROUTE = r"^/(?P<database>[^/]+)/-/statement/(?P<cluster_id>[^/]+)/claimreview\.json$"
TEMPLATE = "quotetrace_statement.html"


# ---------------------------------------------------------------- SQL functions


def name_match(query: str | None, candidate: str | None) -> int:
    """1 if a searched name finds this spelling (`lookup.spelling_matches`, as the CLI `speaker` decides), else 0.

    `quotes_by_speaker` calls it on every spelling and person: `could_match`
    turns away, at a twentieth of the cost, the spellings that cannot match.
    """
    return int(could_match(query, candidate) and spelling_matches(query, candidate))


def _sql_quote_similarity(a: str | None, b: str | None) -> float | None:
    return None if a is None or b is None else quote_similarity(a, b)


def _sql_find_terms(text: str | None) -> str:
    return find_terms(text or "")


def _sql_pasted_differences(pasted: str | None, version: str | None, relation: str | None = None) -> str | None:
    """What differs between pasted words and a version (`find.differences`); `relation` 'earliest' names it so."""
    if pasted is None or version is None:
        return None
    label = "the earliest version" if relation == "earliest" else "this version"
    return "; ".join(differences(pasted, version, label=label)) or "the same words"


def _sql_name_similarity(a: str | None, b: str | None) -> float | None:
    return None if a is None or b is None else name_similarity(a, b)


def _sql_normalise_name(name: str | None) -> str | None:
    return None if name is None else normalise_name(name)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("name_match", 2, name_match, deterministic=True)
    conn.create_function("quote_similarity", 2, _sql_quote_similarity, deterministic=True)
    conn.create_function("find_terms", 1, _sql_find_terms, deterministic=True)
    conn.create_function("pasted_differences", 2, _sql_pasted_differences, deterministic=True)
    conn.create_function("pasted_differences", 3, _sql_pasted_differences, deterministic=True)
    conn.create_function("name_similarity", 2, _sql_name_similarity, deterministic=True)
    conn.create_function("normalise_name", 1, _sql_normalise_name, deterministic=True)


# ---------------------------------------------------------------- links


def statement_path(datasette: Datasette, database: str, cluster_id: str) -> str:
    """The statement page's path, base_url aware; the id is percent-encoded."""
    return datasette.urls.database(database) + "/-/statement/" + quote(cluster_id, safe="")


# Databases known to hold the quotetrace schema, per Datasette instance
# (positives only: a mutable database may gain the tables later).
_QUOTETRACE_DBS: weakref.WeakKeyDictionary[Datasette, set[str]] = weakref.WeakKeyDictionary()


async def _is_quotetrace_db(datasette: Datasette, database: str) -> bool:
    known = _QUOTETRACE_DBS.setdefault(datasette, set())
    if database in known:
        return True
    try:
        db = datasette.get_database(database)
    except KeyError:
        return False
    if await db.table_exists("clusters") and await db.table_exists("quotes"):
        known.add(database)
        return True
    return False


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Datasette
) -> Any:
    # Expanded foreign keys arrive as dicts and keep Datasette's row link.
    if not isinstance(value, str) or not value:
        return None
    if column == "cluster_id" or (table == "clusters" and column == "representative"):

        async def inner() -> Markup | None:
            if not await _is_quotetrace_db(datasette, database):
                return None
            if column == "cluster_id":
                return Markup('<a href="{}" title="versions and timeline">{}</a>').format(
                    statement_path(datasette, database, value), value
                )
            cluster_id = row["id"] if "id" in row.keys() else None
            if not isinstance(cluster_id, str):
                return None
            return Markup('{} <a class="qt-statement-link" href="{}">versions &amp; timeline&nbsp;→</a>').format(
                value, statement_path(datasette, database, cluster_id)
            )

        return inner
    return None


# ---------------------------------------------------------------- statement page

VERSIONS_SQL = """
SELECT
  q.id AS quote_id, q.text, d.name AS document, d.outlet, d.published, d.url,
  q.speaker, q.speaker_as_written,
  v.relation, v.similarity, v.numbers_changed, v.diff, v.closest_earlier_quote_id
FROM quotes q
JOIN documents d ON d.id = q.document_id
LEFT JOIN variants v ON v.quote_id = q.id
WHERE q.id IN (
  SELECT id FROM quotes WHERE cluster_id = :cluster_id
  UNION SELECT quote_id FROM variants WHERE cluster_id = :cluster_id
)
ORDER BY d.published IS NULL, d.published, d.name, q.start
"""


def _json_list(raw: str | None) -> list[str]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def versions_context(cluster: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Template context for one statement: versions with their diffs, and the timeline."""
    versions = [
        Version(
            quote_id=r["quote_id"],
            text=r["text"],
            document=r["document"],
            outlet=r["outlet"],
            published=r["published"],
            url=r["url"],
            speaker=r["speaker"],
            speaker_as_written=r["speaker_as_written"],
            relation=r["relation"],
            similarity=r["similarity"],
            numbers_changed=bool(r["numbers_changed"]),
            diff=r["diff"],
            closest_earlier_quote_id=r["closest_earlier_quote_id"],
        )
        for r in rows
    ]
    earliest = next((v for v in versions if v.quote_id == cluster.get("first_quote_id")), None)
    if earliest is None and versions:
        earliest = versions[0]
    items = []
    for v in versions:
        is_earliest = earliest is not None and v.quote_id == earliest.quote_id
        ops = [("=", v.text)] if is_earliest or earliest is None else diff_against(v, earliest.text)
        items.append(
            {
                "version": v,
                "is_earliest": is_earliest,
                "changed": has_changes(ops),
                "diff_html": render_diff(ops),
                "anchor": "v-" + v.quote_id,
                "safe_url": v.url if v.url and v.url.startswith(("http://", "https://")) else None,
            }
        )
    if earliest is not None:  # earliest first, the rest by date
        items.sort(key=lambda item: not item["is_earliest"])
    return {
        "cluster": cluster,
        "outlets": _json_list(cluster.get("outlets")),
        "speakers": _json_list(cluster.get("speakers")),
        "items": items,
        "timeline": timeline_svg(versions),
        "n_undated": sum(1 for v in versions if v.day is None),
    }


async def _statement_request(request: Request, datasette: Datasette) -> tuple[str, str]:
    """The database and statement id a statement route names, once the actor may see them."""
    database = tilde_decode(request.url_vars["database"])
    cluster_id = unquote(request.url_vars["cluster_id"])
    if not await _is_quotetrace_db(datasette, database):
        raise NotFound("Database not found")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (database, "clusters")), ("view-database", database), "view-instance"],
    )
    return database, cluster_id


async def statement_page(request: Request, datasette: Datasette) -> Response:
    database, cluster_id = await _statement_request(request, datasette)
    db = datasette.get_database(database)
    found = (await db.execute("SELECT * FROM clusters WHERE id = ?", [cluster_id])).first()
    if found is None:
        raise NotFound("Statement not found")
    cluster = dict(found)
    rows = [dict(r) for r in await db.execute(VERSIONS_SQL, {"cluster_id": cluster_id})]
    context = versions_context(cluster, rows)
    for item in context["items"]:
        item["quote_url"] = datasette.urls.row(database, "quotes", tilde_encode(item["version"].quote_id))
    encoded = quote(cluster_id, safe="")
    context.update(
        {
            "database": database,
            "cluster_id": cluster_id,
            "row_url": datasette.urls.row(database, "clusters", tilde_encode(cluster_id)),
            "variants_url": datasette.urls.database(database) + "/statement_variants?cluster_id=" + encoded,
            "variants_json_url": datasette.urls.database(database)
            + "/statement_variants.json?_shape=array&cluster_id="
            + encoded,
            "claimreview_url": statement_path(datasette, database, cluster_id) + "/claimreview.json",
            "metadata": datasette.metadata(),
            "database_color": lambda name: "ff0000",  # what 0.65 core views pass
        }
    )
    html = await datasette.render_template([TEMPLATE], context, request=request)
    return Response.html(html)


async def claimreview_json(request: Request, datasette: Datasette) -> Response:
    """One statement's schema.org ClaimReview skeleton (JSON-LD), as `export --format claimreview` writes it."""
    database, cluster_id = await _statement_request(request, datasette)

    def reviews(conn: sqlite3.Connection) -> list[dict[str, Any]]:
        return list(claim_reviews(sqlite_utils.Database(conn), cluster_ids=[cluster_id]))

    found = await datasette.get_database(database).execute_fn(reviews)
    if not found:
        raise NotFound("Statement not found")
    return Response(
        json.dumps(found[0], ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )


CSS_ROUTE = r"^/-/quotetrace\.css$"
_CSS = importlib.resources.files(__name__) / "static" / "quotetrace.css"


async def stylesheet() -> Response:
    # Served by our own route: the plugin static URL would depend on how the
    # plugin was registered (entry point or serve()).
    return Response(
        _CSS.read_text(encoding="utf-8"),
        content_type="text/css; charset=utf-8",
        headers={"cache-control": "max-age=3600"},
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(CLAIMREVIEW_ROUTE, claimreview_json), (STATEMENT_ROUTE, statement_page), (CSS_ROUTE, stylesheet)]


@hookimpl
def asgi_wrapper() -> Any:
    """Refuse paths starting with a backslash; mark each request (`CURRENT_REQUEST`).

    Datasette 0.65.5 redirects `/\\example.com/` to `/\\example.com`, which
    browsers read as `//example.com`: an open redirect off-site.
    """

    def wrap(app: Any) -> Any:
        async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                raw = scope.get("raw_path") or scope["path"].encode("utf-8", "replace")
                if raw.lower().startswith((b"/\\", b"/%5c")):
                    await Response.text("Not found", status=404).asgi_send(send)
                    return
                CURRENT_REQUEST.set(object())  # this request's look at the database (datasette.cached)
            await app(scope, receive, send)

        return guarded

    return wrap


# One cell of a row as Datasette 0.65's _table.html and query.html write it.
_TABLE_CELL = '\n                    <td class="col-{} type-{}">{}</td>\n                '
_QUERY_CELL = '\n                <td class="col-{}">{}</td>\n            '


def table_cells(row: Any) -> Markup:
    """The cells of one row of a table page, as Datasette's own _table.html writes them.

    Its loop wrote each cell in seven pieces, each passed up through three
    templates rendered asynchronously: a third of the time of a quotes page
    of 50 rows. Here a row is one piece (templates/_table.html, and
    query.html for canned queries; a test holds the pages equal to
    Datasette's, byte for byte).
    """
    return Markup(
        "".join(
            _TABLE_CELL.format(escape(to_css_class(cell["column"])), escape(cell["value_type"]), escape(cell["value"]))
            for cell in row
        )
    )


def query_cells(row: Any, columns: list[str]) -> Markup:
    """The cells of one row of a query page, as Datasette's own query.html writes them (see `table_cells`)."""
    return Markup("".join(_QUERY_CELL.format(escape(to_css_class(c)), escape(td)) for c, td in zip(columns, row, strict=False)))


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["qt_table_cells"] = table_cells
    env.filters["qt_query_cells"] = query_cells


@hookimpl
def extra_css_urls(datasette: Datasette) -> list[str]:
    return [datasette.urls.path("/-/quotetrace.css")]
