"""``kpi_team_monthly`` as published: a team's pooled month, team reward and targets.

Grain: one row per (month_start, store_id, team_id, version). Columns, types and
nullability come from `schemas.tables`; the checks are the invariants of `scheme.md` §5
that hold whatever the scheme says. That team rows add up to their agents' rows is
checked by the quality gate, which sees both tables.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.scheme import TOLERANCE
from schemas.tables import KPI_TEAM_MONTHLY, output_model


def _rows(name: str, expr: pl.Expr) -> pa.Check:
    return pa.Check(lambda data: data.lazyframe.select(expr), name=name, error=name)


CHECKS = [
    _rows("a team has at least one active agent", pl.col("agent_count") >= 1),
    _rows(
        "fractions lie in 0..1",
        pl.all_horizontal(
            [
                pl.col(c).is_between(0, 1).fill_null(True)
                for c in ("satisfaction_pct", "satisfied_share")
            ]
        )
        & (pl.col("complaint_rate") >= 0).fill_null(True),
    ),
    _rows(
        "satisfaction_pct is satisfaction_avg / 5",
        ((pl.col("satisfaction_pct") - pl.col("satisfaction_avg") / 5).abs() < TOLERANCE).fill_null(
            pl.col("satisfaction_pct").is_null() & pl.col("satisfaction_avg").is_null()
        ),
    ),
    _rows(
        "timely consultations within the total",
        pl.col("timely_count") <= pl.col("consultation_count"),
    ),
    _rows(
        "the evaluation period is set and not empty",
        (pl.col("period_start_on") <= pl.col("period_end_on")).fill_null(False),
    ),
]

KpiTeamMonthly = output_model(KPI_TEAM_MONTHLY, checks=CHECKS)
