"""One statement's versions: word diffs and the propagation timeline, as safe HTML.

Pure functions over `Version` records, so they are tested without a server.
Every string that came from an article goes through `markupsafe.escape`
before it is joined into markup: scraped text may hold `<script>` or
`onerror=` and must render as inert text.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

# Diff operations as stored in `variants.diff`: "=" kept, "-" removed, "+" inserted.
KEEP, REMOVE, INSERT = "=", "-", "+"
_OP_ALIASES = {
    "=": KEEP, " ": KEEP, "equal": KEEP, "keep": KEEP,
    "-": REMOVE, "delete": REMOVE, "del": REMOVE, "removed": REMOVE,
    "+": INSERT, "insert": INSERT, "ins": INSERT, "added": INSERT,
}  # fmt: skip

DiffOps = list[tuple[str, str]]


@dataclass(frozen=True)
class Version:
    """One occurrence of a statement, as the statement page shows it."""

    quote_id: str
    text: str
    document: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    speaker: str | None = None
    speaker_as_written: str | None = None
    relation: str | None = None
    similarity: float | None = None
    numbers_changed: bool = False
    diff: str | None = None  # stored JSON list of [op, text] against the earliest version
    closest_earlier_quote_id: str | None = None

    @property
    def day(self) -> date | None:
        return parse_day(self.published)


def parse_day(published: str | None) -> date | None:
    """The calendar day of an ISO date or timestamp; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- diffs


def _key(word: str) -> str:
    """A word compared without case, diacritics or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKD", word).casefold())


def word_diff(old: str, new: str) -> DiffOps:
    """Word-level diff of two texts: [(op, words)], ops "=", "-", "+".

    Words are compared without case or punctuation (as the aligner compares
    them); kept runs show the new text's words.
    """
    a, b = old.split(), new.split()
    ops: DiffOps = []
    matcher = difflib.SequenceMatcher(a=[_key(w) for w in a], b=[_key(w) for w in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append((KEEP, " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append((REMOVE, " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append((INSERT, " ".join(b[j1:j2])))
    return ops


def parse_diff(raw: str | None) -> DiffOps | None:
    """The stored diff as [(op, text)], or None when absent, empty or malformed."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, list) or not data:
        return None
    ops: DiffOps = []
    for item in data:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            return None
        op, text = item
        if not isinstance(op, str) or not isinstance(text, str) or op not in _OP_ALIASES:
            return None
        ops.append((_OP_ALIASES[op], text))
    return ops


def _words(ops: DiffOps, skip: str) -> list[str]:
    return " ".join(text for op, text in ops if op != skip).split()


def _loose(words: list[str]) -> list[str]:
    return [k for k in map(_key, words) if k]


def diff_against(version: Version, earliest_text: str) -> DiffOps:
    """The words of `version` against the earliest version's text.

    Uses the stored diff when it rebuilds this version word for word and the
    earliest version up to case and punctuation (the aligner ignores those);
    otherwise recomputes it, so a partial or stale stored diff never hides words.
    """
    stored = parse_diff(version.diff)
    if (
        stored is not None
        and _words(stored, REMOVE) == version.text.split()
        and _loose(_words(stored, INSERT)) == _loose(earliest_text.split())
    ):
        return stored
    return word_diff(earliest_text, version.text)


def render_diff(ops: DiffOps) -> Markup:
    """HTML of a diff: removed words in <del>, inserted words in <ins>, all text escaped."""
    parts: list[Markup] = []
    for op, text in ops:
        if not text:
            continue
        if op == INSERT:
            parts.append(Markup('<ins title="inserted">{}</ins>').format(text))
        elif op == REMOVE:
            parts.append(Markup('<del title="removed">{}</del>').format(text))
        else:
            parts.append(escape(text))
    return Markup(" ").join(parts)


def has_changes(ops: DiffOps) -> bool:
    return any(op != KEEP and text.strip() for op, text in ops)


# ---------------------------------------------------------------- timeline

RELATION_COLOURS = {
    "earliest": "#2e7d32",
    "verbatim": "#1565c0",
    "edited": "#ef6c00",
    "paraphrase": "#8e24aa",
    "partial": "#6d4c41",
}
OTHER_COLOUR = "#616161"
NUMBERS_COLOUR = "#c62828"
UNKNOWN_OUTLET = "(outlet unknown)"

