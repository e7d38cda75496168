"""What the report site reads from the warehouse, as typed polars frames.

Every SQL statement of `kpi report` is here (to be folded into `flows/warehouse.py`).
It only reads: no DDL, no writes, so it works on a read-only warehouse copy or role,
SQLite or PostgreSQL. A month, version or store that is not there is a `ReportNotFound`
(exit 3) naming it and what is there; a warehouse that does not answer is a
`flows.warehouse.WarehouseError` (exit 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.errors import KpiError
from flows.warehouse import WarehouseError, safe_url
from transforms.months import previous_month

TREND_MONTHS = 6
SCORE = pl.Decimal(5, 2)
ADJUSTMENT = pl.Decimal(6, 2)
MONEY = pl.Decimal(12, 2)

AGENT_SCHEMA = {
    "month_start": pl.Date,
    "agent_id": pl.String,
    "agent_name": pl.String,
    "store_id": pl.String,
    "team_id": pl.String,
    "version": pl.Int64,
    "run_id": pl.String,
    "scheme_version": pl.String,
    "status": pl.String,
    "customers_received": pl.Int64,
    "survey_count": pl.Int64,
    "votes_1": pl.Int64,
    "votes_2": pl.Int64,
    "votes_3": pl.Int64,
    "votes_4": pl.Int64,
    "votes_5": pl.Int64,
    "satisfaction_avg": pl.Float64,
    "complaint_count": pl.Int64,
    "complaint_customers": pl.Int64,
    "complaint_rate": pl.Float64,
    "first_purchase_customers": pl.Int64,
    "repeat_purchase_customers": pl.Int64,
    "referral_customers": pl.Int64,
    "repurchase_rate": pl.Float64,
    "referral_rate": pl.Float64,
    "consultation_count": pl.Int64,
    "timely_count": pl.Int64,
    "timely_rate": pl.Float64,
    "satisfaction_points": pl.Float64,
    "complaint_points": pl.Float64,
    "loyalty_points": pl.Float64,
    "timeliness_points": pl.Float64,
    "satisfaction_weight": pl.Float64,
    "complaint_weight": pl.Float64,
    "loyalty_weight": pl.Float64,
    "timeliness_weight": pl.Float64,
    "score_before_adjustment": SCORE,
    "score_adjustment": ADJUSTMENT,
    "score": SCORE,
    "tier": pl.String,
    "bonus_amount": MONEY,
    "currency": pl.String,
    "consecutive_months_below_60": pl.Int64,
    "is_warning": pl.Boolean,
    "is_demotion_review": pl.Boolean,
    "is_complaint_review": pl.Boolean,
    "improvement_focus": pl.String,
    "improvement_topic": pl.String,
    "period_start_on": pl.Date,
    "period_end_on": pl.Date,
}
# Columns a warehouse of an older (or newer) layout may lack: read as null then.
_OPTIONAL = ("currency", "period_start_on", "period_end_on")
TREND_SCHEMA = {
    "agent_id": pl.String,
    "month_start": pl.Date,
    "score": SCORE,
    "satisfaction_avg": pl.Float64,
    "complaint_rate": pl.Float64,
    "repurchase_rate": pl.Float64,
    "referral_rate": pl.Float64,
    "timely_rate": pl.Float64,
}
TEAM_SCHEMA = {
    "store_id": pl.String,
    "team_id": pl.String,
    "agent_count": pl.Int64,
    "customers_received": pl.Int64,
    "survey_count": pl.Int64,
    "satisfaction_avg": pl.Float64,
    "satisfaction_pct": pl.Float64,
    "satisfied_share": pl.Float64,
    "complaint_count": pl.Int64,
    "complaint_rate": pl.Float64,
    "consultation_count": pl.Int64,
    "timely_count": pl.Int64,
    "is_team_reward": pl.Boolean,
    "is_satisfaction_target_met": pl.Boolean,
    "is_complaint_target_met": pl.Boolean,
    "is_timeliness_target_met": pl.Boolean,
}
APPEAL_SCHEMA = {
    "appeal_id": pl.String,
    "agent_id": pl.String,
    "kind": pl.String,
    "is_applied": pl.Boolean,
    "reason": pl.String,
    "deadline_on": pl.Date,
}
INPUT_SCHEMA = {
    "source": pl.String,
    "file_name": pl.String,
    "encoding": pl.String,
    "rows_read": pl.Int64,
    "rows_accepted": pl.Int64,
    "rows_rejected": pl.Int64,
    "rows_duplicate": pl.Int64,
    "rows_out_of_period": pl.Int64,
}
_SA_TYPES = {
    pl.Date: sa.Date(),
    pl.Boolean: sa.Boolean(),
    pl.Float64: sa.Float(),
    pl.Int64: sa.Integer(),
    pl.String: sa.String(),
}


class ReportNotFound(KpiError):
    """The month, version or store asked for is not in the warehouse."""

    exit_code = 3


@dataclass(frozen=True)
class MonthVersion:
    """One published version of a month, as `kpi_run` recorded it."""

    month: date
    version: int
    is_current: bool
    run_id: str
    scheme_version: str
    computed_at: datetime  # UTC, naive
    data_docs: str | None


@dataclass(frozen=True)
class PayrollState:
    approved_by: str | None
    approved_at: datetime | None
    exported_version: int | None  # the version the month's first payroll export froze


def _sa_type(dtype: pl.DataType) -> sa.types.TypeEngine:
    if isinstance(dtype, pl.Decimal):
        return sa.Numeric(dtype.precision, dtype.scale, asdecimal=True)
    return _SA_TYPES[dtype]


def _frame(conn: sa.Connection, sql: str, schema: dict, **params) -> pl.DataFrame:
    """A query's rows as a frame of exactly ``schema`` (its columns, in order)."""
    statement = sa.text(sql).columns(**{k: _sa_type(v) for k, v in schema.items()})
    rows = conn.execute(statement, params).all()
    return pl.DataFrame(rows, schema=schema, orient="row")


