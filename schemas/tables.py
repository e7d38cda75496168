"""The warehouse's tables and views (`warehouse.md`): the one place they are defined.

Every table is SQLAlchemy Core metadata whose columns carry their comment (meaning,
unit, grain). Everything else derives from it:
- the DDL the pipeline runs (`create_statements`, per dialect: comments inside the
  ``CREATE`` text, which is where SQLite keeps them; PostgreSQL also gets them as
  ``COMMENT ON``);
- ``sql/<name>.sql``, the readable DDL for BI and DBAs, and the column reference of
  ``docs/warehouse.md``, both written by ``python -m schemas.tables`` and tested to
  match;
- the polars schema of every typed read (`polars_schema`);
- the pandera output models (`schemas.kpi_agent_monthly`, `schemas.kpi_team_monthly`);
- the columns a transform produces (`computed_columns`).

Tables may gain columns, never lose or rename one (`warehouse.md`). A change here is a
schema revision (`schemas.revisions`): an older warehouse is upgraded to it in place. A
new column goes last in its table, where PostgreSQL adds it to an existing one, so that
an upgraded table and a new one have their columns in the same order.

This module imports only SQLAlchemy and polars, so reading commands stay light.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import sqlalchemy as sa

METADATA = sa.MetaData()


class UtcDateTime(sa.types.TypeDecorator):
    """A UTC instant: ``timestamp with time zone`` on PostgreSQL; on SQLite, which has no
    zones, stored as UTC text and read back with its UTC zone attached."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        from datetime import UTC

        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


TEXT, INTEGER, DATE, BOOLEAN = sa.Text(), sa.Integer(), sa.Date(), sa.Boolean()
DOUBLE = sa.DOUBLE_PRECISION()
TIMESTAMP = UtcDateTime()


def _c(
    name: str, type_: sa.types.TypeEngine, comment: str, *, null: bool = False, key: bool = False
) -> sa.Column:
    return sa.Column(name, type_, nullable=null and not key, primary_key=key, comment=comment)


def _table(name: str, comment: str, *columns: sa.Column, indexes: tuple = ()) -> sa.Table:
    table = sa.Table(name, METADATA, *columns, comment=comment)
    for index_name, index_columns, unique, *where in indexes:
        # A partial index (``where``: SQL that both dialects read the same way).
        kw = {f"{d}_where": sa.text(where[0]) for d in ("sqlite", "postgresql")} if where else {}
        sa.Index(index_name, *(table.c[c] for c in index_columns), unique=unique, **kw)
    return table


def _month_columns(month_comment: str) -> list[sa.Column]:
    """The month and its evaluation period, first in the monthly result tables."""
    return [
        _c("month_start", DATE, month_comment, key=True),
        _c(
            "period_start_on",
            DATE,
            "first day of the month's evaluation period "
            "(the calendar month's first day unless the scheme sets period.end_day)",
            null=True,
        ),
        _c("period_end_on", DATE, "last day of the evaluation period, inclusive", null=True),
    ]


KPI_RUN = _table(
    "kpi_run",
    "the run log. Grain: one row per run of a month, published, unchanged or failed.",
    _c("run_id", TEXT, "identifier of the run", key=True),
    _c("month_start", DATE, "first day of the month run"),
    _c("status", TEXT, "running (until the run ends), published, unchanged or failed"),
    _c(
        "version",
        INTEGER,
        "the version published, or the month's current version for unchanged and failed runs",
        null=True,
    ),
    _c(
        "fingerprint",
        TEXT,
        "hash of the input files, the scheme file, the month's period and history_digest; "
        "an equal fingerprint means nothing the month reads changed",
        null=True,
    ),
    _c("scheme_version", TEXT, "version of the scheme file used", null=True),
    _c("code_version", TEXT, "version of the pipeline code", null=True),
    _c("started_at", TIMESTAMP, "when the run started (UTC)"),
    _c("finished_at", TIMESTAMP, "when the run ended (UTC); null while it runs", null=True),
    _c("error", TEXT, "why the run failed; null unless failed", null=True),
    _c(
        "warnings",
        TEXT,
        "notes for the operator, one per line (stale later months, calendar gaps, ...)",
        null=True,
    ),
    _c(
        "allow_rejects",
        BOOLEAN,
        "published over the reject threshold by the operator's "
        "choice (--allow-rejects while a file was over it)",
    ),
    _c(
        "allow_incomplete",
        BOOLEAN,
        "published although a store's export was incomplete against its own history, by the "
        "operator's choice (--allow-incomplete while a store was judged incomplete; "
        "see kpi_completeness)",
    ),
    _c("data_docs", TEXT, "where the quality gate's report is", null=True),
    _c(
        "history_digest",
        TEXT,
        "hash of what the run read from earlier months: each agent's consecutive warned "
        "months ending the month before, the stores' completeness baseline and where the "
        "previous month's published period ended",
        null=True,
    ),
    _c("flow_run_id", TEXT, "the Prefect flow run that ran it; null outside Prefect", null=True),
    _c(
        "scheme_sha256",
        TEXT,
        "SHA-256 of the scheme file used (its content is in kpi_scheme); null for runs "
        "before it was recorded",
        null=True,
    ),
    indexes=(
        ("kpi_run_month", ("month_start", "status"), False),
        # At most one published run per version of a month.
        ("kpi_run_published_version", ("month_start", "version"), True, "status = 'published'"),
    ),
)

