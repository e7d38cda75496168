"""Team metrics, team reward and department targets (`scheme.md` §5).

Team = (the agent's roster store_id, team_id), a null team_id being the whole store
(already filled by `transforms.roster.active_agents`). Output grain: one row per
(store_id, team_id) with at least one active agent; everything is pooled over the
team's records, so distinct customers are distinct across the team. Consultations come
with their ``is_timely`` (`transforms.timeliness.consultation_timeliness`), the same
verdict the agents' timely counts use.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from schemas.scheme import TOLERANCE, Scheme
from schemas.tables import KPI_TEAM_MONTHLY, computed_columns
from transforms.metrics import is_valid_complaint, ratio

TEAM = ("store_id", "team_id")


def _on_team(frame: pl.LazyFrame, agents: pl.LazyFrame) -> pl.LazyFrame:
    """Records with the agent's roster team (a record's own store_id is informational)."""
    return frame.drop("store_id").join(agents.select("agent_id", *TEAM), on="agent_id")


def _target(value: str, target: float | None, *, at_least: bool) -> pl.Expr:
    if target is None:
        return pl.lit(None, pl.Boolean)
    met = (
        (pl.col(value) >= target - TOLERANCE) if at_least else (pl.col(value) <= target + TOLERANCE)
    )
    return pl.when(pl.col(value).is_not_null()).then(met)


def _team_counts(agents: pl.LazyFrame, records: Mapping[str, pl.LazyFrame]) -> pl.LazyFrame:
    """Per team of active agents: the agents and their receptions', surveys', valid
    complaints' and consultations' counts (null where a team has none of a kind)."""
    active = agents.filter("is_active")
    counts = active.group_by(TEAM).agg(pl.len().cast(pl.Int64).alias("agent_count"))
    receptions = (
        _on_team(records["receptions"], active)
        .group_by(TEAM)
        .agg(pl.col("customer_id").n_unique().alias("customers_received"))
    )
    surveys = (
        _on_team(records["surveys"], active)
        .group_by(TEAM)
        .agg(
            pl.len().alias("survey_count"),
            pl.col("rating").cast(pl.Int64).sum().alias("_rating_sum"),
            (pl.col("rating") >= 4).sum().alias("_satisfied"),
        )
    )
    complaints = (
        _on_team(records["complaints"].filter(is_valid_complaint()), active)
        .group_by(TEAM)
        .agg(
            pl.len().alias("complaint_count"),
            pl.col("customer_id").n_unique().alias("_complaint_customers"),
        )
    )
    consultations = (
        _on_team(records["consultations"], active)
        .group_by(TEAM)
        .agg(pl.len().alias("consultation_count"), pl.col("is_timely").sum().alias("timely_count"))
    )
    joined = counts
    for part in (receptions, surveys, complaints, consultations):
        joined = joined.join(part, on=list(TEAM), how="left")
    return joined


def team_metrics(
    agents: pl.LazyFrame,
    records: Mapping[str, pl.LazyFrame],
    *,
    scheme: Scheme,
) -> pl.LazyFrame:
    joined = _team_counts(agents, records)
    reward, targets = scheme.team_reward, scheme.targets
    return (
        joined.with_columns(
            pl.col(c).fill_null(0).cast(pl.Int64)
            for c in (
                "customers_received",
                "survey_count",
                "_rating_sum",
                "_satisfied",
                "complaint_count",
                "_complaint_customers",
                "consultation_count",
                "timely_count",
            )
        )
        .with_columns(
            ratio("_rating_sum", "survey_count").alias("satisfaction_avg"),
            ratio("_satisfied", "survey_count").alias("satisfied_share"),
            ratio("_complaint_customers", "customers_received").alias("complaint_rate"),
            ratio("timely_count", "consultation_count").alias("_timely_rate"),
        )
        .with_columns((pl.col("satisfaction_avg") / 5).alias("satisfaction_pct"))
        .with_columns(
            (
                (pl.col("survey_count") >= reward.min_surveys)
                & (pl.col("satisfaction_pct") >= reward.min_satisfaction_pct - TOLERANCE)
                & (pl.col("complaint_count") <= reward.max_complaints)
            )
            .fill_null(False)
            .alias("is_team_reward"),
            _target("satisfaction_pct", targets.satisfaction_pct, at_least=True).alias(
                "is_satisfaction_target_met"
            ),
            _target("complaint_rate", targets.complaint_rate, at_least=False).alias(
                "is_complaint_target_met"
            ),
            _target("_timely_rate", targets.timely_rate, at_least=True).alias(
                "is_timeliness_target_met"
            ),
        )
        .select(TEAM_COLUMNS)
        .sort(list(TEAM))
    )


TEAM_COLUMNS = computed_columns(KPI_TEAM_MONTHLY)
