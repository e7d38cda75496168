"""Reading a month's export files: the only module that opens them.

What `exports.md` asks of reading, and how it is done here:
- one file per name among ``.csv``, ``.xlsx`` and ``.xls``; two is an error;
- CSV encodings UTF-8, UTF-8 with BOM and GB18030 are detected, never asked for:
  a BOM says UTF-8; else the bytes are tried as UTF-8 and, failing that, GB18030;
- the header is the first of the first 10 rows that names every required column
  (canonical name or Simplified/Traditional alias; spaces, BOM and case ignored);
- every value is read as text (leading zeros kept; spreadsheets' numeric cells as their
  plain number, native dates as ``YYYY-MM-DD HH:MM:SS``), trimmed, empty as null;
- rows whose cells are all empty are not rows: dropped before ``row_number`` is given,
  so ``row_number`` counts data rows (the 1-based position among non-blank rows below
  the header).

The result keeps only contract columns; extra columns are read (to tell a blank row)
and then dropped, never stored.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from flows.errors import ExportError
from schemas.contracts import EXPORTS, Export
from transforms.parsing import clean_text
from transforms.quarantine import ROW_NUMBER

SUFFIXES = (".csv", ".xlsx", ".xls")
HEADER_SEARCH_ROWS = 10
_UTF8_BOM = codecs.BOM_UTF8
_HEAD_BYTES = 256 * 1024


@dataclass(frozen=True)
class ExportFile:
    """One export file as read: its rows as text plus what the run log records."""

    export: Export
    path: Path
    encoding: str  # utf-8, utf-8-sig, gb18030, xlsx or xls
    sha256: str
    header_row: int  # 1-based row of the header in the file (title lines above it)
    headers: tuple[str, ...]  # as found, for messages
    frame: pl.DataFrame  # row_number + every contract column as trimmed text
    size: int  # bytes of the file as read

    @property
    def file_name(self) -> str:
        return self.path.name


def _normalise(header: object) -> str:
    return str(header or "").replace("\ufeff", "").strip().casefold()


def _alias_map(export: Export) -> dict[str, str]:
    return {_normalise(a): c.name for c in export.columns for a in c.aliases}


def find_files(
    month_dir: Path, *, exports_hint: str = "--exports (or KPI_EXPORTS_DIR)"
) -> dict[str, Path]:
    """The month's export files by export name; raises for a missing folder, a missing
    required file or two files of one name. ``exports_hint``: how the operator points
    the run at another exports root."""
    if not month_dir.is_dir():
        raise ExportError(
            f"{month_dir}: no such folder; put the month's exports in <exports>/YYYY-MM/ "
            f"or point {exports_hint} at the right root"
        )
    found: dict[str, Path] = {}
    for export in EXPORTS:
        paths = [p for s in SUFFIXES if (p := month_dir / f"{export.name}{s}").is_file()]
        if len(paths) > 1:
            names = " and ".join(p.name for p in paths)
            raise ExportError(
                f"{month_dir}: {names} are both present; keep exactly one {export.name} file"
            )
        if paths:
            found[export.name] = paths[0]
        elif export.is_required:
            raise ExportError(
                f"{month_dir / export.name}.csv: required {export.title} file is missing "
                f"(.csv, .xlsx or .xls); export it into {month_dir}"
            )
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _locate_header(
    rows: list[list[str]], export: Export, path: Path
) -> tuple[int, dict[int, str], tuple[str, ...]]:
    """(0-based header row, {position: contract column}, headers as found)."""
    aliases = _alias_map(export)
    required = {c.name for c in export.required_columns}
    best: tuple[int, list[str]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named = {aliases.get(_normalise(cell)) for cell in row} - {None}
        if required <= named:
            positions: dict[int, str] = {}
            for position, cell in enumerate(row):
                name = aliases.get(_normalise(cell))
                if name is None:
                    continue
                if name in positions.values():
                    twins = [str(row[p]) for p, n in positions.items() if n == name]
                    raise ExportError(
                        f"{path}: headers {twins[0]!r} and {cell!r} both name column "
                        f"{name}; remove or rename one of them"
                    )
                positions[position] = name
            return index, positions, tuple(str(c) for c in row)
        if best is None or len(named) > len(best[1]):
            best = (index, sorted(named))
    shown = rows[best[0]] if best and best[1] else (rows[0] if rows else [])
    found_names = {aliases.get(_normalise(c)) for c in shown}
    missing = ["/".join(c.aliases) for c in export.required_columns if c.name not in found_names]
    headers = ", ".join(repr(str(c)) for c in shown if str(c or "").strip()) or "none"
    raise ExportError(
        f"{path}: missing required column(s) {', '.join(missing)}; headers found: "
        f"{headers}. Add or rename the column(s) (English, 简体 or 繁體 names) and export "
        "again"
    )


def _frame_from_cells(
    cells: pl.LazyFrame, positions: dict[int, str], export: Export
) -> pl.DataFrame:
    """Contract columns as trimmed text, blank rows dropped, ``row_number`` given.

    Every cell is cleaned once: extra columns too, since a value there makes the row
    not blank (it then lacks its contract values and is rejected, not dropped).
    """
    source = cells.collect_schema().names()
    picked = {name: source[pos] for pos, name in positions.items()}
    return (
        cells.select(clean_text(pl.col(c)) for c in source)
        .filter(~pl.all_horizontal(pl.all().is_null()))
        .select(
            *[
                pl.col(picked[n]).alias(n)
                if n in picked
                else pl.lit(None, dtype=pl.String).alias(n)
                for n in export.column_names
            ]
        )
        .with_row_index(ROW_NUMBER, offset=1)
        .collect()
    )


def _detect_csv_encoding(path: Path, head: bytes) -> str:
    if head.startswith(_UTF8_BOM):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ExportError(
            f"{path}: the file is UTF-16, which is not accepted; save it as CSV UTF-8 "
            "(or GB18030) and export again"
        )
    if b"\x00" in head:
        raise ExportError(
            f"{path}: not a text CSV file (it holds binary data); export it again as CSV or .xlsx"
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


class _NotUtf8(Exception):
    """The head looked like UTF-8 but a later part of the file is not."""


# A GB18030 file decoded as UTF-8 has few valid multi-byte characters among its many
# invalid bytes; a UTF-8 export with a stray byte has the reverse. Up to this many valid
# non-ASCII characters per invalid byte the file may still be GB18030.
_UTF8_PER_BAD_BYTE = 10


def _utf8_share(raw: bytes) -> float:
    """Valid non-ASCII UTF-8 characters per invalid byte (infinite: valid UTF-8)."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return (non_ascii - bad) / bad if bad else float("inf")