KPI_RUN_INPUT = _table(
    "kpi_run_input",
    "lineage of a run's input files. Grain: one row per (run_id, source file).",
    _c("run_id", TEXT, "the run that read the file", key=True),
    _c("month_start", DATE, "the month run"),
    _c(
        "source",
        TEXT,
        "agents, receptions, surveys, complaints, purchases, consultations or appeals",
        key=True,
    ),
    _c("file_name", TEXT, "the file's name in the month folder"),
    _c("file_sha256", TEXT, "SHA-256 of the file's bytes"),
    _c("encoding", TEXT, "utf-8, utf-8-sig, gb18030, xlsx or xls"),
    _c(
        "sheet",
        TEXT,
        "the spreadsheet's sheet read (its first visible one); null for CSV",
        null=True,
    ),
    _c(
        "rows_skipped",
        INTEGER,
        "footer rows skipped (合计, 总计, 小计, 制表 ...): not data, not rows read; "
        "null for runs before they were counted",
        null=True,
    ),
    _c("rows_read", INTEGER, "data rows read (blank rows are not rows)"),
    _c("rows_accepted", INTEGER, "rows used in the calculation"),
    _c("rows_rejected", INTEGER, "rows quarantined (see kpi_rejected_row)"),
    _c("rows_duplicate", INTEGER, "exact duplicates collapsed"),
    _c(
        "rows_out_of_period", INTEGER, "rows of another month; rows_read = the four counts added up"
    ),
)

KPI_REJECTED_ROW = _table(
    "kpi_rejected_row",
    "the quarantine. Grain: one row per rejected input row and run.",
    _c("run_id", TEXT, "the run that rejected the row", key=True),
    _c("month_start", DATE, "the month run"),
    _c("source", TEXT, "the export the row came from", key=True),
    _c("file_name", TEXT, "the file's name in the month folder"),
    _c("row_number", INTEGER, "1-based position among the file's data rows", key=True),
    _c(
        "source_line",
        INTEGER,
        "where the clerk finds the row: the CSV line or the spreadsheet row number, counting "
        "title and header lines; null for runs before it was recorded",
        null=True,
    ),
    _c("record_id", TEXT, "the row's id as read; null when missing", null=True),
    _c("reasons", TEXT, "reason codes joined with ';' in the order of the input contract"),
    _c("raw", TEXT, "the row's contract columns as read, JSON"),
)

KPI_AGENT_MONTHLY = _table(
    "kpi_agent_monthly",
    "an agent's monthly scorecard (绩效考核). Grain: one row per (month_start, agent_id, "
    "version); BI and payroll read the current version (is_current).",
    *_month_columns("first day of the month scored"),
    _c("agent_id", TEXT, "agent (客服工号) from the roster", key=True),
    _c("agent_name", TEXT, "agent name from the month's roster"),
    _c("store_id", TEXT, "the agent's roster store"),
    _c("team_id", TEXT, "the agent's roster team; the store_id when the roster has none"),
    _c("version", INTEGER, "1, 2, ... per month; each publish of the month adds one", key=True),
    _c("is_current", BOOLEAN, "true on the one version payroll and BI use"),
    _c("run_id", TEXT, "the run that wrote the row (see kpi_run)"),
    _c("scheme_version", TEXT, "version of the scheme file used"),
    _c("status", TEXT, "scored, or insufficient_data when no metric had enough samples"),
    _c("customers_received", INTEGER, "distinct customers in the agent's receptions"),
    _c("survey_count", INTEGER, "satisfaction surveys (after voided ones)"),
    _c("votes_1", INTEGER, "surveys rated 1 (非常不满意)"),
    _c("votes_2", INTEGER, "surveys rated 2 (不满意)"),
    _c("votes_3", INTEGER, "surveys rated 3 (一般)"),
    _c("votes_4", INTEGER, "surveys rated 4 (满意)"),
    _c("votes_5", INTEGER, "surveys rated 5 (非常满意)"),
    _c("satisfaction_avg", DOUBLE, "mean rating, 1..5; null when no surveys", null=True),
    _c("complaint_count", INTEGER, "valid complaints"),
    _c("complaint_customers", INTEGER, "distinct customers of valid complaints"),
    _c(
        "complaint_rate",
        DOUBLE,
        "fraction: complaint_customers / customers_received; null when none received",
        null=True,
    ),
    _c("first_purchase_customers", INTEGER, "distinct customers with a first purchase (首购)"),
    _c(
        "repeat_purchase_customers",
        INTEGER,
        "distinct customers with an additional or replacement purchase (二次购买)",
    ),
    _c("referral_customers", INTEGER, "distinct customers who bought on a referral"),
    _c(
        "repurchase_rate",
        DOUBLE,
        "fraction (can exceed 1): repeat / first purchase customers; null when no first purchase",
        null=True,
    ),
    _c(
        "referral_rate",
        DOUBLE,
        "fraction: referral_customers / customers_received; null when none received",
        null=True,
    ),
    _c("consultation_count", INTEGER, "consultations handled"),
    _c("timely_count", INTEGER, "consultations answered and resolved within the channel's SLA"),
    _c(
        "timely_rate",
        DOUBLE,
        "fraction 0..1: timely_count / consultation_count; null when none",
        null=True,
    ),
    _c(
        "satisfaction_points",
        DOUBLE,
        "points earned, unrounded; null when satisfaction is N/A",
        null=True,
    ),
    _c(
        "complaint_points",
        DOUBLE,
        "points earned, unrounded; null when complaint_rate is N/A",
        null=True,
    ),
    _c("loyalty_points", DOUBLE, "points earned, unrounded; null when loyalty is N/A", null=True),
    _c(
        "timeliness_points",
        DOUBLE,
        "points earned, unrounded; null when timeliness is N/A",
        null=True,
    ),
    _c(
        "satisfaction_weight",
        DOUBLE,
        "effective weight after redistribution, points; null when N/A",
        null=True,
    ),
    _c(
        "complaint_weight",
        DOUBLE,
        "effective weight after redistribution, points; null when N/A",
        null=True,
    ),
    _c(
        "loyalty_weight",
        DOUBLE,
        "effective weight after redistribution, points; null when N/A",
        null=True,
    ),
    _c(
        "timeliness_weight",
        DOUBLE,
        "effective weight after redistribution, points; null when N/A",
        null=True,
    ),
    _c(
        "score_before_adjustment",
        sa.Numeric(5, 2),
        "sum of points rounded half-up to 2 decimals; null when insufficient_data",
        null=True,
    ),
    _c(
        "score_adjustment",
        sa.Numeric(6, 2),
        "sum of applied adjust_score appeals within -100..100 (no score moves further); 0 "
        "when none",
    ),
    _c("score", sa.Numeric(5, 2), "final score 0..100; null when insufficient_data", null=True),
    _c("tier", TEXT, "bonus tier reached; null when insufficient_data", null=True),
    _c("bonus_amount", sa.Numeric(12, 2), "the tier's bonus in the scheme's currency"),
    _c("currency", TEXT, "the scheme's currency of bonus_amount (e.g. CNY)", null=True),
    _c(
        "consecutive_months_below_60",
        INTEGER,
        "consecutive months with a warning, ending with this one",
    ),
    _c(
        "is_warning", BOOLEAN, "score below the scheme's warning line: warning and improvement plan"
    ),
    _c(
        "is_demotion_review",
        BOOLEAN,
        "warned for the scheme's number of consecutive months: demotion or transfer review",
    ),
    _c("is_complaint_review", BOOLEAN, "complaint_count reached the scheme's review line"),
    _c(
        "improvement_focus",
        TEXT,
        "metric key that lost the most points; null when none lost",
        null=True,
    ),
    _c("improvement_topic", TEXT, "the scheme's training topic for improvement_focus", null=True),
    _c("computed_at", TIMESTAMP, "when the row was computed (UTC)"),
    indexes=(("kpi_agent_monthly_current", ("month_start", "is_current"), False),),
)

