"""`kpi export payroll`: the file payroll pays from (`cli.md`).

The first export of month M freezes the version of M that is paid (its current one)
and records itself in ``kpi_payroll_export``; exporting M again rebuilds that same file
from what was recorded, byte for byte. Payroll adjustments reach payroll exactly once:

- an adjustment of a month X is *payable* once X has been exported (its version frozen)
  and it starts at or after that version; the first export made after it appears
  carries it (as an ``adjustment`` line, marked with the export's id);
- an adjustment of X that ends at or before X's frozen version is already inside the
  bonuses paid for X: X's first export *absorbs* it (marks it, adds no line);
- an adjustment of a month never exported waits: that month's first export absorbs it.

Every text cell that a spreadsheet could run as a formula is neutralised with a leading
apostrophe; CSV is UTF-8 with a BOM so Excel on Chinese Windows opens it.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows import settings, warehouse
from flows.errors import KpiError
from schemas.tables import KPI_PAYROLL_EXPORT, polars_schema
from transforms.payroll import neutralise_formulas, payroll_lines

SUFFIXES = (".xlsx", ".csv")


class PayrollExportError(KpiError):
    exit_code = 3


@dataclass
class PayrollExport:
    export_id: str  # this export's id (a re-export has its own)
    month: date
    version: int
    path: Path
    is_first: bool
    lines: pl.DataFrame

    @property
    def bonus_total(self):
        return self.lines.filter(pl.col("line_type") == "bonus")["amount"].sum()

    @property
    def adjustment_total(self):
        return self.lines.filter(pl.col("line_type") == "adjustment")["amount"].sum()


def _carried(adjustments: pl.DataFrame, month: date, version: int) -> pl.DataFrame:
    """The adjustments an export lists: all it marked except those it absorbed."""
    absorbed = (pl.col("month_start") == month) & (pl.col("to_version") <= version)
    return adjustments.filter(~absorbed)


def _freeze(conn: sa.Connection, month: date, export_id: str) -> tuple[int, pl.DataFrame]:
    """The first export of the month: the version it freezes, and the adjustments it
    marks as its own (carried, or absorbed by the frozen version)."""
    current = warehouse.current_version(conn, month)
    if current is None:
        raise PayrollExportError(
            f"no published version; run the month first (kpi run --month {month:%Y-%m})",
            month=month,
        )
    frozen = warehouse.frozen_versions(conn).vstack(
        pl.DataFrame(
            {"month_start": [month], "frozen": [current.version]},
            schema={"month_start": pl.Date, "frozen": pl.Int64},
        )
    )
    marked = (
        warehouse.adjustments(conn, pending_until=month)
        .join(frozen, on="month_start", how="inner")
        .filter(
            (pl.col("from_version") >= pl.col("frozen"))  # payable
            | ((pl.col("month_start") == month) & (pl.col("to_version") <= pl.col("frozen")))
        )
    )
    warehouse.mark_carried(conn, export_id, marked)
    return current.version, marked.drop("frozen")


def _write(lines: pl.DataFrame, path: Path, created_at: datetime) -> None:
    """Write atomically (a temp file in the target folder, renamed), so payroll never opens
    half a file; a failure leaves no file behind."""
    safe = neutralise_formulas(lines)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.suffix.lower() == ".csv":
            temp.write_bytes(b"\xef\xbb\xbf" + safe.write_csv().encode("utf-8"))
        else:
            _write_xlsx(safe, temp, created_at)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise PayrollExportError(
            f"{path}: cannot write the payroll file ({exc.strerror or exc}); nothing was "
            "recorded. Choose a writable --out and export again"
        ) from None


def _write_xlsx(safe: pl.DataFrame, path: Path, created_at: datetime) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": created_at.replace(tzinfo=None)})  # same bytes again
    sheet = book.add_worksheet("payroll")
    money = book.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, safe.columns)
    for r, row in enumerate(safe.iter_rows(), start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(
                    r, c, float(value), money if safe.columns[c] == "amount" else None
                )
    book.close()


def export_payroll(month: date, out: Path) -> PayrollExport:
    """The payroll file of ``month`` at ``out`` (.xlsx or .csv): the file is written first,
    then the export is recorded, in one transaction with what it marks."""
    if out.suffix.lower() not in SUFFIXES:
        raise PayrollExportError(f"{out}: the payroll file must end in .xlsx or .csv")
    engine = warehouse.connect(settings.warehouse_url())
    export_id, now = f"PE{month:%Y%m}-{uuid.uuid4().hex[:10]}", datetime.now(UTC)
    try:
        with engine.begin() as conn:
            earlier = warehouse.payroll_exports(conn, month).filter(
                pl.col("original_export_id").is_null()
            )
            if earlier.height:
                first = earlier.row(0, named=True)
                file_id, version, created_at = (
                    first["export_id"],
                    first["version"],
                    first["created_at"],
                )
                carried = _carried(warehouse.adjustments(conn, export_id=file_id), month, version)
            else:
                file_id, created_at = export_id, now
                version, marked = _freeze(conn, month, export_id)
                carried = _carried(marked, month, version)
            lines = payroll_lines(
                warehouse.bonuses(conn, month, version),
                carried,
                export_id=file_id,
                month_start=month,
                version=version,
            )
            _write(lines, out, created_at)
            warehouse.write_frame(
                conn,
                KPI_PAYROLL_EXPORT,
                pl.DataFrame(
                    [
                        {
                            "export_id": export_id,
                            "month_start": month,
                            "version": version,
                            "created_at": now,
                            "file_name": out.name,
                            "bonus_total": lines.filter(pl.col("line_type") == "bonus")[
                                "amount"
                            ].sum(),
                            "adjustment_total": lines.filter(pl.col("line_type") == "adjustment")[
                                "amount"
                            ].sum(),
                            "original_export_id": None if file_id == export_id else file_id,
                        }
                    ],
                    schema=polars_schema(KPI_PAYROLL_EXPORT.columns),
                ),
            )
    except sa.exc.IntegrityError:
        raise PayrollExportError(
            "another payroll export of this month was made at the same moment; export again "
            "(it reproduces that export's file)",
            month=month,
        ) from None
    finally:
        engine.dispose()
    return PayrollExport(export_id, month, version, out, file_id == export_id, lines)