def _not_utf8(path: Path, raw: bytes) -> ExportError:
    """A stray byte in a UTF-8 export, told where it is (the BOM counts as bytes)."""
    at = _utf8_error_at(raw)
    line = raw.count(b"\n", 0, at) + 1
    bad = raw.decode("utf-8", errors="replace").count("\ufffd")
    count = f"{bad} bytes are" if bad > 1 else "a byte is"
    return ExportError(
        f"{path}: the file is UTF-8 but {count} not (the first, 0x{raw[at]:02X}, at offset "
        f"{at}, line {line}); fix that line or save the file again as CSV UTF-8, and "
        "export again"
    )


def _transcode_gb18030(path: Path) -> bytes:
    raw = path.read_bytes()
    share = _utf8_share(raw)
    if share >= _UTF8_PER_BAD_BYTE:  # GB18030 might read it, as other characters
        raise _not_utf8(path, raw)
    try:
        return raw.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError as exc:
        if share >= 1:  # neither: more UTF-8 than not, so that is where it broke
            raise _not_utf8(path, raw) from exc
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ExportError(
            f"{path}: cannot be read as UTF-8 or GB18030 (byte 0x{raw[exc.start]:02X} at "
            f"offset {exc.start}, line {line}); fix that line or save the file as CSV "
            "UTF-8, and export again"
        ) from exc


