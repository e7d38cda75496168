"""Everything read from the warehouse, typed (`read`: a polars frame in the columns' types):
the current versions, the history a month reads, the payroll's state and what the
reports and `kpi explain` show. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError
from flows.storage.connection import check_url
from flows.storage.failures import _sqlite_file, failure
from flows.storage.schema import require_current, schema_state
from schemas import tables as t
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_COMPLETENESS,
    KPI_IMPROVEMENT_PLAN,
    KPI_PAYROLL_ADJUSTMENT,
    KPI_PAYROLL_APPROVAL,
    KPI_PAYROLL_EXPORT,
    KPI_ROSTER_MONTHLY,
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_SCHEME,
    polars_schema,
)
from transforms.months import add_months, previous_month


def read(conn: sa.Connection, statement: sa.Select) -> pl.DataFrame:
    """A select's rows as a frame in its columns' types (`schemas.tables.polars_schema`)."""
    return pl.DataFrame(
        conn.execute(statement).all(),
        orient="row",
        schema=polars_schema(statement.selected_columns),
    )


@dataclass(frozen=True)
class CurrentVersion:
    version: int
    run_id: str
    fingerprint: str | None
    history_digest: str | None


def current_version(conn: sa.Connection, month: date) -> CurrentVersion | None:
    """The month's current version: the newest published run."""
    row = conn.execute(
        sa.select(
            KPI_RUN.c.version, KPI_RUN.c.run_id, KPI_RUN.c.fingerprint, KPI_RUN.c.history_digest
        )
        .where(KPI_RUN.c.month_start == month, KPI_RUN.c.status == "published")
        .order_by(KPI_RUN.c.version.desc())
        .limit(1)
    ).first()
    return CurrentVersion(*row) if row else None


def published_months(conn: sa.Connection) -> list[date]:
    """Every month with a published version, oldest first."""
    return list(
        conn.execute(
            sa.select(KPI_RUN.c.month_start)
            .distinct()
            .where(KPI_RUN.c.status == "published")
            .order_by(KPI_RUN.c.month_start)
        ).scalars()
    )


def warned_months(conn: sa.Connection, before: date) -> pl.DataFrame:
    """``agent_id``, ``month_start`` of every current scorecard with a warning before
    ``before``: what the consecutive-months rule reads (all of it: a run of warnings is
    counted back as far as it goes)."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(a.agent_id, a.month_start).where(
            a.is_current, a.is_warning, a.month_start < before
        ),
    )


def tiered_months(conn: sa.Connection, first: date, before: date) -> pl.DataFrame:
    """``agent_id``, ``month_start``, ``tier``, ``scheme_version`` of every current
    scorecard with a tier from ``first`` up to ``before`` (excluded): what the recognition
    rule reads (`scheme.md` §9.4)."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(a.agent_id, a.month_start, a.tier, a.scheme_version).where(
            a.is_current, a.tier.is_not(None), a.month_start >= first, a.month_start < before
        ),
    )


def recognition_history(
    conn: sa.Connection, month: date, months: int
) -> tuple[pl.DataFrame, dict[str, str]]:
    """What recognition reads for ``month`` when it takes ``months`` in a row, the month
    included: `tiered_months` of the months before it, and `stored_schemes` of theirs."""
    tiered = tiered_months(conn, add_months(month, 1 - months), month)
    return tiered, stored_schemes(conn, tiered["scheme_version"].unique().to_list())


def stored_schemes(conn: sa.Connection, versions: list[str]) -> dict[str, str]:
    """The scheme files' text the warehouse holds for ``versions`` (those it has)."""
    s = KPI_SCHEME.c
    rows = conn.execute(
        sa.select(s.scheme_version, s.content).where(s.scheme_version.in_(versions))
    )
    return dict(rows.all())


def followed_goals(conn: sa.Connection, month: date) -> pl.DataFrame:
    """The goals of earlier months' current interviews that ``month`` follows up (due in
    it or later): ``month_start``, ``row_number``, ``agent_id``, ``goal_metric``,
    ``goal_value``, ``due_month_start``. What a month's statements read from earlier
    months, so part of its history."""
    p = KPI_IMPROVEMENT_PLAN.c
    return read(
        conn,
        sa.select(
            p.month_start, p.row_number, p.agent_id, p.goal_metric, p.goal_value, p.due_month_start
        )
        .where(
            p.is_current,
            p.goal_metric.is_not(None),
            p.month_start < month,
            p.due_month_start >= month,
        )
        .order_by(p.month_start, p.row_number),
    )


