"""Writing the export files: CSV and workbooks in the styles real systems write (encodings,
header languages, sheets split by size, merged cells), and the roster file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import polars as pl
import xlsxwriter

from flows.generator.options import _TITLES, XLSX_MAX_ROWS, FileStyle
from flows.generator.records import _render
from schemas.contracts import APPEALS, EXPORTS_BY_NAME, Export, Kind
from transforms.periods import Period


def _header_names(export: Export, style: FileStyle) -> list[str]:
    if style.headers == "en" or export is APPEALS:
        return list(export.column_names)
    return [getattr(c, style.headers) or c.name for c in export.columns]


@dataclass
class _Sheet:
    """A spreadsheet's sheet as a clerk leaves it: data below an optional title line and
    the header, footer lines below the data, some columns' runs of equal values merged."""

    name: str | None  # None: the spreadsheet program's default (Sheet1)
    headers: list[str]
    title: str | None
    parts: list[pl.DataFrame]
    kinds: list[Kind]
    hidden: bool = False
    # Each merged column with the columns its runs stay within (a team within its store).
    merged: tuple[tuple[str, tuple[str, ...]], ...] = ()
    footer: list[list] = field(default_factory=list)


class _Writer:
    """Appends text frames to one export file (CSV streams; xlsx is written at close).

    ``keep``: the frames are kept (a spreadsheet's always are) for a sheet of another
    file. Set before close: ``footer``, lines below the data; for a spreadsheet also
    ``sheet_name``, ``hidden`` (a hidden sheet before the data's) and ``merged``.
    """

    def __init__(self, path: Path, export: Export, style: FileStyle, month_start: date, keep=False):
        self.path, self.export, self.style = path, export, style
        self.headers = _header_names(export, style)
        titles = _TITLES[style.headers]
        self.title = f"{month_start.year}年{month_start.month}月{titles.get(export.name, '')}"
        self.rows = 0
        self.parts: list[pl.DataFrame] = []
        self._keep = keep or style.suffix == ".xlsx"
        self.footer: list[list] = []
        self.sheet_name: str | None = None
        self.hidden: _Sheet | None = None
        self.merged: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if style.suffix == ".csv":
            self._fh = path.open("wb")
            if style.encoding == "utf-8-sig":
                self._fh.write(b"\xef\xbb\xbf")
            if style.title:
                self._write_text(self.title + "\n")
            self._write_text(",".join(self.headers) + "\n")

    def _write_text(self, text: str) -> None:
        self._fh.write(text.encode("gb18030" if self.style.encoding == "gb18030" else "utf-8"))

    def append(self, frame: pl.DataFrame) -> None:
        self.rows += frame.height
        if self._keep:
            self.parts.append(frame)
        if self.style.suffix == ".xlsx":
            return
        if self.style.encoding == "gb18030":
            self._write_text(frame.write_csv(include_header=False))
        else:
            frame.write_csv(self._fh, include_header=False)

    def sheet(self) -> _Sheet:
        """The file's data as a sheet of a spreadsheet."""
        return _Sheet(
            self.sheet_name,
            self.headers,
            self.title if self.style.title else None,
            self.parts,
            [c.kind for c in self.export.columns],
            merged=self.merged,
            footer=self.footer,
        )

    @property
    def paths(self) -> list[Path]:
        return [self.path]

    def close(self) -> None:
        if self.style.suffix == ".csv":
            for line in self.footer:  # padded to the header's width, as the system writes
                cells = [str(c) for c in line] + [""] * (len(self.headers) - len(line))
                self._write_text(",".join(cells) + "\n")
            self._fh.close()
            return
        _write_workbook(self.path, [self.hidden, self.sheet()] if self.hidden else [self.sheet()])


def _write_workbook(path: Path, sheets: list[_Sheet]) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    # A fixed creation time (it also dates the zip entries): same seed, same bytes.
    workbook.set_properties({"created": datetime(2020, 1, 1)})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # Only where cells are merged: a format more would change every other workbook's bytes.
    centred = workbook.add_format({"valign": "vcenter"}) if any(s.merged for s in sheets) else None
    for spec in sheets:
        sheet = workbook.add_worksheet(spec.name)
        if spec.hidden:
            sheet.hide()
        elif any(s.hidden for s in sheets):
            sheet.activate()  # the first sheet is active unless another is: never a hidden one
        r = 0
        if spec.title is not None:
            sheet.write_string(0, 0, spec.title)
            r = 1
        sheet.write_row(r, 0, spec.headers)
        first_data = r + 1
        for part in spec.parts:
            for values in part.iter_rows():
                r += 1
                for c, (value, kind) in enumerate(zip(values, spec.kinds, strict=True)):
                    _write_cell(sheet, r, c, value, kind, stamp, day)
        data = pl.concat(spec.parts) if spec.merged and spec.parts else None
        for column, within in spec.merged if data is not None else ():
            c = data.columns.index(column)
            for start, end, value in _runs(data, column, within):
                # A format for the covered cells too, else xlsxwriter leaves their values.
                sheet.merge_range(first_data + start, c, first_data + end, c, value, centred)
        for line in spec.footer:
            r += 1
            sheet.write_row(r, 0, line)
    workbook.close()