KPI_TEAM_MONTHLY = _table(
    "kpi_team_monthly",
    "a team's pooled monthly metrics, team reward (团队奖励) and department targets. Grain: "
    "one row per (month_start, store_id, team_id, version).",
    *_month_columns("first day of the month"),
    _c("store_id", TEXT, "store of the team", key=True),
    _c("team_id", TEXT, "team within the store; the store_id when the store is one team", key=True),
    _c("version", INTEGER, "version of the month (see kpi_agent_monthly)", key=True),
    _c("is_current", BOOLEAN, "true on the version BI uses"),
    _c("run_id", TEXT, "the run that wrote the row"),
    _c("scheme_version", TEXT, "version of the scheme file used"),
    _c("agent_count", INTEGER, "active agents of the team"),
    _c("customers_received", INTEGER, "distinct customers received over the team"),
    _c("survey_count", INTEGER, "surveys over the team"),
    _c(
        "satisfaction_avg",
        DOUBLE,
        "mean rating 1..5 over the team; null when no surveys",
        null=True,
    ),
    _c("satisfaction_pct", DOUBLE, "fraction 0..1: satisfaction_avg / 5", null=True),
    _c("satisfied_share", DOUBLE, "fraction 0..1 of surveys rated 4 or 5", null=True),
    _c("complaint_count", INTEGER, "valid complaints over the team"),
    _c(
        "complaint_rate",
        DOUBLE,
        "fraction: distinct complaint customers / customers_received; null when none received",
        null=True,
    ),
    _c("consultation_count", INTEGER, "consultations over the team"),
    _c("timely_count", INTEGER, "timely consultations over the team"),
    _c("is_team_reward", BOOLEAN, "the team earned the team reward"),
    _c(
        "is_satisfaction_target_met",
        BOOLEAN,
        "satisfaction_pct reached the scheme target; null without target or value",
        null=True,
    ),
    _c(
        "is_complaint_target_met",
        BOOLEAN,
        "complaint_rate within the scheme target; null without target or value",
        null=True,
    ),
    _c(
        "is_timeliness_target_met",
        BOOLEAN,
        "timely rate reached the scheme target; null without target or value",
        null=True,
    ),
    indexes=(("kpi_team_monthly_current", ("month_start", "is_current"), False),),
)

