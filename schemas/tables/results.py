"""The month's published results (`schemas.tables`): agents' scorecards, teams' metrics,
appeal outcomes and the month's roster; each published as a version of the month."""

from __future__ import annotations

import sqlalchemy as sa

from schemas.tables.columns import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INTEGER,
    TEXT,
    TIMESTAMP,
    _c,
    _month_columns,
    _table,
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
    # Last, where a revision adds it: a new warehouse and an upgraded one have one layout.
    _c(
        "is_recognized",
        BOOLEAN,
        "outstanding performer (表现突出): the scheme's recognition tier or higher for its "
        "number of consecutive months, each judged by its own scheme; null on rows "
        "published before it was recorded",
        null=True,
    ),
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

KPI_IMPROVEMENT_PLAN = _table(
    "kpi_improvement_plan",
    "the improvement plans (改进计划) agreed in the month's feedback interviews (绩效反馈面谈), "
    "as the interviews file of a version's inputs records them. Grain: one row per plan "
    "item (an interview without a measurable item: one row, goal_metric null), per "
    "published version.",
    _c("run_id", TEXT, "the run that read it"),
    _c("month_start", DATE, "the month the interview discussed", key=True),
    _c("version", INTEGER, "the version of the month it belongs to", key=True),
    _c("is_current", BOOLEAN, "true on the month's current version"),
    _c("row_number", INTEGER, "its row in the interviews file (1-based among data rows)", key=True),
    _c("interview_id", TEXT, "the interview's id, as read"),
    _c("agent_id", TEXT, "the agent interviewed"),
    _c("interview_on", DATE, "the day of the interview"),
    _c("interviewer", TEXT, "who held it (the department head), as read"),
    _c("strengths", TEXT, "strengths discussed (优势), as read", null=True),
    _c("shortfalls", TEXT, "shortfalls discussed (不足), as read", null=True),
    _c(
        "goal_metric",
        TEXT,
        "score, satisfaction, complaint_rate, repurchase_rate, referral_rate or timely_rate; "
        "null for an interview without a measurable item",
        null=True,
    ),
    _c(
        "goal_value",
        DOUBLE,
        "the goal in the metric's unit (score 0..100, satisfaction 1..5, rates 0..1): at "
        "least this, at most for complaint_rate",
        null=True,
    ),
    _c("due_month_start", DATE, "the last month the goal may be reached in", null=True),
    _c("measure", TEXT, "what the agent will do (改进措施), as read", null=True),
)

# Each interview goal's metric (kpi_improvement_plan.goal_metric) as a scorecard column
# of kpi_agent_monthly: what its follow-up reads.
GOAL_COLUMNS = {
    "score": "score",
    "satisfaction": "satisfaction_avg",
    "complaint_rate": "complaint_rate",
    "repurchase_rate": "repurchase_rate",
    "referral_rate": "referral_rate",
    "timely_rate": "timely_rate",
}

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