def _runs(data: pl.DataFrame, column: str, within: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(first row, last row, value) of each run of two or more consecutive rows with one
    value of ``column`` (not empty) and of the columns ``within``."""
    keys = [column, *within]
    runs = (
        data.select(keys)
        .with_row_index("_i")
        .with_columns(
            _run=pl.any_horizontal([pl.col(k).ne_missing(pl.col(k).shift()) for k in keys])
        )
        .with_columns(pl.col("_run").cum_sum())
        .filter(pl.col(column).is_not_null() & (pl.col(column) != ""))
        .group_by("_run", maintain_order=True)
        .agg(pl.col("_i").min().alias("start"), pl.col("_i").max().alias("end"), pl.first(column))
        .filter(pl.col("end") > pl.col("start"))
    )
    return [(int(a), int(b), v) for a, b, v in runs.select("start", "end", column).rows()]


class _SplitWriter:
    """One export in two files, as a clerk exports it in two date ranges: rows up to
    ``last_day`` of the first half of the period (and rows with no readable day) in the
    first file, the rest in NAME_2."""

    def __init__(self, first: _Writer, second: _Writer, last_day: date):
        self.first, self.second, self.last_day = first, second, last_day
        self.export, self.style = first.export, first.style

    @property
    def rows(self) -> int:
        return self.first.rows + self.second.rows

    @property
    def paths(self) -> list[Path]:
        return [self.first.path, self.second.path]

    def append(self, frame: pl.DataFrame) -> None:
        day = _event_day(pl.col(self.export.event_column))
        early = frame.select(day.is_null() | (day <= self.last_day)).to_series()
        self.first.append(frame.filter(early))
        self.second.append(frame.filter(~early))

    def close(self) -> None:
        self.first.close()
        self.second.close()


def _event_day(text: pl.Expr) -> pl.Expr:
    """The day of an event time as the generator writes it (``2026-10-01 09:05:00`` or
    ``2026/10/1 9:05``); null for a value spoiled on purpose."""
    parts = text.str.extract_groups(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
    return pl.concat_str(
        parts.struct.field("1"),
        parts.struct.field("2").str.zfill(2),
        parts.struct.field("3").str.zfill(2),
        separator="-",
    ).str.to_date("%Y-%m-%d", strict=False)


def _write_cell(sheet, r: int, c: int, value, kind: Kind, stamp, day) -> None:
    """Native date cells and numeric ratings where the text allows, else a text cell."""
    if value is None or value == "":
        return
    if kind in (Kind.TIMESTAMP, Kind.DATE):
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d"):
            try:
                parsed = datetime.strptime(value, fmt)
            except ValueError:
                continue
            sheet.write_datetime(r, c, parsed, stamp if kind is Kind.TIMESTAMP else day)
            return
    if kind is Kind.RATING and value.isdigit():
        sheet.write_number(r, c, int(value))
        return
    sheet.write_string(r, c, value)


def _style(rng, export: Export, expected_rows: int, clean: bool) -> FileStyle:
    if clean:
        return FileStyle(".csv", "utf-8", "en", False, False)
    formats = ["utf-8", "utf-8-sig", "gb18030"] + (
        ["xlsx"] if expected_rows <= XLSX_MAX_ROWS else []
    )
    chosen = str(rng.choice(formats))
    return FileStyle(
        suffix=".xlsx" if chosen == "xlsx" else ".csv",
        encoding="utf-8" if chosen == "xlsx" else chosen,
        headers="en" if export is APPEALS else str(rng.choice(["en", "hans", "hant"])),
        slashes=bool(rng.random() < 0.4),
        title=bool(rng.random() < 0.3) and export is not APPEALS,
    )


def _listed(roster: pl.DataFrame, period: Period) -> pl.DataFrame:
    """The roster's rows known at the period's end: hired by then."""
    return roster.filter(pl.col("hired_on").is_null() | (pl.col("hired_on") <= period.end_on))


def _roster_text(
    roster: pl.DataFrame, period: Period, style: FileStyle, rng, clean: bool
) -> pl.DataFrame:
    """The roster as HR exports it at the period's end: everyone hired by then, left or
    not."""
    listed = _listed(roster, period)
    # A left_on after the export date is not known yet.
    listed = listed.with_columns(
        pl.when(pl.col("left_on") <= period.end_on).then(pl.col("left_on")).alias("left_on")
    )
    text = _render(listed, EXPORTS_BY_NAME["agents"], style, clean)
    if not clean and text.height > 1:
        text = pl.concat([text, text.sample(1, seed=int(rng.integers(1 << 31)))])
    return text