def _utc(value) -> datetime:
    if isinstance(value, str):  # SQLite without a declared type
        value = datetime.fromisoformat(value)
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def open_warehouse(url: str) -> sa.Engine:
    """An engine for reading; never creates anything (an SQLite file must exist)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise WarehouseError(f"{url!r} is not a database URL; see --warehouse") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = Path(parsed.database or "")
        if not parsed.database or not path.is_file():
            raise WarehouseError(
                f"there is no SQLite warehouse at {path}; check --warehouse (KPI_WAREHOUSE_URL)"
            )
    elif backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
    else:
        raise WarehouseError(
            f"{safe_url(parsed)}: only SQLite and PostgreSQL warehouses are supported"
        )
    return sa.create_engine(
        parsed, connect_args={"connect_timeout": 10} if backend == "postgresql" else {}
    )


def unreachable(engine: sa.Engine, exc: BaseException) -> WarehouseError:
    orig = getattr(exc, "orig", None) or exc
    reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return WarehouseError(
        f"cannot read the warehouse at {safe_url(engine.url)}: {reason}. Check that the "
        "database server is running and the URL, user and password (KPI_WAREHOUSE_URL)"
    )


def month_version(conn: sa.Connection, month: date, version: int | None) -> MonthVersion:
    """The month's current version, or ``version``; ReportNotFound naming what exists."""
    if "kpi_run" not in sa.inspect(conn).get_table_names():
        raise ReportNotFound(
            f"month {month:%Y-%m}: the warehouse has no published month yet (run kpi run first)"
        )
    published = (
        conn.execute(
            sa.text(
                "SELECT version FROM kpi_run WHERE month_start = :m AND status = 'published' "
                "ORDER BY version"
            ),
            {"m": month},
        )
        .scalars()
        .all()
    )
    if not published:
        months = (
            conn.execute(
                sa.text(
                    "SELECT DISTINCT month_start FROM kpi_run WHERE status = 'published' "
                    "ORDER BY month_start"
                ).columns(month_start=sa.Date)
            )
            .scalars()
            .all()
        )
        there = ", ".join(f"{m:%Y-%m}" for m in months[-12:]) or "none"
        raise ReportNotFound(
            f"month {month:%Y-%m} has no published version in the warehouse "
            f"(published months: {there})"
        )
    current = max(published)
    chosen = current if version is None else version
    if chosen not in published:
        raise ReportNotFound(
            f"month {month:%Y-%m} has no version {version} (published versions: "
            f"{', '.join(map(str, published))})"
        )
    row = conn.execute(
        sa.text(
            "SELECT r.run_id, r.scheme_version, r.data_docs, "
            "(SELECT MIN(a.computed_at) FROM kpi_agent_monthly a WHERE a.month_start = :m "
            "AND a.version = :v) AS computed_at FROM kpi_run r WHERE r.month_start = :m "
            "AND r.status = 'published' AND r.version = :v"
        ).columns(computed_at=sa.DateTime()),
        {"m": month, "v": chosen},
    ).one()
    if row.computed_at is None:
        raise ReportNotFound(f"month {month:%Y-%m} version {chosen} has no scorecards")
    return MonthVersion(
        month,
        chosen,
        chosen == current,
        row.run_id,
        row.scheme_version,
        _utc(row.computed_at),
        row.data_docs,
    )