KPI_APPEAL_OUTCOME = _table(
    "kpi_appeal_outcome",
    "what became of each valid appeal (绩效申诉). Grain: one row per appeal read, per "
    "published version.",
    _c("run_id", TEXT, "the run that decided it"),
    _c("month_start", DATE, "the month run", key=True),
    _c("version", INTEGER, "the version of the month it belongs to", key=True),
    _c("is_current", BOOLEAN, "true on the month's current version"),
    _c("appeal_id", TEXT, "the appeal's id", key=True),
    _c("agent_id", TEXT, "the appealing agent"),
    _c("kind", TEXT, "void_record or adjust_score"),
    _c("is_applied", BOOLEAN, "the appeal took effect"),
    _c(
        "reason",
        TEXT,
        "null when applied; else rejected, pending, month_mismatch, late, "
        "record_not_found or agent_mismatch",
        null=True,
    ),
    _c(
        "deadline_on",
        DATE,
        "last on-time filing day: the window's last working day after feedback_on",
        null=True,
    ),
    _c("record_type", TEXT, "void_record: the type of the record named, as read", null=True),
    _c("record_id", TEXT, "void_record: the id of the record named, as read", null=True),
    _c("score_delta", sa.Numeric(6, 2), "adjust_score: the points asked for, as read", null=True),
    _c("decided_by", TEXT, "who decided the appeal, as read", null=True),
    _c("decided_on", DATE, "when it was decided, as read", null=True),
)

KPI_PAYROLL_ADJUSTMENT = _table(
    "kpi_payroll_adjustment",
    "bonus changes between published versions, for payroll to pay or recover later. "
    "Grain: one row per changed bonus.",
    _c("month_start", DATE, "the month the bonus is for", key=True),
    _c("agent_id", TEXT, "the agent", key=True),
    _c("agent_name", TEXT, "the agent's name in the newer version (or the older when gone)"),
    _c("store_id", TEXT, "the agent's store"),
    _c("from_version", INTEGER, "the version payroll knew"),
    _c("to_version", INTEGER, "the version now current", key=True),
    _c("bonus_before", sa.Numeric(12, 2), "bonus in from_version (0 when absent)"),
    _c("bonus_after", sa.Numeric(12, 2), "bonus in to_version (0 when absent)"),
    _c(
        "delta",
        sa.Numeric(12, 2),
        "bonus_after - bonus_before: to pay when positive, to recover when negative",
    ),
    _c("currency", TEXT, "the scheme's currency"),
    _c("run_id", TEXT, "the run that published to_version"),
    _c("created_at", TIMESTAMP, "when it was recorded (UTC)"),
    _c("export_id", TEXT, "the payroll export that carried it; null until exported", null=True),
)

KPI_PAYROLL_EXPORT = _table(
    "kpi_payroll_export",
    "the payroll files handed over. Grain: one row per payroll export; the first export of "
    "a month freezes its version, a later one reproduces that file.",
    _c("export_id", TEXT, "identifier of the export", key=True),
    _c("month_start", DATE, "the month exported"),
    _c("version", INTEGER, "the month's version paid, frozen by its first export"),
    _c("created_at", TIMESTAMP, "when it was made (UTC)"),
    _c("file_name", TEXT, "the file written"),
    _c("bonus_total", sa.Numeric(14, 2), "sum of the month's bonuses in the file"),
    _c("adjustment_total", sa.Numeric(14, 2), "sum of the adjustments the file carries"),
    _c(
        "original_export_id",
        TEXT,
        "the month's first export, whose file this one reproduces; null for the first export",
        null=True,
    ),
    indexes=(
        ("kpi_payroll_export_by_month", ("month_start",), False),
        # One first export (the freeze) per month.
        ("kpi_payroll_export_first", ("month_start",), True, "original_export_id IS NULL"),
    ),
)

KPI_ROSTER_MONTHLY = _table(
    "kpi_roster_monthly",
    "the roster a version was scored with. Grain: one row per (month_start, agent_id, "
    "version), every roster row, active in the period or not.",
    *_month_columns("first day of the month"),
    _c("agent_id", TEXT, "agent (客服工号)", key=True),
    _c("version", INTEGER, "version of the month (see kpi_agent_monthly)", key=True),
    _c("is_current", BOOLEAN, "true on the version BI uses"),
    _c("run_id", TEXT, "the run that read the roster"),
    _c("agent_name", TEXT, "name as on the roster"),
    _c("store_id", TEXT, "store as on the roster"),
    _c("team_id", TEXT, "team as on the roster; the store_id when the roster has none"),
    _c("hired_on", DATE, "hiring date as on the roster", null=True),
    _c("left_on", DATE, "leaving date as on the roster", null=True),
    _c("is_active", BOOLEAN, "active in the month's evaluation period (gets a scorecard)"),
)

KPI_PAYROLL_APPROVAL = _table(
    "kpi_payroll_approval",
    "sign-offs of a month's version for payroll (kpi approve); rows are only ever added. "
    "Grain: one row per (month_start, version) approved.",
    _c("month_start", DATE, "the month approved", key=True),
    _c(
        "version", INTEGER, "the version approved (the month's current one when approved)", key=True
    ),
    _c("run_id", TEXT, "the run that published that version"),
    _c("approved_by", TEXT, "who signed it off"),
    _c("approved_at", TIMESTAMP, "when (UTC)"),
    _c("note", TEXT, "what the approver wrote", null=True),
)

