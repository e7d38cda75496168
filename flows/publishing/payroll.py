"""The payroll lifecycle (`docs/commands.md`): `kpi approve` signs a month's current
version off; `kpi export payroll` writes the file payroll pays from. Only approved
versions are paid.

The first export of month M needs M's current version approved; it freezes that version
and records itself in ``kpi_payroll_export``; exporting M again rebuilds that same file
from what was recorded, byte for byte (in the same language), and records the re-export.
Payroll adjustments reach payroll exactly once:

- an adjustment of a month X is *payable* once X has been exported (its version frozen),
  it starts at or after that version and the version it leads to (or a later version of
  X) is approved; the first
  export of a month from X on that is not exported yet carries it (as an ``adjustment``
  line that says why): normally the first export of a month after the latest exported
  month (`Carrier`). Re-exports and exports of months exported before carry nothing;
- an adjustment of X that ends at or before X's frozen version is already inside the
  bonuses paid for X: X's first export *absorbs* it (marks it, adds no line);
- every other adjustment waits (for its version's approval, or for its month's first
  export), and an export that leaves some waiting lists them.

An existing ``--out`` file is replaced only when it is a payroll file this warehouse
exported (it carries an export id recorded in ``kpi_payroll_export``: every line of the
file names its export), or with ``overwrite``; anything else is refused before anything
is recorded, so a spreadsheet that happens to have the name is never lost.

The file is in payroll's language (headers and line types from the message catalogue),
store by store with subtotals and a grand total. Every text cell that a spreadsheet could
run as a formula is neutralised with a leading apostrophe; CSV is UTF-8 with a BOM so
Excel on Chinese Windows opens it; the .xlsx has column widths, a frozen header and a
filter.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common import settings
from flows.common.errors import KpiError
from flows.outputs.messages import DEFAULT_LANGUAGE, catalogue
from flows.outputs.sheets import write_table
from flows.storage import connection, failures, reads, writes
from schemas.tables import KPI_PAYROLL_APPROVAL, KPI_PAYROLL_EXPORT, polars_schema
from transforms.months import next_month
from transforms.payroll import PAYROLL_COLUMNS, payroll_lines, with_reasons

SUFFIXES = (".xlsx", ".csv")
EXPORT_ID = re.compile(r"PE\d{6}-[0-9a-f]{10}")  # as export_payroll names an export
# Every line carries its export id, so the file's head (a CSV) or its shared strings (an
# .xlsx; xlsxwriter keeps every text cell there) show it; no need to read a large file.
_HEAD_BYTES = 1 << 20


class PayrollExportError(KpiError):
    exit_code = 3


@dataclass(frozen=True)
class Carrier:
    """What carries the approved adjustments of an exported month X: the first payroll
    export of a month from X on that is not exported yet. ``month``: the first such month
    (`kpi export payroll --month` it); ``latest``: the latest exported month. When
    ``month`` is after ``latest`` (no month between X and ``latest`` is left unexported),
    the carrier is the first export of any month after ``latest``."""

    month: date
    latest: date

    @property
    def after_latest(self) -> bool:
        return self.month > self.latest


def carrier(exported: Iterable[date], month: date) -> Carrier:
    """The `Carrier` of ``month``'s adjustments, given the months exported so far."""
    done = set(exported)
    first = next_month(month)
    while first in done:
        first = next_month(first)
    return Carrier(first, max(done | {month}))


@dataclass
class PayrollExport:
    export_id: str  # this export's id (a re-export has its own)
    month: date
    version: int
    path: Path
    is_first: bool
    lines: pl.DataFrame
    # adjustments left waiting: month_start, to_version, count, delta, waits_for, and for
    # those waiting for an export of a later month carrier_month and latest_exported
    waiting: pl.DataFrame
    file_id: str = ""  # the export id the file carries: the month's first export's

    def __post_init__(self):
        self.file_id = self.file_id or self.export_id

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


def _not_approved(month: date, version: int) -> PayrollExportError:
    return PayrollExportError(
        f"version {version} is not approved, and only approved versions are paid; the "
        f"department head signs it off with: kpi approve --month {month:%Y-%m} --version "
        f"{version} --by NAME",
        month=month,
    )


