"""Reading a month's export files: the only module that opens them.

What `exports.md` asks of reading, and how it is done here:
- one file per name among ``.csv``, ``.xlsx`` and ``.xls``; two is an error; any other
  file that is, or looks like, an export fails the month (`find_files`);
- CSV encodings UTF-8, UTF-8 with BOM and GB18030 are detected, never asked for:
  a BOM says UTF-8; else the bytes are tried as UTF-8 and, failing that, GB18030;
- a spreadsheet is read from its first visible sheet; merged cells below the header
  give their value to every cell they cover;
- the header is the first of the first 10 rows that names every required column
  (canonical name or Simplified/Traditional alias; spaces, BOM and case ignored);
- every value is read as text (leading zeros kept; spreadsheets' numeric cells as their
  plain number, native dates as ``YYYY-MM-DD HH:MM:SS``), trimmed, empty as null, and
  undone of Excel's mangling (`transforms.parsing.read_values`);
- a large CSV whose cells hold no line break (no quote character) is parsed in blocks
  of whole lines (`_BLOCK_BYTES`), with the same rows, lines and messages as whole;
- rows whose cells are all empty are not rows, and footer rows (the first non-empty
  cell starts with 合计, 总计, 小计, 合計, 總計, 小計 or 制表) are skipped and counted in
  ``skipped_rows``: both are dropped before ``row_number`` is given, so ``row_number``
  counts data rows (the 1-based position among the rows read below the header);
- ``source_line`` is where the clerk finds the row: the CSV line where it starts (1-based,
  title and header lines and line breaks inside quoted cells counted) or the spreadsheet
  row. Every message about a place in a file names the sheet and that line or row.

Decisions the spec leaves open:
- a merged cell that starts in or above the header row (a title across the columns) is
  left alone: only the data area is filled;
- in a month folder, a file that is not an export's exact name fails the month when it
  ends in .csv, .xlsx or .xls, or when its name resembles an export's (a ``.zip`` or
  ``.txt`` of one means someone meant it to be read); any other file (a README, a
  scan) is ignored, as are sub-folders.

The result keeps only contract columns; extra columns are read (to tell a blank or
footer row) and then dropped, never stored.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import io
import mmap
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from flows.common.errors import ExportError
from flows.inputs.spreadsheets import _fill_merged, _first_visible_sheet, _xls_merges, _xlsx_merges
from schemas.contracts import EXPORTS, SOURCE_LINE, Export
from transforms.parsing import clean_text, read_values
from transforms.quarantine import ROW_NUMBER

SUFFIXES = (".csv", ".xlsx", ".xls")
HEADER_SEARCH_ROWS = 10
FOOTER_WORDS = ("合计", "总计", "小计", "合計", "總計", "小計", "制表")
_FOOTER = "^(?:" + "|".join(FOOTER_WORDS) + ")"
_UTF8_BOM = codecs.BOM_UTF8
_HEAD_BYTES = 256 * 1024


@dataclass(frozen=True)
class ExportFile:
    """One export file as read: its rows as text plus what the run log records."""

    export: Export
    path: Path
    encoding: str  # utf-8, utf-8-sig, gb18030, xlsx or xls
    sha256: str
    header_row: int  # the header's CSV line or spreadsheet row (title lines above it)
    headers: tuple[str, ...]  # as found, for messages
    # row_number, source_line (UInt32) + every contract column as text (see module doc)
    frame: pl.DataFrame
    size: int  # bytes of the file as read
    sheet: str | None  # the sheet read; None for CSV
    skipped_rows: int  # footer rows (合计, 制表 …) skipped, not rows read

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def column_headers(self) -> dict[str, str]:
        """Each contract column the file has, by the header the clerk sees for it."""
        aliases = _alias_map(self.export)
        found = ((aliases.get(_normalise(h)), str(h).strip()) for h in self.headers)
        return {column: header for column, header in found if column is not None}

    def where(self, source_line: int | None = None) -> str:
        """The file, its sheet and a row's line as the clerk sees them, for messages:
        ``…/receptions.csv, line 12`` or ``…/surveys.xlsx, sheet '数据', row 12``."""
        return _where(self.path, self.sheet, source_line)


def _where(path: Path, sheet: str | None, line: int | None = None) -> str:
    place = str(path) if sheet is None else f"{path}, sheet {sheet!r}"
    if line is None:
        return place
    return f"{place}, {'line' if sheet is None else 'row'} {line}"


def _normalise(header: object) -> str:
    return str(header or "").replace("\ufeff", "").strip().casefold()


def _alias_map(export: Export) -> dict[str, str]:
    return {_normalise(a): c.name for c in export.columns for a in c.aliases}


_FILE_WORDS = {e.name: e.file_words for e in EXPORTS}
_KNOWN = {f"{name}{suffix}" for name in _FILE_WORDS for suffix in SUFFIXES}
# A file name this much like an export's name (difflib's ratio, letters only) is a typo of it.
_TYPO_RATIO = 0.75


def _ignored(name: str) -> bool:
    """Hidden files and Excel's lock files (``~$receptions.xlsx``) are nobody's export."""
    return name.startswith((".", "~$"))


def resembles(file_name: str) -> str | None:
    """The export a misnamed file looks like, or None.

    The name (NFKC, any case) holds an export's name or its singular
    (``Receptions(1)``, ``agent_list``), or one of its Chinese words (``客服人员名册``,
    ``2026年10月接待記錄``), or its letters are a near miss of an export's (``recepton``).
    The longest match wins; a tie goes to the order of `exports.md`.
    """
    stem = unicodedata.normalize("NFKC", file_name).casefold()
    stem = stem.split(".")[0] if not stem.startswith(".") else stem
    found: list[tuple[int, str]] = []
    for name, words in _FILE_WORDS.items():
        for word in (name, name.removesuffix("s"), *words):
            if word in stem:
                found.append((len(word), name))
    if found:
        order = list(_FILE_WORDS)
        return min(found, key=lambda f: (-f[0], order.index(f[1])))[1]
    letters = re.sub(r"[^a-z]", "", stem)
    close = difflib.get_close_matches(letters, list(_FILE_WORDS), n=1, cutoff=_TYPO_RATIO)
    return close[0] if close else None


def _unknown_file_problem(path: Path, present: set[str]) -> str | None:
    """What is wrong with a file of the month folder that is not an export's name, or None
    when it is to be ignored."""
    name = path.name
    suffix = path.suffix.lower()
    is_table = suffix in SUFFIXES
    export = resembles(name)
    if export is None:
        if not is_table:
            return None
        return f"{name}: not an export's name; move it out of the month folder"
    expected = f"{export}{suffix if is_table else '.csv'}"
    if not is_table:
        return (
            f"{name}: looks like {export} but is not a .csv, .xlsx or .xls file; "
            f"save it as {expected} or move it out of the month folder"
        )
    stem = unicodedata.normalize("NFKC", path.stem).casefold()
    if stem == export:
        return f"{name}: looks like {export}; file names are exact: rename it {expected}"
    twins = sorted(p for p in present if p.split(".")[0] == export)
    if twins:
        return (
            f"{name}: looks like {export}, and {' and '.join(twins)} is here too: an "
            f"export split in two must be merged into one {export} file, and a second copy "
            "removed"
        )
    return f"{name}: looks like {export}; rename it {expected}"


def find_files(
    month_dir: Path, *, exports_hint: str = "--exports (or KPI_EXPORTS_DIR)"
) -> dict[str, Path]:
    """The month's export files by export name; raises for a missing folder, a file that
    is not an export's name (see module doc), a missing required file or two files of one
    name. ``exports_hint``: how the operator points the run at another exports root.

    Names are exact (lower case, ``.csv``, ``.xlsx`` or ``.xls``) and judged from the
    folder's listing, so a case-insensitive file system changes nothing."""
    if not month_dir.is_dir():
        raise ExportError(
            f"{month_dir}: no such folder; put the month's exports in <exports>/YYYY-MM/ "
            f"or point {exports_hint} at the right root"
        )
    files = sorted(p for p in month_dir.iterdir() if p.is_file() and not _ignored(p.name))
    present = {p.name for p in files if p.name in _KNOWN}
    problems = [
        problem
        for p in files
        if p.name not in _KNOWN and (problem := _unknown_file_problem(p, present))
    ]
    if problems:
        raise ExportError(
            f"{month_dir}: {len(problems)} file(s) here are not named as an export, so the "
            "month is not run:\n"
            + "\n".join(f"  {p}" for p in problems)
            + "\nEach export is one file named exactly as its export, in lower case, with "
            f".csv, .xlsx or .xls: {', '.join(_FILE_WORDS)}."
        )
    found: dict[str, Path] = {}
    for export in EXPORTS:
        paths = [month_dir / f"{export.name}{s}" for s in SUFFIXES]
        paths = [p for p in paths if p.name in present]
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


