"""The `quotetrace` command: thin click wrappers over the library.

Errors become one clear line (click.ClickException) here and nowhere else.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from . import __version__
from .errors import InputError, ManifestError, QuotetraceError, shown

DEFAULT_DB = "quotetrace.db"
PROGRESS_MIN_FILES = 10  # below this a progress bar is only noise


def _default_db() -> str:
    return os.environ.get("QUOTETRACE_DB") or DEFAULT_DB


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=_default_db,
    show_default="quotetrace.db, or $QUOTETRACE_DB",
    help="SQLite database file.",
)


def _open_existing(db_path: str) -> Any:
    from . import store

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {shown(db_path)}: build one with 'quotetrace ingest PATH --db {shown(db_path)}'")
    try:
        return store.open_db(db_path)
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotetrace")
def cli() -> None:
    """Who said it, where it first appeared, and how it changed.

    quotetrace reads news articles, extracts every quotation with its speaker
    (resolved to a full name), title, affiliation and cue, aligns the versions
    of one statement across outlets, and stores it all in SQLite with the
    character offsets of every quote in its source text.

    \b
    A typical session:
      quotetrace ingest data/palmyra --db palmyra.db
      quotetrace speaker Hawash --db palmyra.db
      quotetrace drift --db palmyra.db
      quotetrace variants QUOTE_ID --db palmyra.db
      quotetrace find "a quote seen somewhere" --db palmyra.db
      quotetrace export --db palmyra.db -o quotes.csv
      quotetrace serve --db palmyra.db
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--outlet", help="Outlet of every input (overrides the manifest).")
@click.option("--published", help="Publication date of every input, e.g. 2025-12-30.")
@click.option("--title", help="Title of every input.")
@click.option("--url", help="URL of every input.")
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    help="CSV with a 'file' column and any of outlet, published, title, url. "
    "A manifest.csv inside a folder applies to that folder without this option.",
)
@click.option(
    "--backend",
    type=click.Choice(["rules", "stanza", "auto"]),
    default="rules",
    show_default=True,
    help="rules: built in, offline. stanza: installed stanza models. auto: stanza if installed, else rules.",
)
@click.option("--stanza-dir", type=click.Path(file_okay=False), help="Folder of stanza models (default $STANZA_RESOURCES_DIR, then stanza's own).")
@click.option("--no-align", is_flag=True, help="Store only; skip cross-document alignment.")
@click.option("--realign", is_flag=True, help="Align the whole database again instead of only the new documents.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Extract on a local Dask cluster of N processes (needs quotetrace[dask]).",
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Extract on a running Dask cluster.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=600,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another ingest into the same database to finish.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; errors and the summary only.")
@click.option("-v", "--verbose", is_flag=True, help="List each file skipped in a folder (a format quotetrace does not read).")
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    outlet: str | None,
    published: str | None,
    title: str | None,
    url: str | None,
    manifest: str | None,
    backend: str,
    stanza_dir: str | None,
    no_align: bool,
    realign: bool,
    workers: int | None,
    scheduler: str | None,
    wait: float,
    quiet: bool,
    verbose: bool,
) -> None:
    """Read articles, extract and attribute their quotes, store them, align them.

    PATHS are files or folders: .txt and .md, .html/.htm (main text
    extracted), .pdf and .docx (text extracted), .jsonl/.ndjson and .csv (one
    article per record: id, text, and optional outlet, url, title,
    published). PDF and .docx are recognised by content too. Files of other
    formats in a folder are skipped and counted (-v lists them). Content
    already stored is skipped, so re-running on the same files changes nothing.

    \b
    Exit status: 0 when every input was read; 1 when any input failed (each
    failure is reported as 'FILE: reason' and the rest of the batch is stored)
    or alignment failed (the documents are stored; the next ingest aligns
    them); 2 for a usage error.

    Two ingests into one database take turns: the second waits for the
    first (up to --wait seconds, then stops without touching anything).
    A database being served can take new documents: readers see it before
    or after each committed batch.
    """
    from . import pipeline
    from .documents import READABLE_SUFFIXES, Skipped
    from .writer import writing

    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    try:
        # Fail on missing models before creating or touching the database.
        pipeline.choose_backend(backend, stanza_dir)
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc

    n_files = pipeline.count_inputs(paths)
    bar: Any = None  # shown once the database is ours
    seen_paths: set[str] = set()

    def on_document(doc: Any) -> None:
        if bar is not None and doc.path not in seen_paths:
            seen_paths.add(doc.path)
            bar.update(1)

    def on_error(err: InputError) -> None:
        if bar is not None:
            bar.clear()
        click.echo(f"error: {err}", err=True)

    def on_skip(item: Skipped) -> None:
        if verbose:
            if bar is not None:
                bar.clear()
            click.echo(f"skipped: {shown(str(item.path))}: {item.reason}", err=True)

    def on_wait() -> None:
        if not quiet:
            click.echo(f"waiting for another ingest into {db_path} to finish (up to {wait:g} s)...", err=True)

    try:
        with writing(db_path, wait=wait, on_wait=on_wait) as db:
            if not quiet and n_files >= PROGRESS_MIN_FILES:
                from tqdm import tqdm

                bar = tqdm(total=n_files, unit="file", desc="ingest", file=sys.stderr, leave=False)
            report = pipeline.ingest(
                paths,
                db,
                outlet=outlet,
                published=published,
                title=title,
                url=url,
                manifest=manifest,
                backend=backend,
                stanza_dir=stanza_dir,
                align=not no_align,
                on_error=on_error,
                on_document=on_document,
                on_skip=on_skip,
                workers=workers,
                scheduler=scheduler,
                realign=realign,
            )
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from exc
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    if report.backend_note:
        click.echo(report.backend_note, err=True)
    if report.alignment_error:
        click.echo(f"error: {report.alignment_error}", err=True)
    t = report.totals
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    click.echo(
        f"documents: {report.new} new, {report.unchanged} unchanged, {len(report.failed)} failed{skipped}; "
        f"backend: {report.backend}"
    )
    click.echo(
        f"quotes added: {_count(report.statements_added, 'statement')}, "
        f"{report.quotes_added - report.statements_added} other (scare quotes, titles of works, nested quotes, headlines)"
    )
    click.echo(
        f"database {shown(db_path)}: {_count(t['documents'], 'document')}; {_count(t['statements'], 'statement')} "
        f"({t['clusters']} distinct across outlets), {t['quotes'] - t['statements']} other quotes; "
        f"{t['people']} people, {_count(t['organisations'], 'organisation')} speaking"
    )
    if report.skipped:
        listed = "" if verbose else "; -v lists them"
        click.echo(
            f"skipped: {_count(len(report.skipped), 'file')} in folders, "
            "not in a format quotetrace reads "
            f"({', '.join(READABLE_SUFFIXES)}){listed}"
        )
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("name")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: people with their spellings and quotes.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True, help="How close a spelling must be (0-1).")
def speaker(name: str, db_path: str, as_json: bool, threshold: float) -> None:
    """Quotes by a speaker, in any spelling of their name.

    NAME may be a full name or a surname: 'Hawash' also finds quotes
    credited to 'Nanar Hawach'. A quote whose speaker quotetrace is less sure
    of (speaker_confidence below 0.92) is marked 'check'.
    """
    from .lookup import find_people, quotes_of, unlinked_quotes

    db = _open_existing(db_path)
    matches = find_people(db, name, threshold)
    unlinked = unlinked_quotes(db, name, threshold)
    if as_json:
        out = []
        for m in matches:
            quotes = quotes_of(db, [m])
            out.append({**m.__dict__, "spellings": list(m.spellings), "affiliations": list(m.affiliations), "quotes": quotes})
        if unlinked:
            out.append({"id": None, "name": name, "unlinked": True, "spellings": [], "affiliations": [], "quotes": unlinked})
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not matches and not unlinked:
        raise click.ClickException(f"no speaker matches {name!r} in {db_path}")
    for m in matches:
        aff = f" ({'; '.join(m.affiliations)})" if m.affiliations else ""
        spell = f"  spelled: {', '.join(m.spellings)}" if len(m.spellings) > 1 else ""
        click.secho(f"{m.name}{aff}", bold=True)
        if spell:
            click.echo(spell)
        for q in quotes_of(db, [m]):
            _echo_quote(q)
        click.echo()
    if unlinked:
        click.secho(f"Credited to '{name}' as written, no person record (organisations, descriptions)", bold=True)
        for q in unlinked:
            _echo_quote(q)
        click.echo()