def _with_approval(adjustments: pl.DataFrame, approved: pl.DataFrame) -> pl.DataFrame:
    """``adjustments`` with ``is_approved``: the version it leads to, or a later version
    of its month, was signed off. Approving version 3 approves the way there: 1 → 2 was
    recorded when 2 was published, and 2 can no longer be approved once 3 is current."""
    through = approved.group_by("month_start").agg(pl.col("version").max().alias("through"))
    return (
        adjustments.join(through, on="month_start", how="left")
        .with_columns(is_approved=(pl.col("to_version") <= pl.col("through")).fill_null(False))
        .drop("through")
    )


def _freeze(conn: sa.Connection, month: date, export_id: str) -> tuple[int, pl.DataFrame]:
    """The first export of the month: the version it freezes (the current one, which must
    be approved), and the adjustments it marks as its own (carried, or absorbed by the
    frozen version)."""
    current = reads.current_version(conn, month)
    if current is None:
        raise PayrollExportError(
            f"no published version; run the month first (kpi run --month {month:%Y-%m})",
            month=month,
        )
    approved = reads.approved_versions(conn)
    if approved.filter(
        (pl.col("month_start") == month) & (pl.col("version") == current.version)
    ).is_empty():
        raise _not_approved(month, current.version)
    frozen = reads.frozen_versions(conn).vstack(
        pl.DataFrame(
            {"month_start": [month], "frozen": [current.version]},
            schema={"month_start": pl.Date, "frozen": pl.Int64},
        )
    )
    payable = (pl.col("from_version") >= pl.col("frozen")) & pl.col("is_approved")
    absorbed = (pl.col("month_start") == month) & (pl.col("to_version") <= pl.col("frozen"))
    marked = (
        _with_approval(
            reads.adjustments(conn, pending_until=month).join(
                frozen, on="month_start", how="inner"
            ),
            approved,
        )
        .filter(payable | absorbed)
        .drop("frozen", "is_approved")
    )
    writes.mark_carried(conn, export_id, marked)
    return current.version, marked


def _waiting(conn: sa.Connection, month: date) -> pl.DataFrame:
    """The adjustments of months up to ``month`` that no export carries yet, and what each
    waits for."""
    pending = reads.adjustments(conn, pending_until=month)
    exported = reads.frozen_versions(conn)
    waiting = (
        _with_approval(pending, reads.approved_versions(conn))
        .join(exported, on="month_start", how="left")
        .group_by("month_start", "to_version")
        .agg(
            pl.len().alias("count"),
            pl.col("delta").sum(),
            pl.col("is_approved").first().fill_null(False),
            pl.col("frozen").first(),
        )
        .with_columns(
            pl.when(~pl.col("is_approved"))
            .then(pl.lit("approval"))
            .when(pl.col("frozen").is_null())
            .then(pl.lit("first_export"))
            .otherwise(pl.lit("next_export"))
            .alias("waits_for")
        )
        .sort("month_start", "to_version")
        .select("month_start", "to_version", "count", "delta", "waits_for")
    )
    months = exported["month_start"].to_list()
    found = [
        (m, carrier(months, m))
        for m in waiting.filter(pl.col("waits_for") == "next_export")["month_start"].unique()
    ]
    carriers = pl.DataFrame(
        {
            "month_start": [m for m, _ in found],
            "carrier_month": [c.month for _, c in found],
            "latest_exported": [c.latest for _, c in found],
        },
        schema={"month_start": pl.Date, "carrier_month": pl.Date, "latest_exported": pl.Date},
    )
    return waiting.join(carriers, on="month_start", how="left").sort("month_start", "to_version")


def _labelled(lines: pl.DataFrame, language: str) -> pl.DataFrame:
    """The lines as payroll reads them: line types and headers in ``language``."""
    t = catalogue(language)
    return lines.with_columns(
        pl.col("line_type").replace_strict(
            {k: t(f"payroll.line.{k}") for k in lines["line_type"].unique()},
            return_dtype=pl.String,
        )
    ).rename({c: t(f"payroll.column.{c}") for c in PAYROLL_COLUMNS})


