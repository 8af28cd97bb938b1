"""Find and read input documents: text, Markdown, HTML, JSONL, CSV, PDF and Word
.docx files, and folders of them.

`read_documents` yields a `Document` per article, or an `InputError` (yielded, not
raised) for anything it cannot read, so a batch goes on past one bad file. Text is
kept exactly as decoded, because every offset downstream indexes it; for HTML, PDF
and .docx the text extracted from them is the document text. NUL characters become
U+FFFD, one for one (SQLite's text functions stop at a NUL).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
import json
import logging
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from quotetrace.errors import InputError, ManifestError, shown
from quotetrace.records import Document

# Markdown is plain text to us: its markup stays in the text and offsets count it.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
READABLE_SUFFIXES = (
    TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES
)
MANIFEST_NAME = "manifest.csv"

# Record fields (JSONL keys, CSV columns, manifest columns), first name wins.
TEXT_FIELDS = ("text", "content", "body")
FIELD_ALIASES: Mapping[str, tuple[str, ...]] = {
    "outlet": ("outlet", "source", "site"),
    "published": ("published", "date", "published_at"),
    "title": ("title",),
    "url": ("url",),
}

_NOTHING_READABLE = "no readable files ({})".format(", ".join(READABLE_SUFFIXES))

PathArg = str | os.PathLike[str]


@dataclass(frozen=True)
class Skipped:
    """A file in a folder that is not read, and why (e.g. an image)."""

    path: Path
    reason: str


def _unsupported(path: Path) -> Skipped:
    kind = path.suffix.lower() or "no extension"
    return Skipped(path, f"{kind}: not a format quotetrace reads")


@dataclass(frozen=True)
class Metadata:
    """What we know about an article besides its text; None means unknown."""

    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These values, with the gaps filled from `other`."""
        return Metadata(
            **{name: getattr(self, name) or getattr(other, name) for name in _METADATA_FIELDS}
        )

    @classmethod
    def from_fields(cls, record: Mapping[str, Any]) -> Metadata:
        """Take outlet/published/title/url (or their aliases) from a record."""
        return cls(
            **{name: _first_value(record, aliases) for name, aliases in FIELD_ALIASES.items()}
        )


_METADATA_FIELDS = tuple(f.name for f in fields(Metadata))
Manifest = Mapping[str, Metadata]  # file name (basename) -> metadata


# --- finding files -------------------------------------------------------------------


def find_inputs(paths: Sequence[PathArg]) -> list[Path]:
    """The files `read_documents` would read, in order.

    Folders are walked recursively in sorted order, skipping hidden files,
    dot-folders, `manifest.csv` and files whose extension we do not read.
    Files named explicitly are kept whatever their extension (read by content).
    Paths that do not exist are left out; `read_documents` reports them.
    """
    return [item[0] for item in _iter_inputs(paths) if isinstance(item, tuple)]


InputItem = tuple[Path, Path | None] | InputError | Skipped


def _iter_inputs(paths: Sequence[PathArg]) -> Iterator[InputItem]:
    """Each file to read with the folder argument it came from (None if named), an
    error, or a file skipped in a folder."""
    for given in paths:
        path = Path(os.fspath(given))
        source = os.fspath(given)
        if path.is_dir():
            found = False
            for item in _walk_folder(path):
                if isinstance(item, Path):
                    found = True
                    yield item, path
                else:
                    yield item
            if not found:
                yield InputError(source, _NOTHING_READABLE)
        elif path.is_file():
            yield path, None
        elif path.is_symlink():
            yield InputError(source, _broken_link(path))
        elif path.exists():
            yield InputError(source, "not a regular file or folder")
        else:
            yield InputError(source, "no such file or folder")