def _echo_quote(q: dict[str, Any]) -> None:
    """One quote of a speaker: where, the words, who as written, and the id `variants` takes."""
    from .records import CHECKED_CONFIDENCE

    where = f"{q['outlet'] or q['document']}, {q['published'] or 'date unknown'}"
    cue = f" {q['cue']}" if q["cue"] else ""
    as_written = q["speaker_as_written"] or q["speaker"] or "unattributed; credited by the statement's other versions"
    check = "  check: speaker uncertain" if (q.get("speaker_confidence") or 0) < CHECKED_CONFIDENCE else ""
    click.echo(f"  [{where}] “{q['text']}” ({as_written}{cue}; {q['document']}:{q['start']}-{q['end']}){check}")
    click.echo(f"      id {q['quote_id']}" + (f" (statement {q['cluster_id']})" if q["cluster_id"] else ""))


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "claimreview"]),
    default="csv",
    show_default=True,
    help="claimreview: one schema.org ClaimReview skeleton per statement (JSON-LD), for a fact-check to fill in.",
)
@click.option("--speaker", "speaker_name", help="Only quotes by this speaker (any spelling).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: standard output).")
@click.option("--excel-safe", is_flag=True, help="CSV for spreadsheets: neutralise cells that would run as formulas and write a UTF-8 BOM.")
@click.option("--all-kinds", is_flag=True, help="Also export scare quotes, quoted titles, nested quotes and headline quotes (default: statements only).")
def export(db_path: str, fmt: str, speaker_name: str | None, output: str | None, excel_safe: bool, all_kinds: bool) -> None:
    """Export one row per quote occurrence as CSV or JSONL, or one ClaimReview per statement.

    \b
    --format claimreview writes a JSON array of schema.org ClaimReview
    skeletons: claimReviewed is the statement's earliest wording, itemReviewed
    a Claim with its author (the speaker), firstAppearance and every
    appearance (outlet, URL, date); reviewRating is left for the fact-checker.

    \b
    Columns, in order: quote_id, document, outlet, published, start, end, text,
    speaker, speaker_id, speaker_as_written, speaker_start, speaker_end,
    affiliation, cue, told_to, cluster_id, confidence; then kind, title,
    speaker_kind, speaker_confidence, document_id, backend.
    text == the document's text[start:end], so every row can be checked.
    """
    from .export import export_rows, write_csv, write_jsonl
    from .lookup import find_people

    db = _open_existing(db_path)
    person_ids = None
    if speaker_name:
        person_ids = [m.id for m in find_people(db, speaker_name)]
        if not person_ids:
            raise click.ClickException(f"no speaker matches {speaker_name!r} in {db_path}")
    rows = export_rows(db, person_ids=person_ids, kinds=None if all_kinds else ("full", "partial", "continuation"))
    fh: TextIO
    try:
        fh = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115 - closed below
        try:
            if fmt == "claimreview":
                from .claimreview import write_claimreviews

                n = write_claimreviews(db, fh, person_ids=person_ids)
            else:
                n = write_csv(rows, fh, excel_safe=excel_safe) if fmt == "csv" else write_jsonl(rows, fh)
        finally:
            if output:
                fh.close()
    except OSError as exc:
        where = shown(output) if output else "standard output"
        raise click.ClickException(f"cannot write {where} ({exc.strerror or exc})") from exc
    if output:
        noun = "statements" if fmt == "claimreview" else "quotes"
        click.echo(f"{n} {noun} written to {output}", err=True)