def file_sha256(path: Path) -> str:
    """The file's content hash, as ``kpi_run_input.file_sha256`` records it."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _locate_header(
    rows: list[list[str]], lines: list[int], export: Export, where: str, unit: str
) -> tuple[int, dict[int, str], tuple[str, ...]]:
    """(0-based index in ``rows`` of the header, {position: contract column}, headers as
    found). ``lines``: each row's line (or spreadsheet row) for messages, named ``unit``."""
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
                        f"{where}, {unit} {lines[index]}: headers {twins[0]!r} and {cell!r} "
                        f"both name column {name}; remove or rename one of them"
                    )
                positions[position] = name
            return index, positions, tuple(str(c) for c in row)
        if best is None or len(named) > len(best[1]):
            best = (index, sorted(named))
    at = best[0] if best and best[1] else 0
    shown = rows[at] if rows else []
    found_names = {aliases.get(_normalise(c)) for c in shown}
    missing = ["/".join(c.aliases) for c in export.required_columns if c.name not in found_names]
    headers = ", ".join(repr(str(c)) for c in shown if str(c or "").strip()) or "none"
    found_at = f" ({unit} {lines[at]})" if rows else ""
    # The appeals (and interviews) are the department's own templates: English headers.
    names = (
        "English, 简体 or 繁體 names"
        if any(c.hans for c in export.columns)
        else "English names as in the template; this file takes no Chinese headers"
    )
    raise ExportError(
        f"{where}: missing required column(s) {', '.join(missing)}; headers found{found_at}: "
        f"{headers}. Add or rename the column(s) ({names}) and export again"
    )