KPI_STALE_MONTH = _table(
    "kpi_stale_month",
    "whether a publish left each later published month stale: what the later month reads "
    "from earlier months (warned months, completeness baseline, where its period starts) "
    "changed since its current version, so a run of it would publish. Grain: one row per "
    "(later month, run that judged it).",
    _c("month_start", DATE, "the later month judged", key=True),
    _c("run_id", TEXT, "the run whose publish of an earlier month judged it", key=True),
    _c(
        "found_at",
        TIMESTAMP,
        "when (UTC); a judgement counts while the month's current version was published "
        "before it, and the latest one counts",
    ),
    _c(
        "is_stale",
        BOOLEAN,
        "the judgement: stale (true), or no longer stale because the change was undone (false)",
    ),
)

KPI_COMPLETENESS = _table(
    "kpi_completeness",
    "each store's exports against its own history (scheme.md 9.3). Grain: one row per "
    "(run, store, export) for every run that judged completeness, published or failed.",
    _c("run_id", TEXT, "the run that judged it", key=True),
    _c("month_start", DATE, "the month run"),
    _c("store_id", TEXT, "the store", key=True),
    _c("source", TEXT, "receptions, surveys or consultations", key=True),
    _c(
        "row_count",
        INTEGER,
        "rows read of the store in that export (receptions by their own store_id, the others "
        "by their agent's store in the month's roster)",
    ),
    _c(
        "baseline_median",
        DOUBLE,
        "median of row_count over the store's baseline months; null without a baseline",
        null=True,
    ),
    _c(
        "baseline_months",
        INTEGER,
        "how many earlier published months (current versions) form the baseline; 0: none, "
        "not judged",
    ),
    _c(
        "volume_share",
        DOUBLE,
        "row_count / baseline_median, a fraction; null without a baseline or with a median of 0",
        null=True,
    ),
    _c(
        "longest_silent_days",
        INTEGER,
        "receptions only: the longest run of consecutive days of the period without a "
        "reception of the store; null for the other exports",
        null=True,
    ),
    _c(
        "is_incomplete",
        BOOLEAN,
        "judged incomplete: volume below min_volume_share of the median, no rows while the "
        "baseline had some, or silent longer than max_silent_days",
    ),
)

KPI_SCHEME = _table(
    "kpi_scheme",
    "the scheme files runs used, as read, so that any version's scheme can be read from "
    "the warehouse. Grain: one row per scheme file content used (a version names one "
    "content: a changed file needs a new version).",
    _c("scheme_version", TEXT, "the file's version, as versions of months name it", key=True),
    _c("sha256", TEXT, "SHA-256 of the file's bytes"),
    _c("effective_from", DATE, "the first month the file applies to"),
    _c("file_name", TEXT, "the file's name when it was first used"),
    _c("content", TEXT, "the file's text as read (YAML)"),
    _c(
        "first_run_id",
        TEXT,
        "the run that first used it (see kpi_run), or that the upgrade found it in",
    ),
    _c("first_used_at", TIMESTAMP, "when that run started (UTC)"),
)

TABLES: tuple[sa.Table, ...] = (
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_REJECTED_ROW,
    KPI_AGENT_MONTHLY,
    KPI_TEAM_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_ROSTER_MONTHLY,
    KPI_PAYROLL_ADJUSTMENT,
    KPI_PAYROLL_APPROVAL,
    KPI_PAYROLL_EXPORT,
    KPI_STALE_MONTH,
    KPI_COMPLETENESS,
    KPI_SCHEME,
)
# The month's result tables: all rows of a version are published (made current) at once.
VERSIONED: tuple[sa.Table, ...] = (
    KPI_AGENT_MONTHLY,
    KPI_TEAM_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_ROSTER_MONTHLY,
)


@dataclass(frozen=True)
class View:
    name: str
    comment: str
    select: str  # the view's SELECT, in SQL that SQLite and PostgreSQL both run;
    # {next_month(X)} stands for the dialect's "the month after X", {year_month(X)} for
    # its "X as YYYY-MM text"
    columns: tuple[sa.Column, ...] = ()  # what it returns, for typed reads, the docs and
    # the column comments BI tools show (a view of a table's columns takes the table's)

    def sql(self, dialect: str) -> str:
        """The SELECT for ``dialect`` (``sqlite`` or ``postgresql``)."""
        return re.sub(
            r"\{(next_month|year_month)\(([^(){}]+)\)\}",
            lambda found: _DIALECT_SQL[dialect][found[1]].format(found[2]),
            self.select,
        )

    def table(self) -> sa.TableClause:
        """The view as a selectable with typed columns."""
        return sa.table(self.name, *(sa.column(c.name, c.type) for c in self.columns))


_DIALECT_SQL = {
    "sqlite": {"next_month": "date({}, '+1 month')", "year_month": "strftime('%Y-%m', {})"},
    "postgresql": {
        "next_month": "CAST({} + INTERVAL '1 month' AS DATE)",
        "year_month": "to_char({}, 'YYYY-MM')",
    },
}