def _broken_link(path: Path) -> str:
    """Why the symbolic link `path` leads nowhere readable."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (too many levels of symbolic links)"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"broken symbolic link (its target {shown(os.readlink(path))} does not exist)"
        return f"cannot follow symbolic link ({exc.strerror or exc})"
    return "not a regular file or folder"


def _walk_folder(folder: Path) -> Iterator[Path | InputError | Skipped]:
    """Readable files under `folder`, lazily, sorted by path, never visiting a folder twice;
    an error for each broken link, and the files not read."""
    seen: set[str] = set()

    def visit(directory: Path) -> Iterator[Path | InputError | Skipped]:
        real = os.path.realpath(directory)
        if real in seen:  # a symlink loop, or two links to one folder
            return
        seen.add(real)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(str(directory), f"cannot open folder ({exc.strerror or exc})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:  # a symbolic link loop raises here rather than answer False
                is_dir = is_file = False
            if is_dir:
                yield from visit(path)
            elif entry.is_symlink() and not is_file:
                yield InputError(str(path), _broken_link(path))
            elif not is_file:
                yield Skipped(path, "not a regular file")  # a FIFO or socket would block a read
            elif entry.name.lower() == MANIFEST_NAME:
                continue
            elif path.suffix.lower() in READABLE_SUFFIXES:
                yield path
            else:
                yield _unsupported(path)

    yield from visit(folder)


# --- manifests -----------------------------------------------------------------------


def read_manifest(path: PathArg) -> dict[str, Metadata]:
    """Metadata per file name from a manifest CSV with a `file` column.

    Raises ManifestError when the file is missing, unreadable or has no `file` column.
    Empty cells are unknowns, so they never override anything.
    """
    source = os.fspath(path)
    try:
        data = Path(source).read_bytes()
    except FileNotFoundError:
        raise ManifestError(f"{shown(source)}: manifest not found") from None
    except OSError as exc:
        raise ManifestError(f"{shown(source)}: cannot read manifest ({exc.strerror or exc})") from None
    try:
        text = _decode(data)
    except _Undecodable as exc:
        raise ManifestError(f"{shown(source)}: {exc.reason}") from None
    header, rows = _csv_table(text)
    if "file" not in header:
        raise ManifestError(f"{shown(source)}: manifest has no 'file' column")
    manifest: dict[str, Metadata] = {}
    for _number, row in rows:
        name = (row.get("file") or "").strip()
        if name:
            # Matched on the base name, so "articles/a.txt" and "a.txt" both work.
            manifest[Path(name.replace("\\", "/")).name] = Metadata.from_fields(row)
    return manifest


class _Manifests:
    """Manifests found in folders, loaded once each, nearest folder first."""

    def __init__(self, preloaded: Mapping[Path, Manifest]) -> None:
        self._cache: dict[Path, Manifest | None] = dict(preloaded)
        # The manifests that apply in a folder, found once per folder rather
        # than once per file (walking a path's parents is most of reading a small file).
        self._chains: dict[tuple[Path, Path], list[Manifest]] = {}

    def lookup(self, file: Path, root: Path) -> tuple[Metadata, list[InputError]]:
        errors: list[InputError] = []
        for manifest in self._chain(file.parent, root, errors):
            if file.name in manifest:
                return manifest[file.name], errors
        return Metadata(), errors

    def _chain(self, folder: Path, root: Path, errors: list[InputError]) -> list[Manifest]:
        chain = self._chains.get((folder, root))
        if chain is None:
            chain = []
            for directory in [folder, *folder.parents]:
                if directory != root and root not in directory.parents:
                    break  # never look above the folder the user named
                manifest = self._load(directory, errors)
                if manifest is not None:
                    chain.append(manifest)
            self._chains[(folder, root)] = chain
        return chain

    def _load(self, directory: Path, errors: list[InputError]) -> Manifest | None:
        if directory not in self._cache:
            candidate = directory / MANIFEST_NAME
            manifest: Manifest | None = None
            if candidate.is_file():
                try:
                    manifest = read_manifest(candidate)
                except ManifestError as exc:
                    # Found mid-batch in a subfolder: report it and read on without it.
                    errors.append(InputError(str(candidate), str(exc).split(": ", 1)[-1]))
            self._cache[directory] = manifest
        return self._cache[directory]


# --- reading -------------------------------------------------------------------------


def read_documents(
    paths: Sequence[PathArg],
    *,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    manifest: PathArg | None = None,
    on_skip: Callable[[Skipped], None] = lambda skipped: None,
) -> Iterator[Document | InputError]:
    """Yield a Document per article found in `paths`, or an InputError per unreadable input.

    Files in folders whose format is not read (images, say) go to `on_skip`.
    Metadata precedence: these arguments > manifest row > record fields > HTML metadata.
    With no `manifest`, a `manifest.csv` inside each folder argument (or a subfolder of
    it) applies to the files in and below that folder, matched on file name.

    Raises ManifestError at once, before reading anything, when `manifest` (or the
    `manifest.csv` at the top of a folder argument) is missing or has no `file` column.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path given bare, not a string to iterate
    flags = Metadata(outlet=outlet, published=published, title=title, url=url)
    explicit = read_manifest(manifest) if manifest is not None else None
    preloaded: dict[Path, Manifest] = {}
    if explicit is None:
        for given in paths:
            folder = Path(os.fspath(given))
            if (folder / MANIFEST_NAME).is_file():
                preloaded[folder] = read_manifest(folder / MANIFEST_NAME)
    # A plain function that returns a generator, so manifest errors surface at the call.
    return _read_all(paths, flags, explicit, _Manifests(preloaded), on_skip)