def _utf8_error_at(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _head_rows(text: str) -> list[list[str]]:
    """The rows the header search looks at. The head is a cut of the file, so it may end
    inside a cell, and a huge cell (over the csv module's limit) may come before the
    cut: rows are taken until either happens; the header is above such a row."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    return rows


def _parse_csv(path: Path, export: Export, encoding: str, head: bytes):
    source: Path | bytes
    if encoding == "gb18030":
        source = _transcode_gb18030(path)
        head = source[:_HEAD_BYTES]
    else:
        # polars reads UTF-8 straight from the file (and skips a BOM itself).
        source = path
        head = head.removeprefix(_UTF8_BOM)
    rows = _head_rows(head.decode("utf-8", errors="ignore"))
    if not rows:
        raise ExportError(f"{path}: the file is empty; export it again with its header row")
    header_index, positions, headers = _locate_header(rows, export, path)
    schema = {f"c{i}": pl.String for i in range(max(len(headers), max(positions) + 1))}
    cells = pl.scan_csv(
        source,
        has_header=False,
        skip_rows=header_index + 1,
        schema=schema,
        truncate_ragged_lines=True,
        raise_if_empty=False,
    )
    try:
        frame = _frame_from_cells(cells, positions, export)
    except pl.exceptions.ComputeError as exc:
        if encoding == "utf-8" and "utf-8" in str(exc).lower():
            raise _NotUtf8 from exc
        if encoding == "utf-8-sig" and "utf-8" in str(exc).lower():  # the BOM says UTF-8
            raise _not_utf8(path, path.read_bytes()) from exc
        raise ExportError(
            f"{path}: cannot be read as {encoding} CSV ({exc}); export it again"
        ) from exc
    return encoding, header_index + 1, headers, frame


def _read_csv(path: Path, export: Export) -> tuple[str, int, tuple[str, ...], pl.DataFrame]:
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    encoding = _detect_csv_encoding(path, head)
    try:
        return _parse_csv(path, export, encoding, head)
    except _NotUtf8:
        return _parse_csv(path, export, "gb18030", head)


def _read_excel(path: Path, export: Export) -> tuple[str, int, tuple[str, ...], pl.DataFrame]:
    try:
        sheet = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, dtypes="string")
        cells = sheet.to_polars()
    except Exception as exc:  # fastexcel raises its own error types for damaged files
        detail = (str(exc).splitlines() or [""])[0]
        raise ExportError(
            f"{path}: cannot be read as a spreadsheet ({detail}); "
            "open it in Excel, save it again as .xlsx (or export CSV) and retry"
        ) from exc
    cells = cells.select(pl.all().cast(pl.String))
    rows = cells.head(HEADER_SEARCH_ROWS).rows()
    if not rows:
        raise ExportError(f"{path}: the sheet is empty; export it again with its header row")
    header_index, positions, headers = _locate_header([list(r) for r in rows], export, path)
    data = cells.slice(header_index + 1)
    return (
        path.suffix.lstrip(".").lower(),
        header_index + 1,
        headers,
        _frame_from_cells(data.lazy(), positions, export),
    )


def read_export(path: Path, export: Export) -> ExportFile:
    """Read one export file into its contract columns as text (see module doc)."""
    read = _read_csv if path.suffix.lower() == ".csv" else _read_excel
    # hashlib releases the GIL, so the file is hashed while polars parses it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        sha256 = pool.submit(_sha256, path)
        encoding, header_row, headers, frame = read(path, export)
        return ExportFile(
            export, path, encoding, sha256.result(), header_row, headers, frame, path.stat().st_size
        )
