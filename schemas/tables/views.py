"""The warehouse's views (`schemas.tables`): SQL both dialects run, with typed and
described columns (a view of a table's columns takes the table's)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from schemas.tables.columns import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INTEGER,
    TEXT,
    TIMESTAMP,
    _c,
)
from schemas.tables.payroll import KPI_PAYROLL_ADJUSTMENT
from schemas.tables.results import (
    GOAL_COLUMNS,
    KPI_AGENT_MONTHLY,
    KPI_IMPROVEMENT_PLAN,
    KPI_ROSTER_MONTHLY,
    KPI_TEAM_MONTHLY,
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

# A goal is reached within 1e-9 of it, as every threshold of the scheme is.
V_IMPROVEMENT_PLAN = View(
    "v_improvement_plan",
    "every plan item of the current versions with its follow-up on the current scorecards "
    "of the months after the interview's month up to its due month: met (reached in any of "
    "them), missed (the due month is published and it never was), open (not reached, the "
    "due month not published yet), no_data (no such month with a value). Grain: one row "
    "per plan item of kpi_improvement_plan's current versions; items without a goal have "
    "a null status.",
    """WITH plan AS (SELECT * FROM kpi_improvement_plan WHERE is_current),
published AS (SELECT DISTINCT month_start FROM kpi_run WHERE status = 'published'),
followed AS (
    SELECT p.month_start, p.row_number, a.month_start AS checked_on,
           CASE p.goal_metric
{goal_cases}
           END AS value,
           p.goal_metric, p.goal_value
    FROM plan p JOIN kpi_agent_monthly a
      ON a.agent_id = p.agent_id AND a.is_current
     AND a.month_start > p.month_start AND a.month_start <= p.due_month_start
    WHERE p.goal_metric IS NOT NULL),
judged AS (
    SELECT f.*, CASE
               WHEN f.value IS NULL THEN 0
               WHEN f.goal_metric = 'complaint_rate' THEN
                   CASE WHEN f.value <= f.goal_value + 1e-9 THEN 1 ELSE 0 END
               ELSE CASE WHEN f.value >= f.goal_value - 1e-9 THEN 1 ELSE 0 END
           END AS reached
    FROM followed f),
summary AS (
    SELECT month_start, row_number, MAX(checked_on) AS checked_month_start,
           MIN(CASE WHEN reached = 1 THEN checked_on END) AS met_month_start,
           COUNT(value) AS value_count
    FROM judged GROUP BY month_start, row_number)
SELECT p.run_id, p.month_start, p.version, p.row_number, p.interview_id, p.agent_id,
       p.interview_on, p.interviewer, p.strengths, p.shortfalls, p.goal_metric,
       p.goal_value, p.due_month_start, p.measure, s.checked_month_start,
       (SELECT j.value FROM judged j WHERE j.month_start = p.month_start
          AND j.row_number = p.row_number AND j.checked_on = s.checked_month_start)
           AS latest_value,
       s.met_month_start,
       CASE WHEN p.goal_metric IS NULL THEN NULL
            WHEN s.met_month_start IS NOT NULL THEN 'met'
            WHEN COALESCE(s.value_count, 0) = 0 THEN 'no_data'
            WHEN p.due_month_start IN (SELECT month_start FROM published) THEN 'missed'
            ELSE 'open'
       END AS status
FROM plan p LEFT JOIN summary s
  ON s.month_start = p.month_start AND s.row_number = p.row_number""".replace(
        "{goal_cases}",
        "\n".join(
            f"               WHEN '{goal}' THEN CAST(a.{column} AS DOUBLE PRECISION)"
            for goal, column in GOAL_COLUMNS.items()
        ),
    ),
    (
        *(c for c in KPI_IMPROVEMENT_PLAN.columns if c.name != "is_current"),
        _c(
            "checked_month_start",
            DATE,
            "the latest month after the interview's, up to the due month, with a current "
            "scorecard of the agent",
            null=True,
        ),
        _c(
            "latest_value",
            DOUBLE,
            "the agent's goal_metric value in checked_month_start (score: the score)",
            null=True,
        ),
        _c(
            "met_month_start",
            DATE,
            "the first such month whose value reaches goal_value (at least; at most for "
            "complaint_rate)",
            null=True,
        ),
        _c("status", TEXT, "met, missed, open or no_data; null without a goal", null=True),
    ),
)

V_TRAINING_NEED = View(
    "v_training_need",
    "the department's training plan (个性化培训计划): how many agents of a store have each "
    "training topic as their improvement topic. Grain: one row per (month_start, store_id, "
    "improvement_topic) of the current scorecards.",
    "SELECT month_start, store_id, improvement_topic, COUNT(*) AS agent_count\n"
    "FROM kpi_agent_monthly WHERE is_current AND improvement_topic IS NOT NULL\n"
    "GROUP BY month_start, store_id, improvement_topic",
    (
        *_columns_of(KPI_AGENT_MONTHLY, "month_start", "store_id", "improvement_topic"),
        _c("agent_count", INTEGER, "current scorecards of the store whose topic it is"),
    ),
)

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
    V_IMPROVEMENT_PLAN,
    V_TRAINING_NEED,
)
