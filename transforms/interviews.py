"""Feedback interviews (绩效反馈面谈) and the improvement plans they agree (`exports.md`
``interviews``; `warehouse.md` ``kpi_improvement_plan``).

`interview_rules`: the interviews' own rules on top of the contract's, for the
quarantine: a row about another month than the folder's is ``month_mismatch``; an
interview held before the month's period ended is ``invalid_value:interview_on``; a due
month not after the month or more than `MAX_DUE_MONTHS` after it is
``invalid_value:due_month``; a goal outside its metric's unit (score 0..100,
satisfaction 1..5, the rates 0..1) is ``invalid_value:goal_value``; rows of one
interview whose interview columns differ are each ``interview_conflict``. The agent
must be active in the month (``agent_not_active``): the active agents are exactly those
with a scorecard.

`improvement_plan`: the accepted rows as ``kpi_improvement_plan`` holds them. Input
grain: one row per (interview_id, goal_metric) of the month's accepted interviews.
Output grain: the same, in the file's order (``row_number``: the row in the file).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from schemas.contracts import GOAL_METRICS, INTERVIEW_CONFLICT, MONTH_MISMATCH
from schemas.tables import KPI_IMPROVEMENT_PLAN, computed_columns
from transforms.months import month_index
from transforms.periods import Period
from transforms.quarantine import OwnRules, parsed

# A goal is followed up for at most this many months after the interview's month.
MAX_DUE_MONTHS = 6
# kpi_improvement_plan's columns that the interviews give (the run stamps the rest).
PLAN_COLUMNS = computed_columns(KPI_IMPROVEMENT_PLAN)
# What one interview says once, on each of its rows.
INTERVIEW_COLUMNS = ("agent_id", "month", "interview_on", "interviewer", "strengths", "shortfalls")


def _month_number(column: str) -> pl.Expr:
    """A ``YYYY-MM`` column's parsed value as months since year 0 (null when unparsed)."""
    value = pl.col(parsed(column))
    return value.str.slice(0, 4).cast(pl.Int64) * 12 + value.str.slice(5, 2).cast(pl.Int64)


def interview_rules(month_start: date, period: Period) -> OwnRules:
    """The rules of the module doc for the month of ``month_start`` and its ``period``."""
    month = month_index(month_start)
    metric = pl.col(parsed("goal_metric"))
    low = metric.replace_strict({k: v[0] for k, v in GOAL_METRICS.items()}, default=None)
    high = metric.replace_strict({k: v[1] for k, v in GOAL_METRICS.items()}, default=None)
    goal = pl.col(parsed("goal_value"))
    due = _month_number("due_month")
    differs = pl.struct(list(INTERVIEW_COLUMNS)).n_unique().over("interview_id") > 1
    # A row about another month is judged against that month by its own folder: here
    # only the month is wrong, not its dates.
    ours = pl.col(parsed("month")) == f"{month_start:%Y-%m}"
    return OwnRules(
        values={
            "month": (~ours, MONTH_MISMATCH),
            "interview_on": (ours & (pl.col(parsed("interview_on")) < pl.lit(period.end_on)), None),
            "goal_value": (~goal.is_between(low.cast(pl.Float64), high.cast(pl.Float64)), None),
            "due_month": (ours & ((due <= month) | (due > month + MAX_DUE_MONTHS)), None),
        },
        rows=(
            pl.when(pl.col("interview_id").is_not_null() & differs).then(
                pl.lit(INTERVIEW_CONFLICT)
            ),
        ),
    )


def _first_of(month: pl.Expr) -> pl.Expr:
    return (month + "-01").str.to_date("%Y-%m-%d")


def improvement_plan(interviews: pl.LazyFrame) -> pl.LazyFrame:
    """The month's plan items (see module doc), without the run's stamp (run, month,
    version)."""
    return (
        interviews.with_columns(
            pl.col("row_number").cast(pl.Int64),
            _first_of(pl.col("due_month")).alias("due_month_start"),
        )
        .select(PLAN_COLUMNS)
        .sort("row_number")
    )


def followed_up_in(follow_ups: pl.LazyFrame, month_start: date) -> pl.LazyFrame:
    """The plan items a month's statements show (`feedback.md` part 6b): every goal of an
    earlier interview still followed up in ``month_start``, with ``status_in_month`` as
    of that month: ``met`` when first reached in it, ``missed`` when it is the due month
    and the goal was not reached by then, else ``open``. Goals already met before the
    month are left out; so are interviews without a goal.

    ``follow_ups``: ``v_improvement_plan`` rows whose month is before ``month_start`` and
    whose due month is not. Output grain: the same rows, fewer."""
    met = pl.col("met_month_start")
    return follow_ups.filter(
        pl.col("goal_metric").is_not_null(), met.is_null() | (met >= month_start)
    ).with_columns(
        pl.when(met == month_start)
        .then(pl.lit("met"))
        .when(pl.col("due_month_start") == month_start)
        .then(pl.lit("missed"))
        .otherwise(pl.lit("open"))
        .alias("status_in_month")
    )