def plan_follow_ups(conn: sa.Connection, month: date) -> pl.DataFrame:
    """``v_improvement_plan`` rows of earlier months' interviews still followed up in
    ``month`` (due in it or later): what the month's statements and index show."""
    view = t.VIEWS_BY_NAME["v_improvement_plan"].table()
    return read(
        conn,
        sa.select(view)
        .where(view.c.month_start < month, view.c.due_month_start >= month)
        .order_by(view.c.agent_id, view.c.month_start, view.c.row_number),
    )


def overdue_plan_items(conn: sa.Connection, month: date) -> pl.DataFrame:
    """``v_improvement_plan`` rows still ``open`` although their due month is before
    ``month`` (the due month was never published)."""
    view = t.VIEWS_BY_NAME["v_improvement_plan"].table()
    return read(
        conn,
        sa.select(view)
        .where(view.c.status == "open", view.c.due_month_start < month)
        .order_by(view.c.agent_id, view.c.month_start, view.c.row_number),
    )


def training_need(conn: sa.Connection, month: date) -> pl.DataFrame:
    """``v_training_need`` of ``month``: agents per store and training topic."""
    view = t.VIEWS_BY_NAME["v_training_need"].table()
    return read(
        conn,
        sa.select(view)
        .where(view.c.month_start == month)
        .order_by(view.c.store_id, view.c.agent_count.desc(), view.c.improvement_topic),
    )


def later_runs(conn: sa.Connection, month: date) -> pl.DataFrame:
    """``month_start``, ``run_id``, ``history_digest``, ``scheme_version``,
    ``scheme_sha256`` of the current version of every published month after ``month``."""
    r = KPI_RUN.c
    newest = (
        sa.select(r.month_start, sa.func.max(r.version).label("version"))
        .where(r.status == "published", r.month_start > month)
        .group_by(r.month_start)
        .subquery()
    )
    return read(
        conn,
        sa.select(r.month_start, r.run_id, r.history_digest, r.scheme_version, r.scheme_sha256)
        .join_from(
            KPI_RUN,
            newest,
            sa.and_(r.month_start == newest.c.month_start, r.version == newest.c.version),
        )
        .where(r.status == "published")
        .order_by(r.month_start),
    )


def completeness_baseline(conn: sa.Connection, month: date, months: int) -> pl.DataFrame:
    """``month_start``, ``store_id``, ``source``, ``row_count`` as the current versions of
    the ``months`` months before ``month`` recorded them in ``kpi_completeness``: the
    baseline of `scheme.md` §9.3 (a month published before these records has none)."""
    r, c = KPI_RUN.c, KPI_COMPLETENESS.c
    first = add_months(month, -months)
    newest = (
        sa.select(r.month_start, sa.func.max(r.version).label("version"))
        .where(r.status == "published", r.month_start >= first, r.month_start < month)
        .group_by(r.month_start)
        .subquery()
    )
    current = (
        sa.select(r.run_id, r.month_start)
        .join_from(
            KPI_RUN,
            newest,
            sa.and_(r.month_start == newest.c.month_start, r.version == newest.c.version),
        )
        .where(r.status == "published")
        .subquery()
    )
    return read(
        conn,
        sa.select(current.c.month_start, c.store_id, c.source, c.row_count)
        .join_from(KPI_COMPLETENESS, current, c.run_id == current.c.run_id)
        .order_by(current.c.month_start, c.store_id, c.source),
    )


_BASELINE = (
    KPI_RUN.c.month_start,
    KPI_COMPLETENESS.c.store_id,
    KPI_COMPLETENESS.c.source,
    KPI_COMPLETENESS.c.row_count,
)


def published_period_end(conn: sa.Connection, month: date) -> date | None:
    """The last day of ``month``'s evaluation period as its current version has it; None
    when the month is not published (or was published before periods were recorded)."""
    r = KPI_ROSTER_MONTHLY.c
    return conn.execute(
        sa.select(sa.func.max(r.period_end_on)).where(r.month_start == month, r.is_current)
    ).scalar()


def previous_period_end(engine: sa.Engine, month: date) -> date | None:
    """Where the month's period starts from: the end of the previous month's published
    period (None: it is not published)."""
    with engine.connect() as conn:
        return published_period_end(conn, previous_month(month))