@cli.command()
@click.argument("quote_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def variants(quote_id: str, db_path: str, as_json: bool) -> None:
    """Every version of one statement across outlets, side by side.

    QUOTE_ID is a quote id (from `speaker`, `find` or `export`) or a statement
    (cluster) id; a unique prefix is enough. Each version shows its outlet,
    date, the speaker as that outlet wrote it, and its word-level diff against
    the earliest version ([-removed-] {+inserted+}).
    """
    from . import provenance

    db = _open_existing(db_path)
    try:
        st = provenance.statement(db, quote_id)
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(st.to_dict(), ensure_ascii=False, indent=2))
        return
    first = st.first_published or "date unknown"
    note = ""
    if not st.first_is_dated:
        if st.n_dated == 0:
            note = " (no version is dated: 'first' is the earliest ingested)"
        else:
            note = (
                f" ({st.n_dated} of {len(st.versions)} versions are dated; those of date unknown"
                " may be older: 'first' is the earliest dated)"
            )
    click.secho(f"Statement {st.cluster_id}: {len(st.versions)} version(s) in {len(st.outlets)} outlet(s); first: {first}{note}", bold=True)
    flags = [name for name, on in (("credited to several people", st.speakers_disagree), ("numbers changed", st.numbers_changed), ("wording changed", st.wording_changed)) if on]
    if flags:
        click.secho("  ! " + "; ".join(flags), fg="yellow")
    for v in st.versions:
        who = v.speaker_as_written or v.speaker or "unattributed"
        sim = f", similarity {v.similarity:.2f}" if v.similarity is not None else ""
        click.echo()
        when = v.published or "date unknown"
        click.secho(f"[{v.outlet or v.document}, {when}] {v.relation or ''}{sim}", bold=True)
        click.echo(f"  speaker as written: {who}" + (f" (resolved: {v.speaker})" if v.speaker and v.speaker != who else ""))
        click.echo(f"  “{v.text}”  ({v.document}:{v.start}-{v.end})")
        if v.diff and v.relation != "earliest":
            click.echo(f"  diff: {provenance.render_diff(v.diff)}")
        if v.numbers_changed:
            click.secho("  numbers changed", fg="yellow")
    _echo_evidence(st.evidence)
    _echo_relations(st.relations)