V_MONTH_STATUS = View(
    "v_month_status",
    "where every month of the warehouse stands: published, stale, approved, exported, "
    "payroll adjustments. Grain: one row per month from the first month with a run to the "
    "last, months without a published version between published ones included.",
    """WITH RECURSIVE
published AS (
    SELECT month_start, MAX(version) AS current_version FROM kpi_run
    WHERE status = 'published' GROUP BY month_start),
bounds AS (SELECT MIN(month_start) AS first_month, MAX(month_start) AS last_month FROM kpi_run),
months(month_start) AS (
    SELECT first_month FROM bounds WHERE first_month IS NOT NULL
    UNION ALL
    SELECT {next_month(months.month_start)} FROM months, bounds
    WHERE months.month_start < bounds.last_month),
published_span AS (
    SELECT MIN(month_start) AS first_month, MAX(month_start) AS last_month FROM published),
last_run AS (
    SELECT r.month_start, r.status, COALESCE(r.finished_at, r.started_at) AS at FROM kpi_run r
    WHERE r.run_id = (SELECT x.run_id FROM kpi_run x WHERE x.month_start = r.month_start
                      ORDER BY x.started_at DESC, x.run_id DESC LIMIT 1)),
current_run AS (
    SELECT r.month_start, r.finished_at FROM kpi_run r
    JOIN published p ON p.month_start = r.month_start AND p.current_version = r.version
    WHERE r.status = 'published'),
judged AS (
    SELECT s.month_start, s.found_at, s.is_stale
    FROM kpi_stale_month s
    JOIN current_run c ON c.month_start = s.month_start WHERE s.found_at > c.finished_at),
stale AS (
    -- the latest judgement since the month's current version was published
    SELECT DISTINCT j.month_start FROM judged j
    WHERE j.is_stale AND j.found_at = (
        SELECT MAX(x.found_at) FROM judged x WHERE x.month_start = j.month_start)),
approved AS (
    SELECT month_start, MAX(version) AS approved_version FROM kpi_payroll_approval
    GROUP BY month_start),
exported AS (
    SELECT month_start, version AS exported_version FROM kpi_payroll_export
    WHERE original_export_id IS NULL),
latest_exported AS (SELECT MAX(month_start) AS month_start FROM exported),
carrier AS (
    -- the first month after an exported month that is not exported: its first export
    -- carries the exported month's approved adjustments (none: a month after the latest)
    SELECT e.month_start, MIN(m.month_start) AS carrier_month
    FROM exported e
    JOIN months m ON m.month_start > e.month_start
    LEFT JOIN exported x ON x.month_start = m.month_start
    WHERE x.month_start IS NULL
    GROUP BY e.month_start),
adjustments AS (
    SELECT a.month_start, COUNT(*) AS recorded, COUNT(a.export_id) AS carried,
           COUNT(*) - COUNT(a.export_id) AS waiting,
           -- approving a version approves the adjustments on the way to it
           MAX(CASE WHEN a.export_id IS NULL AND (p.approved_version IS NULL
                    OR p.approved_version < a.to_version) THEN a.to_version END)
               AS waiting_for_approval
    FROM kpi_payroll_adjustment a
    LEFT JOIN approved p ON p.month_start = a.month_start
    GROUP BY a.month_start)
SELECT months.month_start,
       p.current_version,
       lr.status AS last_run_status,
       lr.at AS last_run_at,
       (p.current_version IS NULL AND months.month_start > ps.first_month
        AND months.month_start < ps.last_month) AS is_missing,
       (st.month_start IS NOT NULL) AS is_stale,
       ap.approved_version,
       e.exported_version,
       COALESCE(ad.recorded, 0) AS adjustments_recorded,
       COALESCE(ad.carried, 0) AS adjustments_carried,
       COALESCE(ad.waiting, 0) AS adjustments_waiting,
       CASE WHEN COALESCE(ad.waiting, 0) = 0 THEN NULL
            WHEN ad.waiting_for_approval IS NOT NULL
                THEN 'the approval of version ' || CAST(ad.waiting_for_approval AS TEXT)
            WHEN e.exported_version IS NULL THEN 'the first payroll export of the month'
            WHEN c.carrier_month IS NULL OR c.carrier_month > le.month_start
                THEN 'the first payroll export of a month after '
                     || {year_month(le.month_start)} || ' (the latest exported)'
            ELSE 'the first payroll export of a month from ' || {year_month(c.carrier_month)}
                 || ' on that is not exported yet' END AS carried_by
FROM months
CROSS JOIN published_span ps
CROSS JOIN latest_exported le
LEFT JOIN published p ON p.month_start = months.month_start
LEFT JOIN last_run lr ON lr.month_start = months.month_start
LEFT JOIN stale st ON st.month_start = months.month_start
LEFT JOIN approved ap ON ap.month_start = months.month_start
LEFT JOIN exported e ON e.month_start = months.month_start
LEFT JOIN carrier c ON c.month_start = months.month_start
LEFT JOIN adjustments ad ON ad.month_start = months.month_start""",
    (
        _c("month_start", DATE, "the month"),
        _c("current_version", INTEGER, "its current version; null when never published", null=True),
        _c(
            "last_run_status",
            TEXT,
            "running, published, unchanged or failed: its latest run",
            null=True,
        ),
        _c(
            "last_run_at",
            TIMESTAMP,
            "when its latest run ended (UTC); when it started, while it runs",
            null=True,
        ),
        _c("is_missing", BOOLEAN, "not published while months before and after it are"),
        _c(
            "is_stale",
            BOOLEAN,
            "an earlier month was republished in a way that changes what it reads: run it again",
        ),
        _c("approved_version", INTEGER, "the newest version signed off for payroll", null=True),
        _c("exported_version", INTEGER, "the version its first payroll export froze", null=True),
        _c("adjustments_recorded", INTEGER, "payroll adjustments of the month"),
        _c("adjustments_carried", INTEGER, "of them carried by a payroll export"),
        _c("adjustments_waiting", INTEGER, "of them not carried yet"),
        _c("carried_by", TEXT, "what the waiting ones wait for", null=True),
    ),
)