@dataclass(frozen=True)
class MonthHistory:
    """What a month reads from earlier published months before it is validated."""

    baseline: pl.DataFrame  # completeness_baseline
    previous_end_on: date | None  # published_period_end of the month before


def history_if_any(url: str, month: date, baseline_months: int) -> MonthHistory | None:
    """The month's history for a command that only reads (`kpi validate`): None when
    there is no warehouse at ``url`` (nothing is created or changed), an empty baseline
    when it keeps none; a `WarehouseError` when it cannot be read or is at another
    revision."""
    parsed = check_url(url)
    if parsed.get_backend_name() == "sqlite" and not _sqlite_file(parsed).is_file():
        return None
    engine = sa.create_engine(parsed)
    try:
        with engine.connect() as conn:
            none = pl.DataFrame(schema=polars_schema(_BASELINE))
            if schema_state(conn).is_empty:
                return MonthHistory(none, None)
            require_current(conn, parsed)  # an older or newer layout: not read
            previous_end = published_period_end(conn, previous_month(month))
            return MonthHistory(completeness_baseline(conn, month, baseline_months), previous_end)
    except sa.exc.DBAPIError as exc:
        error = failure(exc, parsed)
        if error is None:
            raise
        raise error from None
    finally:
        engine.dispose()


@dataclass(frozen=True)
class MonthState:
    """What a run of a month reads from the warehouse before it computes."""

    base: CurrentVersion | None  # the month's current version
    published: list[date]  # every month with a published version
    warned: pl.DataFrame  # warned_months before the month
    baseline: pl.DataFrame  # completeness_baseline of the month
    tiered: pl.DataFrame  # tiered_months of the recognition's months before the month
    schemes: dict[str, str]  # stored_schemes of those months
    goals: pl.DataFrame  # followed_goals of the month


def month_state(
    engine: sa.Engine, month: date, *, baseline_months: int = 3, recognition_months: int = 3
) -> MonthState:
    """``recognition_months``: how many months in a row recognition takes, the month
    itself included (`recognition_history`)."""
    with engine.connect() as conn:
        return MonthState(
            current_version(conn, month),
            published_months(conn),
            warned_months(conn, month),
            completeness_baseline(conn, month, baseline_months),
            *recognition_history(conn, month, recognition_months),
            followed_goals(conn, month),
        )


def current_agents(conn: sa.Connection, months: list[date]) -> pl.DataFrame:
    """``month_start``, ``agent_id`` of the current scorecards of ``months``."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn, sa.select(a.month_start, a.agent_id).where(a.is_current, a.month_start.in_(months))
    )


def bonuses(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    """Each agent's bonus in a version of the month."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(
            a.agent_id, a.agent_name, a.store_id, a.team_id, a.tier, a.bonus_amount, a.currency
        )
        .where(a.month_start == month, a.version == version)
        .order_by(a.store_id, a.team_id, a.agent_id),
    )


def has_run(conn: sa.Connection, run_id: str) -> bool:
    """Whether the run has its settled ``kpi_run`` row (not only its ``running`` one)."""
    return (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(KPI_RUN)
            .where(KPI_RUN.c.run_id == run_id, KPI_RUN.c.status != "running")
        ).scalar_one()
        > 0
    )


def running_runs(conn: sa.Connection, month: date | None = None) -> pl.DataFrame:
    """``month_start``, ``run_id``, ``started_at``, ``flow_run_id`` of the runs whose row
    still says ``running`` (of ``month``, or of every month), oldest first: runs working
    now, or killed before they finished (`flows.publishing.attempts.settle_killed`)."""
    r = KPI_RUN.c
    query = sa.select(r.month_start, r.run_id, r.started_at, r.flow_run_id).where(
        r.status == "running"
    )
    if month is not None:
        query = query.where(r.month_start == month)
    return read(conn, query.order_by(r.month_start, r.started_at, r.run_id))


def has_lineage(conn: sa.Connection, run_id: str) -> bool:
    return (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(KPI_RUN_INPUT)
            .where(KPI_RUN_INPUT.c.run_id == run_id)
        ).scalar_one()
        > 0
    )