def _is_footer(columns: list[str]) -> pl.Expr:
    """The first non-empty cell starts with a footer word. Nearly every row has its first
    cell, so the others are looked at only where it is empty."""
    first, *rest = (pl.col(c) for c in columns)
    later = pl.coalesce(pl.when(first.is_null()).then(c) for c in rest) if rest else first
    return pl.coalesce(first, later).str.contains(_FOOTER)


def _may_span_lines(source: Path | bytes) -> bool:
    """Whether a CSV cell may hold a line break: only a quoted one can, so a file without
    a quote character (most exports) has one row per line, told by one memchr."""
    if isinstance(source, bytes):
        return b'"' in source
    if source.stat().st_size == 0:
        return False
    with source.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        return view.find(b'"') != -1


def _frame_from_cells(
    cells: pl.LazyFrame,
    positions: dict[int, str],
    export: Export,
    *,
    first_line: int,
    line_breaks: bool = False,
) -> tuple[pl.DataFrame, int]:
    """(``source_line`` and the contract columns as read, footer rows skipped; the
    footers' count) from the data rows below the header, every cell as text; `_numbered`
    gives them their ``row_number``.

    Row i of ``cells`` starts at line ``first_line + i``, plus, for CSV
    (``line_breaks``), the line breaks inside the cells of the rows above it: the CSV
    reader gives one row per line, blank lines included, except that a quoted cell may
    span lines. Every cell is cleaned once: extra columns too, since a value there makes
    the row not blank (it then lacks its contract values and is rejected, not dropped)
    and may be the first cell of a footer.

    The in-memory engine: the plan is many small steps, which the streaming engine pays
    for per file (12 ms more for a 40-row file) and, whole, does no faster.
    """
    source = cells.collect_schema().names()
    picked = {name: source[pos] for pos, name in positions.items()}
    line = pl.col("_i") + first_line
    if line_breaks:
        breaks = pl.sum_horizontal(
            pl.col(c).str.count_matches("\n", literal=True).fill_null(0) for c in source
        )
        line = line + breaks.cum_sum().shift(1, fill_value=0)
    values = [
        pl.col(picked[n]).alias(n) if n in picked else pl.lit(None, dtype=pl.String).alias(n)
        for n in export.column_names
    ]
    rows = read_values(
        cells.with_row_index("_i")
        .with_columns(line.cast(pl.UInt32).alias(SOURCE_LINE))
        .with_columns(clean_text(pl.col(c)).alias(c) for c in source)
        .filter(~pl.all_horizontal(pl.col(source).is_null()))
        .select(
            SOURCE_LINE,
            _is_footer(source).alias("_footer"),
            *values,
        ),
        export.columns,
    ).collect(engine="in-memory")
    skipped = int(rows["_footer"].sum())
    if skipped:
        rows = rows.filter(~pl.col("_footer"))
    return rows.drop("_footer"), skipped