def agent_cards(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    """Every scorecard of the version, in store, team, agent order."""
    have = {c["name"] for c in sa.inspect(conn).get_columns("kpi_agent_monthly")}
    columns = ", ".join(
        c if c in have or c not in _OPTIONAL else f"NULL AS {c}" for c in AGENT_SCHEMA
    )
    return _frame(
        conn,
        f"SELECT {columns} FROM kpi_agent_monthly WHERE month_start = :m "
        "AND version = :v ORDER BY store_id, team_id, agent_id",
        AGENT_SCHEMA,
        m=month,
        v=version,
    )


def agent_trend(
    conn: sa.Connection, month: date, version: int, months: int = TREND_MONTHS
) -> pl.DataFrame:
    """Score and metric values of the ``months`` months ending with ``month``: earlier
    months' current versions and this month's ``version``."""
    first = month
    for _ in range(months - 1):
        first = previous_month(first)
    return _frame(
        conn,
        f"SELECT {', '.join(TREND_SCHEMA)} FROM kpi_agent_monthly WHERE "
        "(month_start >= :first AND month_start < :m AND is_current) OR "
        "(month_start = :m AND version = :v) ORDER BY agent_id, month_start",
        TREND_SCHEMA,
        first=first,
        m=month,
        v=version,
    )


def team_rows(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    return _frame(
        conn,
        f"SELECT {', '.join(TEAM_SCHEMA)} FROM kpi_team_monthly WHERE "
        "month_start = :m AND version = :v ORDER BY store_id, team_id",
        TEAM_SCHEMA,
        m=month,
        v=version,
    )


def appeal_outcomes(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    return _frame(
        conn,
        f"SELECT {', '.join(APPEAL_SCHEMA)} FROM kpi_appeal_outcome WHERE "
        "month_start = :m AND version = :v ORDER BY agent_id, appeal_id",
        APPEAL_SCHEMA,
        m=month,
        v=version,
    )


def run_inputs(conn: sa.Connection, run_id: str) -> pl.DataFrame:
    """The run's input files and their counts, roster first as the run read them."""
    order = (
        "agents",
        "receptions",
        "surveys",
        "complaints",
        "purchases",
        "consultations",
        "appeals",
    )
    frame = _frame(
        conn,
        f"SELECT {', '.join(INPUT_SCHEMA)} FROM kpi_run_input WHERE run_id = :r",
        INPUT_SCHEMA,
        r=run_id,
    )
    rank = {s: i for i, s in enumerate(order)}
    return frame.sort(
        pl.col("source").replace_strict(rank, default=len(order), return_dtype=pl.Int64),
        "file_name",
    )


def payroll_state(conn: sa.Connection, month: date, version: int) -> PayrollState:
    """Sign-off of this version (when the warehouse records approvals) and the version
    the month's payroll export froze, if any."""
    tables = set(sa.inspect(conn).get_table_names())
    approved_by = approved_at = exported = None
    if "kpi_payroll_approval" in tables:
        row = conn.execute(
            sa.text(
                "SELECT approved_by, approved_at FROM kpi_payroll_approval WHERE month_start = :m "
                "AND version = :v ORDER BY approved_at LIMIT 1"
            ).columns(approved_at=sa.DateTime()),
            {"m": month, "v": version},
        ).first()
        if row:
            approved_by, approved_at = row.approved_by, _utc(row.approved_at)
    if "kpi_payroll_export" in tables:
        exported = conn.execute(
            sa.text(
                "SELECT version FROM kpi_payroll_export WHERE month_start = :m "
                "ORDER BY created_at LIMIT 1"
            ),
            {"m": month},
        ).scalar()
    return PayrollState(approved_by, approved_at, exported)