def current_rows(
    conn: sa.Connection,
    table: sa.Table,
    month: date,
    *,
    version: int | None = None,
    order_by: Iterable[str] = (),
) -> pl.DataFrame:
    """A versioned table's rows of the month: the current version's, or ``version``'s."""
    which = table.c.version == version if version is not None else table.c.is_current
    return read(
        conn,
        sa.select(table)
        .where(table.c.month_start == month, which)
        .order_by(*(table.c[c] for c in order_by)),
    )


def recorded_scheme(conn: sa.Connection, run_id: str) -> str | None:
    """The text of the scheme file a run used, if the warehouse holds it."""
    r, s = KPI_RUN.c, KPI_SCHEME.c
    return conn.execute(
        sa.select(s.content)
        .join_from(
            KPI_RUN,
            KPI_SCHEME,
            sa.and_(s.scheme_version == r.scheme_version, s.sha256 == r.scheme_sha256),
        )
        .where(r.run_id == run_id)
    ).scalar()


def payroll_exports(conn: sa.Connection, month: date | None = None) -> pl.DataFrame:
    """Payroll exports (of one month), oldest first."""
    e = KPI_PAYROLL_EXPORT.c
    query = sa.select(KPI_PAYROLL_EXPORT).order_by(e.created_at, e.export_id)
    return read(conn, query if month is None else query.where(e.month_start == month))


def frozen_versions(conn: sa.Connection) -> pl.DataFrame:
    """``month_start``, ``frozen``: the version each exported month's first export paid."""
    e = KPI_PAYROLL_EXPORT.c
    return read(
        conn,
        sa.select(e.month_start, e.version.label("frozen")).where(e.original_export_id.is_(None)),
    )


def adjustments(
    conn: sa.Connection, *, export_id: str | None = None, pending_until: date | None = None
) -> pl.DataFrame:
    """Payroll adjustments carried by ``export_id``, or not yet carried of months up to
    ``pending_until``."""
    a = KPI_PAYROLL_ADJUSTMENT.c
    query = sa.select(KPI_PAYROLL_ADJUSTMENT).order_by(a.month_start, a.agent_id, a.to_version)
    if export_id is not None:
        query = query.where(a.export_id == export_id)
    else:
        query = query.where(a.export_id.is_(None), a.month_start <= pending_until)
    return read(conn, query)


def adjustment_context(conn: sa.Connection, months: list[date]) -> tuple[pl.DataFrame, ...]:
    """What explains the adjustments of ``months``: every version's scorecards (month,
    agent, version, team, score, tier) and applied appeals (month, version, agent,
    appeal id)."""
    a, o = KPI_AGENT_MONTHLY.c, KPI_APPEAL_OUTCOME.c
    cards = read(
        conn,
        sa.select(a.month_start, a.agent_id, a.version, a.team_id, a.score, a.tier).where(
            a.month_start.in_(months)
        ),
    )
    applied = read(
        conn,
        sa.select(o.month_start, o.version, o.agent_id, o.appeal_id).where(
            o.month_start.in_(months), o.is_applied
        ),
    )
    return cards, applied


def carried_adjustments(conn: sa.Connection, months: list[date]) -> pl.DataFrame:
    """``month_start``, ``agent_id``, ``to_version``, ``export_id`` of the adjustments of
    ``months`` that a payroll export carried (or absorbed)."""
    a = KPI_PAYROLL_ADJUSTMENT.c
    return read(
        conn,
        sa.select(a.month_start, a.agent_id, a.to_version, a.export_id).where(
            a.month_start.in_(months), a.export_id.is_not(None)
        ),
    )


def approved_versions(conn: sa.Connection) -> pl.DataFrame:
    """``month_start``, ``version`` of every approved version."""
    p = KPI_PAYROLL_APPROVAL.c
    return read(conn, sa.select(p.month_start, p.version))


def approval(conn: sa.Connection, month: date, version: int) -> dict | None:
    """The sign-off of a version, if any."""
    p = KPI_PAYROLL_APPROVAL.c
    row = conn.execute(
        sa.select(KPI_PAYROLL_APPROVAL).where(p.month_start == month, p.version == version)
    ).first()
    return dict(row._mapping) if row else None


class NotInWarehouse(KpiError):
    """The month, version or store asked for is not in the warehouse."""

    exit_code = 3