class _StagedFile:
    """The payroll file written to a temporary name beside ``path`` (so payroll never
    opens half a file), put in place by `install` and taken back by `undo` (the file that
    was at ``path`` before, if any, is restored byte for byte)."""

    def __init__(self, path: Path):
        self.path = path
        self.temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.backup = path.with_name(f".{path.name}.{os.getpid()}.previous")
        self.installed = self.had_previous = False

    def _cannot(self, exc: OSError) -> PayrollExportError:
        return PayrollExportError(
            f"{self.path}: cannot write the payroll file ({exc.strerror or exc}); nothing was "
            "recorded. Choose a writable --out and export again"
        )

    def write(self, lines: pl.DataFrame, created_at: datetime, language: str) -> None:
        try:
            # Written under the final name's suffix (the temporary name has none of its own).
            write_table(
                _labelled(lines, language),
                self.temp,
                sheet="payroll",
                created_at=created_at,  # the same bytes again
                suffix=self.path.suffix,
            )
        except OSError as exc:
            self.temp.unlink(missing_ok=True)
            raise self._cannot(exc) from None

    def install(self) -> None:
        """Rename the file into place, keeping what was there until `done` or `undo`."""
        try:
            if self.path.exists():
                try:
                    os.link(self.path, self.backup)
                except OSError:  # a file system without hard links
                    shutil.copy2(self.path, self.backup)
                self.had_previous = True
            os.replace(self.temp, self.path)
            self.installed = True
        except OSError as exc:
            self.undo()
            raise self._cannot(exc) from None

    def done(self) -> None:
        self.backup.unlink(missing_ok=True)

    def undo(self) -> None:
        """Leave ``path`` as it was before the export."""
        self.temp.unlink(missing_ok=True)
        if self.had_previous:
            os.replace(self.backup, self.path)
        elif self.installed:
            self.path.unlink(missing_ok=True)
        self.installed = self.had_previous = False