def _columns_of(table: sa.Table, *names: str) -> tuple[sa.Column, ...]:
    """A table's columns (all, or those named) as a view returns them: one definition of
    each column's type and meaning."""
    return tuple(table.columns) if not names else tuple(table.c[n] for n in names)


_IS_APPROVED = "the version is signed off for payroll (kpi_payroll_approval)"

VIEWS: tuple[View, ...] = (
    View(
        "v_kpi_agent_current",
        "the current scorecard of every agent and month (kpi_agent_monthly where is_current).",
        "SELECT * FROM kpi_agent_monthly WHERE is_current",
        _columns_of(KPI_AGENT_MONTHLY),
    ),
    View(
        "v_kpi_team_current",
        "the current team metrics of every team and month (kpi_team_monthly where is_current).",
        "SELECT * FROM kpi_team_monthly WHERE is_current",
        _columns_of(KPI_TEAM_MONTHLY),
    ),
    View(
        "v_payroll_bonus",
        "what payroll pays: every agent's bonus of the current version of each month, and "
        "whether that version is approved (only approved versions are exported).",
        "SELECT a.month_start, a.agent_id, a.agent_name, a.store_id, a.tier, a.bonus_amount,\n"
        "       a.version, EXISTS (SELECT 1 FROM kpi_payroll_approval p\n"
        "                      WHERE p.month_start = a.month_start AND p.version = a.version)"
        " AS is_approved\n"
        "FROM kpi_agent_monthly a WHERE a.is_current",
        (
            *_columns_of(
                KPI_AGENT_MONTHLY,
                "month_start",
                "agent_id",
                "agent_name",
                "store_id",
                "tier",
                "bonus_amount",
                "version",
            ),
            _c("is_approved", BOOLEAN, _IS_APPROVED),
        ),
    ),
    View(
        "v_payroll_adjustment",
        "bonus changes between versions and what carries them: the payroll export, or 'waiting'.",
        "SELECT a.*, COALESCE(a.export_id, 'waiting') AS carried_by,\n"
        "       EXISTS (SELECT 1 FROM kpi_payroll_approval p\n"
        "               WHERE p.month_start = a.month_start AND p.version >= a.to_version)"
        " AS is_approved\n"
        "FROM kpi_payroll_adjustment a",
        (
            *_columns_of(KPI_PAYROLL_ADJUSTMENT),
            _c("carried_by", TEXT, "the payroll export that carries it, or 'waiting'"),
            _c(
                "is_approved",
                BOOLEAN,
                "the version it leads to, or a later version of its month, is signed off",
            ),
        ),
    ),
    View(
        "v_agent",
        "every agent with their latest roster row (the newest month's current version): "
        "name, store, team, hiring and leaving dates, for BI to label and filter.",
        "SELECT r.agent_id, r.agent_name, r.store_id, r.team_id, r.hired_on, r.left_on,\n"
        "       r.month_start AS as_of_month\n"
        "FROM kpi_roster_monthly r\n"
        "WHERE r.is_current AND r.month_start = (\n"
        "    SELECT MAX(x.month_start) FROM kpi_roster_monthly x\n"
        "    WHERE x.is_current AND x.agent_id = r.agent_id)",
        (
            *_columns_of(
                KPI_ROSTER_MONTHLY,
                "agent_id",
                "agent_name",
                "store_id",
                "team_id",
                "hired_on",
                "left_on",
            ),
            _c("as_of_month", DATE, "the month whose current roster row this is (the newest)"),
        ),
    ),
    V_MONTH_STATUS,
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
VIEWS_BY_NAME = {v.name: v for v in VIEWS}

# The prefix of each metric's points and weight columns (``complaint_points`` …), by the
# scheme's metric key.
METRIC_COLUMN_PREFIXES = {
    "satisfaction": "satisfaction",
    "complaint_rate": "complaint",
    "loyalty": "loyalty",
    "timeliness": "timeliness",
}

# Columns that describe the run, not the computation (added when a version is staged).
RUN_STAMP_COLUMNS = (
    "month_start",
    "period_start_on",
    "period_end_on",
    "version",
    "is_current",
    "run_id",
    "scheme_version",
    "currency",
    "computed_at",
)


def computed_columns(table: sa.Table) -> tuple[str, ...]:
    """The columns of a result table that its transform computes, in table order."""
    return tuple(c.name for c in table.columns if c.name not in RUN_STAMP_COLUMNS)


def polars_dtype(type_: sa.types.TypeEngine) -> pl.DataType:
    """The polars type a column's values are read into."""
    if isinstance(type_, UtcDateTime):
        return pl.Datetime("us", "UTC")
    if isinstance(type_, sa.Numeric) and not isinstance(type_, sa.Float):
        return pl.Decimal(type_.precision, type_.scale)
    for sa_type, dtype in (
        (sa.Boolean, pl.Boolean()),
        (sa.Integer, pl.Int64()),
        (sa.Float, pl.Float64()),
        (sa.Date, pl.Date()),
        (sa.String, pl.String()),
    ):
        if isinstance(type_, sa_type):
            return dtype
    raise TypeError(f"no polars type for {type_!r}")


def polars_schema(columns) -> dict[str, pl.DataType]:
    """``{name: polars type}`` of a table's (or a select's) columns."""
    return {c.name: polars_dtype(c.type) for c in columns}


def output_model(table: sa.Table, *, checks: list) -> object:
    """The pandera model of a published table: its columns, types and nullability from the
    table, its grain (primary key) unique, no other column, plus ``checks``."""
    import pandera.polars as pa

    columns = {c.name: pa.Column(polars_dtype(c.type), nullable=c.nullable) for c in table.columns}
    return pa.DataFrameSchema(
        columns,
        checks=checks,
        unique=[c.name for c in table.primary_key.columns],
        strict=True,
        ordered=True,
        name=table.name,
        description=table.comment,
    )


def _create_table(table: sa.Table, dialect: sa.Dialect) -> str:
    """``CREATE TABLE`` with the table's and every column's comment inside the text (where
    SQLite keeps them: its stored ``CREATE`` statement is all BI tools can show)."""
    lines = [f"    -- {table.name}: {table.comment}"]
    for column in table.columns:
        spec = sa.schema.CreateColumn(column).compile(dialect=dialect)  # type, default, null
        lines.append(f"    {spec}, -- {column.comment}")
    keys = ", ".join(c.name for c in table.primary_key.columns)
    lines.append(f"    PRIMARY KEY ({keys})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n" + "\n".join(lines) + "\n)"


def table_statements(table: sa.Table, dialect: sa.Dialect, *, indexes: bool = True) -> list[str]:
    """The statements that create ``table`` (any table with comments, also an earlier
    layout's) and, with ``indexes``, its indexes."""
    return [_create_table(table, dialect)] + [
        str(sa.schema.CreateIndex(index, if_not_exists=True).compile(dialect=dialect))
        for index in (sorted(table.indexes, key=lambda i: i.name) if indexes else ())
    ]


def comment_statements(table: sa.Table) -> list[str]:
    """PostgreSQL's ``COMMENT ON`` of a table and its columns."""
    return [f"COMMENT ON TABLE {table.name} IS {sql_literal(table.comment)}"] + [
        f"COMMENT ON COLUMN {table.name}.{column.name} IS {sql_literal(column.comment)}"
        for column in table.columns
    ]


def view_statement(view: View, dialect: sa.Dialect) -> str:
    """``CREATE VIEW`` with the view's comment and each column's meaning inside the text
    (SQLite keeps them there, like a table's; PostgreSQL gets `view_comment_statements`
    too)."""
    described = "".join(f"    -- {c.name}: {c.comment}\n" for c in view.columns)
    return (
        f"CREATE VIEW {view.name} AS\n    -- {view.name}: {view.comment}\n{described}"
        f"{view.sql(dialect.name)}"
    )


def view_comment_statements(view: View) -> list[str]:
    """PostgreSQL's ``COMMENT ON`` of a view and its own columns (which BI tools list)."""
    return [f"COMMENT ON VIEW {view.name} IS {sql_literal(view.comment)}"] + [
        f"COMMENT ON COLUMN {view.name}.{column.name} IS {sql_literal(column.comment)}"
        for column in view.columns
    ]


def sql_literal(text: str) -> str:
    """``text`` as an SQL string literal (for DDL, which takes no bound values)."""
    return "'" + text.replace("'", "''") + "'"


def create_statements(name: str, dialect: sa.Dialect) -> list[str]:
    """The statements that create a table (with its indexes) or a view, for ``dialect``."""
    if name in TABLES_BY_NAME:
        return table_statements(TABLES_BY_NAME[name], dialect)
    return [view_statement(VIEWS_BY_NAME[name], dialect)]


def readable_ddl() -> dict[str, str]:
    """``sql/<name>.sql`` of every table and view: the PostgreSQL DDL the pipeline runs
    (SQLite gets the same with its own spelling of the timestamp type)."""
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    return {
        name: ";\n".join(create_statements(name, dialect)) + ";\n"
        for name in [*TABLES_BY_NAME, *VIEWS_BY_NAME]
    }


DOCS_MARKERS = ("<!-- tables: written by python -m schemas.tables -->", "<!-- end of tables -->")


def documented_tables() -> str:
    """The column reference of docs/warehouse.md (between `DOCS_MARKERS`): every table's
    grain and every column's type and meaning, from the same comments BI users see."""
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    lines = []
    for table in TABLES:
        lines += [
            f"### `{table.name}`",
            "",
            table.comment[0].upper() + table.comment[1:],
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        for column in table.columns:
            kind = (
                column.type.compile(dialect)
                .lower()
                .replace("timestamp with time zone", "timestamp (UTC)")
            )
            lines.append(
                f"| `{column.name}` | {kind}{'' if column.nullable else ', not null'} "
                f"| {column.comment} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_generated(root: Path) -> list[Path]:
    """sql/<name>.sql and the column reference of docs/warehouse.md."""
    written = []
    for name, text in readable_ddl().items():
        (root / "sql" / f"{name}.sql").write_text(text, encoding="utf-8")
        written.append(root / "sql" / f"{name}.sql")
    docs = root / "docs" / "warehouse.md"
    start, end = DOCS_MARKERS
    text = docs.read_text(encoding="utf-8")
    head, rest = text.split(start, 1)
    docs.write_text(
        f"{head}{start}\n\n{documented_tables()}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8"
    )
    return [*written, docs]


if __name__ == "__main__":  # python -m schemas.tables: regenerate sql/ and the docs' tables
    for path in write_generated(Path(__file__).resolve().parent.parent):
        print(path)
