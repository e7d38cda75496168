"""Files that people open in Excel (the payroll file, a month's rejected rows): the only
place such files are written.

CSV is UTF-8 with a BOM, so that Excel on Chinese Windows reads it; the .xlsx has column
widths that fit CJK text, a frozen header and a filter. Every text cell that a
spreadsheet could run as a formula is neutralised with a leading apostrophe
(`transforms.payroll.neutralise_formulas`): values come from exports and people.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import polars as pl

from flows.outputs.console import display_width
from transforms.payroll import neutralise_formulas

SUFFIXES = (".xlsx", ".csv")


def write_table(
    frame: pl.DataFrame,
    path: Path,
    *,
    sheet: str,
    created_at: datetime | None = None,
    suffix: str | None = None,
) -> None:
    """``frame`` (headers as people read them) into ``path``, as .csv or .xlsx by its
    suffix (or ``suffix``, for a temporary file put in place later). ``created_at``: the
    workbook's creation time, so that the same data gives the same bytes again (None: the
    writer's default)."""
    safe = neutralise_formulas(frame)
    if (suffix or path.suffix).lower() == ".csv":
        path.write_bytes(b"\xef\xbb\xbf" + safe.write_csv().encode("utf-8"))
    else:
        _write_xlsx(safe, path, sheet, created_at)


def _write_xlsx(safe: pl.DataFrame, path: Path, sheet_name: str, created_at) -> None:
    import xlsxwriter
    import xlsxwriter.exceptions

    book = xlsxwriter.Workbook(str(path))
    if created_at is not None:
        book.set_properties({"created": created_at.replace(tzinfo=None)})
    sheet = book.add_worksheet(sheet_name)
    bold = book.add_format({"bold": True})
    formats = {Decimal: book.add_format({"num_format": "#,##0.00"}), int: None}
    sheet.write_row(0, 0, safe.columns, bold)
    widths = [display_width(c) for c in safe.columns]
    for r, row in enumerate(safe.iter_rows(), start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
                widths[c] = max(widths[c], display_width(value))
            else:
                sheet.write_number(r, c, float(value), formats.get(type(value)))
                widths[c] = max(widths[c], len(f"{value:,}"))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, 60))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(safe.height, 1), len(safe.columns) - 1)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        # The OS's error (a full disk, a read-only folder), as the CSV writer raises it:
        # callers tell it in words.
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        raise cause or OSError(str(exc)) from None