def export_ids_in(path: Path) -> set[str]:
    """The payroll export ids written in a file (empty for any other file)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as book, book.open("xl/sharedStrings.xml") as strings:
                head = strings.read(_HEAD_BYTES)
        else:
            with path.open("rb") as file:
                head = file.read(_HEAD_BYTES)
    except (OSError, KeyError, zipfile.BadZipFile):
        return set()
    return set(EXPORT_ID.findall(head.decode("utf-8", "replace")))


def _refuse_foreign(conn: sa.Connection, out: Path) -> None:
    """`PayrollExportError` when ``out`` exists and is no payroll file of this warehouse."""
    if not out.exists():
        return
    found = export_ids_in(out)
    if found and found & set(reads.payroll_exports(conn)["export_id"]):
        return
    raise PayrollExportError(
        f"{out} exists and is not a payroll file this warehouse exported (it carries no "
        "export id of kpi_payroll_export); nothing was written or recorded. Choose another "
        "--out, or add --overwrite to replace it"
    )


def _file_of(
    conn: sa.Connection, month: date, export_id: str, now: datetime
) -> tuple[str, int, datetime, pl.DataFrame]:
    """(file id, version, creation time, carried adjustments) of the month's payroll file:
    the first export's when there is one (a later export reproduces its file), else this
    export's, freezing the month's version and marking what it carries."""
    earlier = reads.payroll_exports(conn, month).filter(pl.col("original_export_id").is_null())
    if earlier.height:
        first = earlier.row(0, named=True)
        file_id, version, created_at = (
            first["export_id"],
            first["version"],
            first["created_at"],
        )
        return (
            file_id,
            version,
            created_at,
            _carried(reads.adjustments(conn, export_id=file_id), month, version),
        )
    version, marked = _freeze(conn, month, export_id)
    return export_id, version, now, _carried(marked, month, version)


def _record(
    conn: sa.Connection,
    lines: pl.DataFrame,
    *,
    month: date,
    version: int,
    export_id: str,
    file_id: str,
    now: datetime,
    out: Path,
) -> None:
    """The export's row of kpi_payroll_export, with the file's totals."""
    totals = {
        f"{kind}_total": lines.filter(pl.col("line_type") == kind)["amount"].sum()
        for kind in ("bonus", "adjustment")
    }
    writes.write_frame(
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
                    **totals,
                    "original_export_id": None if file_id == export_id else file_id,
                }
            ],
            schema=polars_schema(KPI_PAYROLL_EXPORT.columns),
        ),
    )


def export_payroll(
    month: date, out: Path, *, language: str = DEFAULT_LANGUAGE, overwrite: bool = False
) -> PayrollExport:
    """The payroll file of ``month`` at ``out`` (.xlsx or .csv) and its record, all or
    nothing: the file is written to a temporary name, the export recorded (with what it
    marks) in a transaction, the file renamed into place, and the transaction committed;
    when anything fails, nothing is recorded and ``out`` is left as it was. An existing
    ``out`` that is no payroll file of this warehouse is refused unless ``overwrite``."""
    if out.suffix.lower() not in SUFFIXES:
        raise PayrollExportError(f"{out}: the payroll file must end in .xlsx or .csv")
    url = settings.warehouse_url()
    engine = connection.connect(url, upgrade=False)
    export_id, now = f"PE{month:%Y%m}-{uuid.uuid4().hex[:10]}", datetime.now(UTC)
    staged = _StagedFile(out)
    try:
        with engine.begin() as conn:
            if not overwrite:
                _refuse_foreign(conn, out)
            file_id, version, created_at, carried = _file_of(conn, month, export_id, now)
            months = carried["month_start"].unique().to_list()
            cards, applied = reads.adjustment_context(conn, months)
            lines = payroll_lines(
                reads.bonuses(conn, month, version),
                with_reasons(
                    carried,
                    cards,
                    applied,
                    reads.frozen_versions(conn),
                    reads.carried_adjustments(conn, months),
                    file_id,
                ),
                export_id=file_id,
                month_start=month,
                version=version,
            )
            staged.write(lines, created_at, language)
            _record(
                conn,
                lines,
                month=month,
                version=version,
                export_id=export_id,
                file_id=file_id,
                now=now,
                out=out,
            )
            waiting = _waiting(conn, month)
            staged.install()  # the commit follows; if it fails, undo() takes the file back
    except BaseException as exc:
        staged.undo()
        if isinstance(exc, sa.exc.IntegrityError):
            raise PayrollExportError(
                "another payroll export of this month was made at the same moment; export "
                "again (it reproduces that export's file)",
                month=month,
            ) from None
        if isinstance(exc, sa.exc.DBAPIError):
            error = failures.failure(exc, url)
            if error is not None:
                error.month = month
                raise error from exc
        raise
    finally:
        engine.dispose()
    staged.done()
    return PayrollExport(
        export_id, month, version, out, file_id == export_id, lines, waiting, file_id
    )


@dataclass
class Approval:
    month: date
    version: int
    approved_by: str
    approved_at: datetime
    is_new: bool  # False: the version was approved before (nothing changed)
    # None: the month is not exported yet, so its first export pays the version; else what
    # carries the version's adjustments (the difference to the version paid)
    carrier: Carrier | None = None
    waiting: int = 0  # the month's adjustments no export carried yet
    carrier_approved: bool = False  # the carrier month's current version is signed off


def approve(
    month: date, by: str, *, version: int | None = None, note: str | None = None
) -> Approval:
    """Sign off the month's current version (``version``, if given, must be it); approving
    an approved version again changes nothing."""
    engine = connection.connect(settings.warehouse_url(), upgrade=False)
    try:
        with engine.begin() as conn:
            current = reads.current_version(conn, month)
            if current is None:
                raise PayrollExportError(
                    f"no published version to approve; run the month first (kpi run --month "
                    f"{month:%Y-%m})",
                    month=month,
                )
            if version is not None and version != current.version:
                raise PayrollExportError(
                    f"version {version} is not the current one (version {current.version} is); "
                    "only the current version can be approved",
                    month=month,
                )
            exported = reads.frozen_versions(conn)["month_start"].to_list()
            paid_by = carrier(exported, month) if month in exported else None
            waiting = (
                reads.adjustments(conn, pending_until=month)
                .filter(pl.col("month_start") == month)
                .height
            )
            carrier_current = (
                reads.current_version(conn, paid_by.month) if paid_by is not None else None
            )
            carrier_approved = carrier_current is not None and (
                reads.approval(conn, paid_by.month, carrier_current.version) is not None
            )
            earlier = reads.approval(conn, month, current.version)
            if earlier:
                return Approval(
                    month,
                    current.version,
                    earlier["approved_by"],
                    earlier["approved_at"],
                    False,
                    paid_by,
                    waiting,
                    carrier_approved,
                )
            now = datetime.now(UTC)
            writes.write_frame(
                conn,
                KPI_PAYROLL_APPROVAL,
                pl.DataFrame(
                    [
                        {
                            "month_start": month,
                            "version": current.version,
                            "run_id": current.run_id,
                            "approved_by": by,
                            "approved_at": now,
                            "note": note,
                        }
                    ],
                    schema=polars_schema(KPI_PAYROLL_APPROVAL.columns),
                ),
            )
    except sa.exc.IntegrityError:  # approved at the same moment by someone else
        return approve(month, by, version=version, note=note)
    finally:
        engine.dispose()
    return Approval(month, current.version, by, now, True, paid_by, waiting, carrier_approved)