def _read_all(
    paths: Sequence[PathArg],
    flags: Metadata,
    explicit: Manifest | None,
    manifests: _Manifests,
    on_skip: Callable[[Skipped], None],
) -> Iterator[Document | InputError]:
    for item in _iter_inputs(paths):
        if isinstance(item, Skipped):
            on_skip(item)
            continue
        if isinstance(item, InputError):
            yield item
            continue
        file, root = item
        if explicit is not None:
            row = explicit.get(file.name, Metadata())
        elif root is not None:
            row, errors = manifests.lookup(file, root)
            yield from errors
        else:
            row = Metadata()
        yield from read_file(file, metadata=flags.over(row))


def read_file(
    path: PathArg, *, metadata: Metadata | None = None
) -> Iterator[Document | InputError]:
    """Documents from one file, read by its content (PDF, Word .docx) and else by its
    extension (anything unknown is read as text).

    `metadata` wins over what the file itself says (record fields, HTML metadata).
    """
    metadata = metadata or Metadata()
    source = os.fspath(path)
    file = path if isinstance(path, Path) else Path(source)
    if bad_name := _undecodable_name(source):
        yield InputError(source, bad_name)
        return
    try:
        data = file.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")
        return
    if not data:
        yield InputError(source, "empty file")
        return
    suffix = file.suffix.lower()
    try:
        container = _container_text(data, suffix)
        text = container if container is not None else _decode(data)
    except _Undecodable as exc:
        yield InputError(source, exc.reason)
        return
    if not text.strip():
        yield InputError(source, "empty file (only whitespace)")
        return
    if container is not None or suffix not in HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES:
        yield _checked(lambda: make_document(text, name=file.name, path=source, metadata=metadata), source)
    elif suffix in HTML_SUFFIXES:
        yield _html_document(text, source, metadata)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(text, source, metadata)
    else:
        yield from _csv_documents(text, source, metadata)


def _undecodable_name(source: str) -> str | None:
    """Why a path cannot be stored as text (a byte that is not UTF-8), or None."""
    try:
        os.fsencode(source).decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"file name is not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}): rename the file"
    return None


class _NotText(Exception):
    """A value that cannot be stored as text (an unpaired surrogate from a JSON escape)."""


def make_document(text: str, *, name: str, path: str | None, metadata: Metadata) -> Document:
    """A Document with its content-hash id and its date normalised.

    NUL characters become U+FFFD, one for one, in every field: SQLite's text
    functions stop at a NUL, which would cut what is shown around a quote.
    Raises _NotText for a value that is not valid Unicode.
    """
    values = {
        "text": text,
        "name": name,
        "path": path,
        "outlet": metadata.outlet,
        "url": metadata.url,
        "title": metadata.title,
        "published": metadata.published,
    }
    clean = {key: _storable_text(key, value) for key, value in values.items()}
    text = clean["text"] or ""
    return Document(
        id=content_id(text),
        name=clean["name"] or "",
        text=text,
        path=clean["path"],
        outlet=clean["outlet"],
        url=clean["url"],
        title=clean["title"],
        published=normalise_date(clean["published"]) if clean["published"] else None,
    )


