"""Appeals (绩效申诉, `scheme.md` §6): deadlines, outcomes and their effects.

An appeal is applied when, in this order, its status is ``approved`` (else the status),
its ``month`` is the run's month (else ``month_mismatch``), it was filed by the
``window``-th working day after ``feedback_on`` (else ``late``) and, for
``void_record``, the record is among the month's accepted records of that type (else
``record_not_found``) and is the appealing agent's (else ``agent_mismatch``).

Working days are those of `transforms.workdays` (the mainland-China calendar with 调休,
plus the scheme's extra days; Monday–Friday with a warning for a year without data).

An agent's ``score_adjustment`` is the sum of their applied ``adjust_score`` deltas
clamped to ±`ADJUSTMENT_LIMIT`: a score lies in 0..100, so no adjustment moves it further
and the clamped sum gives the same score as the full one (which the score column could not
hold past 9,999.99). `clamped_adjustments` names the agents whose sum was clamped, for the
run's warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import polars as pl

from schemas.contracts import RECORD_EXPORTS
from transforms.workdays import workday_calendar

# No score moves further than this (scheme.md §2: scores lie in 0..100).
ADJUSTMENT_LIMIT = 100

# Long enough for the longest holiday run (Spring Festival) between feedback and deadline.
_CALENDAR_SLACK_DAYS = 40


def calendar_for(appeals: pl.DataFrame, window: int, **extra) -> tuple[pl.DataFrame, list[str]]:
    """The calendar that covers every appeal's feedback day and deadline, and the warnings
    for the years without holiday data that the deadlines need: the calendar is built with
    slack past the latest feedback day, but only the days from the first feedback day to
    the last deadline are judged, so a year the slack reaches into warns only when a
    deadline does (a November month's appeals never need next year's holidays)."""
    if appeals.is_empty():
        return workday_calendar(date(2000, 1, 1), date(1999, 12, 31))
    first, last = appeals["feedback_on"].min(), appeals["feedback_on"].max()
    calendar, _ = workday_calendar(
        first, last + timedelta(days=window * 2 + _CALENDAR_SLACK_DAYS), **extra
    )
    reach = (
        deadlines(appeals.lazy().select("feedback_on"), calendar, window)
        .select(pl.col("deadline_on").max())
        .collect()
        .item()
    )
    _, warnings = workday_calendar(first, reach or calendar["day"].max(), **extra)
    return calendar, warnings


def deadlines(feedback_on: pl.LazyFrame, calendar: pl.DataFrame, window: int) -> pl.LazyFrame:
    """``deadline_on`` per ``feedback_on``: the ``window``-th working day after it."""
    numbered = (
        calendar.lazy()
        .sort("day")
        .with_columns(pl.col("is_workday").cast(pl.Int32).cum_sum().alias("workday_number"))
    )
    workdays = numbered.filter("is_workday").select(
        pl.col("workday_number").alias("target"), pl.col("day").alias("deadline_on")
    )
    return (
        feedback_on.join(
            numbered.select(pl.col("day").alias("feedback_on"), "workday_number"),
            on="feedback_on",
            how="left",
        )
        .with_columns((pl.col("workday_number") + window).alias("target"))
        .join(workdays, on="target", how="left")
        .drop("workday_number", "target")
    )


def accepted_record_owners(records: Mapping[str, pl.DataFrame]) -> pl.LazyFrame:
    """(record_type, record_id, owner_agent_id) of every accepted record of the month."""
    return pl.concat(
        [
            records[e.name]
            .lazy()
            .select(
                pl.lit(e.record_type).alias("record_type"),
                pl.col(e.id_column).alias("record_id"),
                pl.col("agent_id").alias("owner_agent_id"),
            )
            for e in RECORD_EXPORTS
        ]
    )


def appeal_outcomes(
    appeals: pl.DataFrame,
    records: Mapping[str, pl.DataFrame],
    *,
    month_start: date,
    calendar: pl.DataFrame,
    window: int,
) -> pl.DataFrame:
    """One row per valid appeal: ``appeal_id``, ``agent_id``, ``kind``, ``record_type``,
    ``record_id``, ``score_delta``, ``decided_by``, ``decided_on`` (as read),
    ``is_applied``, ``reason`` (null when applied) and ``deadline_on``, in the appeals
    file's row order."""
    month = f"{month_start:%Y-%m}"
    with_deadline = deadlines(appeals.lazy(), calendar, window)
    joined = with_deadline.join(
        accepted_record_owners(records), on=["record_type", "record_id"], how="left"
    )
    void = pl.col("kind") == "void_record"
    reason = (
        pl.when(pl.col("status") != "approved")
        .then(pl.col("status"))
        .when(pl.col("month") != month)
        .then(pl.lit("month_mismatch"))
        .when(pl.col("filed_on") > pl.col("deadline_on"))
        .then(pl.lit("late"))
        .when(void & pl.col("owner_agent_id").is_null())
        .then(pl.lit("record_not_found"))
        .when(void & (pl.col("owner_agent_id") != pl.col("agent_id")))
        .then(pl.lit("agent_mismatch"))
    )
    return (
        joined.with_columns(reason.alias("reason"))
        .with_columns(pl.col("reason").is_null().alias("is_applied"))
        .sort("row_number")
        .select(
            "appeal_id",
            "agent_id",
            "kind",
            "record_type",
            "record_id",
            "score_delta",
            "decided_by",
            "decided_on",
            "is_applied",
            "reason",
            "deadline_on",
        )
        .collect()
    )