def _echo_evidence(evidence: dict[str, Any] | None) -> None:
    """What links the versions of a statement credited to two people."""
    if not evidence:
        return
    sides = " / ".join(f"{v['speaker_as_written'] or v['speaker']} ({v['outlet']}, {v['quote_id']})" for v in evidence["versions"])
    click.secho(f"\n  credited to two people: {sides}", fg="yellow")
    click.echo(f"    shared words: “{evidence['shared']}” (similarity {evidence['similarity']:.2f})")


def _echo_relations(relations: Any) -> None:
    """Statements a statement contains, is contained in, or repeats."""
    if not relations:
        return
    click.echo()
    click.secho("Related statements (not versions of this one):", bold=True)
    for r in relations:
        click.echo(f"  {r.relation} {r.cluster_id}: “{r.representative[:100]}” (version {r.quote_id} ~ {r.other_quote_id})")


@cli.command("find")
@click.argument("text")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="How many statements at most.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def find_cmd(text: str, db_path: str, limit: int, as_json: bool) -> None:
    """Check a quote: the statements TEXT is a version of, best match first.

    Paste words seen anywhere (a post, a speech, an article). Each statement
    comes with its speaker, where it first appeared, every version, and what
    differs between the pasted words and each version.
    """
    from .find import find_statements

    db = _open_existing(db_path)
    matches = find_statements(db, text, limit=limit)
    if as_json:
        click.echo(json.dumps([m.to_dict() for m in matches], ensure_ascii=False, indent=2))
        return
    if not matches:
        raise click.ClickException(f"no statement in {db_path} matches the pasted text")
    for n, m in enumerate(matches, 1):
        who = ", ".join(m.speakers) or "unattributed"
        first = f"{m.first_outlet or m.first_document}, {m.first_published or 'date unknown'}"
        if not m.first_is_dated:
            first += " (not every version is dated: an undated one may be older)"
        click.secho(f"{n}. statement {m.cluster_id} (match {m.score:.2f}): {who}", bold=True)
        click.echo(f"   first: {first}")
        click.echo(f"   earliest words: “{m.earliest}”")
        for v in m.versions:
            click.echo(f"   - [{v.outlet or v.document}, {v.published or 'date unknown'}] {v.relation or ''}, match {v.similarity:.2f}: “{v.text}”")
            click.echo(f"     {v.speaker_as_written or v.speaker or 'unattributed'}; id {v.quote_id}")
            click.echo("     " + ("; ".join(v.differences) if v.differences else "the same words as pasted"))
        for r in m.relations:
            click.echo(f"   {r['relation']} statement {r['cluster_id']}: “{r['representative'][:90]}”")
        click.echo()


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def drift(db_path: str, as_json: bool) -> None:
    """What drifted across outlets: name spellings, wording and numbers, misattributions."""
    from . import provenance

    db = _open_existing(db_path)
    report = provenance.drift(db)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.secho(f"Name spellings ({len(report.name_spellings)} people written more than one way)", bold=True)
    for p in report.name_spellings:
        click.echo(f"  {p['name']}: {', '.join(p['spellings'])}")
    click.secho(f"\nWording drift ({len(report.wording)} statements changed between versions)", bold=True)
    for c in report.wording:
        num = " [numbers changed]" if c["numbers_changed"] else ""
        click.echo(f"  {c['cluster_id']} ({c['versions']} versions, drift {c['max_drift']:.2f}){num}: “{c['representative'][:90]}”")
    click.secho(f"\nMisattributions ({len(report.misattributions)} statements credited to more than one person)", bold=True)
    for c in report.misattributions:
        click.echo(f"  {c['cluster_id']}: {', '.join(c['speakers'])}: “{c['representative'][:90]}”")
        ev = c.get("evidence")
        if ev:
            sides = " / ".join(f"{v['speaker_as_written'] or v['speaker']} in {v['outlet']}" for v in ev["versions"])
            click.echo(f"    evidence: {sides}; shared: “{ev['shared'][:90]}”")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--public", is_flag=True, help="For a public server: no arbitrary SQL, no database download.")
