"""The roster rules of `exports.md` (agents): problems that fail the run, and who is active.

The roster is not quarantined: any invalid row fails the month, so these functions
return the problems for the flow to report instead of dropping rows.
"""

from __future__ import annotations

import polars as pl

from transforms.periods import Period
from transforms.quarantine import REASONS, REJECTED, ROW_CLASS, ROW_NUMBER, parsed


def roster_problems(classified: pl.LazyFrame) -> pl.LazyFrame:
    """One row per invalid roster row: ``row_number``, ``agent_id``, ``problem``.

    Input: the classified agents file (`transforms.quarantine.classify`).
    """
    hired, left = pl.col(parsed("hired_on")), pl.col(parsed("left_on"))
    left_before_hired = (left < hired).fill_null(False)
    problem = pl.concat_str(
        [
            pl.when(pl.col(ROW_CLASS) == REJECTED).then(pl.col(REASONS)),
            pl.when(left_before_hired).then(pl.lit("left_on before hired_on")),
        ],
        separator=";",
        ignore_nulls=True,
    )
    return (
        classified.with_columns(problem.alias("problem"))
        .filter(pl.col("problem") != "")
        .select(ROW_NUMBER, "agent_id", "problem")
    )


def active_agents(agents: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    """The accepted roster with ``is_active`` for the month's period and ``team_id`` filled.

    Grain: one row per agent_id. Active: hired on or before the period's last day and
    not left before its first day (missing dates do not limit); the period is the
    calendar month unless the scheme sets ``period.end_day`` (`scheme.md` §9.1). A null
    ``team_id`` means the whole store is the team, stored as the ``store_id``.
    """
    hired, left = pl.col("hired_on"), pl.col("left_on")
    is_active = (hired.is_null() | (hired <= period.end_on)) & (
        left.is_null() | (left >= period.start_on)
    )
    return agents.with_columns(
        pl.coalesce("team_id", "store_id").alias("team_id"),
        is_active.alias("is_active"),
    )