def without_voided(
    records: Mapping[str, pl.DataFrame], outcomes: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """The month's records less those removed by applied ``void_record`` appeals."""
    voided = outcomes.filter(pl.col("is_applied") & (pl.col("kind") == "void_record"))
    out = dict(records)
    for export in RECORD_EXPORTS:
        ids = voided.filter(pl.col("record_type") == export.record_type)["record_id"]
        if ids.len():
            out[export.name] = records[export.name].filter(
                ~pl.col(export.id_column).is_in(ids.implode())
            )
    return out


def _filed_adjustments(outcomes: pl.DataFrame) -> pl.DataFrame:
    """``agent_id``, ``filed`` (the sum of applied ``adjust_score`` deltas, as filed) and
    ``appeal_ids`` (the appeals it adds up, in file order)."""
    return (
        outcomes.filter(pl.col("is_applied") & (pl.col("kind") == "adjust_score"))
        .group_by("agent_id", maintain_order=True)
        .agg(pl.col("score_delta").sum().alias("filed"), pl.col("appeal_id").alias("appeal_ids"))
    )


def score_adjustments(outcomes: pl.DataFrame) -> pl.DataFrame:
    """``agent_id``, ``score_adjustment``: the sum of applied ``adjust_score`` deltas,
    clamped to ±`ADJUSTMENT_LIMIT`."""
    return _filed_adjustments(outcomes).select(
        "agent_id",
        pl.col("filed").clip(-ADJUSTMENT_LIMIT, ADJUSTMENT_LIMIT).alias("score_adjustment"),
    )


def clamped_adjustments(outcomes: pl.DataFrame) -> pl.DataFrame:
    """The agents whose applied adjustments add up past ±`ADJUSTMENT_LIMIT`: ``agent_id``,
    ``filed`` (the sum as filed), ``score_adjustment`` (as stored) and ``appeal_ids``."""
    return (
        _filed_adjustments(outcomes)
        .filter(pl.col("filed").abs() > ADJUSTMENT_LIMIT)
        .with_columns(
            pl.col("filed").clip(-ADJUSTMENT_LIMIT, ADJUSTMENT_LIMIT).alias("score_adjustment")
        )
        .sort("agent_id")
    )


def clamp_warnings(outcomes: pl.DataFrame) -> list[str]:
    """One run-log warning per agent of `clamped_adjustments`."""
    return [
        f"agent {row['agent_id']}: the applied adjust_score appeals "
        f"{', '.join(row['appeal_ids'])} add up to {row['filed']:+.2f} points; stored as a "
        f"score_adjustment of {row['score_adjustment']:+.2f} (a score lies in 0..100, so no "
        "adjustment moves it further: the score is the same)"
        for row in clamped_adjustments(outcomes).iter_rows(named=True)
    ]