@click.option(
    "--immutable",
    is_flag=True,
    help="The file will not change while served (no ingest into it): Datasette caches row counts and offers the download.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Server processes (default: one per core, at most 4). Pages are rendered in Python, one core per process.",
)
def serve(db_path: str, host: str, port: int, public: bool, immutable: bool, workers: int | None) -> None:
    """Browse the database in Datasette, read-only, with canned questions.

    Opens the database read-only with datasette-metadata.json applied,
    whatever the file is called. `quotetrace ingest` can add documents
    meanwhile: pages show the database before or after each of its commits.
    """
    from . import serve as serving

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {db_path}: build one with 'quotetrace ingest PATH --db {db_path}'")
    try:
        serving.serve(db_path, host=host, port=port, public=public, immutable=immutable, workers=workers)
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.group()
def models() -> None:
    """stanza's English models for `--backend stanza`."""


@models.command("download")
@click.option("--dir", "model_dir", type=click.Path(file_okay=False), help="Where to put them (default $STANZA_RESOURCES_DIR, then stanza's own folder).")
def models_download(model_dir: str | None) -> None:
    """Download stanza's English models (needs internet, about 500 MB)."""
    from . import models as m

    try:
        where = m.download_models(Path(model_dir) if model_dir else None)
    except QuotetraceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"stanza English models installed in {where}; use --backend stanza or auto")


@models.command("status")
@click.option("--dir", "model_dir", type=click.Path(file_okay=False), help="Models folder to check.")
def models_status(model_dir: str | None) -> None:
    """Say whether stanza's English models are installed, and where."""
    from . import models as m

    where = m.resolve_stanza_dir(model_dir)
    if m.models_installed(where):
        click.echo(f"installed: {where}")
    else:
        click.echo(f"not installed in {where}: run 'quotetrace models download'")
        sys.exit(1)


def main() -> None:  # pragma: no cover - console entry point
    cli()
