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
import xlsxwriter
from prefect import flow

from flows import settings, warehouse
from flows.errors import KpiError
from flows.month_end import MonthText, open_warehouse
from transforms.months import parse_month
from transforms.payroll import neutralise_formulas, payroll_lines

SUFFIXES = (".xlsx", ".csv")


class PayrollExportError(KpiError):
    exit_code = 3


@dataclass
class PayrollExport:
    export_id: str
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


_ADJUSTMENT_SQL = (
    "SELECT month_start, agent_id, agent_name, store_id, from_version, to_version, delta, "
    "currency, export_id FROM kpi_payroll_adjustment WHERE {where}")
_ADJUSTMENT_TYPES = {"month_start": sa.Date, "delta": sa.Numeric(12, 2)}


def _adjustments(conn: sa.Connection, where: str, **params) -> pl.DataFrame:
    rows = conn.execute(sa.text(_ADJUSTMENT_SQL.format(where=where))
                        .columns(**_ADJUSTMENT_TYPES), params).all()
    return pl.DataFrame(rows, orient="row", schema={
        "month_start": pl.Date, "agent_id": pl.String, "agent_name": pl.String,
        "store_id": pl.String, "from_version": pl.Int64, "to_version": pl.Int64,
        "delta": pl.Decimal(12, 2), "currency": pl.String, "export_id": pl.String})


def _bonuses(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    rows = conn.execute(sa.text(
        "SELECT agent_id, agent_name, store_id, tier, bonus_amount, currency "
        "FROM kpi_agent_monthly "
        "WHERE month_start = :m AND version = :v").columns(bonus_amount=sa.Numeric(12, 2)),
        {"m": month, "v": version}).all()
    return pl.DataFrame(rows, orient="row", schema={
        "agent_id": pl.String, "agent_name": pl.String, "store_id": pl.String,
        "tier": pl.String, "bonus_amount": pl.Decimal(12, 2), "currency": pl.String})


def _carried(adjustments: pl.DataFrame, month: date, version: int) -> pl.DataFrame:
    """The adjustments an export lists: all it marked except those it absorbed."""
    absorbed = (pl.col("month_start") == month) & (pl.col("to_version") <= version)
    return adjustments.filter(~absorbed)


def _freeze(conn: sa.Connection, month: date) -> tuple[str, int, datetime, pl.DataFrame]:
    """The first export of the month: freeze its version, mark what it carries."""
    current = warehouse.current_version(conn, month)
    if current is None:
        raise PayrollExportError(
            f"month {month:%Y-%m} has no published version; run it first (kpi run --month "
            f"{month:%Y-%m})")
    export_id, created_at = f"PE{month:%Y%m}-{uuid.uuid4().hex[:10]}", datetime.now(UTC)
    frozen = dict(conn.execute(sa.text(
        "SELECT month_start, version FROM kpi_payroll_export").columns(month_start=sa.Date)
    ).all())
    frozen[month] = current.version
    pending = _adjustments(conn, "export_id IS NULL AND month_start <= :m", m=month)
    versions = pl.DataFrame({"month_start": list(frozen), "frozen": list(frozen.values())},
                            schema={"month_start": pl.Date, "frozen": pl.Int64})
    marked = pending.join(versions, on="month_start", how="inner").filter(
        (pl.col("from_version") >= pl.col("frozen"))  # payable
        | ((pl.col("month_start") == month) & (pl.col("to_version") <= pl.col("frozen"))))
    if marked.height:
        conn.execute(sa.text(
            "UPDATE kpi_payroll_adjustment SET export_id = :e WHERE month_start = :m "
            "AND agent_id = :a AND to_version = :v"),
            [{"e": export_id, "m": r["month_start"], "a": r["agent_id"], "v": r["to_version"]}
             for r in marked.iter_rows(named=True)])
    return export_id, current.version, created_at, marked


def _write(lines: pl.DataFrame, path: Path, created_at: datetime) -> None:
    """Write atomically (a temp file renamed), so payroll never opens half a file."""
    safe = neutralise_formulas(lines)
    temp = path.with_name(f".{path.name}.tmp")
    if path.suffix.lower() == ".csv":
        temp.write_bytes(b"\xef\xbb\xbf" + safe.write_csv().encode("utf-8"))
    else:
        book = xlsxwriter.Workbook(str(temp))
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
                    sheet.write_number(r, c, float(value),
                                       money if safe.columns[c] == "amount" else None)
        book.close()
    os.replace(temp, path)


@flow(name="payroll-export")
def export_payroll(month: MonthText, out: str) -> PayrollExport:
    """The payroll file of ``month`` at ``out`` (.xlsx or .csv)."""
    month, out = parse_month(month), Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise PayrollExportError(f"{out}: the payroll file must end in .xlsx or .csv")
    engine = open_warehouse(settings.warehouse_url())
    with engine.begin() as conn:
        existing = conn.execute(sa.text(
            "SELECT export_id, version, created_at FROM kpi_payroll_export "
            "WHERE month_start = :m").columns(created_at=sa.DateTime), {"m": month}).first()
        if existing:
            export_id, version, created_at = existing
            created_at = created_at.replace(tzinfo=UTC) if created_at.tzinfo is None \
                else created_at
            carried = _carried(_adjustments(conn, "export_id = :e", e=export_id), month,
                               version)
        else:
            export_id, version, created_at, marked = _freeze(conn, month)
            carried = _carried(marked, month, version)
        bonuses = _bonuses(conn, month, version)
        lines = payroll_lines(bonuses, carried, export_id=export_id, month_start=month,
                              version=version)
        if not existing:
            warehouse.write_frame(conn, "kpi_payroll_export", pl.DataFrame([{
                "export_id": export_id, "month_start": month, "version": version,
                "created_at": created_at, "file_name": out.name,
                "bonus_total": lines.filter(pl.col("line_type") == "bonus")["amount"].sum(),
                "adjustment_total": lines.filter(pl.col("line_type") == "adjustment")[
                    "amount"].sum(),
            }], schema_overrides={"bonus_total": pl.Decimal(14, 2),
                                  "adjustment_total": pl.Decimal(14, 2),
                                  "created_at": pl.Datetime("us", "UTC")}))
    engine.dispose()
    _write(lines, out, created_at)
    return PayrollExport(export_id, month, version, out, not existing, lines)