_ROW = 36  # px per outlet
_TOP = 44  # legend above the plot
_BOTTOM = 46  # date labels below
_PLOT = 520  # px of the dated axis
_UNDATED = 120  # px of the "date unknown" band
_CHAR = 7.2  # approximate px per character of a 12px label


def _outlet(v: Version) -> str:
    return v.outlet or UNKNOWN_OUTLET


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date_ticks(days: list[date], x_of: dict[date, float], min_gap: float = 80.0) -> list[date]:
    """Days to label on the axis: first and last always, others if they do not overlap."""
    unique = sorted(set(days))
    if len(unique) > 6:
        step = (len(unique) - 1) / 5
        unique = sorted({unique[round(i * step)] for i in range(6)})
    ticks: list[date] = []
    for day in unique:
        if ticks and x_of[day] - x_of[ticks[-1]] < min_gap:
            if day == unique[-1] and len(ticks) > 1:
                ticks[-1] = day  # keep the last day rather than a middle one
            continue
        ticks.append(day)
    return ticks


def timeline_svg(versions: Sequence[Version], anchor_prefix: str = "v-") -> Markup:
    """An inline SVG: one row per outlet, x = publication day, one mark per version.

    Versions without a date sit apart in a band labelled "date unknown". A line
    joins each version to the closest earlier version it was matched to (its
    likely source). Marks link to `#{anchor_prefix}{quote_id}` on the page.
    Labels and tooltips are escaped. Returns "" for no versions.
    """
    if not versions:
        return Markup("")
    outlets: list[str] = []
    ordered = sorted(versions, key=lambda v: (v.day is None, v.day or date.min))
    for v in ordered:
        if _outlet(v) not in outlets:
            outlets.append(_outlet(v))
    label_width = min(220.0, max(len(o) for o in outlets) * _CHAR + 16)
    dated = [v.day for v in versions if v.day is not None]
    undated = any(v.day is None for v in versions)
    left = label_width + 12
    plot_right = left + _PLOT
    width = plot_right + (_UNDATED + 20 if undated else 20)
    height = _TOP + _ROW * len(outlets) + _BOTTOM

    x_of: dict[date, float] = {}
    if dated:
        first, last = min(dated), max(dated)
        span = (last - first).days
        for day in set(dated):
            x_of[day] = (
                left + _PLOT / 2 if span == 0 else left + 16 + (_PLOT - 32) * (day - first).days / span
            )
    undated_x = plot_right + 20 + _UNDATED / 2

    # Several versions on one spot (same outlet, same day) fan out sideways.
    points: dict[str, tuple[float, float]] = {}
    seen: dict[tuple[str, float], int] = {}
    for v in ordered:
        y = _TOP + _ROW * outlets.index(_outlet(v)) + _ROW / 2
        base = x_of[v.day] if v.day is not None else undated_x
        n = seen.get((_outlet(v), base), 0)
        seen[(_outlet(v), base)] = n + 1
        offset = (n + 1) // 2 * 12 * (1 if n % 2 else -1)  # 0, +12, -12, +24, ...
        points[v.quote_id] = (base + offset, y)

    out: list[Markup] = []
    add = out.append
    add(
        Markup(
            '<svg class="qt-timeline" xmlns="http://www.w3.org/2000/svg" role="img" '
            'width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}" '
            'font-family="system-ui, sans-serif" font-size="12">'
        ).format(w=width, h=height)
    )
    add(
        Markup(
            "<title>Propagation timeline: {n} version{s} across {o} outlet{os}</title>"
        ).format(
            n=len(versions), s="" if len(versions) == 1 else "s",
            o=len(outlets), os="" if len(outlets) == 1 else "s",
        )
    )  # fmt: skip
    add(
        Markup(
            '<defs><marker id="qt-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
            '<path d="M 0 0 L 10 5 L 0 10 z" fill="#9e9e9e"/></marker></defs>'
        )
    )
    # legend
    lx = left
    for relation, colour in [*RELATION_COLOURS.items(), ("numbers changed", NUMBERS_COLOUR)]:
        ring = relation == "numbers changed"
        add(
            Markup(
                '<circle cx="{x:.1f}" cy="16" r="5" fill="{fill}" stroke="{stroke}" '
                'stroke-width="{sw}"/><text x="{tx:.1f}" y="20" fill="#333">{label}</text>'
            ).format(
                x=lx, fill="#fff" if ring else colour, stroke=colour,
                sw=2.5 if ring else 0, tx=lx + 9, label=relation,
            )
        )  # fmt: skip
        lx += 9 + len(relation) * _CHAR + 18
    # rows
    for i, outlet in enumerate(outlets):
        y = _TOP + _ROW * i + _ROW / 2
        if i % 2 == 0:
            add(
                Markup(
                    '<rect x="0" y="{y:.1f}" width="{w:.0f}" height="{h}" fill="#f5f5f5"/>'
                ).format(y=y - _ROW / 2, w=width, h=_ROW)
            )
        add(
            Markup(
                '<text class="qt-outlet" x="{x:.1f}" y="{y:.1f}" text-anchor="end" '
                'fill="#222">{label}</text>'
            ).format(x=label_width, y=y + 4, label=_short(outlet, int(label_width / _CHAR)))
        )
    axis_y = _TOP + _ROW * len(outlets)
    add(
        Markup(
            '<line x1="{l:.1f}" y1="{y:.1f}" x2="{r:.1f}" y2="{y:.1f}" stroke="#888"/>'
        ).format(l=left, r=plot_right, y=axis_y)
    )
    if x_of:
        for day in _date_ticks(dated, x_of):
            add(
                Markup(
                    '<line x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{y2:.1f}" stroke="#ccc" '
                    'stroke-dasharray="2 3"/><text class="qt-day" x="{x:.1f}" y="{ty:.1f}" '
                    'text-anchor="middle" fill="#333">{label}</text>'
                ).format(x=x_of[day], y1=_TOP, y2=axis_y + 4, ty=axis_y + 18, label=day.isoformat())
            )
    else:
        add(
            Markup(
                '<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#777">'
                "no version has a publication date</text>"
            ).format(x=left + _PLOT / 2, y=axis_y + 18)
        )
    if undated:
        bx = plot_right + 20
        add(
            Markup(
                '<rect class="qt-undated" x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h:.1f}" '
                'fill="none" stroke="#999" stroke-dasharray="4 3"/>'
                '<text x="{cx:.1f}" y="{ty:.1f}" text-anchor="middle" fill="#333">date unknown</text>'
            ).format(x=bx, y=_TOP, w=_UNDATED, h=axis_y - _TOP, cx=bx + _UNDATED / 2, ty=axis_y + 18)
        )
    add(
        Markup(
            '<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#555">publication date</text>'
        ).format(x=left + _PLOT / 2, y=axis_y + 36)
    )
    # provenance lines: each version from the closest earlier version it matched
    for v in ordered:
        source = v.closest_earlier_quote_id
        if source and source in points and source != v.quote_id:
            (x1, y1), (x2, y2) = points[source], points[v.quote_id]
            add(
                Markup(
                    '<line class="qt-link" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                    'stroke="#9e9e9e" stroke-width="1.5" marker-end="url(#qt-arrow)"/>'
                ).format(x1=x1, y1=y1, x2=x2, y2=y2)
            )
    # marks last, so they sit above the lines
    for v in ordered:
        x, y = points[v.quote_id]
        colour = RELATION_COLOURS.get(v.relation or "", OTHER_COLOUR)
        tooltip = " · ".join(
            part
            for part in (
                _outlet(v),
                v.published or "date unknown",
                v.relation or "",
                f"as written: {v.speaker_as_written}" if v.speaker_as_written else "",
                f"“{_short(v.text)}”",
            )
            if part
        )
        add(
            Markup(
                '<a href="#{anchor}"><circle class="qt-mark" data-quote-id="{qid}" cx="{x:.1f}" '
                'cy="{y:.1f}" r="7" fill="{fill}" stroke="{stroke}" stroke-width="{sw}">'
                "<title>{tooltip}</title></circle></a>"
            ).format(
                anchor=anchor_prefix + v.quote_id, qid=v.quote_id, x=x, y=y, fill=colour,
                stroke=NUMBERS_COLOUR if v.numbers_changed else "#fff",
                sw=3 if v.numbers_changed else 1.5, tooltip=tooltip,
            )
        )  # fmt: skip
    add(Markup("</svg>"))
    return Markup("").join(out)