def _storable_text(key: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _NotText(
            f"'{key}' is not valid Unicode text (unpaired surrogate {ascii(value[exc.start])[1:-1]} "
            f"at offset {exc.start})"
        ) from None
    return value.replace("\x00", "\ufffd")


def _checked(build: Callable[[], Document], source: str, where: str = "") -> Document | InputError:
    """The document `build` makes, or an InputError saying which value is not text."""
    try:
        return build()
    except _NotText as exc:
        return InputError(source, f"{where}{exc}")


def content_id(text: str) -> str:
    """The document id: the same text always gets the same id, wherever it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _html_document(html: str, source: str, metadata: Metadata) -> Document | InputError:
    import trafilatura  # imported here: slow to import, and only HTML needs it

    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds
        return InputError(source, f"cannot parse HTML ({exc})")
    if not text or not text.strip():
        return InputError(source, "no main text found in HTML")
    try:
        found = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is a bonus; the text is what matters
        found = None
    page = Metadata()
    if found is not None:
        page = Metadata(
            outlet=found.sitename or found.hostname,
            published=found.date,
            title=found.title,
            url=found.url,
        )
    name = Path(source).name
    return _checked(lambda: make_document(text, name=name, path=source, metadata=metadata.over(page)), source)


def _jsonl_documents(text: str, source: str, metadata: Metadata) -> Iterator[Document | InputError]:
    name = Path(source).name
    # Split on "\n" only: str.splitlines would also break inside JSON strings on U+2028.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"line {number}: invalid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield InputError(source, f"line {number}: JSON nested too deeply to read")
            continue
        except ValueError as exc:  # a number longer than int() converts (4,300 digits)
            yield InputError(source, f"line {number}: unreadable JSON value ({str(exc).split(';')[0]})")
            continue
        if not isinstance(record, dict):
            yield InputError(source, f"line {number}: not a JSON object")
            continue
        yield _record_document(
            record, source, f"line {number}", f"{name}:{number}", "field", metadata
        )


def _csv_documents(text: str, source: str, metadata: Metadata) -> Iterator[Document | InputError]:
    name = Path(source).name
    header, rows = _csv_table(text)
    if not any(field in header for field in TEXT_FIELDS):
        hint = "; is it a manifest? pass it as the manifest" if "file" in header else ""
        yield InputError(source, f"no 'text' column (columns: {', '.join(header)}){hint}")
        return
    for number, row in rows:
        yield _record_document(row, source, f"row {number}", f"{name}:{number}", "column", metadata)


CsvRows = Iterator[tuple[int, dict[str, str]]]


def _csv_table(text: str) -> tuple[list[str], CsvRows]:
    """The header (names stripped, lower-cased) and the non-blank rows, lazily.

    Rows are numbered as a spreadsheet shows them: the header is row 1. Cells keep
    their text exactly (the csv module keeps CRLF inside quoted cells).
    """
    _allow_large_csv_fields()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]

    def rows() -> CsvRows:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            # zip stops at the shorter: a short row simply lacks its last columns.
            row: dict[str, str] = {}
            for key, cell in zip(header, cells, strict=False):
                row.setdefault(key, cell)
            yield number, row

    return header, rows()


def _allow_large_csv_fields() -> None:
    # Articles easily pass the csv module's 128 KiB default; C long caps the limit.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _record_document(
    record: Mapping[str, Any],
    source: str,
    where: str,
    fallback_name: str,
    kind: str,
    metadata: Metadata,
) -> Document | InputError:
    key = next((k for k in TEXT_FIELDS if k in record and record[k] is not None), None)
    if key is None:
        return InputError(source, f"{where}: no 'text' {kind}")
    text = record[key]
    if not isinstance(text, str):
        return InputError(source, f"{where}: '{key}' is not a string")
    if not text.strip():
        return InputError(source, f"{where}: empty '{key}'")
    record_id = record.get("id")
    name = str(record_id) if record_id not in (None, "") else fallback_name
    own = Metadata.from_fields(record)
    return _checked(
        lambda: make_document(text, name=name, path=source, metadata=metadata.over(own)), source, f"{where}: "
    )


def _first_value(record: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            continue
        value = str(value).strip()
        if value:
            return value
    return None


# --- PDF and Word .docx ----------------------------------------------------------------

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt
_DOCX_PART = "word/document.xml"
_MAX_DOCX_XML = 256 * 1024 * 1024  # uncompressed; a bigger part is a zip bomb, not an article


def _container_text(data: bytes, suffix: str) -> str | None:
    """The text of a PDF or .docx, recognised by content whatever the file is called;
    None for anything else (read as text). Raises _Undecodable for a file that claims
    such a format and is not it, or a known binary format we do not read."""
    # A .pdf's header may follow a little junk; any other file must start with it,
    # so that an article about PDFs is still read as text.
    if data.startswith(_PDF_MAGIC) or (suffix in PDF_SUFFIXES and _PDF_MAGIC in data[:1024]):
        return _pdf_text(data)
    if suffix in PDF_SUFFIXES:
        raise _Undecodable("not a PDF (no %PDF- header)")
    if data.startswith(_OLE_MAGIC):
        raise _Undecodable("a legacy Microsoft Office file (.doc, .xls): save it as .docx or PDF")
    if data.startswith(_ZIP_MAGIC) or suffix in DOCX_SUFFIXES:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            if suffix in DOCX_SUFFIXES:
                raise _Undecodable("not a Word .docx (not a zip archive)") from None
            return None
        with archive:
            if _DOCX_PART in archive.namelist():
                return _docx_text(archive)
        raise _Undecodable(
            "not a Word .docx (no word/document.xml)"
            if suffix in DOCX_SUFFIXES
            else "a zip archive, not a format quotetrace reads"
        )
    return None


def _pdf_text(data: bytes) -> str:
    """Each page's text as pypdf extracts it, pages joined by a blank line."""
    import pypdf  # imported here: only PDFs need it

    # pypdf logs what it repairs in damaged but readable files; the text is what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Undecodable("encrypted PDF: quotetrace cannot read it without the password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except _Undecodable:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise _Undecodable(f"cannot read PDF ({exc})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise _Undecodable("no text in PDF (scanned pages? quotetrace does not run OCR)")
    return text


# WordprocessingML: a .docx is a zip whose word/document.xml holds paragraphs (w:p)
# of runs (w:r) of text (w:t). Read with the standard library rather than
# python-docx: it is one XML walk, and python-docx's paragraph list leaves out the
# text of tables and text boxes, which this walk keeps in document order.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RUN_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "\u2011"}


def _docx_text(archive: zipfile.ZipFile) -> str:
    """The paragraphs of the document body, one a line. Deleted text (w:delText),
    field codes (w:instrText) and the fallback copies of text boxes are left out."""
    info = archive.getinfo(_DOCX_PART)
    if info.file_size > _MAX_DOCX_XML:
        raise _Undecodable(f"cannot read .docx ({_DOCX_PART} is over {_MAX_DOCX_XML // 2**20} MB)")
    try:
        root = ElementTree.fromstring(archive.read(info))
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise _Undecodable(f"cannot read .docx ({exc})") from None
    paragraphs: list[str] = []
    # Iterative, not recursive: a hostile file may nest elements thousands deep.
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag == f"{_W}p":
            paragraphs.append(_paragraph_text(element, stack))
        elif element.tag != _FALLBACK:
            stack.extend(reversed(element))
    text = "\n".join(paragraphs)
    if not text.strip():
        raise _Undecodable("no text in .docx")
    return text


def _paragraph_text(paragraph: ElementTree.Element, later: list[ElementTree.Element]) -> str:
    """The text of one paragraph; paragraphs nested in it (text boxes) go on `later`."""
    parts: list[str] = []
    nested: list[ElementTree.Element] = []
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        if element.tag == f"{_W}t":
            parts.append(element.text or "")
        elif element.tag in _RUN_CHARACTERS:
            parts.append(_RUN_CHARACTERS[element.tag])
        elif element.tag == f"{_W}p":
            nested.append(element)
        elif element.tag != _FALLBACK:
            stack.extend(reversed(element))
    later.extend(reversed(nested))
    return "".join(parts)


# --- decoding ------------------------------------------------------------------------


class _Undecodable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters plain text never contains (it does contain \t \n \v \f \r).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A well-formed UTF-8 multi-byte sequence: its presence means "broken UTF-8", not cp1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_MAX_CONTROL_SHARE = 0.05
_MAX_CP1252_NON_ASCII_SHARE = 0.3


def _decode(data: bytes) -> str:
    """The text of a file: UTF-8 (BOM dropped), UTF-16 with a BOM, or clearly-cp1252.

    Raises _Undecodable with a short human reason.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")  # the codec reads and drops the BOM
        except UnicodeDecodeError as exc:
            raise _Undecodable(f"not valid UTF-16 (offset {exc.start})") from None
    elif b"\x00" in data:
        raise _Undecodable("binary file (contains NUL bytes)")
    else:
        offset = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
        body = data[offset:]
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A UTF-8 BOM declares the encoding: no guessing past it.
            fallback = None if offset else _cp1252_text(body)
            if fallback is None:
                if _control_share(body.decode("latin-1")) > _MAX_CONTROL_SHARE:
                    raise _Undecodable("binary file (mostly non-text bytes)") from None
                bad = body[exc.start]
                raise _Undecodable(
                    f"not valid UTF-8 (byte 0x{bad:02x} at offset {offset + exc.start})"
                ) from None
            text = fallback
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise _Undecodable("binary file (mostly non-text characters)")
    return text


def _cp1252_text(data: bytes) -> str | None:
    """The cp1252 reading of `data`, only when it is very likely right.

    Be conservative: cp1252 maps almost every byte to some character, so a wrong
    guess would silently corrupt the quotes we extract. Accept it only when every
    byte decodes, the text has no stray control characters, non-ASCII characters
    are a small minority (Western prose), and nothing in it is well-formed UTF-8
    (which would mean a damaged UTF-8 file, where cp1252 gives mojibake).
    """
    if _UTF8_SEQUENCE.search(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d)
        return None
    if _CONTROL.search(text):
        return None
    if len(_NON_ASCII.findall(text)) > _MAX_CP1252_NON_ASCII_SHARE * len(text):
        return None
    return text


def _control_share(text: str) -> float:
    """The share of characters that never occur in plain text (C0 controls, DEL)."""
    if not text or not _CONTROL.search(text):  # plain text: no list of matches to build
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


# --- dates ---------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\b\.?)?", re.IGNORECASE)
_UTC_OFFSET = re.compile(r"(?<![\w])[+-]\d{2}:?\d{2}\b")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Words that may stand between a day and its month: "the 15th of December".
_DAY_FILLERS = frozenset({"st", "nd", "rd", "th", "of", "the"})


def normalise_date(value: str | None) -> str | None:
    """`value` as ISO YYYY-MM-DD when it reads unambiguously as a date, else as given.

    None for an empty value. Accepts ISO dates and timestamps, "Dec 30, 2025",
    "15 December 2025", `date`/RFC 2822 output and numeric dates whose order is
    clear ("12/30/2025", "30/12/2025", "30.12.2025"). A numeric date that reads
    both ways ("05/06/2025") is kept as given: a wrong date would misplace the
    first appearance of a quote.
    """
    if value is None:
        return None
    stripped = value.strip()
    if not stripped:
        return None
    return _parse_date(stripped) or stripped


def _parse_date(value: str) -> str | None:
    if match := _ISO_DATE.search(value):
        return _iso(int(match[1]), int(match[3]), int(match[4]))
    if match := _NUMERIC_DATE.search(value):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        if match[2] == "." or (first > 12 >= second):  # dotted dates are day-first
            return _iso(year, second, first)
        if second > 12 >= first or first == second:
            return _iso(year, first, second)
        return None
    return _textual_date(value)


def _textual_date(value: str) -> str | None:
    """Dates that spell the month: the day must sit next to the month name."""
    cleaned = _UTC_OFFSET.sub(" ", _TIME.sub(" ", value))
    tokens = [token.lower() for token in _TOKEN.findall(cleaned)]
    month_at = [i for i, token in enumerate(tokens) if token in _MONTHS]
    years = [token for token in tokens if token.isdigit() and len(token) == 4]
    if len({tokens[i] for i in month_at}) != 1 or len(set(years)) != 1:
        return None
    at = month_at[0]
    day = _day_after(tokens, at) or _day_before(tokens, at)
    if day is None:
        return None
    return _iso(int(years[0]), _MONTHS[tokens[at]], day)


def _day_after(tokens: list[str], at: int) -> int | None:
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    return int(following) if following.isdigit() and len(following) <= 2 else None


def _day_before(tokens: list[str], at: int) -> int | None:
    i = at - 1
    while i >= 0 and tokens[i] in _DAY_FILLERS:
        i -= 1
    if i >= 0 and tokens[i].isdigit() and len(tokens[i]) <= 2:
        return int(tokens[i])
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