def _numbered(parts: list[tuple[pl.DataFrame, int]]) -> tuple[pl.DataFrame, int]:
    """The rows of a file's parts (`_frame_from_cells`, in file order) with their
    ``row_number``, and the footers skipped in all."""
    rows = pl.concat([frame for frame, _ in parts]) if len(parts) > 1 else parts[0][0]
    return rows.with_row_index(ROW_NUMBER, offset=1), sum(skipped for _, skipped in parts)


# A CSV larger than this whose cells cannot span lines is parsed a block of whole lines
# at a time: parsed whole, its bytes, cells and cleaned cells are held at once, about
# four times the file. For the group month's 338 MB consultations: 0.8 GB at the peak
# instead of 1.3 GB, for 0.35 s more (docs/performance.md).
_BLOCK_BYTES = 32 * 1024 * 1024


def _blocks(path: Path, start: int) -> Iterator[tuple[bytes, int]]:
    """The file from byte ``start`` in blocks of whole lines (about `_BLOCK_BYTES`
    each; the last may lack its line end), each with the count of lines before it."""
    lines = 0
    with path.open("rb") as fh:
        fh.seek(start)
        while block := fh.read(_BLOCK_BYTES):
            cut = block.rfind(b"\n") + 1 if len(block) == _BLOCK_BYTES else len(block)
            if cut == 0:  # a line longer than a block: read on to its end
                block += fh.readline()
                cut = len(block)
            elif cut < len(block):  # the next block starts with the cut line
                fh.seek(cut - len(block), 1)
                block = block[:cut]
            yield block, lines
            lines += block.count(b"\n")


def _after_line(head: bytes, line: int) -> int:
    """The byte offset where line ``line + 1`` starts (the file's size when the head
    ends first: then nothing follows)."""
    at = 0
    for _ in range(line):
        at = head.find(b"\n", at) + 1
        if at == 0:
            return len(head)
    return at


def _csv_parts(
    source: Path | bytes, head: bytes, skip: int, first_line: int, cells_of: Callable
) -> list[tuple[pl.DataFrame, int]]:
    """The CSV's rows below its first ``skip`` lines (whose bytes begin ``head``), as
    `_frame_from_cells` parts: in blocks where that is safe (`_BLOCK_BYTES`), else whole.
    ``cells_of(csv, skip, first_line, line_breaks)`` makes the part of CSV bytes or a
    file below its first ``skip`` lines."""
    line_breaks = _may_span_lines(source)
    if isinstance(source, bytes) or line_breaks or source.stat().st_size <= _BLOCK_BYTES:
        return [cells_of(source, skip, first_line, line_breaks)]
    blocks = _blocks(source, _after_line(head, skip))
    parts = [cells_of(block, 0, first_line + before, False) for block, before in blocks]
    return parts or [cells_of(b"", 0, first_line, False)]  # nothing below the header


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


def _head_rows(text: str) -> tuple[list[list[str]], list[int]]:
    """The rows the header search looks at, and the line where each ends. The head is a
    cut of the file, so it may end inside a cell, and a huge cell (over the csv module's
    limit) may come before the cut: rows are taken until either happens; the header is
    above such a row."""
    rows: list[list[str]] = []
    ends: list[int] = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
            if len(rows) > HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    return rows, ends


@dataclass(frozen=True)
class _Read:
    encoding: str
    header_row: int
    headers: tuple[str, ...]
    frame: pl.DataFrame
    sheet: str | None
    skipped_rows: int


def _unclosed_quote_line(text: str) -> int | None:
    """The line where a quoted cell opens that never closes (the CSV reader, like polars,
    pairs quotes across lines), or None when the quotes pair up."""
    opened, inside = None, False
    for number, line in enumerate(text.split("\n"), 1):
        if line.count('"') % 2:
            inside = not inside
            opened = number if inside else opened
    return opened if inside else None


