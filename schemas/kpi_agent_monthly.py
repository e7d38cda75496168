"""``kpi_agent_monthly`` as published: an agent's scorecard of a month.

Grain: one row per (month_start, agent_id, version). Columns, types and nullability come
from `schemas.tables`; the checks are the scorecard's invariants (`scheme.md` §1-§4)
that hold whatever the scheme says. What depends on the scheme (tier lines, bonuses) and
on the month as a whole (one row per active agent) is checked by the quality gate.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.scheme import TOLERANCE
from schemas.tables import KPI_AGENT_MONTHLY, METRIC_COLUMN_PREFIXES, output_model


def _rows(name: str, expr: pl.Expr) -> pa.Check:
    """A row-wise invariant: ``expr`` holds on every row."""
    return pa.Check(lambda data: data.lazyframe.select(expr), name=name, error=name)


_scored = pl.col("status") == "scored"
_points = [(pl.col(f"{m}_points"), pl.col(f"{m}_weight")) for m in METRIC_COLUMN_PREFIXES.values()]

CHECKS = [
    _rows(
        "status is scored or insufficient_data",
        pl.col("status").is_in(["scored", "insufficient_data"]),
    ),
    _rows(
        "score, score_before_adjustment and tier are null exactly when insufficient_data",
        (pl.col("score").is_null() == ~_scored)
        & (pl.col("score_before_adjustment").is_null() == ~_scored)
        & (pl.col("tier").is_null() == ~_scored),
    ),
    _rows("score lies in 0..100", pl.col("score").is_between(0, 100).fill_null(True)),
    _rows(
        "an N/A metric has neither points nor weight; points lie within their weight",
        pl.all_horizontal(
            [
                (p.is_null() == w.is_null()) & p.is_between(0, w + TOLERANCE).fill_null(True)
                for p, w in _points
            ]
        ),
    ),
    _rows(
        "a scored agent's effective weights sum to 100",
        (~_scored) | ((pl.sum_horizontal([w.fill_null(0) for _, w in _points]) - 100).abs() < 1e-6),
    ),
    _rows(
        "votes_1..votes_5 add up to survey_count",
        pl.sum_horizontal([pl.col(f"votes_{v}") for v in range(1, 6)]) == pl.col("survey_count"),
    ),
    _rows(
        "counts are not negative; timely and complaint customers within their totals",
        pl.all_horizontal(
            [
                pl.col(c) >= 0
                for c in (
                    "customers_received",
                    "survey_count",
                    "complaint_count",
                    "consultation_count",
                    "first_purchase_customers",
                    "repeat_purchase_customers",
                    "referral_customers",
                )
            ]
        )
        & (pl.col("timely_count") <= pl.col("consultation_count"))
        & (pl.col("complaint_customers") <= pl.col("complaint_count")),
    ),
    _rows(
        "rates lie in their ranges",
        pl.col("satisfaction_avg").is_between(1, 5).fill_null(True)
        & pl.col("timely_rate").is_between(0, 1).fill_null(True)
        & pl.all_horizontal(
            [
                (pl.col(c) >= 0).fill_null(True)
                for c in ("complaint_rate", "repurchase_rate", "referral_rate")
            ]
        ),
    ),
    _rows(
        "a warning counts at least this month; no warning, no count; demotion review "
        "only with a warning",
        ((pl.col("consecutive_months_below_60") >= 1) == pl.col("is_warning"))
        & (~pl.col("is_demotion_review") | pl.col("is_warning")),
    ),
    _rows(
        "insufficient_data earns no bonus and no warning",
        _scored | ((pl.col("bonus_amount") == 0) & ~pl.col("is_warning")),
    ),
    _rows(
        "the evaluation period is set and not empty",
        (pl.col("period_start_on") <= pl.col("period_end_on")).fill_null(False),
    ),
]

KpiAgentMonthly = output_model(KPI_AGENT_MONTHLY, checks=CHECKS)