@dataclass(frozen=True)
class MonthVersion:
    """One published version of a month, as ``kpi_run`` recorded it."""

    month: date
    version: int
    is_current: bool
    run_id: str
    scheme_version: str
    computed_at: datetime  # UTC
    data_docs: str | None
    warnings: str | None = None  # the run's warnings, one per line
    allow_incomplete: bool = False  # published although incomplete, by choice
    current_version: int | None = None  # the month's current version (this one, or later)


def month_status(
    conn: sa.Connection, first: date | None = None, last: date | None = None
) -> pl.DataFrame:
    """`v_month_status` (one row per month of the warehouse), from ``first`` to ``last``."""
    view = t.V_MONTH_STATUS.table()
    query = sa.select(view).order_by(view.c.month_start)
    if first is not None:
        query = query.where(view.c.month_start >= first)
    if last is not None:
        query = query.where(view.c.month_start <= last)
    return read(conn, query)


def month_version(conn: sa.Connection, month: date, version: int | None = None) -> MonthVersion:
    """The month's current version, or ``version``; `NotInWarehouse` naming what is
    there."""
    r = KPI_RUN.c
    published = conn.execute(
        sa.select(
            r.version, r.run_id, r.scheme_version, r.data_docs, r.warnings, r.allow_incomplete
        )
        .where(r.month_start == month, r.status == "published")
        .order_by(r.version)
    ).all()
    if not published:
        there = ", ".join(f"{m:%Y-%m}" for m in published_months(conn)[-12:]) or "none"
        raise NotInWarehouse(
            f"no published version in the warehouse (published months: {there})", month=month
        )
    by_version = {row.version: row for row in published}
    chosen = max(by_version) if version is None else version
    if chosen not in by_version:
        raise NotInWarehouse(
            f"no version {version} (published versions: {', '.join(map(str, by_version))})",
            month=month,
        )
    a = KPI_AGENT_MONTHLY.c
    computed_at = conn.execute(
        sa.select(sa.func.min(a.computed_at)).where(a.month_start == month, a.version == chosen)
    ).scalar()
    if computed_at is None:
        raise NotInWarehouse(f"version {chosen} has no scorecards", month=month)
    row = by_version[chosen]
    return MonthVersion(
        month,
        chosen,
        chosen == max(by_version),
        row.run_id,
        row.scheme_version,
        computed_at,
        row.data_docs,
        row.warnings,
        bool(row.allow_incomplete),
        max(by_version),
    )


def agent_trend(conn: sa.Connection, month: date, version: int, months: int) -> pl.DataFrame:
    """Score and metric values of the ``months`` months ending with ``month``: earlier
    months' current versions and this month's ``version``."""
    first = month
    for _ in range(months - 1):
        first = previous_month(first)
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(
            a.agent_id,
            a.month_start,
            a.score,
            a.satisfaction_avg,
            a.complaint_rate,
            a.repurchase_rate,
            a.referral_rate,
            a.timely_rate,
        )
        .where(
            sa.or_(
                sa.and_(a.month_start >= first, a.month_start < month, a.is_current),
                sa.and_(a.month_start == month, a.version == version),
            )
        )
        .order_by(a.agent_id, a.month_start),
    )


def run_completeness(conn: sa.Connection, run_id: str) -> pl.DataFrame:
    """How a run judged each store's exports (none for runs before it was judged)."""
    c = KPI_COMPLETENESS.c
    return read(
        conn,
        sa.select(KPI_COMPLETENESS).where(c.run_id == run_id).order_by(c.store_id, c.source),
    )


def run_inputs(conn: sa.Connection, run_id: str) -> pl.DataFrame:
    """A run's input files with their counts."""
    return read(
        conn,
        sa.select(KPI_RUN_INPUT)
        .where(KPI_RUN_INPUT.c.run_id == run_id)
        .order_by(KPI_RUN_INPUT.c.source),
    )


@dataclass(frozen=True)
class PayrollState:
    approved_by: str | None
    approved_at: datetime | None
    exported_version: int | None  # the version the month's first payroll export froze


def payroll_state(conn: sa.Connection, month: date, version: int) -> PayrollState:
    """Who signed the version off, and the version the month's first payroll export froze,
    if any."""
    e = KPI_PAYROLL_EXPORT.c
    exported = conn.execute(
        sa.select(e.version).where(e.month_start == month, e.original_export_id.is_(None))
    ).scalar()
    signed = approval(conn, month, version) or {}
    return PayrollState(signed.get("approved_by"), signed.get("approved_at"), exported)