def _parse_csv(path: Path, export: Export, encoding: str, head: bytes) -> _Read:
    source: Path | bytes
    if encoding == "gb18030":
        source = _transcode_gb18030(path)
        head = raw_head = source[:_HEAD_BYTES]
    else:
        # polars reads UTF-8 straight from the file (and skips a BOM itself).
        source, raw_head = path, head
        head = head.removeprefix(_UTF8_BOM)
    rows, ends = _head_rows(head.decode("utf-8", errors="ignore"))
    if not rows:
        raise ExportError(f"{path}: the file is empty; export it again with its header row")
    starts = [1, *[end + 1 for end in ends[:-1]]]
    header_index, positions, headers = _locate_header(rows, starts, export, str(path), "line")
    schema = {f"c{i}": pl.String for i in range(max(len(headers), max(positions) + 1))}

    def cells_of(csv: Path | bytes, skip: int, first_line: int, line_breaks: bool):
        cells = pl.scan_csv(
            csv,
            has_header=False,
            skip_rows=skip,
            schema=schema,
            truncate_ragged_lines=True,
            # A first line with fewer cells (a blank line below the header, a short row,
            # a block that starts with one) is a row like any other, not an error.
            missing_columns="insert",
            raise_if_empty=False,
        )
        return _frame_from_cells(
            cells, positions, export, first_line=first_line, line_breaks=line_breaks
        )

    try:
        frame, skipped = _numbered(
            _csv_parts(source, raw_head, header_index + 1, ends[header_index] + 1, cells_of)
        )
    except pl.exceptions.ComputeError as exc:
        if encoding == "utf-8" and "utf-8" in str(exc).lower():
            raise _NotUtf8 from exc
        if encoding == "utf-8-sig" and "utf-8" in str(exc).lower():  # the BOM says UTF-8
            raise _not_utf8(path, path.read_bytes()) from exc
        raw = source if isinstance(source, bytes) else path.read_bytes()
        line = _unclosed_quote_line(raw.decode("utf-8", errors="replace"))
        if line is not None:
            raise ExportError(
                f'{_where(path, None, line)}: a quoted cell opens there (") and never '
                'closes; fix the stray " on that line (write "" for a quote inside a '
                "quoted cell) or export again"
            ) from exc
        raise ExportError(
            f"{path}: cannot be read as {encoding} CSV ({exc}); export it again"
        ) from exc
    return _Read(encoding, starts[header_index], headers, frame, None, skipped)


def _read_csv(path: Path, export: Export) -> _Read:
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    encoding = _detect_csv_encoding(path, head)
    try:
        return _parse_csv(path, export, encoding, head)
    except _NotUtf8:
        return _parse_csv(path, export, "gb18030", head)


def _read_excel(path: Path, export: Export) -> _Read:
    suffix = path.suffix.lstrip(".").lower()
    try:
        sheet = _first_visible_sheet(path, fastexcel.read_excel(str(path)))
        cells = sheet.to_polars()
        merges = (
            _xlsx_merges(path, sheet.name) if suffix == "xlsx" else _xls_merges(path, sheet.name)
        )
    except ExportError:
        raise
    except Exception as exc:  # the readers raise their own error types for damaged files
        detail = (str(exc).splitlines() or [""])[0]
        raise ExportError(
            f"{path}: cannot be read as a spreadsheet ({detail}); "
            "open it in Excel, save it again as .xlsx (or export CSV) and retry"
        ) from exc
    where = _where(path, sheet.name)
    cells = cells.select(pl.all().cast(pl.String))
    # The search starts at the first row with a value, as the spec's "first 10 rows" of a
    # sheet whose export begins lower down.
    filled = cells.select(~pl.all_horizontal(pl.all().is_null())).to_series()
    first = filled.arg_true()
    if cells.width == 0 or first.is_empty():
        raise ExportError(f"{where}: the sheet is empty; export it again with its header row")
    top = first[0]
    rows = [list(r) for r in cells.slice(top, HEADER_SEARCH_ROWS).rows()]
    rows_at = list(range(top + 1, top + 1 + len(rows)))
    index, positions, headers = _locate_header(rows, rows_at, export, where, "row")
    header = top + index  # 0-based sheet row of the header
    first_column = sheet.available_columns()[0].absolute_index
    data_merges = [m for m in merges if m[0] > header]  # titles across the top stay as they are
    cells = _fill_merged(cells, data_merges, first_column).slice(header + 1)
    frame, skipped = _numbered(
        [_frame_from_cells(cells.lazy(), positions, export, first_line=header + 2)]
    )
    return _Read(suffix, header + 1, headers, frame, sheet.name, skipped)


def read_export(path: Path, export: Export) -> ExportFile:
    """Read one export file into its contract columns as text (see module doc)."""
    read = _read_csv if path.suffix.lower() == ".csv" else _read_excel
    # hashlib releases the GIL, so the file is hashed while polars parses it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        sha256 = pool.submit(file_sha256, path)
        got = read(path, export)
        return ExportFile(
            export=export,
            path=path,
            encoding=got.encoding,
            sha256=sha256.result(),
            header_row=got.header_row,
            headers=got.headers,
            frame=got.frame,
            size=path.stat().st_size,
            sheet=got.sheet,
            skipped_rows=got.skipped_rows,
        )
